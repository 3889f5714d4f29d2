// Batched DELETE/UPDATE: keyset chunks in primary-key order, one transaction per chunk, with the
// chunk's checkpoint (last key done) committed in that same transaction — so a run killed at any
// moment resumes at exactly the next row, never repeating or skipping one.
import type mysql from 'mysql2/promise';
import type { BatchedDml } from '../analysis/analyzer.js';
import { quoteTable } from '../db/connection.js';
import type { CheckpointRow } from '../state/state-store.js';
import { nextChunkRows, clampChunkRows, nextTargetMs } from './chunker.js';
import { isConnectionLost, isDeadlock, isLockTimeout, sleep, StatementTimeoutError } from './exec-session.js';
import { chunkDml, chunkKeysQuery, keyFromRow, remainingCountQuery } from './keyset.js';
import { readLockWaiters } from './lock-waiters.js';
import { computeProgress } from './progress.js';
import { assertLockHeld, StopRun, type RunContext, type StatementRef } from './run-context.js';
import { ThrottleMonitor } from './throttle-monitor.js';

type Row = mysql.RowDataPacket;

/** Counting the rows to do is only for progress: give up on it quickly. */
export const COUNT_TIMEOUT_MS = 5_000;
/** While throttled, look again this often. */
export const THROTTLE_POLL_MS = 500;

export interface BatchedResult {
  readonly rows: number;
  readonly chunks: number;
}

async function countRemaining(ctx: RunContext, b: BatchedDml, after: readonly unknown[] | null): Promise<number | null> {
  const q = remainingCountQuery(b, after);
  try {
    const rows = await ctx.session.run<Row[]>(q.sql, q.params, COUNT_TIMEOUT_MS, `counting rows of ${b.table.name}`);
    return Number(rows[0]?.['n'] ?? 0);
  } catch (e) {
    if (isConnectionLost(e)) throw e;
    return null;
  }
}

/** The question about waiters is asked while the chunk holds its locks: it gets this long at most. */
export const LOCK_WAITERS_TIMEOUT_MS = 1_000;

/**
 * Sessions waiting on the open chunk's row locks, asked on the control connection just before the
 * commit. An unreadable or late answer counts as none: it only steers the chunk size, never safety.
 */
async function lockWaiters(ctx: RunContext): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<number>((resolve) => {
    timer = setTimeout(() => resolve(0), LOCK_WAITERS_TIMEOUT_MS);
  });
  const asked = (async () => {
    const r = await readLockWaiters(await ctx.session.control(), ctx.traits.isMariaDb, ctx.session.threadId);
    return r.ok ? r.waiters : 0;
  })().catch(() => 0);
  try {
    return await Promise.race([asked, late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runBatched(ctx: RunContext, ref: StatementRef, b: BatchedDml, resume: CheckpointRow | null): Promise<BatchedResult> {
  if (b.primaryKey.length === 0) {
    throw new StopRun('failed', `cannot batch statement ${ref.index + 1} of ${ref.migration}: ${quoteTable(b.table)} has no primary key to walk; add one or run the statement as written`);
  }
  let lastKey: readonly unknown[] | null = resume?.lastKey ?? null;
  let rowsDone = resume?.rowsDone ?? 0;
  let chunks = resume?.chunks ?? 0;
  const remaining = await countRemaining(ctx, b, lastKey);
  const rowsTotal = remaining === null ? null : rowsDone + remaining;
  if (rowsTotal !== null) await ctx.store.setRowsTotal(ref.migration, ref.index, rowsTotal);

  const monitor = new ThrottleMonitor(() => ctx.session.control(), ctx.traits.isMariaDb, ctx.options.throttle, ctx.options.throttle.replicaUrls);
  if (ctx.traits.readCommittedOk) {
    // Only matching rows stay locked; rows the chunk scans but skips are released at once.
    await ctx.session.work.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
  }
  const startedAt = Date.now();
  let chunkRows = clampChunkRows(b.chunkRows > 0 ? b.chunkRows : 1000);
  // Lowered while sessions are found waiting on the chunks' row locks (yielding to live traffic).
  let targetMs = ctx.options.chunkTargetMs;
  let rowsThisRun = 0;
  let chunksThisRun = 0;
  let throttleReason: string | null = null;
  let failingSince: number | null = null;
  let failures = 0;
  try {
    for (;;) {
      assertLockHeld(ctx);
      if (ctx.signal?.aborted) {
        throw new StopRun('interrupted', `stopped on request after ${rowsDone} rows of statement ${ref.index + 1} of ${ref.migration} (last key ${JSON.stringify(lastKey)}); run apply again to resume from there`);
      }
      // Throttle: wait while any signal says so, or while a signal cannot be read.
      const throttledSince = Date.now();
      throttleReason = null;
      for (;;) {
        const d = await monitor.check();
        if (!d.throttled) break;
        throttleReason = d.reason;
        ctx.emit({ type: 'throttle', ...ref, reason: d.reason ?? 'throttled' });
        if (Date.now() - throttledSince > ctx.options.throttle.maxWaitMs) {
          throw new StopRun('interrupted', `throttled for more than ${Math.round(ctx.options.throttle.maxWaitMs / 1000)} s on statement ${ref.index + 1} of ${ref.migration} (${d.reason}); run apply again when the server is quieter`);
        }
        await sleep(THROTTLE_POLL_MS, ctx.signal);
        if (ctx.signal?.aborted) break;
      }
      if (ctx.signal?.aborted) continue;

      const t0 = Date.now();
      let affected = 0;
      let end: readonly unknown[] | null = null;
      let full = true;
      let waiters = 0;
      try {
        const keysQ = chunkKeysQuery(b, lastKey, chunkRows);
        const keys = await ctx.session.run<Row[]>(keysQ.sql, keysQ.params, ctx.options.chunkTimeoutMs, `finding the next chunk of ${b.table.name}`);
        const lastRow = keys.at(-1);
        if (!lastRow) break;
        end = keyFromRow(b, lastRow);
        full = keys.length >= chunkRows;
        const dml = chunkDml(b, lastKey, end);
        await ctx.session.work.query('START TRANSACTION');
        const res = await ctx.session.run<mysql.ResultSetHeader>(dml.sql, dml.params, ctx.options.chunkTimeoutMs, `a chunk of ${b.table.name}`);
        affected = res.affectedRows;
        await ctx.store.recordChunk(ref.migration, ref.index, end, affected);
        waiters = await lockWaiters(ctx);
        await ctx.session.work.query('COMMIT');
      } catch (e) {
        if (isConnectionLost(e)) {
          // The chunk and its checkpoint committed together or not at all: settle the old session, then ask the checkpoint.
          const old = await ctx.session.reconnect();
          ctx.store.useConnection(ctx.session.work);
          await ctx.session.settleThread(old, ctx.options.chunkTimeoutMs);
          if (ctx.traits.readCommittedOk) await ctx.session.work.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
          const cp = await ctx.store.checkpoint(ref.migration, ref.index);
          lastKey = cp?.lastKey ?? null;
          rowsDone = cp?.rowsDone ?? 0;
          chunks = cp?.chunks ?? 0;
          continue;
        }
        await ctx.session.work.query('ROLLBACK').catch(() => {});
        const retryable = isLockTimeout(e) || isDeadlock(e) || e instanceof StatementTimeoutError;
        if (!retryable) throw e;
        failingSince ??= Date.now();
        if (Date.now() - failingSince > ctx.options.ddlRetry.maxTotalMs) {
          throw new StopRun('failed', `chunks of statement ${ref.index + 1} of ${ref.migration} kept failing for ${Math.round((Date.now() - failingSince) / 1000)} s (last: ${ctx.session.redact((e as Error).message)}); ${rowsDone} rows are done and recorded — run apply again to resume`);
        }
        // Smaller chunks hold fewer locks and finish sooner: halve and retry after a pause.
        chunkRows = clampChunkRows(chunkRows / 2);
        ctx.emit({ type: 'ddl-retry', ...ref, attempt: ++failures, delayMs: ctx.options.ddlRetry.baseDelayMs, reason: ctx.session.redact((e as Error).message) });
        await sleep(ctx.options.ddlRetry.baseDelayMs, ctx.signal);
        continue;
      }
      failingSince = null;
      const elapsed = Date.now() - t0;
      lastKey = end;
      rowsDone += affected;
      rowsThisRun += affected;
      chunks++;
      chunksThisRun++;
      ctx.emit({
        type: 'chunk',
        ...ref,
        progress: computeProgress({
          rowsDone,
          rowsTotal,
          rowsThisRun,
          chunksThisRun,
          chunks,
          elapsedMs: Date.now() - startedAt,
          chunkRows,
          lastChunkMs: elapsed,
          throttleReason,
          lockWaiters: waiters,
          chunkTargetMs: targetMs,
        }),
      });
      targetMs = nextTargetMs(targetMs, ctx.options.chunkTargetMs, waiters > 0);
      chunkRows = nextChunkRows(chunkRows, elapsed, targetMs, full);
      if (!full) break;
      if (ctx.options.throttle.niceRatio > 0) await sleep(elapsed * ctx.options.throttle.niceRatio, ctx.signal);
    }
  } finally {
    await monitor.close();
    if (ctx.traits.readCommittedOk) await ctx.session.work.query('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ').catch(() => {});
  }
  return { rows: rowsDone, chunks };
}
