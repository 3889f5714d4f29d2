import { describe, expect, it } from 'vitest';
import { zeroDateDefault } from '../../analyzers/zero-date-default.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('zero-date-default', () => {
  it('errs on MySQL (its default sql_mode rejects the statement) and proposes DEFAULT NULL', () => {
    const [f] = expectFindings(zeroDateDefault, "ALTER TABLE orders ADD COLUMN shipped_on DATE NOT NULL DEFAULT '0000-00-00'", withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/orders\.shipped_on has DEFAULT '0000-00-00'\. .*rejects the statement with "Invalid default value"/);
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `orders` ADD COLUMN `shipped_on` DATE NULL DEFAULT NULL;']);
  });

  it('warns on MariaDB, whose default sql_mode accepts it, unless the migration sets a strict mode', () => {
    const sql = "ALTER TABLE orders ADD COLUMN shipped_on DATE NOT NULL DEFAULT '0000-00-00'";
    const [f] = expectFindings(zeroDateDefault, sql, withOrders(2_000_000, {}, 'mariadb:10.11'));
    expect(f!.severity).toBe('warning');
    expect(f!.message).toMatch(/accepts it/);
    const strict = expectFindings(zeroDateDefault, `SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE';\n${sql};`, withOrders(2_000_000, {}, 'mariadb:10.11'));
    expect(strict[0]!.severity).toBe('error');
  });

  it('also in CREATE TABLE, with a zero datetime', () => {
    const [f] = expectFindings(zeroDateDefault, "CREATE TABLE t (id INT PRIMARY KEY, seen DATETIME NOT NULL DEFAULT '0000-00-00 00:00:00')");
    expect(f!.column).toBe('seen');
  });

  it('accepts real dates and NULL defaults', () => {
    expectNoFindings(zeroDateDefault, "ALTER TABLE orders ADD COLUMN shipped_on DATE NOT NULL DEFAULT '2000-01-01'", withOrders());
    expectNoFindings(zeroDateDefault, 'CREATE TABLE t (id INT PRIMARY KEY, seen DATETIME NULL DEFAULT NULL)');
  });
});
