// Read/write probes: one connection keeps reading a table and another keeps writing it while a
// statement runs, so drydock can say from measurement (not from the manual) whether that
// statement blocks concurrent reads and writes. Used by the capability tests and by the shadow
// dry-run.
import { performance } from 'node:perf_hooks';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { connect, type Connection } from '../db/connection.js';
import { deriveProbeStatements, withFixedStatements, type ProbeStatement, type ProbeStatements } from './probe-sql.js';
import { summarize, verdicts, type ProbeReport, type ProbeSample } from './probe-stats.js';

export type { ProbeReport, ProbeSeries, ProbeSample } from './probe-stats.js';
export { BASELINE_FACTOR, BLOCKED_FRACTION, LONG_EXCLUSIVE_MS, MIN_BLOCKED_MS, STALL_MS } from './probe-stats.js';

export interface ProbeOptions {
  /** Database URL (the database holding `table`). */
  readonly url: string;
  /** Table name, optionally `schema.table`. */
  readonly table: string;
  /** Pause between two operations of one connection. Default 20 ms. */
  readonly intervalMs?: number;
  /** Bound on one probe operation, client and server side. Default 60 s. */
  readonly probeTimeoutMs?: number;
}

export interface RunningProbe {
  stop(): Promise<ProbeReport>;
}

interface RecordingProbe {
  /** Resolves once both connections have completed a first operation. */
  readonly ready: Promise<void>;
  stop(): Promise<{ readonly report: ProbeReport; readonly reads: readonly ProbeSample[]; readonly writes: readonly ProbeSample[] }>;
}

const DEFAULT_INTERVAL_MS = 20;
const DEFAULT_PROBE_TIMEOUT_MS = 60_000;
/** The client deadline trails the server-side lock timeouts so the server's error normally arrives first. */
const CLIENT_GRACE_MS = 2_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Starts one reader and one writer connection hammering `table`. Without `readSql`/`writeSql`
 * the statements are derived from the table's primary (or first unique) key: point and range
 * SELECTs, and UPDATEs that set a key column to itself (locks like a write, changes nothing).
 * Every operation is a short autocommit statement; `stop()` waits for outstanding operations,
 * closes both connections and returns the report.
 */
export async function startProbe(options: ProbeOptions & { readonly readSql?: string; readonly writeSql?: string }): Promise<RunningProbe> {
  const probe = await startRecordingProbe(options);
  await probe.ready;
  return Object.freeze({ stop: async () => (await probe.stop()).report });
}

async function probeConnection(url: string, timeoutMs: number): Promise<Connection> {
  const conn = await connect(url);
  // Server-side bounds so a blocked probe gives up on the server too (mysql2's timeout does not cancel).
  const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  await conn.query(`SET SESSION lock_wait_timeout = ${seconds}, SESSION innodb_lock_wait_timeout = ${seconds}, SESSION autocommit = 1`);
  return conn;
}

async function startRecordingProbe(options: ProbeOptions & { readonly readSql?: string; readonly writeSql?: string }): Promise<RecordingProbe> {
  const interval = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const timeout = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const reader = await probeConnection(options.url, timeout);
  let writer: Connection | null = null;
  let statements: ProbeStatements;
  try {
    writer = await probeConnection(options.url, timeout);
    const derived = options.readSql !== undefined && options.writeSql !== undefined ? null : await deriveProbeStatements(reader, options.table);
    statements = withFixedStatements(derived, options.readSql, options.writeSql);
  } catch (error) {
    await reader.end().catch(() => {});
    await writer?.end().catch(() => {});
    throw error;
  }
  let stopping = false;
  const reads: ProbeSample[] = [];
  const writes: ProbeSample[] = [];
  let signalReady: () => void = () => {};
  let pending = 2;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  const firstDone = (): void => {
    if (--pending === 0) signalReady();
  };

  const loop = async (conn: Connection, next: () => ProbeStatement, out: ProbeSample[]): Promise<void> => {
    let first = true;
    while (!stopping) {
      const { sql, values } = next();
      const start = performance.now();
      let ok = true;
      let fatal = false;
      try {
        await conn.query({ sql, values: [...values], timeout: timeout + CLIENT_GRACE_MS });
      } catch (error) {
        ok = false;
        fatal = Boolean((error as { fatal?: boolean }).fatal);
      }
      out.push({ start, end: performance.now(), ok });
      if (first) {
        first = false;
        firstDone();
      }
      if (fatal) break;
      await sleep(interval);
    }
    if (first) firstDone();
  };

  const running = Promise.all([loop(reader, () => statements.nextRead(), reads), loop(writer, () => statements.nextWrite(), writes)]);
  const w = writer;
  return {
    ready,
    async stop() {
      stopping = true;
      await running;
      await Promise.all([reader.end().catch(() => {}), w.end().catch(() => {})]);
      const report = Object.freeze({ reads: summarize(reads), writes: summarize(writes) });
      return { report, reads, writes };
    },
  };
}

export interface MeasureOptions {
  readonly url: string;
  readonly table: string;
  /** The statement under test; runs on its own connection. */
  readonly sql: string;
  /** Statements run first on the statement's connection (SET foreign_key_checks = 0, …). */
  readonly sessionSql?: readonly string[];
  readonly readSql?: string;
  readonly writeSql?: string;
  readonly intervalMs?: number;
  readonly probeTimeoutMs?: number;
  /** The statement is killed (KILL QUERY) after this long. Default 10 minutes. */
  readonly statementTimeoutMs?: number;
}

export interface Measurement {
  readonly durationMs: number;
  readonly error: { readonly code: string; readonly errno: number; readonly message: string } | null;
  readonly warnings: readonly string[];
  readonly affectedRows: number | null;
  readonly probe: ProbeReport;
  readonly readsBlocked: boolean;
  readonly writesBlocked: boolean;
  /** Time the reader / writer spent stalled (≥ STALL_MS per operation) while the statement ran. */
  readonly readsStalledMs: number;
  readonly writesStalledMs: number;
  /** Time both were stalled together: the statement's exclusive metadata-lock phase(s). */
  readonly exclusiveMs: number;
}

const DEFAULT_STATEMENT_TIMEOUT_MS = 600_000;

/**
 * Runs `sql` on its own connection while the probe runs, and judges from the probe whether
 * reads and writes were blocked (see verdicts in probe-stats.ts for the rule).
 */
export async function measureStatement(options: MeasureOptions): Promise<Measurement> {
  const conn = await connect(options.url);
  try {
    for (const s of options.sessionSql ?? []) await conn.query(s);
    const probe = await startRecordingProbe(options);
    await probe.ready;
    // Let both probes settle into their rhythm (and give the verdict a baseline) before the statement starts.
    await sleep(5 * (options.intervalMs ?? DEFAULT_INTERVAL_MS));

    const timer = setTimeout(() => void killQuery(options.url, conn.threadId), options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS);
    const t0 = performance.now();
    let error: Measurement['error'] = null;
    let affectedRows: number | null = null;
    try {
      const [result] = await conn.query<ResultSetHeader>(options.sql);
      affectedRows = typeof result?.affectedRows === 'number' ? result.affectedRows : null;
    } catch (e) {
      const err = e as { code?: string; errno?: number; message?: string };
      error = { code: err.code ?? 'UNKNOWN', errno: err.errno ?? 0, message: err.message ?? String(e) };
    }
    const t1 = performance.now();
    clearTimeout(timer);
    const warnings = error ? [] : await readWarnings(conn);
    // A probe blocked until the end needs a moment to come back; stop() waits for it anyway.
    await sleep(2 * (options.intervalMs ?? DEFAULT_INTERVAL_MS));
    const { report, reads, writes } = await probe.stop();
    const v = verdicts(reads, writes, t0, t1);
    return Object.freeze({
      durationMs: Math.round((t1 - t0) * 10) / 10,
      error,
      warnings: Object.freeze(warnings),
      affectedRows,
      probe: report,
      ...v,
    });
  } finally {
    await conn.end().catch(() => {});
  }
}

async function readWarnings(conn: Connection): Promise<string[]> {
  const [rows] = await conn.query<RowDataPacket[]>('SHOW WARNINGS');
  return rows.map((w) => `${String(w['Level'])} ${String(w['Code'])}: ${String(w['Message'])}`);
}

async function killQuery(url: string, threadId: number | null): Promise<void> {
  if (threadId === null) return;
  const admin = await connect(url).catch(() => null);
  if (!admin) return;
  await admin.query(`KILL QUERY ${Number(threadId)}`).catch(() => {});
  await admin.end().catch(() => {});
}
