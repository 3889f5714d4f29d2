import { describe, expect, it } from 'vitest';
import { partitioningChange } from '../../analyzers/partitioning-change.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('partitioning-change', () => {
  it('errs on PARTITION BY: a full copy with writes blocked on MySQL', () => {
    const [f] = expectFindings(partitioningChange, 'ALTER TABLE orders PARTITION BY HASH (id) PARTITIONS 8', withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/PARTITION BY on orders copies the whole table for about 2,000,000 rows\. On MySQL 8\.4 it runs with COPY/);
    expect(f!.alternatives[0]!.sql[0]).toMatch(/^pt-online-schema-change --alter 'PARTITION BY HASH \(id\) PARTITIONS 8'/);
  });

  it('MariaDB 11.4 can partition with an online copy', () => {
    const [f] = expectFindings(partitioningChange, 'ALTER TABLE orders REMOVE PARTITIONING', withOrders(2_000_000, {}, 'mariadb:11.4'));
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `orders` REMOVE PARTITIONING, ALGORITHM=COPY, LOCK=NONE']);
  });

  it('ignores partition rotation (ADD/DROP PARTITION)', () => {
    expectNoFindings(partitioningChange, "ALTER TABLE orders ADD PARTITION (PARTITION p9 VALUES LESS THAN (900))", withOrders(2_000_000, {}, 'mysql:8.4'));
  });
});
