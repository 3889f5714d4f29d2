// Connections to MySQL/MariaDB servers from URLs. Every connection has connect and read
// bounds, and URLs are only ever shown redacted: passwords never reach output.
import mysql from 'mysql2/promise';
import { ConfigError, ConnectionError } from '../errors.js';
import type { Flavor, ServerVersion } from './capabilities/types.js';

export interface ServerUrl {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string | null;
  readonly socketPath: string | null;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** `mysql://user:pass@host:port/db` (also `mariadb://`); `?socket=/path` for a unix socket. */
export function parseServerUrl(url: string): ServerUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`${redactUrl(url)} is not a server URL: expected mysql://user:password@host:port/database`);
  }
  if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
    throw new ConfigError(`${redactUrl(url)}: unsupported scheme ${parsed.protocol} (use mysql:// or mariadb://)`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  return Object.freeze({
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username || 'root'),
    password: decodeURIComponent(parsed.password),
    database: database === '' ? null : database,
    socketPath: parsed.searchParams.get('socket'),
  });
}

export function formatServerUrl(url: ServerUrl, database: string | null = url.database): string {
  const auth = url.password
    ? `${encodeURIComponent(url.user)}:${encodeURIComponent(url.password)}`
    : encodeURIComponent(url.user);
  const socket = url.socketPath ? `?socket=${encodeURIComponent(url.socketPath)}` : '';
  return `mysql://${auth}@${url.host}:${url.port}/${database ? encodeURIComponent(database) : ''}${socket}`;
}

/** The URL with any password replaced by `***`, safe to print. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
}

/** Replaces every occurrence of secrets in a message (used on server errors before they are shown). */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = redactUrl(text);
  for (const s of secrets) if (s.length > 0) out = out.split(s).join('***');
  return out;
}

export type Connection = mysql.Connection;

export interface ConnectOptions {
  readonly database?: string | null;
  readonly connectTimeoutMs?: number;
  readonly multipleStatements?: boolean;
}

export async function connect(url: string | ServerUrl, options: ConnectOptions = {}): Promise<Connection> {
  const u = typeof url === 'string' ? parseServerUrl(url) : url;
  const database = options.database === undefined ? u.database : options.database;
  try {
    const conn = await mysql.createConnection({
      host: u.host,
      port: u.port,
      user: u.user,
      password: u.password,
      ...(database ? { database } : {}),
      ...(u.socketPath ? { socketPath: u.socketPath } : {}),
      connectTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      multipleStatements: options.multipleStatements ?? false,
      timezone: 'Z',
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: false,
      charset: 'utf8mb4_general_ci',
    });
    // A connection error after connect (server gone) must not crash the process.
    conn.on('error', () => {});
    return conn;
  } catch (error) {
    const where = `${u.user}@${u.host}:${u.port}${database ? '/' + database : ''}`;
    const reason = error instanceof Error ? redactSecrets(error.message, [u.password]) : String(error);
    throw new ConnectionError(`cannot connect to ${where}: ${reason}`, { cause: error });
  }
}

/** Parses `SELECT VERSION()` output into flavor and version numbers. */
export function parseServerVersion(raw: string): ServerVersion {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(raw);
  if (!m) throw new ConnectionError(`cannot understand server version ${JSON.stringify(raw)}`);
  const flavor: Flavor = /mariadb/i.test(raw) ? 'mariadb' : 'mysql';
  return Object.freeze({ flavor, major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), raw });
}

/** `mariadb:10.11`, `mysql:8.0.35`, `mysql:9` → a version (missing parts are the newest we know of). */
export function parseServerSpec(spec: string): ServerVersion {
  const m = /^(mysql|mariadb):(\d+)(?:\.(\d+))?(?:\.(\d+))?$/i.exec(spec.trim());
  if (!m) {
    throw new ConfigError(`--server ${JSON.stringify(spec)} is not a server: use e.g. mysql:8.0, mysql:8.4, mysql:9.1, mariadb:10.11, mariadb:11.4`);
  }
  const flavor = m[1]!.toLowerCase() as Flavor;
  // An unspecified patch level means "a current release of that series".
  return Object.freeze({
    flavor,
    major: Number(m[2]),
    minor: m[3] === undefined ? 0 : Number(m[3]),
    patch: m[4] === undefined ? 99 : Number(m[4]),
    raw: spec,
  });
}

export async function detectServer(conn: Connection): Promise<ServerVersion> {
  const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT VERSION() AS v');
  return parseServerVersion(String(rows[0]?.['v'] ?? ''));
}

export const quoteId = (name: string): string => '`' + name.replace(/`/g, '``') + '`';
export const quoteTable = (t: { schema: string | null; name: string }): string =>
  t.schema ? `${quoteId(t.schema)}.${quoteId(t.name)}` : quoteId(t.name);
