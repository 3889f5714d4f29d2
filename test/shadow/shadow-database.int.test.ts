// Shadow lifecycle on real servers: scratch databases on a named server, private throwaway
// servers, refusal to use the target, and cleanup after errors and Ctrl-C.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, connect as netConnect, type Server } from 'node:net';
import { delimiter, dirname } from 'node:path';
import { once } from 'node:events';
import type mysql from 'mysql2/promise';
import { expect, it } from 'vitest';
import { connect, formatServerUrl, parseServerUrl } from '../../src/db/connection.js';
import { createShadow, withShadow } from '../../src/shadow/shadow-database.js';
import { describeOnServers } from '../helpers/servers.js';

const serverOnly = (url: string): string => formatServerUrl(parseServerUrl(url), null);

async function databaseExists(conn: mysql.Connection, name: string): Promise<boolean> {
  const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name]);
  return rows.length === 1;
}

async function answers(port: number): Promise<boolean> {
  try {
    const c = await connect(`mysql://root@127.0.0.1:${port}/`, { connectTimeoutMs: 1000 });
    await c.end();
    return true;
  } catch {
    return false;
  }
}

/** A TCP forwarder: the same server behind a different address. */
async function proxyTo(port: number): Promise<{ port: number; server: Server }> {
  const server = createServer((client) => {
    const upstream = netConnect(port, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    const close = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const addr = server.address();
  return { port: typeof addr === 'object' && addr ? addr.port : 0, server };
}

/** PATH for --shadow auto: CI puts MySQL's binaries first via DRYDOCK_TEST_MYSQL_BINDIR. */
function searchPathFor(flavor: 'mysql' | 'mariadb'): { path: string; expected: 'mysql' | 'mariadb' } {
  const bindir = process.env['DRYDOCK_TEST_MYSQL_BINDIR'];
  const path = process.env['PATH'] ?? '';
  if (flavor === 'mysql' && bindir) return { path: bindir + delimiter + path, expected: 'mysql' };
  // Without MySQL binaries the machine's MariaDB is what auto finds.
  return { path, expected: 'mariadb' };
}

describeOnServers('shadow database lifecycle', (db) => {
  it('URL mode creates a uniquely named scratch database and always drops it', async () => {
    const seen: string[] = [];
    const result = await withShadow({ shadow: serverOnly(db().url) }, async (shadow) => {
      seen.push(shadow.database);
      expect(shadow.kind).toBe('url');
      expect(shadow.database).toMatch(/^drydock_shadow_[0-9a-f]{12}$/);
      expect(await databaseExists(db().conn, shadow.database)).toBe(true);
      const c = await shadow.connect();
      await c.query('CREATE TABLE t (id INT PRIMARY KEY)');
      await c.query('INSERT INTO t VALUES (1)');
      await c.end();
      return 42;
    });
    expect(result).toBe(42);
    expect(await databaseExists(db().conn, seen[0]!)).toBe(false);

    await expect(
      withShadow({ shadow: serverOnly(db().url) }, async (shadow) => {
        seen.push(shadow.database);
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(seen[1]).not.toBe(seen[0]);
    expect(await databaseExists(db().conn, seen[1]!)).toBe(false);
  });

  it('drops the scratch database even while a session of the dry run still holds a lock in it', async () => {
    const shadow = await createShadow({ shadow: serverOnly(db().url) });
    const c = await shadow.connect();
    await c.query('CREATE TABLE t (id INT PRIMARY KEY)');
    await c.query('BEGIN');
    await c.query('SELECT * FROM t'); // the open transaction keeps a metadata lock on t
    const t0 = Date.now();
    await shadow.dispose();
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(await databaseExists(db().conn, shadow.database)).toBe(false);
    await c.end().catch(() => {});
  });

  it('refuses a shadow that is the target, by address and by server identity', async () => {
    const count = async (): Promise<number> => {
      const [rows] = await db().conn.query<mysql.RowDataPacket[]>("SELECT COUNT(*) AS n FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'drydock\\_shadow\\_%'");
      return Number(rows[0]!['n']);
    };
    const before = await count();
    await expect(createShadow({ shadow: db().url, target: db().url })).rejects.toThrow(/is the target database itself/);
    await expect(createShadow({ shadow: serverOnly(db().url), target: db().url })).rejects.toThrow(/target's own server/);
    // Behind a forwarder the address differs, but the server (uuid or hostname+port+datadir) is the same.
    const proxy = await proxyTo(parseServerUrl(db().url).port);
    try {
      const viaProxy = formatServerUrl({ ...parseServerUrl(db().url), port: proxy.port }, null);
      await expect(createShadow({ shadow: viaProxy, target: db().url })).rejects.toThrow(/target's own server/);
      // Explicitly allowed: works, with a warning, and still cleans up.
      const shadow = await createShadow({ shadow: viaProxy, target: db().url, allowTargetServer: true });
      expect(shadow.warnings.join('\n')).toMatch(/target's server/);
      await shadow.dispose();
    } finally {
      proxy.server.close();
    }
    expect(await count()).toBe(before);
  });

  it('auto mode starts a private server of the target flavor and removes it, also after an error', async () => {
    const { path, expected } = searchPathFor(db().version.flavor);
    let dataDir = '';
    let port = 0;
    await withShadow({ shadow: 'auto', target: db().url, searchPath: path }, async (shadow) => {
      expect(shadow.kind).toBe('private');
      expect(shadow.settings.version.flavor).toBe(expected);
      dataDir = shadow.privateServer!.dataDir;
      port = shadow.privateServer!.port;
      expect(existsSync(dataDir)).toBe(true);
      if (expected !== db().version.flavor) expect(shadow.warnings.join('\n')).toMatch(/lock behaviour and timings may differ/);
      // Commits cost what they cost on the target: the same binary log (synced alike) and doublewrite buffer.
      const [t] = await db().conn.query<mysql.RowDataPacket[]>('SELECT @@log_bin AS lb, @@sync_binlog AS sb, @@innodb_doublewrite AS dw');
      const probe = await shadow.connect();
      const [sh] = await probe.query<mysql.RowDataPacket[]>('SELECT @@log_bin AS lb, @@sync_binlog AS sb, @@innodb_doublewrite AS dw');
      await probe.end();
      const on = (v: unknown): boolean => !/^(0|OFF)$/i.test(String(v));
      expect(on(sh[0]!['lb'])).toBe(on(t[0]!['lb']));
      if (on(t[0]!['lb'])) expect(Number(sh[0]!['sb'])).toBe(Number(t[0]!['sb']));
      expect(on(sh[0]!['dw'])).toBe(on(t[0]!['dw']));
      expect(shadow.settings.binlog).toBe(on(t[0]!['lb']));
      expect(shadow.warnings.join('\n')).not.toMatch(/binary log|doublewrite|sync_binlog/);
      // Loading is fast until settle() restores the target's durability.
      expect(shadow.settings.flushLogAtTrxCommit).toBe(0);
      const c = await shadow.connect();
      await c.query('CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))');
      await c.query("INSERT INTO t VALUES (1, 'a')");
      const [rows] = await c.query<mysql.RowDataPacket[]>('SELECT @@local_infile AS li, @@bind_address AS ba');
      expect(Number(rows[0]!['li'])).toBe(1);
      expect(String(rows[0]!['ba'])).toBe('127.0.0.1');
      await c.end();
      await shadow.settle();
      const c2 = await shadow.connect();
      const [r2] = await c2.query<mysql.RowDataPacket[]>('SELECT @@GLOBAL.innodb_flush_log_at_trx_commit AS f');
      expect(Number(r2[0]!['f'])).toBe(1);
      await c2.end();
    });
    expect(existsSync(dirname(dataDir))).toBe(false);
    expect(await answers(port)).toBe(false);

    await expect(
      withShadow({ shadow: 'auto', target: db().url, searchPath: path }, async (shadow) => {
        dataDir = shadow.privateServer!.dataDir;
        port = shadow.privateServer!.port;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(existsSync(dirname(dataDir))).toBe(false);
    expect(await answers(port)).toBe(false);
  });

  it('fails clearly when no server binary is on PATH', async () => {
    await expect(createShadow({ shadow: 'auto', searchPath: '/nonexistent' })).rejects.toThrow(/no mysqld or mariadbd found on PATH/);
  });

  it('cleans up on Ctrl-C: the scratch database and the private server go away', async () => {
    const { path } = searchPathFor(db().version.flavor);
    for (const mode of [serverOnly(db().url), 'auto']) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/shadow/hold-shadow.ts', mode, mode === 'auto' ? db().url : '-', path], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const deadline = Date.now() + 60_000;
      while (!out.includes('\n') && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(out, err).toContain('\n');
      const info = JSON.parse(out.split('\n')[0]!) as { database: string; dataDir: string | null; port: number | null };
      if (mode === 'auto') {
        expect(existsSync(info.dataDir!)).toBe(true);
        expect(await answers(info.port!)).toBe(true);
      } else expect(await databaseExists(db().conn, info.database)).toBe(true);
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      const [code] = (await exited) as [number | null];
      expect(code).toBe(130);
      if (mode === 'auto') {
        expect(existsSync(dirname(info.dataDir!))).toBe(false);
        expect(await answers(info.port!)).toBe(false);
      } else expect(await databaseExists(db().conn, info.database)).toBe(false);
    }
  });
});
