// The shadow: a uniquely named scratch database, either on a server the user names (--shadow URL)
// or on a private throwaway server drydock starts (--shadow auto). It is always removed, it is
// never the target, and differences from the target that change lock behaviour are reported.
import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import type mysql from 'mysql2/promise';
import { connect, detectServer, formatServerUrl, parseServerUrl, quoteId, redactUrl, type Connection, type ServerUrl } from '../db/connection.js';
import type { Flavor, ServerVersion } from '../db/capabilities/types.js';
import { ShadowError } from '../errors.js';
import { registerCleanup } from './cleanup.js';
import { startPrivateServer, type PrivateServer } from './server.js';

/** Server settings that change how DDL and DML behave or how long they take. */
export interface ServerSettings {
  readonly version: ServerVersion;
  readonly bufferPoolBytes: number | null;
  readonly redoLogBytes: number | null;
  readonly flushLogAtTrxCommit: number | null;
  readonly doublewrite: boolean | null;
  readonly binlog: boolean | null;
  readonly syncBinlog: number | null;
  readonly binlogFormat: string | null;
  readonly sqlMode: string | null;
  readonly characterSet: string | null;
  readonly collation: string | null;
}

/** What identifies a running server, beyond the address used to reach it. */
export interface ServerIdentity {
  readonly serverUuid: string | null;
  readonly hostname: string | null;
  readonly port: number | null;
  readonly datadir: string | null;
}

export interface ShadowOptions {
  /** `auto` starts a private server; otherwise a server URL where a scratch database is made. */
  readonly shadow: 'auto' | string;
  /** The target (read-only use: identity, version and settings). */
  readonly target?: string | null;
  /** Flavor to prefer for `auto` when there is no target (e.g. from --server). */
  readonly flavor?: Flavor | null;
  /** Allow a scratch database on the target's own server (a different database). Default false. */
  readonly allowTargetServer?: boolean;
  /** PATH to search for mysqld/mariadbd (default process.env.PATH). */
  readonly searchPath?: string;
}

export interface Shadow {
  /** URL of the scratch database. For a private server it has no password; never print a user's URL unredacted. */
  readonly url: string;
  readonly database: string;
  readonly kind: 'private' | 'url';
  /** For `auto`: the private server's port, data folder and binary. */
  readonly privateServer: { readonly port: number; readonly dataDir: string; readonly binary: string } | null;
  readonly settings: ServerSettings;
  readonly targetSettings: ServerSettings | null;
  /** Differences from the target and sizing compromises, in words. */
  readonly warnings: readonly string[];
  /** A new connection to the scratch database with the target's sql_mode; the caller ends it. */
  connect(): Promise<Connection>;
  /**
   * A private server that died on its own: how, and the end of its log. Null while it runs, and
   * for a shadow on a URL. `graceMs`: how long to wait for the exit to be noticed (after a refused connection).
   */
  serverExit(graceMs?: number): Promise<string | null>;
  /** After seeding: give a private server the target's durability settings, so timings compare. */
  settle(): Promise<void>;
  /** Drops the scratch database / stops the private server. Safe to call twice. */
  dispose(): Promise<void>;
}

const SCRATCH_PREFIX = 'drydock_shadow_';

/** Creates a shadow, runs `work`, and always disposes of the shadow (also when `work` throws). */
export async function withShadow<T>(options: ShadowOptions, work: (shadow: Shadow) => Promise<T>): Promise<T> {
  const shadow = await createShadow(options);
  try {
    return await work(shadow);
  } finally {
    await shadow.dispose();
  }
}

export async function createShadow(options: ShadowOptions): Promise<Shadow> {
  const target = options.target ? await readTarget(options.target) : null;
  if (options.shadow === 'auto') return privateShadow(options, target);
  return urlShadow(options.shadow, options, target);
}

interface TargetInfo {
  readonly url: ServerUrl;
  readonly identity: ServerIdentity;
  readonly settings: ServerSettings;
  readonly charset: { readonly characterSet: string; readonly collation: string } | null;
}

async function readTarget(targetUrl: string): Promise<TargetInfo> {
  const url = parseServerUrl(targetUrl);
  const conn = await connect(url);
  try {
    await conn.query('SET SESSION TRANSACTION READ ONLY');
    const identity = await serverIdentity(conn);
    const settings = await serverSettings(conn);
    let charset: TargetInfo['charset'] = null;
    if (url.database) {
      const [rows] = await conn.query<mysql.RowDataPacket[]>(
        'SELECT DEFAULT_CHARACTER_SET_NAME AS cs, DEFAULT_COLLATION_NAME AS co FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
        [url.database],
      );
      if (rows[0]) charset = { characterSet: String(rows[0]['cs']), collation: String(rows[0]['co']) };
    }
    return { url, identity, settings, charset };
  } finally {
    await conn.end().catch(() => {});
  }
}

export async function serverIdentity(conn: Connection): Promise<ServerIdentity> {
  const v = async (name: string): Promise<string | null> => {
    try {
      const [rows] = await conn.query<mysql.RowDataPacket[]>(`SELECT @@${name} AS v`);
      const x = rows[0]?.['v'];
      return x === null || x === undefined ? null : String(x);
    } catch {
      return null; // MariaDB has no server_uuid
    }
  };
  const port = await v('port');
  return Object.freeze({ serverUuid: await v('server_uuid'), hostname: await v('hostname'), port: port === null ? null : Number(port), datadir: await v('datadir') });
}

export function sameServer(a: ServerIdentity, b: ServerIdentity): boolean {
  if (a.serverUuid && b.serverUuid) return a.serverUuid === b.serverUuid;
  return a.hostname !== null && a.hostname === b.hostname && a.port === b.port && a.datadir === b.datadir;
}

async function sameAddress(a: ServerUrl, b: ServerUrl): Promise<boolean> {
  if (a.socketPath || b.socketPath) return a.socketPath === b.socketPath;
  if (a.port !== b.port) return false;
  const resolve = async (host: string): Promise<string> => {
    try {
      const { address } = await lookup(host);
      return /^127\.|^::1$|^0\.0\.0\.0$/.test(address) ? 'loopback' : address;
    } catch {
      return host.toLowerCase();
    }
  };
  return (await resolve(a.host)) === (await resolve(b.host));
}

export async function serverSettings(conn: Connection): Promise<ServerSettings> {
  const version = await detectServer(conn);
  const get = async (name: string): Promise<string | null> => {
    try {
      const [rows] = await conn.query<mysql.RowDataPacket[]>(`SELECT @@GLOBAL.${name} AS v`);
      const x = rows[0]?.['v'];
      return x === null || x === undefined ? null : String(x);
    } catch {
      return null;
    }
  };
  const num = (s: string | null): number | null => (s === null || !Number.isFinite(Number(s)) ? null : Number(s));
  const bool = (s: string | null): boolean | null => (s === null ? null : !/^(0|OFF)$/i.test(s));
  let redo = num(await get('innodb_redo_log_capacity'));
  if (redo === null) {
    const size = num(await get('innodb_log_file_size'));
    const files = num(await get('innodb_log_files_in_group')) ?? 1;
    redo = size === null ? null : size * files;
  }
  return Object.freeze({
    version,
    bufferPoolBytes: num(await get('innodb_buffer_pool_size')),
    redoLogBytes: redo,
    flushLogAtTrxCommit: num(await get('innodb_flush_log_at_trx_commit')),
    doublewrite: bool(await get('innodb_doublewrite')),
    binlog: bool(await get('log_bin')),
    syncBinlog: num(await get('sync_binlog')),
    binlogFormat: await get('binlog_format'),
    sqlMode: await get('sql_mode'),
    characterSet: await get('character_set_server'),
    collation: await get('collation_server'),
  });
}

/** Differences between shadow and target that can change what the plan measures. */
export function compareSettings(shadow: ServerSettings, target: ServerSettings): string[] {
  const out: string[] = [];
  const sv = shadow.version;
  const tv = target.version;
  if (sv.flavor !== tv.flavor) {
    out.push(`the shadow runs ${name(sv)} but the target runs ${name(tv)}: lock behaviour and timings may differ; install a ${tv.flavor === 'mysql' ? 'MySQL' : 'MariaDB'} server binary to match`);
  } else if (sv.major !== tv.major || sv.minor !== tv.minor) {
    out.push(`the shadow runs ${name(sv)} but the target runs ${name(tv)}: online DDL support and timings may differ`);
  }
  const mb = (b: number): string => `${Math.round(b / 1048576)} MB`;
  if (shadow.bufferPoolBytes !== null && target.bufferPoolBytes !== null && shadow.bufferPoolBytes < target.bufferPoolBytes * 0.9) {
    out.push(`the shadow's buffer pool is ${mb(shadow.bufferPoolBytes)}, the target's ${mb(target.bufferPoolBytes)}: large-table timings may be slower than on the target`);
  }
  if (shadow.redoLogBytes !== null && target.redoLogBytes !== null && shadow.redoLogBytes < target.redoLogBytes * 0.9) {
    out.push(`the shadow's redo log is ${mb(shadow.redoLogBytes)}, the target's ${mb(target.redoLogBytes)}`);
  }
  if (shadow.flushLogAtTrxCommit !== null && target.flushLogAtTrxCommit !== null && shadow.flushLogAtTrxCommit !== target.flushLogAtTrxCommit) {
    out.push(`innodb_flush_log_at_trx_commit is ${shadow.flushLogAtTrxCommit} on the shadow and ${target.flushLogAtTrxCommit} on the target: commit-heavy work (batched DML) times differ`);
  }
  if (target.binlog === true && shadow.binlog === false) {
    out.push('the target writes a binary log and the shadow does not: DML on the target takes longer than measured');
  } else if (target.binlog === true && shadow.binlog === true && target.syncBinlog !== null && shadow.syncBinlog !== null && (target.syncBinlog === 1) !== (shadow.syncBinlog === 1)) {
    out.push(`sync_binlog is ${shadow.syncBinlog} on the shadow and ${target.syncBinlog} on the target: commit times differ`);
  }
  if (target.doublewrite === true && shadow.doublewrite === false) {
    out.push('the target has the doublewrite buffer on and the shadow off: write-heavy timings are optimistic');
  }
  if (shadow.sqlMode !== null && target.sqlMode !== null && normaliseModes(shadow.sqlMode) !== normaliseModes(target.sqlMode)) {
    out.push(`sql_mode differs (shadow ${shadow.sqlMode || "''"}, target ${target.sqlMode || "''"}): statements may be accepted on one and refused on the other`);
  }
  return out;
}

const name = (v: ServerVersion): string => `${v.flavor === 'mysql' ? 'MySQL' : 'MariaDB'} ${v.major}.${v.minor}.${v.patch}`;
const normaliseModes = (m: string): string => m.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean).sort().join(',');

async function privateShadow(options: ShadowOptions, target: TargetInfo | null): Promise<Shadow> {
  const t = target?.settings ?? null;
  const server = await startPrivateServer({
    flavor: t?.version.flavor ?? options.flavor ?? null,
    ...(options.searchPath !== undefined ? { searchPath: options.searchPath } : {}),
    ...(t?.bufferPoolBytes ? { bufferPoolBytes: t.bufferPoolBytes } : {}),
    ...(t?.redoLogBytes ? { redoLogBytes: t.redoLogBytes } : {}),
    flushLogAtTrxCommit: 0,
    // Every commit on the target also writes (and may sync) its binary log and doublewrite buffer:
    // without them the shadow's DDL and DML are cheaper than the target's.
    ...(t?.doublewrite ? { doublewrite: true } : {}),
    ...(t?.binlog ? { binlog: { syncBinlog: t.syncBinlog ?? 1, format: t.binlogFormat } } : {}),
  });
  try {
    const warnings = [...server.notes];
    const admin = await connect(server.url);
    try {
      // Settings that names may not carry across flavors are applied after start, so an unknown
      // name costs a warning rather than a server that will not start.
      if (t?.sqlMode !== null && t?.sqlMode !== undefined) await setGlobalSqlMode(admin, t.sqlMode, warnings);
      const cs = target?.charset ?? (t?.characterSet ? { characterSet: t.characterSet, collation: t.collation ?? '' } : null);
      if (cs) {
        try {
          await admin.query(`SET GLOBAL character_set_server = ${admin.escape(cs.characterSet)}`);
          if (cs.collation) await admin.query(`SET GLOBAL collation_server = ${admin.escape(cs.collation)}`);
        } catch (error) {
          warnings.push(`the shadow cannot use the target's character set ${cs.characterSet}/${cs.collation}: ${(error as Error).message}`);
        }
      }
      const database = await createScratchDatabase(admin, target?.charset ?? null, warnings);
      const settings = await serverSettings(admin);
      if (t) warnings.push(...compareSettings({ ...settings, flushLogAtTrxCommit: t.flushLogAtTrxCommit }, t));
      const url = formatServerUrl(parseServerUrl(server.url), database);
      return finish({
        kind: 'private',
        url,
        database,
        settings,
        target,
        warnings,
        settle: async () => {
          const c = await connect(server.url);
          try {
            await c.query(`SET GLOBAL innodb_flush_log_at_trx_commit = ${t?.flushLogAtTrxCommit ?? 1}`);
          } finally {
            await c.end().catch(() => {});
          }
        },
        // The whole server goes away with its data folder: no DROP DATABASE needed.
        dispose: () => server.stop(),
        server,
      });
    } finally {
      await admin.end().catch(() => {});
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function urlShadow(shadowUrl: string, options: ShadowOptions, target: TargetInfo | null): Promise<Shadow> {
  const url = parseServerUrl(shadowUrl);
  const admin = await connect(url, { database: null });
  let database: string | null = null;
  try {
    const warnings: string[] = [];
    if (target) {
      const same = sameServer(await serverIdentity(admin), target.identity) || (await sameAddress(url, target.url));
      if (same) {
        if (url.database !== null && target.url.database !== null && url.database.toLowerCase() === target.url.database.toLowerCase()) {
          throw new ShadowError(`--shadow ${redactUrl(shadowUrl)} is the target database itself: point --shadow at another server, or use --shadow auto`);
        }
        if (!options.allowTargetServer) {
          throw new ShadowError(
            `--shadow ${redactUrl(shadowUrl)} is the target's own server: the dry run would load and lock it; point --shadow at another server, or use --shadow auto`,
          );
        }
        warnings.push("the shadow database lives on the target's server: the dry run adds load there");
      }
    }
    database = await createScratchDatabase(admin, target?.charset ?? null, warnings);
    const createdDb = database;
    const drop = async (): Promise<void> => {
      const c = await connect(url, { database: null, connectTimeoutMs: 5000 });
      try {
        // A statement still running in the scratch database (Ctrl-C mid dry run) would hold a
        // metadata lock that DROP DATABASE waits for: end those sessions first (they are ours).
        const [sessions] = await c.query<mysql.RowDataPacket[]>(
          'SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()',
          [createdDb],
        );
        for (const row of sessions) await c.query(`KILL ${Number(row['id'])}`).catch(() => {});
        await c.query(`DROP DATABASE IF EXISTS ${quoteId(createdDb)}`);
      } finally {
        await c.end().catch(() => {});
      }
    };
    const settings = await serverSettings(admin);
    if (target) warnings.push(...compareSettings(settings, target.settings));
    return finish({
      kind: 'url',
      url: formatServerUrl(url, database),
      database,
      settings,
      target,
      warnings,
      settle: async () => {},
      dispose: drop,
      server: null,
    });
  } catch (error) {
    if (database) await admin.query(`DROP DATABASE IF EXISTS ${quoteId(database)}`).catch(() => {});
    throw error;
  } finally {
    await admin.end().catch(() => {});
  }
}

async function createScratchDatabase(admin: Connection, charset: TargetInfo['charset'], warnings: string[]): Promise<string> {
  const database = SCRATCH_PREFIX + randomBytes(6).toString('hex');
  const withCharset = charset ? ` CHARACTER SET ${admin.escape(charset.characterSet)} COLLATE ${admin.escape(charset.collation)}` : '';
  try {
    await admin.query(`CREATE DATABASE ${quoteId(database)}${withCharset}`);
  } catch (error) {
    if (!withCharset) throw new ShadowError(`cannot create the shadow database: ${(error as Error).message}`, { cause: error });
    warnings.push(`the shadow database uses the server's default character set: ${(error as Error).message}`);
    await admin.query(`CREATE DATABASE ${quoteId(database)}`);
  }
  return database;
}

async function setGlobalSqlMode(conn: Connection, sqlMode: string, warnings: string[]): Promise<void> {
  let modes = sqlMode.split(',').map((s) => s.trim()).filter(Boolean);
  const dropped: string[] = [];
  for (;;) {
    try {
      await conn.query(`SET GLOBAL sql_mode = ${conn.escape(modes.join(','))}`);
      break;
    } catch (error) {
      const m = /value of '([^']+)'/.exec((error as Error).message);
      const bad = m?.[1];
      if (!bad || !modes.includes(bad)) {
        warnings.push(`the shadow cannot use the target's sql_mode: ${(error as Error).message}`);
        return;
      }
      dropped.push(bad);
      modes = modes.filter((x) => x !== bad);
    }
  }
  if (dropped.length) warnings.push(`sql_mode ${dropped.join(', ')} does not exist on the shadow's server and was left out`);
}

interface FinishInput {
  readonly kind: Shadow['kind'];
  readonly url: string;
  readonly database: string;
  readonly settings: ServerSettings;
  readonly target: TargetInfo | null;
  readonly warnings: readonly string[];
  readonly settle: () => Promise<void>;
  readonly dispose: () => Promise<void>;
  readonly server: PrivateServer | null;
}

function finish(input: FinishInput): Shadow {
  let disposed: Promise<void> | null = null;
  const unregister = registerCleanup({ async: () => input.dispose() });
  const sqlMode = input.target?.settings.sqlMode ?? null;
  return Object.freeze({
    url: input.url,
    database: input.database,
    kind: input.kind,
    privateServer: input.server ? Object.freeze({ port: input.server.port, dataDir: input.server.dataDir, binary: input.server.binary.path }) : null,
    settings: input.settings,
    targetSettings: input.target?.settings ?? null,
    warnings: Object.freeze([...input.warnings]),
    connect: async () => {
      const conn = await connect(input.url);
      if (sqlMode !== null) await conn.query(`SET SESSION sql_mode = ${conn.escape(sqlMode)}`).catch(() => {});
      return conn;
    },
    serverExit: async (graceMs?: number) => (input.server ? input.server.exitStatus(graceMs) : null),
    settle: input.settle,
    dispose: () => {
      disposed ??= (async () => {
        unregister();
        await input.dispose();
      })();
      return disposed;
    },
  });
}
