// Who is waiting on a chunk's row locks right now. Asked just before the chunk commits: a session
// blocked by the chunk cannot go on until that commit, so every session the chunk made wait is
// still waiting at that moment and is counted.
//
// Only live sources are used. InnoDB serves information_schema.INNODB_TRX / INNODB_LOCK_WAITS from
// a cache that is refreshed only when it has not been read for 100 ms, so a reader polling faster
// (one query per short chunk) keeps seeing the moment of its first read.
import type mysql from 'mysql2/promise';
import type { Connection } from '../db/connection.js';
import { readGlobalStatus } from './throttle.js';

type Row = mysql.RowDataPacket;

export type WaitersReading =
  | {
      readonly ok: true;
      /** Sessions waiting for a row lock (held by `threadId` when source is 'lock-waits'; by anyone when 'server-wide'). */
      readonly waiters: number;
      readonly source: 'lock-waits' | 'server-wide';
    }
  | { readonly ok: false; readonly error: string };

// MySQL 8+: performance_schema names the blocking thread; threads ties it to the connection id.
const MYSQL_SQL = `SELECT COUNT(*) AS n
  FROM performance_schema.data_lock_waits w
  JOIN performance_schema.threads t ON t.THREAD_ID = w.BLOCKING_THREAD_ID
  WHERE t.PROCESSLIST_ID = ?`;

/**
 * Sessions waiting on row locks held by connection `threadId`. MySQL answers exactly from
 * performance_schema. MariaDB has no live per-lock view, and without the privilege for
 * performance_schema MySQL neither: then the answer is the server's count of row-lock waits in
 * progress (Innodb_row_lock_current_waits), which includes waits on anyone's locks — coarser, but
 * it only ever errs towards yielding.
 */
export async function readLockWaiters(conn: Connection, isMariaDb: boolean, threadId: number): Promise<WaitersReading> {
  if (!isMariaDb) {
    try {
      const [rows] = await conn.query<Row[]>(MYSQL_SQL, [threadId]);
      return { ok: true, waiters: Number(rows[0]?.['n'] ?? 0), source: 'lock-waits' };
    } catch {
      // performance_schema off or not readable: fall through to the server-wide count.
    }
  }
  const r = await readGlobalStatus(conn, 'Innodb_row_lock_current_waits');
  return r.ok ? { ok: true, waiters: r.value, source: 'server-wide' } : r;
}
