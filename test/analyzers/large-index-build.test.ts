import { describe, expect, it } from 'vitest';
import { largeIndexBuild } from '../../analyzers/large-index-build.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('large-index-build', () => {
  it('warns about an online index build on a table above the large-table threshold', () => {
    const [f] = expectFindings(largeIndexBuild, 'CREATE INDEX idx_amount ON orders (amount)', withOrders(5_000_000, {}, 'mysql:8.4'));
    expect(f!.severity).toBe('warning');
    expect(f!.message).toMatch(/Index idx_amount on orders is built over about 5,000,000 rows\..*innodb_online_alter_log_max_size/);
    expect(f!.alternatives[0]!.sql).toEqual(['CREATE INDEX idx_amount ON orders (amount) ALGORITHM=INPLACE LOCK=NONE']);
    expect(f!.alternatives[1]!.sql[0]).toMatch(/^pt-online-schema-change --alter 'ADD INDEX `idx_amount` \(`amount`\)'/);
  });

  it('stays silent below the threshold and without sizes', () => {
    expectNoFindings(largeIndexBuild, 'ALTER TABLE orders ADD INDEX idx_amount (amount)', withOrders(400_000, {}, 'mysql:8.4'));
    expectNoFindings(largeIndexBuild, 'ALTER TABLE orders ADD INDEX idx_amount (amount)', { server: 'mysql:8.4' });
  });
});
