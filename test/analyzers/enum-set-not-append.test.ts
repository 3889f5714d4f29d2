import { describe, expect, it } from 'vitest';
import { enumSetNotAppend } from '../../analyzers/enum-set-not-append.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('enum-set-not-append', () => {
  it('errs on a member inserted in the middle and proposes appending it instead', () => {
    const [f] = expectFindings(enumSetNotAppend, "ALTER TABLE orders MODIFY status ENUM('new','held','paid','shipped') NOT NULL DEFAULT 'new'", withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/orders\.status reorders or inserts members before the end/);
    expect(f!.alternatives[0]!.sql).toEqual(["ALTER TABLE `orders` MODIFY COLUMN `status` ENUM('new','paid','shipped','held') NOT NULL DEFAULT 'new', ALGORITHM=INSTANT"]);
  });

  it('names removed members', () => {
    const [f] = expectFindings(enumSetNotAppend, "ALTER TABLE orders MODIFY status ENUM('new','paid') NOT NULL DEFAULT 'new'", withOrders(2_000_000, {}, 'mariadb:10.11'));
    expect(f!.message).toMatch(/loses member 'shipped'.*fail the ALTER in strict mode/);
  });

  it('accepts appending at the end', () => {
    expectNoFindings(enumSetNotAppend, "ALTER TABLE orders MODIFY status ENUM('new','paid','shipped','returned') NOT NULL DEFAULT 'new'", withOrders(2_000_000, {}, 'mysql:8.4'));
    expectNoFindings(enumSetNotAppend, "ALTER TABLE orders MODIFY status ENUM('new','paid','shipped','returned') NOT NULL DEFAULT 'new'", withOrders(2_000_000, {}, 'mariadb:10.11'));
  });
});
