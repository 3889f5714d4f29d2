// Runs one DDL statement without piling up traffic: report who would make it wait, run it with
// a short lock_wait_timeout (so live queries queue behind it for at most that long), and on a
// lock timeout back off and retry up to a bounded total before stopping with the blockers named.
import type { TableRef } from '../parser/statement.js';
import { isDeadlock, isLockTimeout, sleep } from './exec-session.js';
import { describeBlockers, findBlockers, type PreflightReport } from './preflight.js';
import { StopRun, type RunContext, type StatementRef } from './run-context.js';

/** Backoff before retry `attempt` (0-based): doubling from base, at most 8 × base, ±20 % jitter. */
export function retryDelayMs(attempt: number, baseDelayMs: number, random: () => number = Math.random): number {
  const raw = baseDelayMs * Math.min(8, 2 ** attempt);
  return Math.round(raw * (0.8 + 0.4 * random()));
}

const tableLabel = (t: TableRef): string => (t.schema ? `${t.schema}.${t.name}` : t.name);

export async function runDdl(ctx: RunContext, ref: StatementRef, sql: string, table: TableRef | null): Promise<void> {
  const started = Date.now();
  let attempt = 0;
  let last: PreflightReport | null = null;
  for (;;) {
    if (table) {
      last = await findBlockers(ctx.session.work, table, ctx.traits.useMetadataLocks);
      ctx.emit({ type: 'preflight', ...ref, table: tableLabel(table), source: last.source, blockers: last.blockers });
    }
    try {
      await ctx.session.run(sql, [], ctx.options.statementTimeoutMs, `statement ${ref.index + 1} of ${ref.migration}`);
      return;
    } catch (e) {
      if (!isLockTimeout(e) && !isDeadlock(e)) throw e;
      const elapsed = Date.now() - started;
      const delay = retryDelayMs(attempt, ctx.options.ddlRetry.baseDelayMs);
      const lockWait = ctx.options.lockWaitTimeoutSec * 1000;
      const who = last ? describeBlockers(last) : 'blockers unknown';
      if (elapsed + delay + lockWait > ctx.options.ddlRetry.maxTotalMs) {
        throw new StopRun(
          'failed',
          `statement ${ref.index + 1} of ${ref.migration} could not get its metadata lock${table ? ' on ' + tableLabel(table) : ''} ` +
            `in ${attempt + 1} attempts over ${Math.round(elapsed / 1000)} s (lock_wait_timeout ${ctx.options.lockWaitTimeoutSec} s each); ${who}. ` +
            'end or wait for those transactions, then run apply again (nothing of this statement was applied)',
        );
      }
      ctx.emit({ type: 'ddl-retry', ...ref, attempt: attempt + 1, delayMs: delay, reason: `lock wait timeout; ${who}` });
      await sleep(delay, ctx.signal);
      if (ctx.signal?.aborted) throw new StopRun('interrupted', `stopped on request before retrying statement ${ref.index + 1} of ${ref.migration}; run apply again to continue`);
      attempt++;
    }
  }
}
