// Resizing a private shadow's InnoDB buffer pool while it runs. The dry run shrinks it for one
// measurement, so a statement meets the table-to-pool ratio the target has (see dry-run.ts), and
// then gives it back. Only ever used on a private server: the pool is server-wide.
import { setTimeout as sleep } from 'node:timers/promises';
import type mysql from 'mysql2/promise';
import { quoteId, type Connection } from '../db/connection.js';

/**
 * Chunk size the private server starts with: resizing happens in whole chunks, and the default
 * 128 MiB chunk would round a pool of a few MiB back up to 128 MiB.
 */
export const RESIZE_CHUNK_BYTES = 1024 * 1024;
/** Smallest pool drydock asks for (both servers refuse much less, and a few MiB is disk-bound anyway). */
export const MIN_POOL_BYTES = 8 * 1024 * 1024;

/**
 * Sets innodb_buffer_pool_size and waits until the server has finished resizing (it works in the
 * background). Returns the size the server settled on, which it may have rounded; throws when the
 * resize does not finish within `timeoutMs`.
 */
export async function resizeBufferPool(conn: Connection, bytes: number, timeoutMs = 60_000): Promise<number> {
  await conn.query(`SET GLOBAL innodb_buffer_pool_size = ${Math.round(bytes)}`);
  const deadline = Date.now() + timeoutMs;
  // MariaDB 10.11 resizes within the SET; MySQL starts a background resize before the SET returns
  // and reports it in the status until done (measured on 9.7: withdrawing took about 1 s).
  for (;;) {
    if (!(await resizeInProgress(conn))) return poolBytes(conn);
    if (Date.now() > deadline) throw new Error(`the buffer pool did not finish resizing to ${Math.round(bytes / 1048576)} MiB within ${Math.round(timeoutMs / 1000)} s`);
    await sleep(50);
  }
}

/** Smallest innodb_lru_scan_depth both servers accept. */
export const MIN_LRU_SCAN_DEPTH = 100;

/**
 * The page cleaner's innodb_lru_scan_depth is a page count, not a share of the pool: every second
 * it tries to keep that many pages free at the cold end of the LRU list. A default 1,536 is a
 * fifth of a 128 MiB pool but twice a 12 MiB one, so on a shrunk pool the cleaner would keep
 * flushing and evicting pages the statement is about to use (bench/pool-shrink.ts, MariaDB 10.11,
 * 100,000-row table on a 12 MiB pool: a full-scan DELETE read 1,155 pages and took 144 ms with
 * the default, 863 and 98 ms scaled; a DELETE of every row 5.8 s against 0.53 s, where the
 * 1M-row table against 128 MiB is ×1.8 its in-memory rate, not ×12). Sets the depth to the same share
 * of `toPoolBytes` it has of `fromPoolBytes` and returns the value to restore; null when the
 * server does not say.
 */
export async function scaleLruScanDepth(conn: Connection, fromPoolBytes: number, toPoolBytes: number): Promise<number | null> {
  const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT @@GLOBAL.innodb_lru_scan_depth AS d');
  const depth = Number(rows[0]?.['d']);
  if (!Number.isFinite(depth) || depth <= 0 || fromPoolBytes <= 0) return null;
  const scaled = Math.max(MIN_LRU_SCAN_DEPTH, Math.round((depth * toPoolBytes) / fromPoolBytes));
  await conn.query(`SET GLOBAL innodb_lru_scan_depth = ${scaled}`);
  return depth;
}

/** The pool could not be given back after a shrink: every later measurement on the server would be off. */
export class PoolRestoreError extends Error {}

export interface ShrinkOptions {
  /**
   * Scale the page cleaner's scan depth with the pool (see scaleLruScanDepth). Only a bench that
   * shows what the default depth does turns this off.
   */
  readonly scaleScanDepth?: boolean;
  /**
   * A new connection to the same server, for giving the pool back when the connection that shrank
   * it was lost meanwhile (killed, timed out); the caller of withShrunkPool ends neither.
   */
  readonly reconnect?: () => Promise<Connection>;
}

/** mysql2 marks errors that ended the connection as fatal; later queries fail with "closed state", fatal too. */
export const connectionLost = (error: unknown): boolean => (error as { fatal?: unknown } | null)?.fatal === true;

/**
 * Shrinks the pool to `bytes` (never below MIN_POOL_BYTES; the server may round up), scales the
 * page cleaner's scan depth with it, runs `fn` with the size the server settled on, then gives
 * both back, also when `fn` throws. A request at or above the current size changes nothing. The
 * depth is restored after the pool has grown back: the default depth in a shrunk pool asks the
 * cleaner to keep more pages free than the pool holds. When `conn` was lost meanwhile, both are
 * given back on a connection from `options.reconnect`. Throws PoolRestoreError when the pool or
 * the depth cannot be restored; that error wins over one from `fn`.
 */
export async function withShrunkPool<T>(conn: Connection, bytes: number, fn: (poolBytes: number) => Promise<T>, options: ShrinkOptions = {}): Promise<T> {
  const full = await poolBytes(conn);
  const wanted = Math.max(MIN_POOL_BYTES, Math.round(bytes));
  if (wanted >= full) return fn(full);
  let depth: number | null = null;
  let outcome: { readonly value: T } | { readonly error: unknown };
  try {
    // A shrink that fails or times out may have changed the pool anyway: the restore below runs regardless.
    const got = await resizeBufferPool(conn, wanted);
    if (options.scaleScanDepth !== false) depth = await scaleLruScanDepth(conn, full, got);
    outcome = { value: await fn(got) };
  } catch (error) {
    outcome = { error };
  }
  const restore = async (c: Connection): Promise<void> => {
    await resizeBufferPool(c, full);
    if (depth !== null) await c.query(`SET GLOBAL innodb_lru_scan_depth = ${depth}`);
  };
  try {
    await restore(conn).catch(async (error: unknown) => {
      if (!options.reconnect || !connectionLost(error)) throw error;
      const fresh = await options.reconnect();
      try {
        await restore(fresh);
      } finally {
        await fresh.end().catch(() => {});
      }
    });
  } catch (error) {
    throw new PoolRestoreError(`the buffer pool could not be given back its ${Math.round(full / 1048576)} MiB after a shrink: ${(error as Error).message}`, { cause: error });
  }
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}

export async function poolBytes(conn: Connection): Promise<number> {
  const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT @@GLOBAL.innodb_buffer_pool_size AS b');
  return Number(rows[0]?.['b']);
}

/**
 * MySQL 8.0.31+ has a status code (0: idle); older MySQL and MariaDB only a text, which is empty or
 * names the completed resize when idle.
 */
async function resizeInProgress(conn: Connection): Promise<boolean> {
  const [rows] = await conn.query<mysql.RowDataPacket[]>("SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_buffer_pool_resize_status', 'Innodb_buffer_pool_resize_status_code')");
  const status = new Map(rows.map((r) => [String(r['Variable_name']).toLowerCase(), String(r['Value'] ?? '')]));
  const code = status.get('innodb_buffer_pool_resize_status_code');
  if (code !== undefined && code !== '') return Number(code) !== 0;
  const text = status.get('innodb_buffer_pool_resize_status') ?? '';
  return text !== '' && !/complete|finished|not started/i.test(text);
}

/**
 * Waits (at most `maxMs`) until InnoDB's purge has caught up: rows deleted or updated by earlier
 * statements are still being purged in the background, and in a shrunk pool that work competes
 * with the measured statement for every page. Returns how long it waited. Gives up quietly when
 * the server does not say.
 */
export async function waitForPurge(conn: Connection, maxMs: number): Promise<number> {
  const started = Date.now();
  let idleBefore = false;
  for (;;) {
    const idle = await purgeIdle(conn);
    if (idle === null) return Date.now() - started;
    // Twice in a row: a commit wakes the purge, but not within the same instant.
    if (idle && idleBefore) return Date.now() - started;
    idleBefore = idle;
    if (Date.now() - started > maxMs) return Date.now() - started;
    await sleep(100);
  }
}

/**
 * Whether the purge has nothing left to do; null when the server does not tell. An empty history
 * says so, and so does the purge coordinator's state: MySQL keeps a few transactions in the
 * history while idle (12 on an idle 9.7), so waiting for an empty one would wait forever there.
 */
export async function purgeIdle(conn: Connection): Promise<boolean | null> {
  try {
    // Both servers print "Purge done for trx's n:o < … state: running" while purging, "running but
    // idle" when the coordinator waits for work, "stopped" or "disabled" when it will not run,
    // and "History list length N" on the next line.
    const [status] = await conn.query<mysql.RowDataPacket[]>('SHOW ENGINE INNODB STATUS');
    const text = String(status[0]?.['Status'] ?? '');
    if (/^History list length 0$/m.test(text)) return true;
    const state = /^Purge done for .*state: (.+)$/m.exec(text)?.[1]?.trim().toLowerCase();
    if (state === undefined) return null;
    return state !== 'running';
  } catch {
    return null;
  }
}

/**
 * Reads every B-tree index of every table in `schemas` into the buffer pool. A shrink evicts what
 * the pool held; without this the statements measured after it (the smaller sizes of the same
 * statement, the next statements) would read their tables from disk where the in-memory runs
 * before them did not — a 25,000-row DELETE then took longer than the 100,000-row one.
 */
export async function warmSchemas(conn: Connection, schemas: readonly string[]): Promise<void> {
  if (schemas.length === 0) return;
  // One row per table and B-tree index; a table without one (InnoDB's hidden clustered index) gets a NULL index.
  const [indexes] = await conn.query<mysql.RowDataPacket[]>(
    `SELECT t.TABLE_SCHEMA AS db, t.TABLE_NAME AS t, s.INDEX_NAME AS i
       FROM information_schema.TABLES t
       LEFT JOIN information_schema.STATISTICS s
         ON s.TABLE_SCHEMA = t.TABLE_SCHEMA AND s.TABLE_NAME = t.TABLE_NAME AND s.SEQ_IN_INDEX = 1 AND s.INDEX_TYPE = 'BTREE'
      WHERE t.TABLE_SCHEMA IN (?) AND t.TABLE_TYPE = 'BASE TABLE' AND t.ENGINE = 'InnoDB'
      ORDER BY t.TABLE_SCHEMA, t.TABLE_NAME, s.INDEX_NAME`,
    [schemas],
  );
  for (const row of indexes) {
    const table = `${quoteId(String(row['db']))}.${quoteId(String(row['t']))}`;
    const index = row['i'] === null || row['i'] === undefined ? '' : ` FORCE INDEX (${quoteId(String(row['i']))})`;
    await conn.query(`SELECT COUNT(*) FROM ${table}${index}`);
  }
}
