import { describe, expect, it } from 'vitest';
import { missingLockWaitTimeout } from '../../analyzers/missing-lock-wait-timeout.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('missing-lock-wait-timeout', () => {
  it('accepts: a short SET SESSION lock_wait_timeout first, MariaDB WAIT n, DDL on new tables only, DML', () => {
    expectNoFindings(missingLockWaitTimeout, 'SET SESSION lock_wait_timeout = 5;\nALTER TABLE orders ADD COLUMN note TEXT;');
    expectNoFindings(missingLockWaitTimeout, 'SET lock_wait_timeout = 3;\nDROP INDEX i ON orders;');
    expectNoFindings(missingLockWaitTimeout, 'ALTER TABLE orders WAIT 5 ADD COLUMN note TEXT;');
    expectNoFindings(missingLockWaitTimeout, 'CREATE TABLE t (id INT PRIMARY KEY);\nALTER TABLE t ADD COLUMN a INT;');
    expectNoFindings(missingLockWaitTimeout, "UPDATE orders SET a = 1 WHERE id = 2;");
  });

  it('reports: the first DDL without the bound, once per migration, with SET SESSION and (MariaDB) WAIT rewrites', () => {
    const fs = expectFindings(missingLockWaitTimeout, 'ALTER TABLE big MODIFY col BIGINT;\nALTER TABLE big ADD INDEX (col);', { server: 'mariadb:10.11' });
    expect(fs).toHaveLength(1);
    expect(fs[0]!.severity).toBe('warning');
    expect(fs[0]!.message).toMatch(/runs DDL on big without first setting a short lock_wait_timeout \(the session default is 86,400 s on MariaDB\)/);
    expect(fs[0]!.message).toContain('One forgotten transaction turns a 2-second ALTER into an outage');
    expect(fs[0]!.alternatives.map((a) => a.sql)).toEqual([
      ['SET SESSION lock_wait_timeout = 5;', 'ALTER TABLE big MODIFY col BIGINT;'],
      ['ALTER TABLE big WAIT 5 MODIFY col BIGINT;'],
    ]);
  });

  it('reports: MySQL default of a year, CREATE TABLE with a foreign key (locks the parent), and a timeout that is too long', () => {
    const [f] = expectFindings(missingLockWaitTimeout, 'CREATE TABLE items (id INT PRIMARY KEY, order_id INT, FOREIGN KEY (order_id) REFERENCES orders (id));', { server: 'mysql:8.0.35' });
    expect(f!.message).toContain('31,536,000 s on MySQL');
    expect(f!.table).toBe('orders');
    expect(f!.alternatives).toHaveLength(1);
    const [g] = expectFindings(missingLockWaitTimeout, 'SET SESSION lock_wait_timeout = 3600;\nTRUNCATE TABLE orders;');
    expect(g!.message).toMatch(/^lock_wait_timeout is 3600 s when this DDL on orders runs/);
  });
});
