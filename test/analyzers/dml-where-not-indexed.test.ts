import { describe, expect, it } from 'vitest';
import { dmlWhereNotIndexed } from '../../analyzers/dml-where-not-indexed.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

const ORDERS = {
  create: 'CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, status VARCHAR(10), note TEXT, created_at DATETIME, KEY idx_cust_status (customer_id, status), FULLTEXT KEY ft_note (note))',
  rows: 2_000_000,
};

describe('dml-where-not-indexed', () => {
  it('accepts: WHERE on the primary key or on the leading column of an index', () => {
    expectNoFindings(dmlWhereNotIndexed, 'DELETE FROM orders WHERE id BETWEEN 1 AND 1000;', { tables: { orders: ORDERS } });
    expectNoFindings(dmlWhereNotIndexed, "UPDATE orders SET status = 'x' WHERE customer_id = 7 AND note LIKE 'a%';", { tables: { orders: ORDERS } });
    expectNoFindings(dmlWhereNotIndexed, "CREATE TABLE t (a INT);\nDELETE FROM t WHERE a = 1;");
    expectNoFindings(dmlWhereNotIndexed, "TRUNCATE orders;\nDELETE FROM orders WHERE status = 'x';", { tables: { orders: ORDERS } });
  });

  it('reports: WHERE on the second column of an index only, or on a FULLTEXT-only column, scans and locks the table', () => {
    const [f] = expectFindings(dmlWhereNotIndexed, "DELETE FROM orders WHERE status = 'cancelled';", { tables: { orders: ORDERS } });
    expect(f!.severity).toBe('error');
    expect(f!.column).toBe('status');
    expect(f!.alternatives[0]!.sql[0]).toBe('ALTER TABLE `orders` ADD INDEX `idx_orders_status` (`status`), ALGORITHM=INPLACE, LOCK=NONE;');
    expect(expectFindings(dmlWhereNotIndexed, "UPDATE orders SET status = 'x' WHERE note = 'y';", { tables: { orders: { ...ORDERS, rows: 500 } } })[0]!.severity).toBe('info');
  });

  it('reports: unknown indexes are a warning that says unknown', () => {
    const [f] = expectFindings(dmlWhereNotIndexed, "DELETE FROM orders WHERE status = 'cancelled';");
    expect(f!.severity).toBe('warning');
    expect(f!.message).toMatch(/does not know the indexes of orders.*Unknown — needs approval/);
  });
});
