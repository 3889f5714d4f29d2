import { describe, expect, it } from 'vitest';
import { alterRebuildsTable } from '../../analyzers/alter-rebuilds-table.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('alter-rebuilds-table', () => {
  it('errs on a positioned ADD COLUMN that rebuilds a big table on MySQL 8.0.20', () => {
    const [f] = expectFindings(alterRebuildsTable, 'ALTER TABLE orders ADD COLUMN ref INT NULL AFTER id', withOrders(2_000_000, {}, 'mysql:8.0.20'));
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/rebuilds orders for about 2,000,000 rows \(ADD COLUMN ref\)\. On MySQL 8\.0\.20 it runs ALGORITHM=INPLACE: writes continue/);
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `orders` ADD COLUMN ref INT NULL AFTER id, ALGORITHM=INPLACE, LOCK=NONE']);
    expect(f!.alternatives.some((a) => a.kind === 'osc-tool')).toBe(true);
  });

  it('describes the online copy of MariaDB 11.4', () => {
    const [f] = expectFindings(alterRebuildsTable, 'ALTER TABLE orders MODIFY amount BIGINT', withOrders(2_000_000, {}, 'mariadb:11.4'));
    expect(f!.message).toMatch(/online copy \(ALGORITHM=COPY, LOCK=NONE\).*tmpdir/);
  });

  it('is a warning at medium size, and silent for instant changes and blocking ones', () => {
    expect(expectFindings(alterRebuildsTable, 'ALTER TABLE orders ENGINE=InnoDB', withOrders(100_000, {}, 'mysql:8.4'))[0]!.severity).toBe('warning');
    expectNoFindings(alterRebuildsTable, 'ALTER TABLE orders ADD COLUMN ref INT NULL AFTER id', withOrders(2_000_000, {}, 'mysql:8.4'));
    expectNoFindings(alterRebuildsTable, 'ALTER TABLE orders MODIFY amount BIGINT', withOrders(2_000_000, {}, 'mysql:8.4'));
  });
});
