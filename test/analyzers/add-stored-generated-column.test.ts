import { describe, expect, it } from 'vitest';
import { addStoredGeneratedColumn } from '../../analyzers/add-stored-generated-column.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('add-stored-generated-column', () => {
  it('errs and proposes a VIRTUAL column plus an index', () => {
    const [f] = expectFindings(addStoredGeneratedColumn, 'ALTER TABLE orders ADD COLUMN amount_cents INT AS (amount * 100) STORED', withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/STORED generated column orders\.amount_cents AS \(amount \* 100\) is added/);
    expect(f!.alternatives[0]!.sql).toEqual([
      'ALTER TABLE `orders` ADD COLUMN `amount_cents` INT GENERATED ALWAYS AS (amount * 100) VIRTUAL, ALGORITHM=INSTANT;',
      'ALTER TABLE `orders` ADD INDEX `idx_amount_cents` (`amount_cents`), ALGORITHM=INPLACE, LOCK=NONE;  -- only if queries filter on it',
    ]);
  });

  it('accepts VIRTUAL columns', () => {
    expectNoFindings(addStoredGeneratedColumn, 'ALTER TABLE orders ADD COLUMN amount_cents INT AS (amount * 100) VIRTUAL', withOrders(2_000_000, {}, 'mysql:8.4'));
  });
});
