// Raises the priority of every VIP customer's orders, one customer at a time. Which UPDATEs run
// depends on the rows the SELECT returns, so this SQL cannot be known without the data:
// drydock marks the migration "needs shadow execution" instead of guessing.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const vips = await db.selectFrom('customers').select('id').where('vip', '=', true).execute();
  for (const customer of vips) {
    await db.updateTable('orders').set({ priority: 9 }).where('customer_id', '=', customer.id).execute();
  }
}
