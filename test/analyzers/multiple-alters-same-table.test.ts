import { describe, expect, it } from 'vitest';
import { multipleAltersSameTable } from '../../analyzers/multiple-alters-same-table.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('multiple-alters-same-table', () => {
  it('merges two index builds of one table into one statement', () => {
    const sql = 'ALTER TABLE orders ADD INDEX idx_amount (amount);\nCREATE INDEX idx_note ON orders (note);';
    const [f] = expectFindings(multipleAltersSameTable, sql, withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.severity).toBe('warning');
    expect(f!.message).toMatch(/statement 2 changing orders in this migration \(the others start on line 1\)/);
    expect(f!.alternatives[0]!.kind).toBe('combine');
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `orders` ADD INDEX idx_amount (amount), ADD INDEX `idx_note` (`note`);']);
  });

  it('keeps instant changes apart from the rebuild they would otherwise join', () => {
    const sql = 'ALTER TABLE orders ADD COLUMN a INT NULL;\nALTER TABLE orders ADD INDEX idx_amount (amount);\nALTER TABLE orders ADD COLUMN b INT NULL;\nALTER TABLE orders ADD INDEX idx_note (note);';
    const findings = expectFindings(multipleAltersSameTable, sql, withOrders(2_000_000, {}, 'mysql:8.4'));
    const last = findings.at(-1)!;
    expect(last.alternatives[0]!.sql).toEqual([
      'ALTER TABLE `orders` ADD COLUMN a INT NULL, ADD COLUMN b INT NULL;',
      'ALTER TABLE `orders` ADD INDEX idx_amount (amount), ADD INDEX idx_note (note);',
    ]);
    expect(last.alternatives[0]!.notes.join(' ')).toMatch(/instant changes stay in their own statement/);
  });

  it('stays silent for one ALTER per table, and for new tables', () => {
    expectNoFindings(multipleAltersSameTable, 'ALTER TABLE orders ADD INDEX idx_amount (amount);\nALTER TABLE customers ADD INDEX idx_x (x);', withOrders());
    expectNoFindings(multipleAltersSameTable, 'CREATE TABLE t (id INT PRIMARY KEY);\nALTER TABLE t ADD COLUMN a INT;\nALTER TABLE t ADD COLUMN b INT;');
  });
});
