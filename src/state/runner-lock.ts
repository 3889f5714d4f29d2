// One runner at a time: a GET_LOCK advisory lock on a dedicated connection. The server
// releases it when that connection ends, so a killed runner never leaves a stuck lock.
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type mysql from 'mysql2/promise';
import { connect, type Connection } from '../db/connection.js';
import { LockNotAcquiredError } from '../errors.js';

export interface RunnerHolder {
  readonly connectionId: number;
  readonly host: string | null;
  readonly pid: number | null;
  readonly user: string | null;
  /** When the holder took the lock (UTC, `YYYY-MM-DD HH:MM:SS`), when it recorded it. */
  readonly since: string | null;
}

export interface RunnerLock {
  readonly name: string;
  readonly connectionId: number;
  /** True once the lock connection has ended: the lock is gone and work must stop. */
  lost(): boolean;
  /** Writes who holds the lock into drydock_runner (the table must exist). */
  recordHolder(): Promise<void>;
  release(): Promise<void>;
}

/** `drydock:<database>`, hashed when it would exceed the server's 64-character limit. */
export function runnerLockName(database: string): string {
  const plain = `drydock:${database}`;
  if (plain.length <= 64) return plain;
  return `drydock:${createHash('sha256').update(database).digest('hex').slice(0, 40)}`;
}

export function describeHolder(lockName: string, database: string, h: RunnerHolder): string {
  const who = [
    h.host ? `host ${h.host}` : null,
    h.pid !== null ? `pid ${h.pid}` : null,
    h.user ? `user ${h.user}` : null,
  ].filter((s): s is string => s !== null);
  return (
    `another drydock apply is running on ${database}: lock ${lockName} is held by connection ${h.connectionId}` +
    (who.length > 0 ? ` (${who.join(', ')})` : '') +
    (h.since ? ` since ${h.since} UTC` : '') +
    `; wait for it to finish, or if that process is gone, end its session with KILL ${h.connectionId}`
  );
}

type Row = mysql.RowDataPacket;

async function findHolder(conn: Connection, lockName: string): Promise<RunnerHolder | null> {
  const [used] = await conn.query<Row[]>('SELECT IS_USED_LOCK(?) AS id', [lockName]);
  const id = used[0]?.['id'];
  if (id === null || id === undefined) return null;
  const connectionId = Number(id);
  let recorded: Row | undefined;
  try {
    const [rows] = await conn.query<Row[]>(
      'SELECT host, pid, db_user, acquired_at FROM drydock_runner WHERE lock_name = ? AND connection_id = ?',
      [lockName, connectionId],
    );
    recorded = rows[0];
  } catch {
    // Table not created yet (the holder is bootstrapping): fall back to the process list.
  }
  if (recorded) {
    return {
      connectionId,
      host: String(recorded['host']),
      pid: Number(recorded['pid']),
      user: String(recorded['db_user']),
      since: String(recorded['acquired_at']).slice(0, 19),
    };
  }
  const [procs] = await conn.query<Row[]>(
    'SELECT USER AS u, HOST AS h, TIME AS t FROM information_schema.PROCESSLIST WHERE ID = ?',
    [connectionId],
  );
  const p = procs[0];
  return {
    connectionId,
    host: p ? String(p['h']) : null,
    pid: null,
    user: p ? String(p['u']) : null,
    since: null,
  };
}

/**
 * Takes the runner lock, waiting at most `waitSec` (default: not at all). Throws LockNotAcquiredError naming the holder when
 * another runner has it (or when the server returned NULL: an error, never assumed success).
 */
export async function acquireRunnerLock(url: string, database: string, waitSec = 0): Promise<RunnerLock> {
  const conn = await connect(url, { database });
  const name = runnerLockName(database);
  let lost = false;
  conn.on('end', () => (lost = true));
  conn.on('error', () => (lost = true));
  try {
    const [rows] = await conn.query<Row[]>('SELECT GET_LOCK(?, ?) AS got, CONNECTION_ID() AS id', [name, Math.max(0, waitSec)]);
    const got = rows[0]?.['got'];
    const connectionId = Number(rows[0]?.['id']);
    if (got !== 1 && got !== '1') {
      const holder = got === 0 || got === '0' ? await findHolder(conn, name) : null;
      const message = holder
        ? describeHolder(name, database, holder)
        : got === 0 || got === '0'
          ? `another drydock apply is running on ${database} (lock ${name}); it ended while drydock looked for it, so retry`
          : `the server could not take lock ${name} on ${database} (GET_LOCK returned NULL); retry, and check the server error log if it persists`;
      await conn.end().catch(() => {});
      throw new LockNotAcquiredError(message);
    }
    return {
      name,
      connectionId,
      lost: () => lost,
      async recordHolder() {
        await conn.query(
          `REPLACE INTO drydock_runner (lock_name, connection_id, host, pid, db_user, acquired_at)
           VALUES (?, ?, ?, ?, CURRENT_USER(), UTC_TIMESTAMP(3))`,
          [name, connectionId, hostname(), process.pid],
        );
      },
      async release() {
        if (lost) return;
        try {
          await conn.query('SELECT RELEASE_LOCK(?)', [name]);
        } finally {
          await conn.end().catch(() => {});
        }
      },
    };
  } catch (error) {
    if (error instanceof LockNotAcquiredError) throw error;
    await conn.end().catch(() => {});
    throw error;
  }
}

/** Whether some connection holds the runner lock right now (status uses it to tell running from interrupted). */
export async function runnerLockHolder(conn: Connection, database: string): Promise<RunnerHolder | null> {
  return findHolder(conn, runnerLockName(database));
}
