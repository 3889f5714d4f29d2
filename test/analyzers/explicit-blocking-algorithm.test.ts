import { describe, expect, it } from 'vitest';
import { explicitBlockingAlgorithm } from '../../analyzers/explicit-blocking-algorithm.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('explicit-blocking-algorithm', () => {
  it('errs when LOCK=SHARED blocks an index build that could run with LOCK=NONE', () => {
    const [f] = expectFindings(explicitBlockingAlgorithm, 'ALTER TABLE orders ADD INDEX idx_amount (amount), ALGORITHM=INPLACE, LOCK=SHARED', withOrders(2_000_000, {}, 'mysql:8.0.35'));
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/asks for ALGORITHM=INPLACE, LOCK=SHARED, which blocks writes for its whole run for about 2,000,000 rows\. On MySQL 8\.0\.35 the same change can run with ALGORITHM=INPLACE, LOCK=NONE/);
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `orders` ADD INDEX idx_amount (amount), ALGORITHM=INPLACE, LOCK=NONE']);
  });

  it('on MariaDB 11.4 replaces a forced blocking copy with the online copy', () => {
    const [f] = expectFindings(explicitBlockingAlgorithm, 'ALTER TABLE orders MODIFY amount BIGINT, ALGORITHM=COPY, LOCK=SHARED', withOrders(2_000_000, {}, 'mariadb:11.4'));
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `orders` MODIFY amount BIGINT, ALGORITHM=COPY, LOCK=NONE']);
  });

  it('is a note when nothing better exists (type change on MariaDB 10.11)', () => {
    const [f] = expectFindings(explicitBlockingAlgorithm, 'ALTER TABLE orders MODIFY amount BIGINT, ALGORITHM=COPY', withOrders(2_000_000, {}, 'mariadb:10.11'));
    expect(f!.severity).toBe('info');
    expect(f!.alternatives[0]!.kind).toBe('osc-tool');
  });

  it('accepts online clauses and statements without clauses', () => {
    expectNoFindings(explicitBlockingAlgorithm, 'ALTER TABLE orders ADD INDEX idx_amount (amount), ALGORITHM=INPLACE, LOCK=NONE', withOrders());
    expectNoFindings(explicitBlockingAlgorithm, 'ALTER TABLE orders ADD INDEX idx_amount (amount)', withOrders());
  });
});
