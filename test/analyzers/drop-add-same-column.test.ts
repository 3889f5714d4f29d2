import { describe, expect, it } from 'vitest';
import { dropAddSameColumn } from '../../analyzers/drop-add-same-column.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('drop-add-same-column', () => {
  it('errs: the values are lost; MODIFY keeps them', () => {
    const [f] = expectFindings(dropAddSameColumn, 'ALTER TABLE orders DROP COLUMN amount, ADD COLUMN amount BIGINT NULL', withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/orders\.amount is dropped and added again in the same statement: every stored value of amount is lost/);
    expect(f!.alternatives[0]!.sql[0]).toBe('ALTER TABLE `orders` MODIFY COLUMN `amount` BIGINT NULL');
  });

  it('accepts dropping one column and adding another', () => {
    expectNoFindings(dropAddSameColumn, 'ALTER TABLE orders DROP COLUMN amount, ADD COLUMN total BIGINT NULL', withOrders());
  });
});
