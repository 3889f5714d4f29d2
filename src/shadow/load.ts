// Bulk load of generated rows: LOAD DATA LOCAL INFILE fed from an in-memory stream (no temp
// file), with multi-row INSERT as the fallback when the server or client refuses LOCAL.
// LOCAL implies IGNORE even in strict mode, so every load checks warnings and row counts.
import { Readable } from 'node:stream';
import type mysql from 'mysql2/promise';
import { quoteId, type Connection } from '../db/connection.js';
import { ShadowError } from '../errors.js';
import type { ColumnGenerator, TablePlan } from './synthesize.js';

export type LoadMethod = 'load-data' | 'insert';

export interface LoadOptions {
  /** `auto` tries LOAD DATA LOCAL first. */
  readonly method?: 'auto' | LoadMethod;
  /** Rows per streamed chunk (default 4,000). */
  readonly chunkRows?: number;
  /** Rows per INSERT statement in the fallback (default 1,000). */
  readonly insertRows?: number;
  /** Called with the rows sent so far (for progress bars). */
  readonly onProgress?: (rowsDone: number) => void;
  /** Load only rows [from, to) of the plan. */
  readonly from?: number;
  readonly to?: number;
}

export interface LoadResult {
  readonly rows: number;
  readonly method: LoadMethod;
  readonly ms: number;
  /** Why LOAD DATA was not used, when it was not. */
  readonly fallbackReason: string | null;
}

/**
 * Session settings for a bulk load; each is restored afterwards. sql_log_bin needs privileges.
 * Generated DATETIME/TIMESTAMP text is UTC: in a zone with daylight saving some of it would not exist.
 */
const RELAXED = [
  ['unique_checks', '0'],
  ['foreign_key_checks', '0'],
  ['sql_log_bin', '0'],
  ['time_zone', "'+00:00'"],
] as const;

/**
 * Loads the plan's rows into its table. The caller guarantees the rows satisfy the keys (the
 * generators do): unique and foreign-key checks are off during the load.
 */
export async function loadTable(conn: Connection, plan: TablePlan, options: LoadOptions = {}): Promise<LoadResult> {
  const started = Date.now();
  const from = options.from ?? 0;
  const to = Math.min(options.to ?? plan.rows, plan.rows);
  if (to <= from || plan.columns.length === 0) return Object.freeze({ rows: 0, method: 'load-data' as const, ms: 0, fallbackReason: null });
  // Unique checks stay on when the generators cannot promise unique keys: duplicates then show up
  // as skipped rows and warnings instead of slipping into a unique index unnoticed.
  const restore = await relaxSession(conn, plan.keysGuaranteed);
  try {
    let fallbackReason: string | null = null;
    if ((options.method ?? 'auto') !== 'insert') {
      const attempt = await loadData(conn, plan, from, to, options);
      if (attempt.ok) return Object.freeze({ rows: attempt.rows, method: 'load-data' as const, ms: Date.now() - started, fallbackReason: null });
      if (options.method === 'load-data') throw new ShadowError(`LOAD DATA LOCAL into ${plan.table.name} was refused: ${attempt.reason}`);
      fallbackReason = attempt.reason;
    }
    const rows = await insertRows(conn, plan, from, to, options);
    return Object.freeze({ rows, method: 'insert' as const, ms: Date.now() - started, fallbackReason });
  } finally {
    await restore();
  }
}

async function relaxSession(conn: Connection, skipUniqueChecks: boolean): Promise<() => Promise<void>> {
  const previous: [string, unknown][] = [];
  for (const [name, value] of RELAXED) {
    if (name === 'unique_checks' && !skipUniqueChecks) continue;
    try {
      const [rows] = await conn.query<mysql.RowDataPacket[]>(`SELECT @@SESSION.${name} AS v`);
      await conn.query(`SET SESSION ${name} = ${value}`);
      previous.push([name, rows[0]?.['v']]);
    } catch {
      // not allowed for this user (sql_log_bin): load with it on
    }
  }
  return async () => {
    for (const [name, value] of previous) await conn.query(`SET SESSION ${name} = ?`, [value as string | number]).catch(() => {});
  };
}

/**
 * The table in the connection's own database. Never schema-qualified: a definition read from the
 * target carries the target's schema, and rows must land in the shadow, nowhere else.
 */
const shadowTable = (plan: TablePlan): string => quoteId(plan.table.name);

/** Errors that mean "LOCAL is refused" (server or client), raised before any row is sent. */
// MySQL 3948/3950, MariaDB 4166, older servers 1148, client-side 2068.
const LOCAL_REFUSED = new Set([1148, 2068, 3948, 3950, 4166]);

/** Column list of LOAD DATA: plain columns by name, wrapped ones through a user variable. */
export function loadDataStatement(plan: TablePlan): string {
  const targets = plan.columns.map((g, x) => (g.wrap ? `@v${x}` : quoteId(g.name)));
  const sets = plan.columns.flatMap((g, x) => (g.wrap ? [`${quoteId(g.name)} = ${g.wrap.replace('?', `@v${x}`)}`] : []));
  return (
    `LOAD DATA LOCAL INFILE 'drydock-rows' INTO TABLE ${shadowTable(plan)} CHARACTER SET utf8mb4 ` +
    `FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ` +
    `(${targets.join(', ')})` +
    (sets.length > 0 ? ` SET ${sets.join(', ')}` : '')
  );
}

const escapeTsv = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');

/**
 * Rows [from, to) as tab-separated text in Buffer chunks (mysql2 crashes on string chunks).
 * Exported for the benchmark, which writes the same bytes to a file for its ceiling run.
 */
export function* tsvChunks(columns: readonly ColumnGenerator[], from: number, to: number, chunkRows = 4000, onChunk?: (rowsDone: number) => void): Generator<Buffer> {
  const n = columns.length;
  const values = columns.map((g) => g.value);
  const plain = columns.map((g) => g.plainText);
  for (let start = from; start < to; start += chunkRows) {
    const end = Math.min(to, start + chunkRows);
    let out = '';
    for (let i = start; i < end; i++) {
      for (let x = 0; x < n; x++) {
        const v = values[x]!(i);
        out += v === null ? '\\N' : plain[x] ? v : escapeTsv(v);
        out += x === n - 1 ? '\n' : '\t';
      }
    }
    yield Buffer.from(out, 'utf8');
    onChunk?.(end - from);
  }
}

async function loadData(conn: Connection, plan: TablePlan, from: number, to: number, options: LoadOptions): Promise<{ ok: true; rows: number } | { ok: false; reason: string }> {
  let streamed = false;
  const expected = to - from;
  let header: mysql.ResultSetHeader;
  try {
    [header] = await conn.query<mysql.ResultSetHeader>({
      sql: loadDataStatement(plan),
      infileStreamFactory: () => {
        streamed = true;
        return rowStream(tsvChunks(plan.columns, from, to, options.chunkRows ?? 4000, options.onProgress), socketOf(conn));
      },
    });
  } catch (error) {
    // Refused before any row was sent (LOCAL disabled on either side): safe to fall back.
    const errno = (error as { errno?: number }).errno;
    if (!streamed && errno !== undefined && LOCAL_REFUSED.has(errno)) return { ok: false, reason: (error as Error).message };
    throw new ShadowError(`loading rows into ${plan.table.name} failed: ${(error as Error).message}`, { cause: error });
  }
  if (header.warningStatus > 0 || header.affectedRows !== expected) {
    const detail = await warningText(conn);
    throw new ShadowError(
      `loading ${expected} rows into ${plan.table.name} gave ${header.affectedRows} rows and ${header.warningStatus} warnings (${header.info.trim()})${detail}: ` +
        'the generated values do not fit the table; please report this with the table definition',
    );
  }
  return { ok: true, rows: header.affectedRows };
}

interface WritableSocket {
  readonly writableLength: number;
  once(event: 'drain' | 'close', listener: () => void): unknown;
}

/** mysql2's socket under a promise connection, to watch how much is queued for the server. */
function socketOf(conn: Connection): WritableSocket | null {
  const stream = (conn as unknown as { connection?: { stream?: unknown } }).connection?.stream;
  return stream && typeof (stream as WritableSocket).writableLength === 'number' ? (stream as WritableSocket) : null;
}

const MAX_QUEUED_BYTES = 8 * 1024 * 1024;

/**
 * A byte stream of the chunks that generates the next chunk only when the socket has room:
 * mysql2 does not apply backpressure to LOCAL INFILE streams, so without this a fast generator
 * would queue the whole table in memory ahead of a slower server.
 */
export function rowStream(chunks: Iterator<Buffer>, socket: WritableSocket | null): Readable {
  return new Readable({
    read() {
      const push = (): void => {
        try {
          const next = chunks.next();
          this.push(next.done ? null : next.value);
        } catch (error) {
          this.destroy(error as Error);
        }
      };
      if (socket && socket.writableLength > MAX_QUEUED_BYTES) socket.once('drain', push);
      else push();
    },
  });
}

async function warningText(conn: Connection): Promise<string> {
  try {
    const [w] = await conn.query<mysql.RowDataPacket[]>('SHOW WARNINGS LIMIT 5');
    return w.length ? '; first warnings: ' + w.map((r) => `${r['Code']} ${r['Message']}`).join('; ') : '';
  } catch {
    return '';
  }
}

function sqlLiteral(conn: Connection, g: ColumnGenerator, v: string | null): string {
  if (v === null) return 'NULL';
  const lit = g.numeric ? v : conn.escape(v);
  return g.wrap ? g.wrap.replace('?', lit) : lit;
}

async function insertRows(conn: Connection, plan: TablePlan, from: number, to: number, options: LoadOptions): Promise<number> {
  const per = options.insertRows ?? 1000;
  const head = `INSERT INTO ${shadowTable(plan)} (${plan.columns.map((g) => quoteId(g.name)).join(', ')}) VALUES `;
  let done = 0;
  for (let start = from; start < to; start += per) {
    const end = Math.min(to, start + per);
    const tuples: string[] = [];
    for (let i = start; i < end; i++) tuples.push('(' + plan.columns.map((g) => sqlLiteral(conn, g, g.value(i))).join(', ') + ')');
    const [header] = await conn.query<mysql.ResultSetHeader>(head + tuples.join(', '));
    if (header.warningStatus > 0) {
      throw new ShadowError(`inserting rows into ${plan.table.name} gave ${header.warningStatus} warnings${await warningText(conn)}`);
    }
    done += header.affectedRows;
    options.onProgress?.(end - from);
  }
  return done;
}
