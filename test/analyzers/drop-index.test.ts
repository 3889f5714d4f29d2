import { describe, expect, it } from 'vitest';
import { dropIndex } from '../../analyzers/drop-index.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

const ORDERS = { create: 'CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, at DATETIME, KEY idx_at (at), KEY idx_cust (customer_id), CONSTRAINT fk_cust FOREIGN KEY (customer_id) REFERENCES customers (id))', rows: 100_000 };

describe('drop-index', () => {
  it('accepts: redefining an index in one statement, the primary key, new tables', () => {
    expectNoFindings(dropIndex, 'ALTER TABLE orders DROP INDEX idx_at, ADD INDEX idx_at (at, id);', { tables: { orders: ORDERS } });
    expectNoFindings(dropIndex, 'ALTER TABLE orders DROP INDEX `PRIMARY`;', { tables: { orders: ORDERS } });
    expectNoFindings(dropIndex, 'CREATE TABLE t (a INT, KEY ia (a));\nDROP INDEX ia ON t;');
  });

  it('reports: MySQL 8 gets INVISIBLE first, MariaDB 10.11 gets IGNORED', () => {
    const [f] = expectFindings(dropIndex, 'DROP INDEX idx_at ON orders;', { server: 'mysql:8.0.35', tables: { orders: ORDERS } });
    expect(f!.severity).toBe('warning');
    expect(f!.alternatives[0]!.sql[0]).toBe('ALTER TABLE `orders` ALTER INDEX `idx_at` INVISIBLE;');
    const [g] = expectFindings(dropIndex, 'ALTER TABLE orders DROP INDEX idx_at;', { server: 'mariadb:10.11', tables: { orders: ORDERS } });
    expect(g!.alternatives[0]!.sql[0]).toBe('ALTER TABLE `orders` ALTER INDEX `idx_at` IGNORED;');
    expect(g!.message).toContain('Making it IGNORED first is instant and reversible');
  });

  it('reports: without a way to hide the index (MariaDB 10.5, MySQL 5.7)', () => {
    const [f] = expectFindings(dropIndex, 'ALTER TABLE orders DROP KEY idx_cust;', { server: 'mariadb:10.5', tables: { orders: ORDERS } });
    expect(f!.alternatives).toEqual([]);
    expect(f!.message).toContain('MariaDB before 10.6 cannot hide an index first');
    expect(expectFindings(dropIndex, 'DROP INDEX idx_at ON orders;', { server: 'mysql:5.7.44' })[0]!.alternatives).toEqual([]);
  });
});
