// `drydock apply`, below the approval layer: take the runner lock, make sure the bookkeeping
// exists, then run each approved migration statement by statement, recording progress in the
// target so a stopped run continues exactly where it stopped. Expected failures are results,
// not exceptions; only "could not start" (lock held, no connection) throws.
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type mysql from 'mysql2/promise';
import type { BatchedDml } from '../analysis/analyzer.js';
import { detectServer, parseServerUrl, quoteTable, redactSecrets } from '../db/connection.js';
import { ConfigError } from '../errors.js';
import { isDdl, type Migration, type Operation, type ParsedStatement, type TableRef } from '../parser/statement.js';
import { acquireRunnerLock, type RunnerLock } from '../state/runner-lock.js';
import { StateStore, type CheckpointMode, type CheckpointRow, type HistoryRow } from '../state/state-store.js';
import type {
  ApplyEvent,
  ApplyOptions,
  ApplyResult,
  ApplyStep,
  MigrationRunResult,
  MigrationRunStatus,
  StatementChoice,
  StatementMode,
} from './apply-types.js';
import { runBatched } from './batched-dml.js';
import { spliceDdl } from './ddl-clause.js';
import { runDdl } from './ddl-runner.js';
import { ExecSession, isConnectionLost } from './exec-session.js';
import { metadataLocksUsable } from './preflight.js';
import { assertLockHeld, StopRun, type ResolvedOptions, type RunContext, type ServerTraits, type StatementRef } from './run-context.js';
import { DEFAULT_THROTTLE_LIMITS } from './throttle.js';
import { truncateRefusals } from './truncate-check.js';
import { describeOutcomeCheck, verifyOutcome } from './verify-outcome.js';

type Row = mysql.RowDataPacket;

export const DEFAULT_LOCK_WAIT_TIMEOUT_SEC = 5;
export const DEFAULT_CHUNK_TARGET_MS = 500;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 60 * 60 * 1000;
export const DEFAULT_DDL_RETRY = Object.freeze({ maxTotalMs: 60_000, baseDelayMs: 500 });
export const DEFAULT_THROTTLE_MAX_WAIT_MS = 30 * 60 * 1000;

export function resolveOptions(o: ApplyOptions): ResolvedOptions {
  const chunkTargetMs = o.chunkTargetMs ?? DEFAULT_CHUNK_TARGET_MS;
  return Object.freeze({
    lockWaitTimeoutSec: o.lockWaitTimeoutSec ?? DEFAULT_LOCK_WAIT_TIMEOUT_SEC,
    ddlRetry: o.ddlRetry ?? DEFAULT_DDL_RETRY,
    chunkTargetMs,
    chunkTimeoutMs: Math.min(o.statementTimeoutMs ?? Infinity, Math.max(20 * chunkTargetMs, 10_000)),
    statementTimeoutMs: o.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    throttle: Object.freeze({
      maxThreadsRunning: o.throttle?.maxThreadsRunning ?? DEFAULT_THROTTLE_LIMITS.maxThreadsRunning,
      maxReplicaLagSec: o.throttle?.maxReplicaLagSec ?? DEFAULT_THROTTLE_LIMITS.maxReplicaLagSec,
      replicaUrls: Object.freeze([...(o.throttle?.replicaUrls ?? [])]),
      maxWaitMs: o.throttle?.maxWaitMs ?? DEFAULT_THROTTLE_MAX_WAIT_MS,
      niceRatio: Math.max(0, o.throttle?.niceRatio ?? 0),
    }),
  });
}

/** What running one statement means, decided from its operation and the operator's choice. */
export type StatementPlan =
  | { readonly mode: 'skip' }
  | { readonly mode: 'session'; readonly sql: string }
  | { readonly mode: 'transaction'; readonly sql: string; readonly verb: 'begin' | 'commit' | 'rollback' }
  | { readonly mode: 'ddl'; readonly sql: string; readonly table: TableRef | null; readonly note: string | null }
  | { readonly mode: 'dml'; readonly sql: string }
  | { readonly mode: 'batched'; readonly batched: BatchedDml }
  | { readonly mode: 'truncate'; readonly table: TableRef; readonly sql: string }
  | { readonly mode: 'alternative'; readonly kind: string; readonly sql: readonly string[] }
  | { readonly mode: 'refuse'; readonly reason: string };

export function ddlTable(op: Operation): TableRef | null {
  switch (op.kind) {
    case 'alter-table':
    case 'create-index':
    case 'drop-index':
    case 'truncate-table':
      return op.table;
    case 'drop-table':
      return op.tables[0] ?? null;
    case 'rename-table':
      return op.pairs[0]?.from ?? null;
    case 'create-trigger':
      return op.table;
    case 'optimize-table':
    case 'analyze-table':
      return op.tables[0] ?? null;
    default:
      return null;
  }
}

export function planStatement(
  stmt: ParsedStatement,
  choice: StatementChoice | undefined,
  server: { readonly isMariaDb: boolean; readonly supportsAlterWait: boolean },
  lockWaitTimeoutSec: number,
): StatementPlan {
  const op = stmt.operation;
  if (choice?.kind === 'skip') return { mode: 'skip' };
  if (choice?.kind === 'alternative') {
    const alt = choice.alternative;
    if (alt.kind === 'batched') {
      if (!alt.batched) return { mode: 'refuse', reason: `the batched alternative for statement ${stmt.index + 1} carries no chunking description` };
      return { mode: 'batched', batched: alt.batched };
    }
    if (alt.kind === 'truncate') {
      if (op.kind !== 'delete' || op.targets.length !== 1 || op.hasJoin || (op.where !== null && !op.where.alwaysTrue)) {
        return { mode: 'refuse', reason: `TRUNCATE only replaces a DELETE of every row of one table; statement ${stmt.index + 1} is not one` };
      }
      const table = op.targets[0]!;
      return { mode: 'truncate', table, sql: `TRUNCATE TABLE ${quoteTable(table)}` };
    }
    if (!alt.replacesStatement) {
      return { mode: 'refuse', reason: `alternative "${alt.title}" spans several deploys and cannot be applied in place of statement ${stmt.index + 1}; apply its steps as migrations of their own` };
    }
    return { mode: 'alternative', kind: alt.kind, sql: alt.sql };
  }
  switch (op.kind) {
    case 'set-variable':
      return { mode: 'session', sql: stmt.sql };
    case 'transaction':
      return { mode: 'transaction', sql: stmt.sql, verb: op.verb };
    case 'lock-tables':
    case 'unlock-tables':
      return { mode: 'refuse', reason: `statement ${stmt.index + 1} is ${op.kind === 'lock-tables' ? 'LOCK TABLES' : 'UNLOCK TABLES'}: drydock cannot record progress while tables are locked; remove it (drydock bounds lock waits itself)` };
    case 'delete':
    case 'update':
    case 'insert':
    case 'select':
      return { mode: 'dml', sql: stmt.sql };
    default: {
      const clause = choice?.kind === 'as-written' ? (choice.clause ?? null) : null;
      const spliced = spliceDdl(stmt.sql, op, clause, server, lockWaitTimeoutSec);
      if (clause && !spliced.clauseApplied && spliced.note && !/run as written/.test(spliced.note)) {
        return { mode: 'refuse', reason: `cannot add ALGORITHM=${clause.algorithm}${clause.lock ? ', LOCK=' + clause.lock : ''} to statement ${stmt.index + 1}: ${spliced.note}; add the clause to the migration yourself` };
      }
      return { mode: 'ddl', sql: spliced.sql, table: isDdl(op) ? ddlTable(op) : null, note: spliced.note };
    }
  }
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export function planHash(plan: StatementPlan): string {
  return sha256(JSON.stringify(plan));
}

const checkpointMode = (plan: StatementPlan): CheckpointMode =>
  plan.mode === 'batched' ? 'batched' : plan.mode === 'dml' ? 'dml' : plan.mode === 'truncate' ? 'truncate' : plan.mode === 'session' ? 'session' : plan.mode === 'ddl' ? 'ddl' : 'other';

/** Session-scoped SETs are replayed on resume: the new connection has lost them. */
function isSessionSet(op: Operation): boolean {
  return op.kind === 'set-variable' && op.assignments.every((a) => a.scope === 'session' || a.scope === 'names' || a.scope === 'user');
}

/** What was approved, as recorded in the history: the decision and how each statement runs. */
export function describeDecision(step: ApplyStep): string {
  const choices = step.migration.statements.map((st) => {
    const c = step.choices[st.index];
    if (!c || c.kind === 'as-written') return c?.clause ? `as-written ALGORITHM=${c.clause.algorithm}${c.clause.lock ? ' LOCK=' + c.clause.lock : ''}` : 'as-written';
    return c.kind === 'skip' ? 'skip' : `alternative:${c.alternative.kind}`;
  });
  return JSON.stringify({ decision: step.approval.decision, statements: choices });
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

interface MigrationRun {
  readonly step: ApplyStep;
  readonly ctx: RunContext;
  readonly resolution: string | undefined;
}

async function finishStatement(ctx: RunContext, ref: StatementRef, plan: StatementPlan, hash: string, rows: number | null, started: number, how: 'executed' | 'verified-applied'): Promise<void> {
  await ctx.store.markStatement(ref.migration, ref.index, { sqlHash: hash, mode: checkpointMode(plan), status: 'done' });
  ctx.emit({ type: 'statement-done', ...ref, durationMs: Date.now() - started, rows, how });
}

/** Runs a DDL-like statement; on a lost connection settles the old session and looks at the schema. */
async function runDdlStatement(run: MigrationRun, ref: StatementRef, plan: StatementPlan & { mode: 'ddl' | 'truncate' }, op: Operation, hash: string, started: number): Promise<void> {
  const { ctx } = run;
  for (let attempt = 0; ; attempt++) {
    await ctx.store.markStatement(ref.migration, ref.index, { sqlHash: hash, mode: checkpointMode(plan), status: 'running' });
    try {
      await runDdl(ctx, ref, plan.sql, plan.table);
      await finishStatement(ctx, ref, plan, hash, null, started, 'executed');
      return;
    } catch (e) {
      if (!isConnectionLost(e) || attempt > 0) throw e;
      const old = await ctx.session.reconnect();
      ctx.store.useConnection(ctx.session.work);
      await ctx.session.settleThread(old, ctx.options.statementTimeoutMs);
      if (plan.mode === 'truncate') continue; // TRUNCATE again is harmless
      const outcome = await verifyOutcome(ctx.session.work, op);
      ctx.emit({ type: 'outcome-check', ...ref, outcome });
      if (outcome === 'applied') return finishStatement(ctx, ref, plan, hash, null, started, 'verified-applied');
      if (outcome === 'unknown') throw unknownOutcome(ref, op);
    }
  }
}

function unknownOutcome(ref: StatementRef, op: Operation): StopRun {
  return new StopRun(
    'failed',
    `outcome of statement ${ref.index + 1} of ${ref.migration} is unknown: the connection was lost while it ran and drydock cannot tell from the schema whether it took effect. ` +
      `check ${describeOutcomeCheck(op)}, then run drydock apply --resolve ${ref.migration}=statement-applied (it took effect) or --resolve ${ref.migration}=statement-not-applied (run it again)`,
  );
}

async function runDmlStatement(run: MigrationRun, ref: StatementRef, plan: StatementPlan & { mode: 'dml' }, hash: string, started: number, inUserTxn: boolean): Promise<void> {
  const { ctx } = run;
  for (let attempt = 0; ; attempt++) {
    try {
      if (!inUserTxn) {
        await ctx.store.markStatement(ref.migration, ref.index, { sqlHash: hash, mode: 'dml', status: 'running' });
        await ctx.session.work.query('START TRANSACTION');
      }
      const res = await ctx.session.run<mysql.ResultSetHeader>(plan.sql, [], ctx.options.statementTimeoutMs, `statement ${ref.index + 1} of ${ref.migration}`);
      // The checkpoint commits with the statement: exactly once, even if killed right here.
      await ctx.store.markStatement(ref.migration, ref.index, { sqlHash: hash, mode: 'dml', status: 'done' });
      if (!inUserTxn) await ctx.session.work.query('COMMIT');
      const rows = Array.isArray(res) ? res.length : res.affectedRows;
      ctx.emit({ type: 'statement-done', ...ref, durationMs: Date.now() - started, rows, how: 'executed' });
      return;
    } catch (e) {
      if (!isConnectionLost(e)) {
        if (!inUserTxn) await ctx.session.work.query('ROLLBACK').catch(() => {});
        throw e;
      }
      const old = await ctx.session.reconnect();
      ctx.store.useConnection(ctx.session.work);
      await ctx.session.settleThread(old, ctx.options.statementTimeoutMs);
      if (inUserTxn) {
        throw new StopRun('interrupted', `lost the connection inside ${ref.migration}'s own transaction; the server rolled it back — run apply again to redo it from its BEGIN`);
      }
      const cp = await ctx.store.checkpoint(ref.migration, ref.index);
      if (cp?.status === 'done') {
        ctx.emit({ type: 'outcome-check', ...ref, outcome: 'applied' });
        ctx.emit({ type: 'statement-done', ...ref, durationMs: Date.now() - started, rows: null, how: 'verified-applied' });
        return;
      }
      ctx.emit({ type: 'outcome-check', ...ref, outcome: 'not-applied' });
      if (attempt > 0) throw e;
    }
  }
}

async function runMigration(run: MigrationRun, history: HistoryRow | null): Promise<{ status: MigrationRunStatus; error: string | null; applied: number }> {
  const { step, ctx } = run;
  const m = step.migration;
  let checkpoints = new Map((await ctx.store.checkpoints(m.name)).map((c) => [c.statementIndex, c] as const));
  if (history && history.status !== 'success' && history.status !== 'adopted' && history.checksum !== m.checksum) {
    if (run.resolution === 'restart') {
      await ctx.store.resetCheckpoints(m.name);
      checkpoints = new Map();
    } else if (run.resolution !== 'accept-checksum') {
      const at = [...checkpoints.values()].filter((c) => c.status === 'done' || c.status === 'skipped').length;
      return {
        status: 'failed',
        applied: at,
        error:
          `migration ${m.name} changed since its interrupted run (recorded checksum ${history.checksum.slice(0, 12)}, file now ${m.checksum.slice(0, 12)}); ` +
          `restore the file, or run drydock apply --resolve ${m.name}=accept-checksum to continue at statement ${at + 1}, or --resolve ${m.name}=restart to start it over (statements already applied stay applied)`,
      };
    }
  }
  const done = (c: CheckpointRow | undefined): boolean => c?.status === 'done' || c?.status === 'skipped';
  const firstOpen = m.statements.findIndex((s) => !done(checkpoints.get(s.index)));
  await ctx.store.beginMigration({
    name: m.name,
    checksum: m.checksum,
    statementsTotal: m.statements.length,
    approval: { ...step.approval, decision: describeDecision(step) },
    runner: `${hostname()} pid ${process.pid}`,
  });
  ctx.emit({ type: 'migration-start', migration: m.name, statements: m.statements.length, resumeAt: checkpoints.size > 0 && firstOpen >= 0 ? firstOpen : null });

  let applied = m.statements.filter((s) => done(checkpoints.get(s.index))).length;
  let inUserTxn = false;
  for (const stmt of m.statements) {
    const ref = { migration: m.name, index: stmt.index };
    const cp = checkpoints.get(stmt.index);
    if (done(cp)) {
      // Session settings of finished statements still matter to the ones after them.
      if (isSessionSet(stmt.operation)) await ctx.session.setSession(stmt.sql, ctx.options.statementTimeoutMs, `statement ${stmt.index + 1} of ${m.name}`);
      continue;
    }
    assertLockHeld(ctx);
    if (ctx.signal?.aborted) throw new StopRun('interrupted', `stopped on request before statement ${stmt.index + 1} of ${m.name}; run apply again to continue there`);
    const plan = planStatement(stmt, step.choices[stmt.index], ctx.traits, ctx.options.lockWaitTimeoutSec);
    const hash = planHash(plan);
    const started = Date.now();
    ctx.emit({
      type: 'statement-start',
      ...ref,
      mode: (plan.mode === 'refuse' ? 'skip' : plan.mode) as StatementMode,
      sql: plan.mode === 'batched' ? `batched ${plan.batched.verb} on ${plan.batched.table.name}` : 'sql' in plan ? (Array.isArray(plan.sql) ? plan.sql.join(';\n') : String(plan.sql)) : '',
      note: plan.mode === 'ddl' ? plan.note : null,
    });

    if (plan.mode === 'refuse') throw new StopRun('failed', plan.reason);

    // A statement that was running when an earlier run stopped: decide what happened to it.
    if (cp && cp.status === 'running') {
      const resumed = await resolveRunning(run, ref, stmt, plan, hash, cp);
      if (resumed === 'done') {
        applied++;
        continue;
      }
    }

    switch (plan.mode) {
      case 'skip':
        await ctx.store.markStatement(m.name, stmt.index, { sqlHash: hash, mode: 'other', status: 'skipped' });
        ctx.emit({ type: 'statement-done', ...ref, durationMs: 0, rows: null, how: 'skipped' });
        break;
      case 'session':
        if (isSessionSet(stmt.operation)) await ctx.session.setSession(plan.sql, ctx.options.statementTimeoutMs, `statement ${stmt.index + 1} of ${m.name}`);
        else await ctx.session.run(plan.sql, [], ctx.options.statementTimeoutMs, `statement ${stmt.index + 1} of ${m.name}`);
        await finishStatement(ctx, ref, plan, hash, null, started, 'executed');
        break;
      case 'transaction':
        await ctx.session.run(plan.sql, [], ctx.options.statementTimeoutMs, `statement ${stmt.index + 1} of ${m.name}`);
        // BEGIN's checkpoint joins the transaction it opens; COMMIT/ROLLBACK's is written after.
        inUserTxn = plan.verb === 'begin';
        await finishStatement(ctx, ref, plan, hash, null, started, 'executed');
        break;
      case 'dml':
        await runDmlStatement(run, ref, plan, hash, started, inUserTxn);
        break;
      case 'ddl':
        inUserTxn = false; // DDL commits implicitly
        await runDdlStatement(run, ref, plan, stmt.operation, hash, started);
        break;
      case 'truncate': {
        const reasons = await truncateRefusals(ctx.session.work, plan.table);
        if (reasons.length > 0) {
          throw new StopRun('failed', `refusing TRUNCATE of ${plan.table.name} in place of statement ${stmt.index + 1} of ${m.name}: ${reasons.join('; ')}; use the batched alternative or run the DELETE as written`);
        }
        inUserTxn = false;
        await runDdlStatement(run, ref, plan, stmt.operation, hash, started);
        break;
      }
      case 'batched': {
        if (inUserTxn) throw new StopRun('failed', `statement ${stmt.index + 1} of ${m.name} is inside the migration's own transaction and cannot be batched; run it as written or remove the BEGIN`);
        if (!cp || cp.mode !== 'batched') {
          await ctx.store.markStatement(m.name, stmt.index, { sqlHash: hash, mode: 'batched', status: 'running' });
        }
        const fresh = await ctx.store.checkpoint(m.name, stmt.index);
        const r = await runBatched(ctx, ref, plan.batched, fresh);
        await finishStatement(ctx, ref, plan, hash, r.rows, started, 'executed');
        break;
      }
      case 'alternative': {
        let from = cp?.mode === 'other' ? cp.chunks : 0;
        if (from === 0) await ctx.store.markStatement(m.name, stmt.index, { sqlHash: hash, mode: 'other', status: 'running' });
        for (; from < plan.sql.length; from++) {
          await runDdl(ctx, ref, plan.sql[from]!, ddlTable(stmt.operation));
          await ctx.store.recordChunk(m.name, stmt.index, [from], 0);
        }
        await finishStatement(ctx, ref, plan, hash, null, started, 'executed');
        break;
      }
    }
    applied++;
  }
  return { status: 'success', error: null, applied };
}

/** A statement found 'running' at the start: settle the old session, then decide from its mode. */
async function resolveRunning(run: MigrationRun, ref: StatementRef, stmt: ParsedStatement, plan: StatementPlan, hash: string, cp: CheckpointRow): Promise<'done' | 'run'> {
  const { ctx } = run;
  await ctx.session.settleThread(cp.connectionId, ctx.options.statementTimeoutMs);
  if (cp.sqlHash !== hash && cp.mode === 'batched') {
    if (run.resolution !== 'restart') {
      throw new StopRun('failed', `statement ${ref.index + 1} of ${ref.migration} was being run as a batched ${plan.mode === 'batched' ? 'statement with different settings' : 'statement'} and is now planned differently; re-plan with the same choice, or run drydock apply --resolve ${ref.migration}=restart`);
    }
  }
  if (run.resolution === 'statement-applied') {
    await ctx.store.markStatement(ref.migration, ref.index, { sqlHash: hash, mode: cp.mode, status: 'done' });
    ctx.emit({ type: 'statement-done', ...ref, durationMs: 0, rows: null, how: 'verified-applied' });
    return 'done';
  }
  if (run.resolution === 'statement-not-applied') return 'run';
  switch (cp.mode) {
    case 'dml': // never committed (the checkpoint would say done)
    case 'batched': // the checkpoint holds the last chunk that committed
    case 'truncate':
    case 'session':
      return 'run';
    case 'ddl': {
      const outcome = await verifyOutcome(ctx.session.work, stmt.operation);
      ctx.emit({ type: 'outcome-check', ...ref, outcome });
      if (outcome === 'applied') {
        await ctx.store.markStatement(ref.migration, ref.index, { sqlHash: hash, mode: 'ddl', status: 'done' });
        ctx.emit({ type: 'statement-done', ...ref, durationMs: 0, rows: null, how: 'verified-applied' });
        return 'done';
      }
      if (outcome === 'not-applied') return 'run';
      throw unknownOutcome(ref, stmt.operation);
    }
    default:
      throw unknownOutcome(ref, stmt.operation);
  }
}

async function detectTraits(session: ExecSession, caps: ApplyOptions['capabilities']): Promise<ServerTraits> {
  const version = await detectServer(session.work);
  const isMariaDb = caps?.isMariaDb ?? version.flavor === 'mariadb';
  const [rows] = await session.work.query<Row[]>('SELECT @@log_bin AS log_bin, @@binlog_format AS fmt');
  const statementBinlog = Number(rows[0]?.['log_bin']) === 1 && String(rows[0]?.['fmt']).toUpperCase() === 'STATEMENT';
  return Object.freeze({
    isMariaDb,
    supportsAlterWait: caps?.supportsAlterWait ?? isMariaDb,
    useMetadataLocks: (caps?.hasMetadataLocksTable ?? true) && (await metadataLocksUsable(session.work)),
    readCommittedOk: !statementBinlog,
  });
}

function driftError(m: Migration, h: HistoryRow): string {
  return (
    `migration ${m.name} was edited after it was applied (recorded checksum ${h.checksum.slice(0, 12)}, file now ${m.checksum.slice(0, 12)}); ` +
    `restore the file, or run drydock apply --resolve ${m.name}=accept-checksum to keep what ran and record the new checksum, or --resolve ${m.name}=rerun to run it again`
  );
}

export async function applyMigrations(steps: readonly ApplyStep[], options: ApplyOptions): Promise<ApplyResult> {
  const url = parseServerUrl(options.url);
  if (!url.database) throw new ConfigError('the target URL names no database: add it, e.g. mysql://user@host:3306/app');
  const database = url.database;
  const secrets = [url.password];
  const redact = (s: string): string => redactSecrets(s, secrets);
  const emit = (e: ApplyEvent): void => {
    try {
      options.onEvent?.(e);
    } catch {
      // A rendering failure must not break a half-applied migration.
    }
  };
  const opts = resolveOptions(options);
  const lock: RunnerLock = await acquireRunnerLock(options.url, database, options.runnerLockWaitSec ?? 0);
  emit({ type: 'lock-acquired', lockName: lock.name, connectionId: lock.connectionId });
  let session: ExecSession | null = null;
  const results: MigrationRunResult[] = [];
  try {
    session = await ExecSession.open(options.url, database, { lockWaitTimeoutSec: opts.lockWaitTimeoutSec, rowLockWaitTimeoutSec: opts.lockWaitTimeoutSec }, secrets);
    const store = new StateStore(session.work);
    const bookkeeping = await store.ensure();
    if (bookkeeping.length > 0) emit({ type: 'bookkeeping-applied', migrations: bookkeeping });
    await lock.recordHolder();
    const traits = await detectTraits(session, options.capabilities);
    const ctx: RunContext = { session, store, lock, options: opts, traits, signal: options.signal, emit };
    const kysely = new Set(await store.kyselyApplied(options.kyselyTable));

    let stopped = false;
    for (const step of steps) {
      const m = step.migration;
      const started = Date.now();
      const result = (status: MigrationRunStatus, error: string | null, applied: number): MigrationRunResult =>
        Object.freeze({ name: m.name, status, error: error === null ? null : redact(error), statementsApplied: applied, statementsTotal: m.statements.length, durationMs: Date.now() - started });
      if (stopped) {
        results.push(result('not-executed', null, 0));
        continue;
      }
      const resolution = options.resolve?.[m.name];
      const h = await store.historyOf(m.name);
      if (h && (h.status === 'success' || h.status === 'adopted')) {
        if (h.checksum === m.checksum || resolution === 'accept-checksum') {
          if (h.checksum !== m.checksum) await store.acceptChecksum(m.name, m.checksum);
          emit({ type: 'migration-skipped', migration: m.name, reason: 'already applied' });
          results.push(result('already-applied', null, h.statementsApplied));
          continue;
        }
        if (resolution !== 'rerun') {
          const error = driftError(m, h);
          emit({ type: 'migration-done', migration: m.name, status: 'failed', error });
          results.push(result('failed', error, 0));
          stopped = true;
          continue;
        }
        await store.resetCheckpoints(m.name);
      } else if (!h && kysely.has(m.name)) {
        await store.recordAdopted({ name: m.name, checksum: m.checksum, statementsTotal: m.statements.length, approval: { ...step.approval, decision: describeDecision(step) } });
        emit({ type: 'migration-skipped', migration: m.name, reason: 'already applied by Kysely (kysely_migration)' });
        results.push(result('already-applied', null, m.statements.length));
        continue;
      }

      let outcome: { status: MigrationRunStatus; error: string | null; applied: number };
      try {
        await session.resetSession();
        store.useConnection(session.work);
        outcome = await runMigration({ step, ctx, resolution }, h && h.status !== 'success' && h.status !== 'adopted' ? h : null);
      } catch (e) {
        const status = e instanceof StopRun ? e.status : 'failed';
        const message = e instanceof StopRun ? e.message : `statement of ${m.name} failed: ${errorText(e)}`;
        outcome = { status, error: redact(message), applied: -1 };
      }
      // Count from the checkpoints: they are what committed.
      let applied = outcome.applied;
      try {
        if (outcome.status !== 'success') {
          await session.work.query('ROLLBACK').catch(() => {});
          const cps = await store.checkpoints(m.name);
          applied = cps.filter((c) => c.status === 'done' || c.status === 'skipped').length;
          const open = m.statements.find((s) => !cps.some((c) => c.statementIndex === s.index && (c.status === 'done' || c.status === 'skipped')));
          const cp = open ? cps.find((c) => c.statementIndex === open.index) : undefined;
          // A refused or failed statement left nothing behind: mark it failed (it runs again next
          // time). Batched progress and statements of unknown outcome stay 'running' for resume.
          const keepRunning = cp?.status === 'running' && (cp.mode === 'batched' || outcome.status === 'interrupted' || /^outcome of statement/.test(outcome.error ?? ''));
          if (open && outcome.status === 'failed' && !keepRunning) {
            await store.markStatement(m.name, open.index, { sqlHash: cp?.sqlHash ?? '', mode: cp?.mode ?? 'other', status: 'failed', error: outcome.error });
          }
        }
        await store.finishMigration(m.name, {
          status: outcome.status === 'success' ? 'success' : outcome.status === 'interrupted' ? 'interrupted' : 'failed',
          statementsApplied: Math.max(0, applied),
          error: outcome.error,
        });
      } catch {
        // The history could not be written (connection gone): status will show the run as interrupted.
      }
      emit({ type: 'migration-done', migration: m.name, status: outcome.status, error: outcome.error });
      results.push(result(outcome.status, outcome.error, Math.max(0, applied)));
      if (outcome.status !== 'success') stopped = true;
    }
  } finally {
    await session?.close();
    await lock.release().catch(() => {});
  }
  const frozen = Object.freeze(results);
  return Object.freeze({ migrations: frozen, ok: frozen.every((r) => r.status === 'success' || r.status === 'already-applied') });
}
