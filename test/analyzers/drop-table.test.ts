import { describe, expect, it } from 'vitest';
import { dropTable } from '../../analyzers/drop-table.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('drop-table', () => {
  it('accepts: temporary tables and tables this migration created', () => {
    expectNoFindings(dropTable, 'DROP TEMPORARY TABLE tmp;');
    expectNoFindings(dropTable, 'CREATE TABLE scratch (id INT);\nDROP TABLE scratch;');
  });

  it('reports: DROP TABLE of a 2M-row table is an error with a rename-first plan', () => {
    const [f] = expectFindings(dropTable, 'DROP TABLE orders;', { tables: { orders: { rows: 2_000_000 } } });
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/^DROP TABLE orders deletes the table and every row in it \(orders has about 2,000,000 rows\)/);
    expect(f!.alternatives[0]!.sql).toEqual(['RENAME TABLE `orders` TO `_orders_dropped`;', '-- a later migration, once a release ran without errors about orders:', 'DROP TABLE `_orders_dropped`;']);
  });

  it('reports: every table of a multi-table DROP; size and foreign keys shape the finding', () => {
    const referencedBy = [{ table: { schema: null, name: 'items' }, foreignKey: { name: 'fk', columns: ['order_id'], referencedTable: { schema: null, name: 'orders' }, referencedColumns: ['id'], onDelete: null, onUpdate: null } }];
    const fs = expectFindings(dropTable, 'DROP TABLE IF EXISTS orders, empty_one, unknown_one;', { tables: { orders: { rows: 500, referencedBy }, empty_one: { rows: 0 } } });
    expect(fs.map((f) => [f.table, f.severity])).toEqual([['orders', 'warning'], ['empty_one', 'info'], ['unknown_one', 'error']]);
    expect(fs[0]!.message).toContain('items references it by foreign key');
  });
});
