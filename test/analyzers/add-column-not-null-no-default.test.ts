import { describe, expect, it } from 'vitest';
import { addColumnNotNullNoDefault } from '../../analyzers/add-column-not-null-no-default.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('add-column-not-null-no-default', () => {
  it('warns and proposes an explicit DEFAULT and a nullable-then-backfill plan', () => {
    const [f] = expectFindings(addColumnNotNullNoDefault, 'ALTER TABLE orders ADD COLUMN priority INT NOT NULL', withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.severity).toBe('warning');
    expect(f!.column).toBe('priority');
    expect(f!.message).toMatch(/implicit default 0.*Field 'priority' doesn't have a default value/);
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `orders` ADD COLUMN `priority` INT NOT NULL DEFAULT 0, ALGORITHM=INSTANT']);
    const plan = f!.alternatives[1]!;
    expect(plan.kind).toBe('expand-contract');
    expect(plan.sql[0]).toBe('ALTER TABLE `orders` ADD COLUMN `priority` INT NULL, ALGORITHM=INSTANT;');
    expect(plan.sql.at(-1)).toBe('ALTER TABLE `orders` MODIFY COLUMN `priority` INT NOT NULL DEFAULT 0;');
  });

  it('errs for a DATE column on MySQL (the ALTER fails); warns on MariaDB (rows get 0000-00-00)', () => {
    const sql = 'ALTER TABLE orders ADD COLUMN shipped_on DATE NOT NULL';
    const [mysql] = expectFindings(addColumnNotNullNoDefault, sql, withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(mysql!.severity).toBe('error');
    expect(mysql!.message).toMatch(/fails with "Incorrect date value"/);
    const [maria] = expectFindings(addColumnNotNullNoDefault, sql, withOrders(2_000_000, {}, 'mariadb:10.11'));
    expect(maria!.severity).toBe('warning');
    expect(maria!.message).toMatch(/fills every existing row with the zero date/);
  });

  it('accepts a default, a nullable column, AUTO_INCREMENT and empty tables', () => {
    expectNoFindings(addColumnNotNullNoDefault, 'ALTER TABLE orders ADD COLUMN priority INT NOT NULL DEFAULT 1', withOrders());
    expectNoFindings(addColumnNotNullNoDefault, 'ALTER TABLE orders ADD COLUMN priority INT NULL', withOrders());
    expectNoFindings(addColumnNotNullNoDefault, 'ALTER TABLE orders ADD COLUMN priority INT NOT NULL', withOrders(0));
    expectNoFindings(addColumnNotNullNoDefault, 'CREATE TABLE t (id INT PRIMARY KEY);\nALTER TABLE t ADD COLUMN c INT NOT NULL;');
  });
});
