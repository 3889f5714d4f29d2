// Proves the capture is what Kysely really sends: the example migrations run through Kysely's
// own MysqlDialect on a real server while every statement the mysql2 connections put on the
// wire is recorded, and the two lists are compared text for text.
import { afterAll, beforeAll, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely, MysqlDialect } from 'kysely';
import { createPool, type Pool, type PoolConnection } from 'mysql2';
import { describeOnServers } from '../helpers/servers.js';
import { parseServerUrl } from '../../src/db/connection.js';
import { captureKyselyQueries, importMigration } from '../../src/migrations/capture-kysely.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const migrationsDir = path.resolve(here, '../../examples/kysely-app/migrations');
const file = (name: string) => path.join(migrationsDir, name);

describeOnServers('Kysely capture matches what Kysely sends', (db) => {
  let pool: Pool;
  let kysely: Kysely<any>;
  const sent: string[] = [];

  beforeAll(() => {
    const url = parseServerUrl(db().url);
    pool = createPool({
      host: url.host,
      port: url.port,
      user: url.user,
      password: url.password,
      ...(url.database ? { database: url.database } : {}),
      ...(url.socketPath ? { socketPath: url.socketPath } : {}),
      connectionLimit: 2,
      timezone: 'Z',
    });
    // Record the statement each query() call sends: mysql2 stores the interpolated text on the command.
    pool.on('connection', (conn: PoolConnection) => {
      const query = conn.query;
      (conn as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: PoolConnection, ...args: unknown[]) {
        const cmd = (query as (...a: unknown[]) => { sql: string }).apply(this, args);
        sent.push(cmd.sql);
        return cmd;
      };
    });
    kysely = new Kysely<any>({ dialect: new MysqlDialect({ pool }) });
  });

  afterAll(async () => {
    await kysely?.destroy();
  });

  async function runForReal(name: string, direction: 'up' | 'down' = 'up'): Promise<string[]> {
    const mod = await importMigration(file(name), name);
    sent.length = 0;
    await (direction === 'up' ? mod.up(kysely) : mod.down!(kysely));
    return [...sent];
  }

  it('captures the schema builder migration exactly', async () => {
    const captured = await captureKyselyQueries(file('001_create_shop.ts'));
    const real = await runForReal('001_create_shop.ts');
    expect(real).toHaveLength(3);
    expect(captured.queries.map((q) => q.text)).toEqual(real);
  });

  it('captures schema builder, sql tag and DML (with a date and a quote) exactly', async () => {
    const captured = await captureKyselyQueries(file('002_order_status.ts'));
    const real = await runForReal('002_order_status.ts');
    expect(real).toHaveLength(6);
    expect(captured.queries.map((q) => q.text)).toEqual(real);
    const [rows] = await db().conn.query('SELECT message FROM audit_log');
    expect(rows).toEqual([{ message: 'orders: status and priority added; legacy orders marked' }]);
  });

  it('captures down(db) exactly', async () => {
    const captured = await captureKyselyQueries(file('002_order_status.ts'), { direction: 'down' });
    const real = await runForReal('002_order_status.ts', 'down');
    expect(captured.queries.map((q) => q.text)).toEqual(real);
    // Put the columns back for the next test.
    await runForReal('002_order_status.ts');
  });

  it('a data-dependent migration sends more than the capture shows, as its flag warns', async () => {
    await db().conn.query("INSERT INTO customers (id, email, vip) VALUES (7, 'a@example.com', 1), (8, 'b@example.com', 1), (9, 'c@example.com', 0)");
    const captured = await captureKyselyQueries(file('003_vip_priority.ts'));
    expect(captured.needsShadowExecution).toBe(true);
    const real = await runForReal('003_vip_priority.ts');
    expect(real).toEqual([
      ...captured.queries.map((q) => q.text),
      'update `orders` set `priority` = 9 where `customer_id` = 7',
      'update `orders` set `priority` = 9 where `customer_id` = 8',
    ]);
  });
});
