// Adds an order status and a priority, then cleans up old test orders and marks legacy ones.
// It mixes the three ways a Kysely migration produces SQL: the schema builder, the `sql`
// template tag (Kysely's alter builder has no ALGORITHM= clause) and the query builder (DML).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('orders')
    .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('new'))
    .execute();

  await sql`ALTER TABLE ${sql.table('orders')} ADD COLUMN ${sql.ref('priority')} TINYINT NOT NULL DEFAULT 0, ALGORITHM=INSTANT`.execute(db);

  await db.schema.createIndex('idx_orders_status').on('orders').columns(['status', 'created_at']).execute();

  await db
    .deleteFrom('orders')
    .where('created_at', '<', new Date('2020-01-01T00:00:00Z'))
    .where('note', 'in', ['test order', "don't ship"])
    .execute();

  await db.updateTable('orders').set({ status: 'legacy' }).where('id', '<', 1000).execute();

  await db
    .insertInto('audit_log')
    .values({ message: 'orders: status and priority added; legacy orders marked', created_at: sql`NOW()` })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('idx_orders_status').on('orders').execute();
  await db.schema.alterTable('orders').dropColumn('priority').dropColumn('status').execute();
}
