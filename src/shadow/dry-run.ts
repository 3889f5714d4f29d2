// The measured dry run: seed the shadow at the budgeted size (and, for tables bigger than the
// budget, a second database at a quarter of it, so growth can be fitted), then run every statement
// in migration order on both while the probe measures blocked reads and writes. Alternatives that
// replace a statement run first, each on a fresh copy of the affected tables as they are just
// before the statement. Results are plain data; the planner turns them into estimates.
import { performance } from 'node:perf_hooks';
import type mysql from 'mysql2/promise';
import type { Alternative, BatchedDml } from '../analysis/analyzer.js';
import type { StatementAnalysis } from '../analysis/run-analyzers.js';
import { connect, formatServerUrl, parseServerUrl, quoteId, quoteTable, type Connection } from '../db/connection.js';
import { ShadowError } from '../errors.js';
import { resolveOptions } from '../executor/apply-migrations.js';
import { runBatched } from '../executor/batched-dml.js';
import { spliceDdl } from '../executor/ddl-clause.js';
import { ExecSession } from '../executor/exec-session.js';
import type { RunContext } from '../executor/run-context.js';
import type { Migration, ParsedStatement, TableRef } from '../parser/statement.js';
import { acquireRunnerLock } from '../state/runner-lock.js';
import { StateStore } from '../state/state-store.js';
import { connectionLost, PoolRestoreError, waitForPurge, warmSchemas, withShrunkPool } from './buffer-pool.js';
import { registerCleanup } from './cleanup.js';
import { loadTable } from './load.js';
import { measureStatement, startProbe } from './probe.js';
import type { SchemaSource, SchemaTable } from './schema-source.js';
import { applySchema } from './seed.js';
import type { Shadow } from './shadow-database.js';
import { planTables } from './synthesize.js';
import { unqualifyAnalysis } from './unqualify.js';

/** Reduced size as a fraction of the budgeted one: far enough apart to see growth. */
export const REDUCED_FRACTION = 0.25;
/**
 * A third size between the two: with three points the fit has a residual, so a curve the points
 * do not follow (noise, a bend) shows up as a wider range instead of a confident number.
 */
export const MID_FRACTION = 0.5;
/** Shorter runs cannot show a blocked probe (see probe-stats): their lock verdict stays static. */
export const MIN_OBSERVABLE_MS = 1000;
/**
 * A full-size measurement shorter than this is repeated on fresh copies of the tables and the
 * median run kept. The full size decides the extrapolation most, and at a few hundred milliseconds
 * one run is off by a third now and then (the accuracy benchmark saw 306 and 484 ms for the same
 * 100k-row rebuild); longer runs vary less, and repeating them would cost the plan's time.
 */
export const REPEAT_BELOW_MS = 500;
/** Repeats need a fresh copy each: only for tables this small, where copying is cheap. */
export const REPEAT_MAX_BYTES = 64 * 1024 * 1024;
/**
 * Runs per short full-size measurement (and per memory-bound run of a short statement) unless
 * `measureRuns` says otherwise. One run of a few hundred milliseconds was off its neighbours by ×2–3
 * often enough to decide most of the accuracy bench's misses (docs/benchmarks.md).
 */
export const DEFAULT_MEASURE_RUNS = 3;
/** Statements whose cost grows with the table and that a fresh copy can run again. */
const REPEATABLE_KINDS: ReadonlySet<string> = new Set(['alter-table', 'create-index', 'drop-index', 'optimize-table', 'delete', 'update']);
/** Alternatives that stand in for one statement and can be run as they are. */
const MEASURABLE_KINDS: ReadonlySet<string> = new Set(['batched', 'truncate', 'online-ddl', 'rewrite']);

export type SizeLabel = 'full' | 'half' | 'reduced';

export interface ShadowTableSize {
  readonly table: string;
  /** Rows in production (the target's count, or the size given). */
  readonly sourceRows: number;
  readonly fullRows: number;
  /** Rows in the reduced database; null when the table was not reduced (it fits the budget). */
  readonly reducedRows: number | null;
  /** Rows in the half-size database; null when the table was not reduced or only two sizes ran. */
  readonly midRows: number | null;
  /** Data + index bytes of the full shadow table after seeding; null when unknown. */
  readonly fullBytes: number | null;
}

export interface RunMeasurement {
  readonly durationMs: number;
  readonly error: { readonly code: string; readonly errno: number; readonly message: string } | null;
  readonly warnings: readonly string[];
  readonly affectedRows: number | null;
  readonly maxReadBlockMs: number | null;
  readonly maxWriteBlockMs: number | null;
  /** null: not probed, or too short to tell. */
  readonly readsBlocked: boolean | null;
  readonly writesBlocked: boolean | null;
  readonly readsStalledMs: number | null;
  readonly writesStalledMs: number | null;
}

export interface SizedRun {
  readonly size: SizeLabel;
  /** Rows the statement's table had at this size when seeded (the x of the cost curve). */
  readonly tableRows: number;
  readonly measurement: RunMeasurement;
  /** How many runs `measurement` is the median of (1 unless a short run was repeated). */
  readonly repeats?: number;
}

export interface ClauseCheck {
  readonly algorithm: string;
  readonly lock: string | null;
  readonly sql: string;
  readonly accepted: boolean;
  /** The server's refusal. */
  readonly error: string | null;
}

export interface AlternativeRun {
  readonly alternative: Alternative;
  readonly runs: readonly SizedRun[];
  /** Why it could not be measured, or the error it hit. */
  readonly error: string | null;
}

export type StatementStatus = 'measured' | 'failed' | 'session' | 'skipped' | 'not-run';

/**
 * The statement run once more at the full shadow size with the buffer pool shrunk so the table
 * relates to it as the production table relates to the target's pool: how much slower the
 * statement gets once its table no longer fits in memory, measured instead of assumed.
 */
export interface MemoryBoundRun {
  /** The pool the run had, and the one the target's ratio asked for (larger when the server's minimum got in the way). */
  readonly poolBytes: number;
  readonly wantedPoolBytes: number;
  readonly measurement: RunMeasurement;
  /** measurement.durationMs over the full-size in-memory run's. */
  readonly factor: number;
  /** How many shrunk-pool runs `measurement` is the median of. */
  readonly runs: number;
}

export interface StatementRun {
  readonly migration: string;
  readonly index: number;
  readonly status: StatementStatus;
  readonly reason: string | null;
  /** The table whose size drives the cost (largest in production among the statement's tables). */
  readonly table: string | null;
  readonly sourceRows: number | null;
  readonly runs: readonly SizedRun[];
  readonly clauseCheck: ClauseCheck | null;
  readonly alternatives: readonly AlternativeRun[];
  /** Present when the table outgrows the target's buffer pool and the shadow is private; otherwise absent. */
  readonly memoryBound?: MemoryBoundRun | null;
}

export interface DryRunResult {
  readonly tables: readonly ShadowTableSize[];
  readonly statements: readonly StatementRun[];
  readonly seed: { readonly rows: number; readonly ms: number; readonly rowsPerSecond: number };
  readonly failure: { readonly migration: string; readonly index: number; readonly error: string } | null;
  readonly warnings: readonly string[];
  readonly ms: number;
}

export type DryRunProgress =
  | { readonly phase: 'seed'; readonly size: SizeLabel; readonly table: string; readonly rowsDone: number; readonly rowsTotal: number }
  | { readonly phase: 'measure'; readonly done: number; readonly total: number; readonly label: string };

export interface DryRunInput {
  readonly shadow: Shadow;
  readonly source: SchemaSource;
  /** Most rows per table in the shadow. */
  readonly budgetRows: number;
  readonly migrations: readonly { readonly migration: Migration; readonly statements: readonly StatementAnalysis[] }[];
  readonly server: { readonly isMariaDb: boolean; readonly supportsAlterWait: boolean };
  /**
   * Schemas that stand for the shadow's own database (the target's database; the schema a schema
   * file qualifies its tables with): statements naming them are rehearsed with the schema taken out.
   */
  readonly homeSchemas?: readonly string[];
  /**
   * Runs per full-size measurement shorter than REPEAT_BELOW_MS, on fresh copies, median kept;
   * the memory-bound run of such a statement too (default DEFAULT_MEASURE_RUNS; 1: no repeats).
   */
  readonly measureRuns?: number;
  readonly seed?: number;
  readonly reducedFraction?: number;
  /** The third size's fraction of the budget; null measures at two sizes only. Default MID_FRACTION. */
  readonly midFraction?: number | null;
  /** Per statement on the shadow (KILL QUERY past it). Default 10 minutes. */
  readonly statementTimeoutMs?: number;
  readonly onProgress?: (event: DryRunProgress) => void;
}

interface Db {
  readonly size: SizeLabel;
  readonly name: string;
  readonly url: string;
  readonly rows: ReadonlyMap<string, number>;
}

const lower = (s: string): string => s.toLowerCase();

/** Rows per table in the full and reduced databases. */
export function shadowSizes(source: SchemaSource, budgetRows: number, fraction = REDUCED_FRACTION, midFraction: number | null = MID_FRACTION): ShadowTableSize[] {
  return source.tables.map((t) => {
    const full = Math.min(t.rows, budgetRows);
    const reduced = t.rows > budgetRows ? Math.max(1, Math.round(full * fraction)) : null;
    const mid = reduced !== null && midFraction !== null ? Math.max(1, Math.round(full * midFraction)) : null;
    return { table: t.definition.table.name, sourceRows: t.rows, fullRows: full, reducedRows: reduced, midRows: mid, fullBytes: null };
  });
}

/**
 * The table fits the pool at the shadow's size but not at production's. A rebuild holds the table
 * and its copy, so twice the size is compared.
 */
export function outgrowsPool(size: ShadowTableSize, poolBytes: number | null): boolean {
  if (size.fullBytes === null || poolBytes === null || size.fullRows <= 0 || size.sourceRows <= size.fullRows) return false;
  return 2 * size.fullBytes <= poolBytes && (2 * size.fullBytes * size.sourceRows) / size.fullRows > poolBytes;
}

/** The pool production's tables are compared with: the target's, or the shadow's own standing in without a target. */
export function productionPoolBytes(shadow: Pick<Shadow, 'settings' | 'targetSettings'>): number | null {
  return shadow.targetSettings?.bufferPoolBytes ?? shadow.settings.bufferPoolBytes;
}

/** The server took the statement as metadata-only: it accepted the explicit ALGORITHM=INSTANT. */
export const acceptedInstant = (check: ClauseCheck | null | undefined): boolean => check?.accepted === true && check.algorithm === 'INSTANT';

/** Longest wait for InnoDB's purge before a memory-bound run. */
const PURGE_WAIT_MS = 10_000;
/** Full-size runs shorter than this (and not metadata-only) are too short to read a slow-down from: no memory-bound run. */
const MEMORY_BOUND_MIN_MS = 15;
/**
 * A metadata change still reads some of its table's pages (MySQL 9.7: ~60 page reads for an
 * instant ADD COLUMN on a 1M-row table that outgrows its pool, ~10 at 100k rows that fit, and
 * 18 ms against 10 ms). Its memory-bound runs last milliseconds, where one run is mostly noise:
 * the median of this many.
 */
const METADATA_BOUND_RUNS = 3;

export async function dryRun(input: DryRunInput): Promise<DryRunResult> {
  const started = Date.now();
  const shadow = input.shadow;
  let sizes = shadowSizes(input.source, input.budgetRows, input.reducedFraction, input.midFraction === undefined ? MID_FRACTION : input.midFraction);
  const needReduced = sizes.some((s) => s.reducedRows !== null);
  const warnings: string[] = [...input.source.warnings];
  const extra = new ExtraDatabases(shadow);
  try {
    const full: Db = { size: 'full', name: shadow.database, url: shadow.url, rows: new Map(sizes.map((s) => [lower(s.table), s.fullRows])) };
    const reduced: Db | null = needReduced
      ? { size: 'reduced', name: await extra.create('r'), url: '', rows: new Map(sizes.map((s) => [lower(s.table), s.reducedRows ?? s.fullRows])) }
      : null;
    const mid: Db | null = sizes.some((s) => s.midRows !== null)
      ? { size: 'half', name: await extra.create('h'), url: '', rows: new Map(sizes.map((s) => [lower(s.table), s.midRows ?? s.fullRows])) }
      : null;
    const dbs: Db[] = [full];
    if (reduced) dbs.push({ ...reduced, url: extra.url(reduced.name) });
    if (mid) dbs.push({ ...mid, url: extra.url(mid.name) });

    // Seed.
    const seedStarted = Date.now();
    let seeded = 0;
    for (const db of dbs) {
      const conn = await connect(db.url);
      try {
        await applySchema(conn, input.source.tables);
        seeded += await seedTables(conn, input.source.tables, db, input.seed ?? 1, warnings, (table, rowsDone, rowsTotal) =>
          input.onProgress?.({ phase: 'seed', size: db.size, table, rowsDone, rowsTotal }),
        );
      } finally {
        await conn.end().catch(() => {});
      }
    }
    const seedMs = Date.now() - seedStarted;
    await shadow.settle();
    sizes = await withBytes(full, sizes);

    // Measure.
    const altName = await extra.create('a');
    const alt: AltDb = { name: altName, url: extra.url(altName), bookkeeping: false };
    // Only a private shadow's pool may be resized, and only one whose size the server reported.
    const pool = productionPoolBytes(shadow);
    const ownPool = shadow.settings.bufferPoolBytes;
    const memoryBound = shadow.kind === 'private' && pool !== null && ownPool !== null && sizes.some((s) => outgrowsPool(s, pool)) ? { poolBytes: pool } : null;
    // Repeats and memory-bound runs: tables as they were before the statement, and a copy of them to run it on again.
    let copies: StatementContext['copies'] = null;
    if (measureRuns(input) > 1 || memoryBound) {
      const pristineName = await extra.create('p');
      const againName = await extra.create('q');
      copies = {
        pristine: { name: pristineName, url: extra.url(pristineName), bookkeeping: false },
        again: { name: againName, url: extra.url(againName), bookkeeping: false },
      };
    }
    const statements: StatementRun[] = [];
    const total = input.migrations.reduce((a, m) => a + m.statements.length, 0);
    let done = 0;
    let failure: DryRunResult['failure'] = null;
    for (const { migration, statements: analyses } of input.migrations) {
      const sessionSql: string[] = [];
      for (const analysis of analyses) {
        const st = analysis.statement;
        input.onProgress?.({ phase: 'measure', done, total, label: `${migration.name} #${st.index + 1} ${oneLine(st.sql)}` });
        if (failure) {
          statements.push(notRun(migration, st, `not run: statement ${failure.index + 1} of ${failure.migration} failed on the shadow`));
        } else {
          const run = await runStatement({ input, migration, analysis, sessionSql, dbs, sizes, alt, copies, memoryBound });
          // A run that failed because the private server died says nothing about the statement.
          const died = await shadow.serverExit(run.status === 'failed' ? SERVER_EXIT_GRACE_MS : 0);
          if (died !== null) throw new ServerDiedError(`${died}\n(during ${migration.name} statement ${st.index + 1})`);
          statements.push(run);
          if (run.status === 'failed') {
            const error = run.runs.find((r) => r.measurement.error)?.measurement.error?.message ?? run.reason ?? 'failed';
            failure = { migration: migration.name, index: st.index, error };
          }
        }
        done++;
      }
    }
    input.onProgress?.({ phase: 'measure', done, total, label: 'done' });
    return Object.freeze({
      tables: Object.freeze(sizes),
      statements: Object.freeze(statements),
      seed: { rows: seeded, ms: seedMs, rowsPerSecond: seedMs > 0 ? Math.round((seeded * 1000) / seedMs) : seeded },
      failure,
      warnings: Object.freeze(warnings),
      ms: Date.now() - started,
    });
  } catch (error) {
    // Once a private server has died, every query fails with a lost connection: its own end says why.
    const died = error instanceof ServerDiedError ? null : await shadow.serverExit(SERVER_EXIT_GRACE_MS);
    if (died !== null) {
      throw new ServerDiedError(`${died}\n(the dry run then failed with: ${(error as Error).message})`, { cause: error });
    }
    throw error;
  } finally {
    await extra.dropAll();
  }
}

/** The private server died during the dry run; the message has how and the end of its log. */
class ServerDiedError extends ShadowError {}

/** After a failure, how long a private server's exit may take to be noticed (its refused connections come first). */
const SERVER_EXIT_GRACE_MS = 1000;

/** Adds the seeded tables' sizes in bytes (ANALYZE ran, so information_schema is current). */
async function withBytes(db: Db, sizes: readonly ShadowTableSize[]): Promise<ShadowTableSize[]> {
  const conn = await connect(db.url);
  try {
    const [rows] = await conn.query<mysql.RowDataPacket[]>(
      'SELECT TABLE_NAME AS t, DATA_LENGTH + INDEX_LENGTH AS b FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
    );
    const bytes = new Map(rows.map((r) => [lower(String(r['t'])), Number(r['b'])]));
    return sizes.map((s) => ({ ...s, fullBytes: bytes.get(lower(s.table)) ?? null }));
  } catch {
    return [...sizes];
  } finally {
    await conn.end().catch(() => {});
  }
}

/** Scratch databases beside the shadow's own; dropped at the end (the private server goes away anyway). */
class ExtraDatabases {
  readonly #shadow: Shadow;
  readonly #names: string[] = [];
  #unregister: (() => void) | null = null;

  constructor(shadow: Shadow) {
    this.#shadow = shadow;
  }

  url(name: string): string {
    return formatServerUrl(parseServerUrl(this.#shadow.url), name);
  }

  async create(suffix: string): Promise<string> {
    const name = `${this.#shadow.database}_${suffix}`;
    const conn = await connect(this.#shadow.url);
    try {
      const [rows] = await conn.query<mysql.RowDataPacket[]>(
        'SELECT DEFAULT_CHARACTER_SET_NAME AS cs, DEFAULT_COLLATION_NAME AS co FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
        [this.#shadow.database],
      );
      const cs = rows[0] ? ` CHARACTER SET ${conn.escape(String(rows[0]['cs']))} COLLATE ${conn.escape(String(rows[0]['co']))}` : '';
      this.#names.push(name);
      this.#unregister ??= registerCleanup({ async: () => this.dropAll() });
      await conn.query(`CREATE DATABASE ${quoteId(name)}${cs}`);
    } catch (error) {
      throw new ShadowError(`cannot create the scratch database ${name} on the shadow: ${(error as Error).message}`, { cause: error });
    } finally {
      await conn.end().catch(() => {});
    }
    return name;
  }

  async dropAll(): Promise<void> {
    const names = this.#names.splice(0);
    this.#unregister?.();
    this.#unregister = null;
    if (names.length === 0 || this.#shadow.kind === 'private') return;
    const conn = await connect(this.#shadow.url, { connectTimeoutMs: 5000 }).catch(() => null);
    if (!conn) return;
    try {
      for (const n of names) await conn.query(`DROP DATABASE IF EXISTS ${quoteId(n)}`).catch(() => {});
    } finally {
      await conn.end().catch(() => {});
    }
  }
}

/** Generates and loads each table at the database's size; distinct counts scale from production's. */
async function seedTables(
  conn: Connection,
  tables: readonly SchemaTable[],
  db: Db,
  seed: number,
  warnings: string[],
  progress: (table: string, rowsDone: number, rowsTotal: number) => void,
): Promise<number> {
  const plans = planTables(
    tables.map((t) => ({
      definition: t.definition,
      rows: db.rows.get(lower(t.definition.table.name)) ?? t.rows,
      sourceRows: t.rows,
      ...(t.stats ? { stats: t.stats } : {}),
    })),
    { seed },
  );
  let rows = 0;
  for (const plan of plans) {
    progress(plan.table.name, 0, plan.rows);
    const result = await loadTable(conn, plan, { onProgress: (n) => progress(plan.table.name, n, plan.rows) });
    if (result.rows !== plan.rows) throw new ShadowError(`${plan.table.name}: ${result.rows} rows loaded into the shadow, ${plan.rows} generated`);
    await conn.query(`ANALYZE TABLE ${quoteTable(plan.table)}`);
    if (db.size === 'full') {
      warnings.push(...plan.warnings);
      if (result.fallbackReason) warnings.push(`${plan.table.name}: loaded with INSERT because LOAD DATA LOCAL was refused (${result.fallbackReason})`);
    }
    rows += plan.rows;
  }
  return rows;
}

interface AltDb {
  readonly name: string;
  readonly url: string;
  bookkeeping: boolean;
}

interface StatementContext {
  readonly input: DryRunInput;
  readonly migration: Migration;
  readonly analysis: StatementAnalysis;
  readonly sessionSql: string[];
  readonly dbs: readonly Db[];
  readonly sizes: readonly ShadowTableSize[];
  readonly alt: AltDb;
  /** Scratch databases for repeated and memory-bound measurements; null when neither is wanted. */
  readonly copies: { readonly pristine: AltDb; readonly again: AltDb } | null;
  /** Production's pool (the shadow's own is read when it is shrunk); null when no memory-bound runs are made. */
  readonly memoryBound: { readonly poolBytes: number } | null;
}

function notRun(migration: Migration, st: ParsedStatement, reason: string): StatementRun {
  return Object.freeze({ migration: migration.name, index: st.index, status: 'not-run', reason, table: null, sourceRows: null, runs: [], clauseCheck: null, alternatives: [] });
}

/** The statement's table whose production size is largest (it drives the duration). */
function costTable(st: ParsedStatement, sizes: readonly ShadowTableSize[]): ShadowTableSize | null {
  let best: ShadowTableSize | null = null;
  for (const t of st.tables) {
    const s = sizes.find((x) => lower(x.table) === lower(t.name));
    if (s && (!best || s.sourceRows > best.sourceRows)) best = s;
  }
  return best;
}

async function runStatement(context: StatementContext): Promise<StatementRun> {
  const home = new Set((context.input.homeSchemas ?? []).map(lower));
  const unqualified = unqualifyAnalysis(context.analysis, home);
  if (!unqualified.ok) {
    const st = context.analysis.statement;
    return Object.freeze({ migration: context.migration.name, index: st.index, status: 'skipped', reason: unqualified.reason, table: null, sourceRows: null, runs: [], clauseCheck: null, alternatives: [] });
  }
  const c: StatementContext = { ...context, analysis: unqualified.analysis };
  const st = c.analysis.statement;
  const op = st.operation;
  const base = { migration: c.migration.name, index: st.index };
  if (op.kind === 'set-variable') {
    const global = op.assignments.some((a) => a.scope === 'global' || a.scope === 'persist');
    if (!global) c.sessionSql.push(st.sql);
    return Object.freeze({ ...base, status: 'session', reason: global ? 'global setting: not applied on the shadow' : 'session setting: applied to the statements after it', table: null, sourceRows: null, runs: [], clauseCheck: null, alternatives: [] });
  }
  if (op.kind === 'transaction' || op.kind === 'lock-tables' || op.kind === 'unlock-tables' || op.kind === 'select') {
    return Object.freeze({ ...base, status: 'skipped', reason: `${op.kind} is not rehearsed: every statement runs on its own connection on the shadow`, table: null, sourceRows: null, runs: [], clauseCheck: null, alternatives: [] });
  }
  const cost = costTable(st, c.sizes);
  const primary = st.tables[0] ?? null;
  const scaled = cost !== null && cost.reducedRows !== null;

  // Alternatives first: they need the tables as they are before the statement.
  const alternatives: AlternativeRun[] = [];
  for (const alt of uniqueAlternatives(c.analysis)) {
    alternatives.push(await runAlternative(c, alt, cost, scaled));
  }

  const runs: SizedRun[] = [];
  let clauseCheck: ClauseCheck | null = null;
  let memoryBound: MemoryBoundRun | null = null;
  let sql = st.sql;
  const clause = c.analysis.lock.clause;
  if (clause && (op.kind === 'alter-table' || op.kind === 'create-index' || op.kind === 'drop-index')) {
    const spliced = spliceDdl(st.sql, op, clause, c.input.server, null);
    if (spliced.clauseApplied && spliced.sql !== st.sql) sql = spliced.sql;
  }
  for (const db of c.dbs) {
    const measureHere = db.size === 'full' || scaled;
    const rows = cost ? (db.rows.get(lower(cost.table)) ?? 0) : 0;
    const repeat = db.size === 'full' && repeatableAt(c, cost) ? c.copies : null;
    const boundable = db.size === 'full' && memoryBoundAt(c, cost) ? c.copies : null;
    // A change that may be metadata-only gets several memory-bound runs (see METADATA_BOUND_RUNS),
    // each on a fresh copy: keep the table as it was before the statement.
    const mayBeMetadata = boundable !== null && (c.analysis.lock.sizeDependent !== true || clause?.algorithm === 'INSTANT');
    // Repeats copy from a pristine copy; a memory-bound run alone needs just one fresh copy, made now.
    if (repeat || mayBeMetadata) await copyTables(db.name, c.copies!.pristine, st.tables);
    else if (boundable) await copyTables(db.name, boundable.again, st.tables);
    if (measureHere) await settleWrites(c);
    let m = await runOne(c, db.url, primary, sql, measureHere);
    if (db.size === 'full' && sql !== st.sql) {
      const refused = m.error !== null && isClauseRefusal(m.error.errno, m.error.message);
      clauseCheck = { algorithm: clause!.algorithm, lock: clause!.lock, sql, accepted: !refused && m.error === null, error: refused ? m.error!.message : null };
      if (refused) {
        // The server would not do it the predicted way: rehearse the statement as written.
        sql = st.sql;
        m = await runOne(c, db.url, primary, sql, measureHere);
      }
    }
    // Metadata-only by the server's word (INSTANT accepted) or the profile's, unless it copied rows after all.
    const metadataOnly = acceptedInstant(clauseCheck) || (c.analysis.lock.sizeDependent === false && !(m.affectedRows ?? 0));
    let repeats = 1;
    // Size-independent (metadata-only) statements are not extrapolated: their runs at every size are samples already.
    if (repeat && !metadataOnly && m.error === null && m.durationMs < REPEAT_BELOW_MS) ({ measurement: m, repeats } = await medianOfRepeats(c, repeat, m, primary, sql));
    if (measureHere) runs.push({ size: db.size, tableRows: rows, measurement: m, repeats });
    if (boundable && cost && m.error === null) {
      // A metadata-only change implies mayBeMetadata: its pristine copy was made above.
      if (metadataOnly) memoryBound = await memoryBoundRun(c, boundable, cost, m, primary, sql, true, METADATA_BOUND_RUNS);
      // A short statement's shrunk-pool run is as noisy as its in-memory one: as many runs (repeats need the pristine copy).
      else if (m.durationMs >= MEMORY_BOUND_MIN_MS) memoryBound = await memoryBoundRun(c, boundable, cost, m, primary, sql, repeat !== null || mayBeMetadata, repeat !== null && m.durationMs < REPEAT_BELOW_MS ? measureRuns(c.input) : 1);
    }
    if (m.error) {
      return Object.freeze({
        ...base,
        status: 'failed',
        reason: `${db.size === 'full' ? '' : `at the ${db.size} size: `}${m.error.message}`,
        table: cost?.table ?? primary?.name ?? null,
        sourceRows: cost?.sourceRows ?? null,
        runs: measureHere ? runs : [...runs, { size: db.size, tableRows: rows, measurement: m }],
        clauseCheck,
        alternatives,
        memoryBound,
      });
    }
  }
  return Object.freeze({ ...base, status: 'measured', reason: null, table: cost?.table ?? primary?.name ?? null, sourceRows: cost?.sourceRows ?? null, runs, clauseCheck, alternatives, memoryBound });
}

/** Whether the statement gets a memory-bound run (see MemoryBoundRun). */
function memoryBoundAt(c: StatementContext, cost: ShadowTableSize | null): boolean {
  const st = c.analysis.statement;
  if (!c.copies || !c.memoryBound || !cost || !outgrowsPool(cost, c.memoryBound.poolBytes)) return false;
  // One table, as for repeats: the copy has to be the whole of what the statement works on.
  return REPEATABLE_KINDS.has(st.operation.kind) && st.tables.length === 1;
}

/**
 * Runs the statement on a fresh copy of its table with the private shadow's buffer pool shrunk to
 * the production ratio (pool × shadow rows / production rows), then gives the pool back; `runs`
 * times (each on a fresh copy, median kept), then reads the shadow's tables back into the pool
 * once. A run that cannot be made (the server will not resize, the copy fails) leaves the factor
 * unmeasured.
 */
async function memoryBoundRun(
  c: StatementContext,
  dbs: NonNullable<StatementContext['copies']>,
  cost: ShadowTableSize,
  inMemory: RunMeasurement,
  table: TableRef | null,
  sql: string,
  /** Repeats used the `again` copy: make a fresh one from the pristine copy (otherwise it is fresh already). */
  refresh: boolean,
  runs = 1,
): Promise<MemoryBoundRun | null> {
  const bound = c.memoryBound!;
  const wanted = Math.floor((bound.poolBytes * cost.fullRows) / cost.sourceRows);
  const reconnect = (): Promise<Connection> => connect(c.input.shadow.url);
  let admin = await reconnect();
  // The server-wide settings go through one connection; one lost meanwhile (killed, timed out) is replaced.
  const liveAdmin = async (): Promise<Connection> => {
    try {
      await admin.query('SELECT 1');
    } catch (error) {
      if (!connectionLost(error)) throw error;
      await admin.end().catch(() => {});
      admin = await reconnect();
    }
    return admin;
  };
  const measured: RunMeasurement[] = [];
  let poolBytes = 0;
  try {
    let runError: unknown = null;
    try {
      for (let i = 0; i < runs; i++) {
        // After the first run the copy holds the statement's result: every further run needs a fresh one.
        if (refresh || i > 0) await copyTables(dbs.pristine.name, dbs.again, c.analysis.statement.tables);
        await settleWrites(c, PURGE_WAIT_MS);
        const m = await withShrunkPool(await liveAdmin(), wanted, async (got) => {
          poolBytes = got;
          return runOne(c, dbs.again.url, table ? { schema: null, name: table.name } : null, sql, true);
        }, { reconnect });
        if (m.error) break;
        measured.push(m);
      }
    } catch (error) {
      runError = error;
    }
    // And on its pages: the shrink evicted the tables the next measurements expect in memory.
    try {
      await warmSchemas(await liveAdmin(), c.dbs.map((d) => d.name));
    } catch (error) {
      // What broke the runs usually broke this too: name both, the first one last.
      const first = runError === null ? '' : ` (after the memory-bound run failed: ${(runError as Error).message})`;
      throw new ShadowError(`the shadow's tables could not be read back into its buffer pool after a memory-bound run: ${(error as Error).message}${first}`, { cause: runError ?? error });
    }
    if (runError !== null) throw runError;
    if (measured.length < runs) return null;
    const m = medianRun(measured);
    return Object.freeze({ poolBytes, wantedPoolBytes: wanted, measurement: m, factor: m.durationMs / Math.max(1, inMemory.durationMs), runs: measured.length });
  } catch (error) {
    // Every later measurement depends on the pool being back: failing there ends the dry run.
    if (error instanceof PoolRestoreError) throw new ShadowError(`after a memory-bound run on the shadow, ${error.message}`, { cause: error });
    if (error instanceof ShadowError) throw error;
    return null;
  } finally {
    await admin.end().catch(() => {});
  }
}

const measureRuns = (input: Pick<DryRunInput, 'measureRuns'>): number => input.measureRuns ?? DEFAULT_MEASURE_RUNS;

/** The run with the median duration (the upper one of an even count). */
const medianRun = (runs: readonly RunMeasurement[]): RunMeasurement => [...runs].sort((a, b) => a.durationMs - b.durationMs)[Math.floor(runs.length / 2)]!;

/** Whether the statement's full-size measurement may be repeated (see REPEAT_BELOW_MS). */
function repeatableAt(c: StatementContext, cost: ShadowTableSize | null): boolean {
  const st = c.analysis.statement;
  // Whether it turned out metadata-only is known after its first run (an explicit ALGORITHM=COPY copies rows all the same).
  if (!c.copies || measureRuns(c.input) <= 1) return false;
  if (!REPEATABLE_KINDS.has(st.operation.kind) || !cost || cost.fullBytes === null) return false;
  // Other tables named by the statement are copied too; their size is not known here, so keep to one.
  if (st.tables.length !== 1) return false;
  return cost.fullBytes <= REPEAT_MAX_BYTES;
}

/**
 * Runs the statement again on fresh copies of the tables as they were before it (measureRuns in
 * all) and returns the run with the median duration. A repeat that fails ends the repeating: the
 * first run stands.
 */
async function medianOfRepeats(
  c: StatementContext,
  dbs: NonNullable<StatementContext['copies']>,
  first: RunMeasurement,
  table: TableRef | null,
  sql: string,
): Promise<{ measurement: RunMeasurement; repeats: number }> {
  const runs = [first];
  const st = c.analysis.statement;
  const again = table ? { schema: null, name: table.name } : null;
  const wanted = measureRuns(c.input);
  for (let i = 1; i < wanted; i++) {
    try {
      await copyTables(dbs.pristine.name, dbs.again, st.tables);
    } catch {
      break;
    }
    await settleWrites(c);
    const m = await runOne(c, dbs.again.url, again, sql, true);
    if (m.error) break;
    runs.push(m);
  }
  if (runs.length < wanted) return { measurement: first, repeats: 1 };
  return { measurement: medianRun(runs), repeats: runs.length };
}

/** 1845/1846: ALGORITHM/LOCK not supported; 1235/4092: feature not supported in this form. */
export function isClauseRefusal(errno: number, message: string): boolean {
  return errno === 1845 || errno === 1846 || /ALGORITHM=|LOCK=/i.test(message) && /not supported/i.test(message);
}

function uniqueAlternatives(analysis: StatementAnalysis): Alternative[] {
  const seen = new Set<string>();
  const out: Alternative[] = [];
  for (const f of analysis.findings) {
    for (const a of f.alternatives) {
      const key = JSON.stringify([a.kind, a.sql]);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(a);
    }
  }
  return out;
}

async function runAlternative(c: StatementContext, alt: Alternative, cost: ShadowTableSize | null, scaled: boolean): Promise<AlternativeRun> {
  const st = c.analysis.statement;
  if (!alt.replacesStatement || !MEASURABLE_KINDS.has(alt.kind)) {
    return { alternative: alt, runs: [], error: alt.replacesStatement ? `${alt.kind} alternatives are not rehearsed` : 'does not replace the statement one for one: not rehearsed' };
  }
  if (alt.kind === 'batched' && !alt.batched) return { alternative: alt, runs: [], error: 'no executable batched description' };
  const runs: SizedRun[] = [];
  for (const db of c.dbs) {
    // Two sizes are enough here: alternatives are compared with each other, not fitted closely.
    if (db.size === 'half' || (db.size === 'reduced' && !scaled)) continue;
    try {
      await copyTables(db.name, c.alt, st.tables);
    } catch (error) {
      return { alternative: alt, runs, error: `could not copy the tables for it: ${(error as Error).message}` };
    }
    const rows = cost ? (db.rows.get(lower(cost.table)) ?? 0) : 0;
    const primary = alt.batched?.table ?? st.tables[0] ?? null;
    await settleWrites(c);
    const m =
      alt.kind === 'batched'
        ? await runBatchedOnShadow(c, alt.batched!, primary)
        : await runSequence(c, c.alt.url, primary, alt.sql);
    runs.push({ size: db.size, tableRows: rows, measurement: m });
    if (m.error) return { alternative: alt, runs, error: m.error.message };
  }
  return { alternative: alt, runs, error: null };
}

/**
 * Fresh copies of `tables` (as they are in database `source` now) in another scratch database, with the
 * foreign keys between them and the tables that reference them (copied too): CREATE TABLE … LIKE
 * leaves foreign keys out, and without them a batched DELETE of a parent would skip the checks
 * and cascades production runs.
 */
async function copyTables(source: string, alt: AltDb, tables: readonly TableRef[]): Promise<void> {
  const conn = await connect(alt.url);
  try {
    await conn.query('SET SESSION foreign_key_checks = 0, SESSION unique_checks = 0');
    // Scratch copies are not what is measured: keep them out of a binary log the shadow may write like the target.
    await conn.query('SET SESSION sql_log_bin = 0').catch(() => {});
    const names = new Map(tables.map((t) => [lower(t.name), t.name]));
    const fks = await foreignKeys(conn, source);
    // Children of the copied tables run their checks and cascades on every delete or key update.
    for (const fk of fks) if (names.has(lower(fk.referencedTable)) && !names.has(lower(fk.table))) names.set(lower(fk.table), fk.table);
    const copied = new Set<string>();
    for (const name of names.values()) {
      const src = `${quoteId(source)}.${quoteId(name)}`;
      const dst = `${quoteId(alt.name)}.${quoteId(name)}`;
      const [cols] = await conn.query<mysql.RowDataPacket[]>(
        `SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND EXTRA NOT LIKE '%GENERATED%' ORDER BY ORDINAL_POSITION`,
        [source, name],
      );
      if (cols.length === 0) continue; // created by the migration later, or not a table
      const list = cols.map((r) => quoteId(String(r['c']))).join(', ');
      await conn.query(`DROP TABLE IF EXISTS ${dst}`);
      await conn.query(`CREATE TABLE ${dst} LIKE ${src}`);
      await conn.query(`INSERT INTO ${dst} (${list}) SELECT ${list} FROM ${src}`);
      copied.add(lower(name));
    }
    // foreign_key_checks is off in this session: the copied rows are not checked again (they were valid in the source).
    for (const fk of fks) {
      if (!copied.has(lower(fk.table)) || !copied.has(lower(fk.referencedTable))) continue;
      await conn.query(
        `ALTER TABLE ${quoteId(alt.name)}.${quoteId(fk.table)} ADD CONSTRAINT ${quoteId(fk.name)} FOREIGN KEY (${fk.columns.map(quoteId).join(', ')}) REFERENCES ${quoteId(alt.name)}.${quoteId(fk.referencedTable)} (${fk.referencedColumns.map(quoteId).join(', ')}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`,
      );
    }
  } finally {
    await conn.end().catch(() => {});
  }
}

interface ForeignKeyInfo {
  readonly name: string;
  readonly table: string;
  readonly columns: readonly string[];
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
  readonly onDelete: string;
  readonly onUpdate: string;
}

/** Foreign keys between tables of `database` (references to other databases are left out). */
async function foreignKeys(conn: Connection, database: string): Promise<ForeignKeyInfo[]> {
  const [rows] = await conn.query<mysql.RowDataPacket[]>(
    `SELECT k.CONSTRAINT_NAME AS name, k.TABLE_NAME AS tbl, k.COLUMN_NAME AS col, k.REFERENCED_TABLE_NAME AS rtbl, k.REFERENCED_COLUMN_NAME AS rcol,
            r.DELETE_RULE AS onDelete, r.UPDATE_RULE AS onUpdate
       FROM information_schema.KEY_COLUMN_USAGE k
       JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
      WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_SCHEMA = ?
      ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
    [database, database],
  );
  const byName = new Map<string, { name: string; table: string; columns: string[]; referencedTable: string; referencedColumns: string[]; onDelete: string; onUpdate: string }>();
  for (const r of rows) {
    const key = `${String(r['tbl'])}\u0000${String(r['name'])}`;
    let fk = byName.get(key);
    if (!fk) {
      fk = { name: String(r['name']), table: String(r['tbl']), columns: [], referencedTable: String(r['rtbl']), referencedColumns: [], onDelete: String(r['onDelete']), onUpdate: String(r['onUpdate']) };
      byName.set(key, fk);
    }
    fk.columns.push(String(r['col']));
    fk.referencedColumns.push(String(r['rcol']));
  }
  return [...byName.values()];
}

/** Longest wait for the write-back before a measurement; past it the run goes ahead anyway. */
const SETTLE_MAX_MS = 3000;

/** On a private shadow (ours alone), lets earlier writes reach the disk before the next measurement. */
async function settleWrites(c: StatementContext, purgeMaxMs = SETTLE_MAX_MS): Promise<void> {
  if (c.input.shadow.kind !== 'private') return;
  // Rows deleted or changed by what ran before are purged in the background; a statement timed
  // meanwhile shares the pages and the disk with that work (a memory-bound DELETE took 1.6 s
  // after the purge had caught up and 17.8 s while it had not).
  const conn = await connect(c.input.shadow.url).catch(() => null);
  if (conn) {
    try {
      await waitForPurge(conn, purgeMaxMs);
    } finally {
      await conn.end().catch(() => {});
    }
  }
  await flushDirtyPages(c.input.shadow.url, SETTLE_MAX_MS).catch(() => 0);
}

/**
 * No fall in the dirty-page count for this long means something else keeps writing. More than one
 * page-cleaner round: MariaDB's cleaner flushes a batch once a second, and a 1 s window ended the
 * wait between two batches now and then (a test saw 564 of ~900 pages still dirty).
 */
const FLUSH_STALL_MS = 2500;

/**
 * Waits (at most `maxMs`) until InnoDB has written its dirty pages back, asking the page cleaner
 * to flush all of them meanwhile. A statement timed while the server still writes back an earlier
 * bulk load or rebuild competes with that I/O, so its duration says as much about what ran before
 * as about itself (the reduced size runs right after the full one). Needs the privilege to set
 * innodb_max_dirty_pages_pct for a moment; without it, only waits. Returns the milliseconds waited.
 */
export async function flushDirtyPages(url: string, maxMs: number): Promise<number> {
  const started = Date.now();
  const conn = await connect(url);
  let restore: string | null = null;
  try {
    const [vars] = await conn.query<mysql.RowDataPacket[]>('SELECT @@GLOBAL.innodb_max_dirty_pages_pct AS pct');
    const pct = vars[0]?.['pct'];
    if (pct !== undefined && pct !== null) {
      try {
        await conn.query('SET GLOBAL innodb_max_dirty_pages_pct = 0');
        restore = String(pct);
      } catch {
        // No SUPER / SYSTEM_VARIABLES_ADMIN: the page cleaner works at its own pace.
      }
    }
    const status = async (name: string): Promise<number> => {
      const [rows] = await conn.query<mysql.RowDataPacket[]>('SHOW GLOBAL STATUS LIKE ?', [name]);
      return Number(rows[0]?.['Value'] ?? 0);
    };
    // Some pages stay dirty on any server (statistics, the probe's writes); 1 % of the pool is noise.
    const enough = Math.max(256, Math.round((await status('Innodb_buffer_pool_pages_total')) * 0.01));
    // Stop early when the count stops falling: something else keeps writing, waiting will not help.
    let last = Infinity;
    let lastDropAt = Date.now();
    for (;;) {
      const dirty = await status('Innodb_buffer_pool_pages_dirty');
      if (dirty <= enough || Date.now() - started >= maxMs) break;
      if (dirty < last * 0.98) {
        last = dirty;
        lastDropAt = Date.now();
      } else if (Date.now() - lastDropAt > FLUSH_STALL_MS) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return Date.now() - started;
  } finally {
    if (restore !== null) await conn.query(`SET GLOBAL innodb_max_dirty_pages_pct = ${Number(restore)}`).catch(() => {});
    await conn.end().catch(() => {});
  }
}

/** Whether the probe can watch `table` in the database at `url`: it exists and has a unique key. */
async function probeable(url: string, table: TableRef | null): Promise<boolean> {
  if (!table) return false;
  const conn = await connect(url);
  try {
    const [rows] = await conn.query<mysql.RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND NON_UNIQUE = 0',
      [table.name],
    );
    if (Number(rows[0]?.['n'] ?? 0) === 0) return false;
    const [some] = await conn.query<mysql.RowDataPacket[]>(`SELECT 1 FROM ${quoteId(table.name)} LIMIT 1`);
    return some.length > 0;
  } catch {
    return false;
  } finally {
    await conn.end().catch(() => {});
  }
}

/** Runs one statement; with the probe watching when `probe` is set and the table can be watched. */
async function runOne(c: StatementContext, url: string, table: TableRef | null, sql: string, probe: boolean): Promise<RunMeasurement> {
  const timeout = c.input.statementTimeoutMs ?? 600_000;
  if (probe && (await probeable(url, table))) {
    const m = await measureStatement({ url, table: table!.name, sql, sessionSql: c.sessionSql, statementTimeoutMs: timeout });
    const observable = m.durationMs >= MIN_OBSERVABLE_MS;
    return Object.freeze({
      durationMs: m.durationMs,
      error: m.error,
      warnings: m.warnings,
      affectedRows: m.affectedRows,
      maxReadBlockMs: m.probe.reads.maxBlockedMs,
      maxWriteBlockMs: m.probe.writes.maxBlockedMs,
      // A blocked verdict is trustworthy at any length (its stall is long and covers half the run);
      // "not blocked" needs a run long enough that a block could have shown.
      readsBlocked: m.readsBlocked ? true : observable ? false : null,
      writesBlocked: m.writesBlocked ? true : observable ? false : null,
      readsStalledMs: m.readsStalledMs,
      writesStalledMs: m.writesStalledMs,
    });
  }
  return plainRun(url, sql, c.sessionSql, timeout);
}

async function plainRun(url: string, sql: string, sessionSql: readonly string[], timeoutMs: number): Promise<RunMeasurement> {
  const conn = await connect(url);
  try {
    for (const s of sessionSql) await conn.query(s);
    const t0 = performance.now();
    let error: RunMeasurement['error'] = null;
    let affectedRows: number | null = null;
    try {
      const [result] = await conn.query<mysql.ResultSetHeader>({ sql, timeout: timeoutMs });
      affectedRows = typeof result?.affectedRows === 'number' ? result.affectedRows : null;
    } catch (e) {
      const err = e as { code?: string; errno?: number; message?: string };
      error = { code: err.code ?? 'UNKNOWN', errno: err.errno ?? 0, message: err.message ?? String(e) };
    }
    const durationMs = Math.round((performance.now() - t0) * 10) / 10;
    const warnings = error ? [] : await showWarnings(conn);
    return Object.freeze({ durationMs, error, warnings, affectedRows, maxReadBlockMs: null, maxWriteBlockMs: null, readsBlocked: null, writesBlocked: null, readsStalledMs: null, writesStalledMs: null });
  } finally {
    await conn.end().catch(() => {});
  }
}

async function showWarnings(conn: Connection): Promise<string[]> {
  try {
    const [rows] = await conn.query<mysql.RowDataPacket[]>('SHOW WARNINGS');
    return rows.map((w) => `${String(w['Level'])} ${String(w['Code'])}: ${String(w['Message'])}`);
  } catch {
    return [];
  }
}

/** An alternative's statements in order: SETs carry over as session settings, the rest are measured and added up. */
async function runSequence(c: StatementContext, url: string, table: TableRef | null, sqls: readonly string[]): Promise<RunMeasurement> {
  const session = [...c.sessionSql];
  const parts: RunMeasurement[] = [];
  for (const sql of sqls) {
    if (/^\s*SET\s/i.test(sql)) {
      session.push(sql);
      continue;
    }
    const m = await runOne({ ...c, sessionSql: session }, url, table, sql, true);
    parts.push(m);
    if (m.error) break;
  }
  return combine(parts);
}

function combine(parts: readonly RunMeasurement[]): RunMeasurement {
  const maxOf = (xs: readonly (number | null)[]): number | null => (xs.some((x) => x !== null) ? Math.max(...xs.map((x) => x ?? 0)) : null);
  const anyOf = (xs: readonly (boolean | null)[]): boolean | null => (xs.includes(true) ? true : xs.includes(null) ? null : false);
  const sumOf = (xs: readonly (number | null)[]): number | null => (xs.some((x) => x !== null) ? xs.reduce<number>((a, x) => a + (x ?? 0), 0) : null);
  return Object.freeze({
    durationMs: Math.round(parts.reduce((a, p) => a + p.durationMs, 0) * 10) / 10,
    error: parts.find((p) => p.error)?.error ?? null,
    warnings: parts.flatMap((p) => p.warnings),
    affectedRows: sumOf(parts.map((p) => p.affectedRows)),
    maxReadBlockMs: maxOf(parts.map((p) => p.maxReadBlockMs)),
    maxWriteBlockMs: maxOf(parts.map((p) => p.maxWriteBlockMs)),
    readsBlocked: parts.length ? anyOf(parts.map((p) => p.readsBlocked)) : null,
    writesBlocked: parts.length ? anyOf(parts.map((p) => p.writesBlocked)) : null,
    readsStalledMs: sumOf(parts.map((p) => p.readsStalledMs)),
    writesStalledMs: sumOf(parts.map((p) => p.writesStalledMs)),
  });
}

/**
 * The executor's own batched runner on the alternatives' database, with its bookkeeping tables
 * there, so the measured time includes the per-chunk checkpoint writes apply will do.
 */
async function runBatchedOnShadow(c: StatementContext, b: BatchedDml, table: TableRef | null): Promise<RunMeasurement> {
  const serverUrl = formatServerUrl(parseServerUrl(c.alt.url), null);
  const session = await ExecSession.open(serverUrl, c.alt.name, { lockWaitTimeoutSec: 5, rowLockWaitTimeoutSec: 5 }, []);
  let lock: Awaited<ReturnType<typeof acquireRunnerLock>> | null = null;
  try {
    for (const s of c.sessionSql) await session.work.query(s);
    const store = new StateStore(session.work);
    if (!c.alt.bookkeeping) {
      await store.ensure();
      c.alt.bookkeeping = true;
    }
    lock = await acquireRunnerLock(serverUrl, c.alt.name);
    const migration = `drydock-plan:${c.migration.name}`;
    await store.markStatement(migration, c.analysis.statement.index, { sqlHash: 'plan', mode: 'batched', status: 'running' });
    const ctx: RunContext = {
      session,
      store,
      lock,
      options: resolveOptions({ url: c.alt.url }),
      traits: { isMariaDb: c.input.server.isMariaDb, supportsAlterWait: c.input.server.supportsAlterWait, useMetadataLocks: false, readCommittedOk: true },
      signal: undefined,
      emit: () => {},
    };
    const watch = table && (await probeable(c.alt.url, table)) ? await startProbe({ url: c.alt.url, table: table.name }) : null;
    const t0 = performance.now();
    let error: RunMeasurement['error'] = null;
    let rows: number | null = null;
    try {
      rows = (await runBatched(ctx, { migration, index: c.analysis.statement.index }, b, null)).rows;
    } catch (e) {
      const err = e as { code?: string; errno?: number; message?: string };
      error = { code: err.code ?? 'BATCHED', errno: err.errno ?? 0, message: err.message ?? String(e) };
    }
    const durationMs = Math.round((performance.now() - t0) * 10) / 10;
    const report = watch ? await watch.stop() : null;
    return Object.freeze({
      durationMs,
      error,
      warnings: [],
      affectedRows: rows,
      maxReadBlockMs: report?.reads.maxBlockedMs ?? null,
      maxWriteBlockMs: report?.writes.maxBlockedMs ?? null,
      // Chunks hold row locks for one short transaction each: blocked means a probe waited half the run.
      readsBlocked: report && durationMs >= MIN_OBSERVABLE_MS ? report.reads.maxBlockedMs >= durationMs / 2 : null,
      writesBlocked: report && durationMs >= MIN_OBSERVABLE_MS ? report.writes.maxBlockedMs >= durationMs / 2 : null,
      readsStalledMs: null,
      writesStalledMs: null,
    });
  } finally {
    await lock?.release().catch(() => {});
    await session.close();
  }
}

const oneLine = (sql: string): string => {
  const s = sql.replace(/\s+/g, ' ').trim();
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};
