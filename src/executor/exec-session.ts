// The connections one apply run works with: `work` runs the migration's statements and the
// bookkeeping (so chunk checkpoints share the chunk's transaction); `control` cancels work
// statements that pass their deadline (KILL QUERY) and reads throttle signals. Every statement
// has a bound: lock waits by session timeouts, run time by a client-side deadline.
import type mysql from 'mysql2/promise';
import { connect, redactSecrets, type Connection } from '../db/connection.js';
import { ExecutionError } from '../errors.js';

type Row = mysql.RowDataPacket;

export interface SessionSettings {
  /** Session lock_wait_timeout for metadata locks, seconds. */
  readonly lockWaitTimeoutSec: number;
  /** Session innodb_lock_wait_timeout for row locks, seconds. */
  readonly rowLockWaitTimeoutSec: number;
}

export class StatementTimeoutError extends ExecutionError {
  constructor(readonly timeoutMs: number, what: string) {
    super(`${what} ran longer than its ${Math.round(timeoutMs / 1000)} s deadline and was cancelled with KILL QUERY; raise --statement-timeout if it needs longer`);
  }
}

/** The server errors that mean "the connection is gone, the outcome of the last statement is unknown". */
export function isConnectionLost(e: unknown): boolean {
  const err = e as { fatal?: boolean; code?: string; errno?: number };
  return (
    err.fatal === true ||
    err.code === 'PROTOCOL_CONNECTION_LOST' ||
    err.code === 'ECONNRESET' ||
    err.code === 'EPIPE' ||
    err.errno === 2006 ||
    err.errno === 2013
  );
}

/** 1205: lock wait timeout (metadata or row); 1213: deadlock. Both are safe to retry. */
export const isLockTimeout = (e: unknown): boolean => (e as { errno?: number }).errno === 1205;
export const isDeadlock = (e: unknown): boolean => (e as { errno?: number }).errno === 1213;
export const isInterrupted = (e: unknown): boolean => {
  const errno = (e as { errno?: number }).errno;
  return errno === 1317 || errno === 1969 || errno === 3024;
};

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export class ExecSession {
  #work: Connection;
  #control: Connection | null = null;
  readonly #url: string;
  readonly #database: string;
  readonly #secrets: readonly string[];
  readonly settings: SessionSettings;
  /** The migration's own session SETs, replayed on a new connection after a lost one. */
  #sessionSql: string[] = [];

  private constructor(url: string, database: string, work: Connection, settings: SessionSettings, secrets: readonly string[]) {
    this.#url = url;
    this.#database = database;
    this.#work = work;
    this.settings = settings;
    this.#secrets = secrets;
  }

  static async open(url: string, database: string, settings: SessionSettings, secrets: readonly string[]): Promise<ExecSession> {
    const work = await connect(url, { database });
    const s = new ExecSession(url, database, work, settings, secrets);
    await s.#prepare(work);
    return s;
  }

  get work(): Connection {
    return this.#work;
  }

  get threadId(): number {
    return this.#work.threadId ?? -1;
  }

  redact(text: string): string {
    return redactSecrets(text, this.#secrets);
  }

  async #prepare(conn: Connection): Promise<void> {
    for (const sql of this.#sessionSql) await conn.query(sql);
    // drydock's bounds come last: a migration's own SET lock_wait_timeout does not lift them.
    await conn.query('SET SESSION lock_wait_timeout = ?, SESSION innodb_lock_wait_timeout = ?', [
      Math.max(1, Math.round(this.settings.lockWaitTimeoutSec)),
      Math.max(1, Math.round(this.settings.rowLockWaitTimeoutSec)),
    ]);
  }

  /** Runs a migration's session-scoped SET and remembers it for reconnects. */
  async setSession(sql: string, timeoutMs: number, what: string): Promise<void> {
    await this.run(sql, [], timeoutMs, what);
    this.#sessionSql.push(sql);
    await this.#prepare(this.#work);
  }

  /** Between migrations: a fresh session, so one migration's SETs do not leak into the next. */
  async resetSession(): Promise<void> {
    if (this.#sessionSql.length === 0) return;
    this.#sessionSql = [];
    await this.reconnect();
  }

  async control(): Promise<Connection> {
    if (!this.#control) {
      const c = await connect(this.#url, { database: this.#database });
      c.on('end', () => {
        if (this.#control === c) this.#control = null;
      });
      c.on('error', () => {
        if (this.#control === c) this.#control = null;
      });
      this.#control = c;
    }
    return this.#control;
  }

  /** Replaces a lost work connection; returns the thread id of the old one (it may still be running). */
  async reconnect(): Promise<number> {
    const old = this.threadId;
    this.#work.destroy();
    let lastError: unknown;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const c = await connect(this.#url, { database: this.#database });
        await this.#prepare(c);
        this.#work = c;
        return old;
      } catch (e) {
        lastError = e;
        await sleep(500 * (attempt + 1));
      }
    }
    throw new ExecutionError(`lost the connection to ${this.#database} and could not reconnect: ${this.redact(String((lastError as Error)?.message ?? lastError))}`);
  }

  /**
   * Runs one statement on the work connection with a client-side deadline: past it, KILL QUERY
   * from the control connection (mysql2's own timeout does not stop the server).
   */
  async run<T extends mysql.RowDataPacket[] | mysql.ResultSetHeader>(
    sql: string,
    params: readonly unknown[],
    timeoutMs: number,
    what: string,
  ): Promise<T> {
    const conn = this.#work;
    const id = conn.threadId;
    let killed = false;
    const control = await this.control();
    const timer = setTimeout(() => {
      killed = true;
      control.query(`KILL QUERY ${Number(id)}`).catch(() => {});
    }, timeoutMs);
    try {
      const [result] = await conn.query<T>(sql, params as unknown[]);
      return result;
    } catch (e) {
      if (killed && isInterrupted(e)) throw new StatementTimeoutError(timeoutMs, what);
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Settles a lost connection of ours before drydock looks at what it did: waits while the server
   * thread is still executing (up to `timeoutMs`, then kills it), kills it at once when it sits idle
   * (an open transaction there rolls back), and waits until the thread is gone. Returns whether it killed.
   */
  async settleThread(threadId: number | null, timeoutMs: number): Promise<boolean> {
    if (threadId === null || threadId < 0 || threadId === this.threadId) return false;
    const control = await this.control();
    const deadline = Date.now() + timeoutMs;
    let killed = false;
    for (;;) {
      const [rows] = await control.query<Row[]>(
        'SELECT COMMAND AS c FROM information_schema.PROCESSLIST WHERE ID = ? AND USER = SUBSTRING_INDEX(CURRENT_USER(), \'@\', 1)',
        [threadId],
      );
      const command = rows[0] ? String(rows[0]['c']) : null;
      if (command === null) return killed;
      if (!killed && (command === 'Sleep' || Date.now() > deadline)) {
        await control.query(`KILL ${Number(threadId)}`).catch(() => {});
        killed = true;
      }
      if (killed && Date.now() > deadline + 60_000) {
        throw new ExecutionError(`connection ${threadId} (an earlier drydock session) is still rolling back after KILL; wait for it, then retry`);
      }
      await sleep(100);
    }
  }

  async close(): Promise<void> {
    await this.#work.end().catch(() => this.#work.destroy());
    if (this.#control) await this.#control.end().catch(() => {});
  }
}
