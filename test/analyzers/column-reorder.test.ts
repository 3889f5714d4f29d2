import { describe, expect, it } from 'vitest';
import { columnReorder } from '../../analyzers/column-reorder.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('column-reorder', () => {
  it('MySQL rebuilds the table to move a column', () => {
    const [f] = expectFindings(columnReorder, 'ALTER TABLE orders MODIFY amount INT NULL AFTER note', withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/orders\.amount is moved after note for about 2,000,000 rows\. On MySQL 8\.4 it runs with INPLACE, rebuilds the whole table/);
    expect(f!.alternatives.some((a) => a.kind === 'osc-tool')).toBe(true);
  });

  it('proposes leaving the column in place when the MODIFY also changes something cheap', () => {
    const [f] = expectFindings(columnReorder, 'ALTER TABLE orders MODIFY amount INT NULL DEFAULT 5 FIRST', withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `orders` MODIFY COLUMN `amount` INT NULL DEFAULT 5, ALGORITHM=INSTANT']);
  });

  it('leaves a move inside a rebuild or copy that happens anyway to the other rules', () => {
    expectNoFindings(columnReorder, 'ALTER TABLE orders CHANGE amount total BIGINT NULL FIRST', withOrders(2_000_000, {}, 'mysql:8.4'));
    expectNoFindings(columnReorder, 'ALTER TABLE orders MODIFY amount INT NOT NULL FIRST', withOrders(2_000_000, {}, 'mysql:8.4'));
  });

  it('MariaDB 10.4+ reorders instantly', () => {
    expectNoFindings(columnReorder, 'ALTER TABLE orders MODIFY amount INT NULL AFTER note', withOrders(2_000_000, {}, 'mariadb:10.11'));
    // Already right after customer_id: not a move at all.
    expectNoFindings(columnReorder, 'ALTER TABLE orders MODIFY amount INT NULL AFTER customer_id', withOrders(2_000_000, {}, 'mysql:8.4'));
    expectNoFindings(columnReorder, 'ALTER TABLE orders MODIFY amount INT NULL', withOrders(2_000_000, {}, 'mysql:8.4'));
  });
});
