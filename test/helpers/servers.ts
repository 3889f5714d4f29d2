// Real servers for integration tests. Each test file gets its own throwaway database on every
// configured server and drops it afterwards. With CI set, a server that does not answer fails
// the run; locally it is reported loudly and its tests are skipped.
import { afterAll, beforeAll, describe } from 'vitest';
import { randomBytes } from 'node:crypto';
import { connect, detectServer, formatServerUrl, parseServerUrl, quoteId, type Connection } from '../../src/db/connection.js';
import type { ServerVersion } from '../../src/db/capabilities/types.js';

export interface TestServer {
  readonly name: 'mariadb' | 'mysql';
  readonly url: string;
}

export function configuredServers(): readonly TestServer[] {
  const servers: TestServer[] = [
    { name: 'mariadb', url: process.env['DRYDOCK_TEST_MARIADB_URL'] ?? 'mysql://root@127.0.0.1:3306' },
  ];
  const mysqlUrl = process.env['DRYDOCK_TEST_MYSQL_URL'] ?? (process.env['CI'] ? 'mysql://root@127.0.0.1:3308' : undefined);
  if (mysqlUrl) servers.push({ name: 'mysql', url: mysqlUrl });
  else console.warn('\n*** DRYDOCK_TEST_MYSQL_URL is not set: MySQL integration tests will not run ***\n');
  return servers;
}

export interface TestDatabase {
  readonly server: TestServer;
  readonly version: ServerVersion;
  /** The throwaway database's name. */
  readonly database: string;
  /** URL of the throwaway database. */
  readonly url: string;
  /** A connection to the throwaway database (shared by the file's tests). */
  readonly conn: Connection;
  /** A new connection to the throwaway database; the caller closes it. */
  connect(): Promise<Connection>;
}

const reachable = new Map<string, Promise<boolean>>();
async function isReachable(url: string): Promise<boolean> {
  let p = reachable.get(url);
  if (!p) {
    p = connect(url, { connectTimeoutMs: 3000 })
      .then(async (c) => { await c.end(); return true; })
      .catch(() => false);
    reachable.set(url, p);
  }
  return p;
}

/**
 * Declares a describe block per configured server, each with its own database.
 * `body` receives a getter (the database exists only once beforeAll ran).
 */
export function describeOnServers(title: string, body: (db: () => TestDatabase) => void): void {
  for (const server of configuredServers()) {
    describe(`${title} [${server.name}]`, () => {
      let current: TestDatabase | undefined;
      beforeAll(async () => {
        if (!(await isReachable(server.url))) {
          const msg = `test server ${server.name} at ${server.url} does not answer`;
          if (process.env['CI']) throw new Error(`${msg} (CI requires every configured server)`);
          console.warn(`\n*** ${msg}: its tests fail ***\n`);
          throw new Error(msg);
        }
        const database = `dd_test_${randomBytes(5).toString('hex')}`;
        const admin = await connect(server.url);
        await admin.query(`CREATE DATABASE ${quoteId(database)}`);
        await admin.end();
        const url = formatServerUrl(parseServerUrl(server.url), database);
        const conn = await connect(url);
        const version = await detectServer(conn);
        current = { server, version, database, url, conn, connect: () => connect(url) };
      }, 30_000);
      afterAll(async () => {
        if (!current) return;
        await current.conn.end().catch(() => {});
        const admin = await connect(server.url);
        await admin.query(`DROP DATABASE IF EXISTS ${quoteId(current.database)}`);
        await admin.end();
      }, 60_000);
      body(() => {
        if (!current) throw new Error(`no test database on ${server.name}: beforeAll failed`);
        return current;
      });
    });
  }
}
