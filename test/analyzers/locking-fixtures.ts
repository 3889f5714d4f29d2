// Shared table fixtures for the locking analyzer tests: a big table with a primary key, a unique
// key and a foreign key, a latin1 table, and a table without any key.
import type { LintSqlOptions } from './lint-sql.js';

export const ORDERS = `CREATE TABLE orders (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  customer_id INT NOT NULL,
  amount INT NULL,
  note VARCHAR(50) NULL,
  status ENUM('new','paid','shipped') NOT NULL DEFAULT 'new',
  email VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_email (email),
  KEY idx_customer (customer_id),
  CONSTRAINT fk_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`;

export const LOGS = 'CREATE TABLE logs (id INT NOT NULL PRIMARY KEY, message VARCHAR(200)) ENGINE=InnoDB DEFAULT CHARSET=latin1';
export const EVENTS = 'CREATE TABLE events (kind INT, payload TEXT) ENGINE=InnoDB';

/** orders with `rows` rows (default 2,000,000: a large table). */
export function withOrders(rows = 2_000_000, extra: Partial<NonNullable<LintSqlOptions['tables']>[string]> = {}, server?: string): LintSqlOptions {
  return { ...(server ? { server } : {}), tables: { orders: { create: ORDERS, rows, ...extra } } };
}

export const BIG = { create: 'CREATE TABLE big (id INT NOT NULL PRIMARY KEY, col INT NULL)', rows: 1_000_000 };
