// Resizing a private shadow's InnoDB buffer pool while it runs. The dry run shrinks it for one
// measurement, so a statement meets the table-to-pool ratio the target has (see dry-run.ts), and
// then gives it back. Only ever used on a private server: the pool is server-wide.
import { setTimeout as sleep } from 'node:timers/promises';
import type mysql from 'mysql2/promise';
import type { Connection } from '../db/connection.js';

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
 * with the measured statement for every page. Gives up quietly when the server does not say.
 */
export async function waitForPurge(conn: Connection, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    let length: number;
    try {
      const [rows] = await conn.query<mysql.RowDataPacket[]>("SELECT `COUNT` AS n FROM information_schema.INNODB_METRICS WHERE NAME = 'trx_rseg_history_len'");
      if (!rows[0]) return;
      length = Number(rows[0]['n']);
    } catch {
      return;
    }
    if (length === 0 || Date.now() > deadline) return;
    await sleep(100);
  }
}
