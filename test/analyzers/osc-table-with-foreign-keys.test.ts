import { describe, expect, it } from 'vitest';
import { oscTableWithForeignKeys } from '../../analyzers/osc-table-with-foreign-keys.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { LOGS, withOrders } from './locking-fixtures.js';

const referencedBy = [{ table: { schema: null, name: 'refunds' }, foreignKey: { name: 'fk_refund_order', columns: ['order_id'], referencedTable: { schema: null, name: 'orders' }, referencedColumns: ['id'], onDelete: null, onUpdate: null } }];

describe('osc-table-with-foreign-keys', () => {
  it('warns and gives a pt-osc command with --alter-foreign-keys-method', () => {
    const [f] = expectFindings(oscTableWithForeignKeys, 'ALTER TABLE orders MODIFY amount BIGINT', withOrders(2_000_000, { referencedBy }, 'mysql:8.4'));
    expect(f!.severity).toBe('warning');
    expect(f!.message).toMatch(/orders has foreign key to customers and is referenced by refunds/);
    expect(f!.alternatives[0]!.sql[0]).toBe(
      `pt-online-schema-change --alter 'MODIFY amount BIGINT' --alter-foreign-keys-method=auto --max-load Threads_running=50 --critical-load Threads_running=200 --set-vars lock_wait_timeout=5 D="$DB",t=orders --execute`,
    );
  });

  it('stays silent for tables without foreign keys and for online changes', () => {
    expectNoFindings(oscTableWithForeignKeys, 'ALTER TABLE logs MODIFY message TEXT', { server: 'mysql:8.4', tables: { logs: { create: LOGS, rows: 2_000_000 } } });
    expectNoFindings(oscTableWithForeignKeys, 'ALTER TABLE orders ADD INDEX idx_amount (amount)', withOrders(2_000_000, { referencedBy }, 'mysql:8.4'));
  });
});
