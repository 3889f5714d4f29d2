import { describe, expect, it } from 'vitest';
import { dropIndexUsedByForeignKey } from '../../analyzers/drop-index-used-by-foreign-key.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('drop-index-used-by-foreign-key', () => {
  it('errs when the only index of a foreign key is dropped', () => {
    const [f] = expectFindings(dropIndexUsedByForeignKey, 'ALTER TABLE orders DROP INDEX idx_customer', withOrders());
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/Index idx_customer on orders is the only index for foreign key fk_customer \(customer_id\).*ERROR 1553/);
    expect(f!.alternatives[0]!.sql).toEqual([
      'ALTER TABLE `orders` DROP FOREIGN KEY `fk_customer`, DROP INDEX `idx_customer`;  -- if the foreign key should go too',
      'ALTER TABLE `orders` ADD INDEX `idx_customer_fk` (`customer_id`), DROP INDEX `idx_customer`;  -- to keep the foreign key',
    ]);
  });

  it('sees DROP INDEX … ON and the parent side of a foreign key', () => {
    const referencedBy = [{ table: { schema: null, name: 'refunds' }, foreignKey: { name: 'fk_refund_email', columns: ['email'], referencedTable: { schema: null, name: 'orders' }, referencedColumns: ['email'], onDelete: null, onUpdate: null } }];
    const [f] = expectFindings(dropIndexUsedByForeignKey, 'DROP INDEX uq_email ON orders', withOrders(2_000_000, { referencedBy }));
    expect(f!.message).toMatch(/foreign key fk_refund_email of refunds references/);
  });

  it('accepts the drop when another index covers the columns or the FK goes too', () => {
    expectNoFindings(dropIndexUsedByForeignKey, 'ALTER TABLE orders ADD INDEX idx_customer2 (customer_id, amount), DROP INDEX idx_customer', withOrders());
    expectNoFindings(dropIndexUsedByForeignKey, 'ALTER TABLE orders DROP FOREIGN KEY fk_customer, DROP INDEX idx_customer', withOrders());
    expectNoFindings(dropIndexUsedByForeignKey, 'ALTER TABLE orders DROP INDEX uq_email', withOrders());
  });
});
