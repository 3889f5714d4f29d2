import { describe, expect, it } from 'vitest';
import { addUniqueIndex } from '../../analyzers/add-unique-index.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('add-unique-index', () => {
  it('warns and gives the duplicate check before an online build', () => {
    const [f] = expectFindings(addUniqueIndex, 'ALTER TABLE orders ADD UNIQUE INDEX uq_note (note)', withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.severity).toBe('warning');
    expect(f!.column).toBe('note');
    expect(f!.message).toMatch(/silently drop the duplicates/);
    expect(f!.alternatives[0]!.sql).toEqual([
      'SELECT `note`, COUNT(*) FROM `orders` GROUP BY `note` HAVING COUNT(*) > 1 LIMIT 10;  -- expect no rows',
      '-- resolve the duplicates and stop the application from creating new ones',
      'ALTER TABLE `orders` ADD UNIQUE INDEX `uq_note` (`note`), ALGORITHM=INPLACE, LOCK=NONE;',
    ]);
  });

  it('handles CREATE UNIQUE INDEX on several columns (NOCOPY on MariaDB)', () => {
    const [f] = expectFindings(addUniqueIndex, 'CREATE UNIQUE INDEX uq_cn ON orders (customer_id, note)', withOrders(2_000_000, {}, 'mariadb:10.11'));
    expect(f!.alternatives[0]!.sql[0]).toBe('SELECT `customer_id`, `note`, COUNT(*) FROM `orders` GROUP BY `customer_id`, `note` HAVING COUNT(*) > 1 LIMIT 10;  -- expect no rows');
    expect(f!.alternatives[0]!.sql[2]).toMatch(/ALGORITHM=NOCOPY, LOCK=NONE;$/);
  });

  it('errs on ALTER IGNORE: MariaDB deletes duplicates silently, MySQL no longer has it', () => {
    const sql = 'ALTER IGNORE TABLE orders ADD UNIQUE INDEX uq_note (note)';
    const [maria] = expectFindings(addUniqueIndex, sql, withOrders(2_000_000, {}, 'mariadb:10.11'));
    expect(maria!.severity).toBe('error');
    expect(maria!.message).toMatch(/keeps the first and silently deletes the others/);
    expect(expectFindings(addUniqueIndex, sql, withOrders(2_000_000, {}, 'mysql:8.4'))[0]!.message).toMatch(/MySQL removed ALTER IGNORE/);
  });

  it('accepts non-unique indexes and empty tables', () => {
    expectNoFindings(addUniqueIndex, 'ALTER TABLE orders ADD INDEX idx_note (note)', withOrders());
    expectNoFindings(addUniqueIndex, 'ALTER TABLE orders ADD UNIQUE INDEX uq_note (note)', withOrders(0));
  });
});
