// Every locking analyzer on odd statements, seven server versions, with and without table facts:
// no crash (analyzer-crashed) and no unfilled {placeholder} in any message.
import { expect, test } from 'vitest';
import { lintSql } from './lint-sql.js';
import { lockingAnalyzers } from '../../analyzers/index-locking.js';
import { ORDERS } from './locking-fixtures.js';
const sqls = [
  'ALTER TABLE orders RENAME TO orders2', 'ALTER TABLE orders ADD SYSTEM VERSIONING', 'ALTER TABLE orders DROP PARTITION p1',
  'ALTER TABLE orders COALESCE PARTITION 2', 'ALTER TABLE orders REORGANIZE PARTITION p0 INTO (PARTITION a VALUES LESS THAN (5), PARTITION b VALUES LESS THAN (10))',
  'ALTER TABLE orders ALTER COLUMN amount SET DEFAULT 5', 'ALTER TABLE orders RENAME COLUMN amount TO total', 'ALTER TABLE orders CHANGE amount total BIGINT FIRST',
  'ALTER TABLE orders DROP FOREIGN KEY fk_customer', 'ALTER TABLE orders DROP CONSTRAINT uq_email', 'ALTER TABLE orders ALGORITHM=INSTANT, ADD COLUMN z INT',
  'ALTER TABLE orders ADD COLUMN IF NOT EXISTS z INT, DROP COLUMN IF EXISTS note', 'ALTER TABLE orders FORCE, ALGORITHM=COPY', 'ALTER TABLE orders WAIT 3 ADD INDEX (note)',
  "ALTER TABLE orders COMMENT = 'x', ENGINE=Aria", 'ALTER TABLE orders ADD COLUMN j JSON NOT NULL', 'ALTER TABLE orders MODIFY status SET(\'a\',\'b\')',
  'ALTER TABLE orders MODIFY note TEXT', 'ALTER TABLE orders MODIFY note CHAR(10)', 'ALTER TABLE orders MODIFY amount DECIMAL(5,2)',
  'CREATE TABLE t2 LIKE orders', 'DROP TABLE orders', 'OPTIMIZE TABLE orders, customers', 'DROP INDEX `PRIMARY` ON orders', 'CREATE INDEX i ON orders ((amount + 1))',
  'ALTER TABLE unknown_t MODIFY x INT', 'ALTER TABLE orders ADD COLUMN s SERIAL', 'ALTER TABLE orders ADD PRIMARY KEY (id)', 'ALTER IGNORE TABLE orders ADD UNIQUE (note)',
  'UPDATE orders SET amount = 1', 'SET SESSION sql_mode = \'\'', 'ALTER TABLE orders ORDER BY amount', 'ALTER TABLE orders DISCARD TABLESPACE',
];
test('no crash, no unfilled placeholder', () => {
  for (const server of ['mysql:5.7', 'mysql:8.0.20', 'mysql:8.4', 'mysql:9.1', 'mariadb:10.6', 'mariadb:10.11', 'mariadb:11.4']) {
    for (const withFacts of [true, false]) {
      for (const sql of sqls) {
        const f = lintSql(sql, lockingAnalyzers, withFacts ? { server, tables: { orders: { create: ORDERS, rows: 2_000_000, totalRowVersions: 60 } } } : { server });
        const bad = f.filter((x) => x.id === 'analyzer-crashed' || /\{\w+\}/.test(x.message));
        expect(bad.map((b) => `${server} ${sql}: ${b.message}`)).toEqual([]);
      }
    }
  }
});
