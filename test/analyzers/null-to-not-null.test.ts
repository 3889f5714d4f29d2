import { describe, expect, it } from 'vitest';
import { nullToNotNull } from '../../analyzers/null-to-not-null.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('null-to-not-null', () => {
  it('errs on a big table and proposes a batched backfill before tightening', () => {
    const [f] = expectFindings(nullToNotNull, 'ALTER TABLE orders MODIFY amount INT NOT NULL', withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/orders\.amount becomes NOT NULL for about 2,000,000 rows\. On MySQL 8\.4 it runs with INPLACE, rebuilds the whole table/);
    const plan = f!.alternatives[0]!;
    expect(plan.kind).toBe('expand-contract');
    expect(plan.sql[0]).toBe('UPDATE `orders` SET `amount` = 0 WHERE `id` >= 1 AND `id` < 10001 AND `amount` IS NULL;');
    expect(plan.sql).toContain('SELECT COUNT(*) FROM `orders` WHERE `amount` IS NULL;  -- expect 0');
    expect(plan.sql.at(-1)).toBe('ALTER TABLE `orders` MODIFY COLUMN `amount` INT NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;');
  });

  it('is a warning at medium size and uses the new default as fill value', () => {
    const [f] = expectFindings(nullToNotNull, "ALTER TABLE orders MODIFY note VARCHAR(50) NOT NULL DEFAULT 'none'", withOrders(100_000));
    expect(f!.severity).toBe('warning');
    expect(f!.alternatives[0]!.sql[0]).toMatch(/SET `note` = 'none'/);
  });

  it('ignores columns that were already NOT NULL', () => {
    expectNoFindings(nullToNotNull, 'ALTER TABLE orders MODIFY customer_id INT NOT NULL', withOrders());
    expectNoFindings(nullToNotNull, 'ALTER TABLE orders MODIFY amount INT NULL', withOrders());
  });
});
