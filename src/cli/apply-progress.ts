// Renders executor events: a listr2 task redrawn in place at a terminal, plain lines otherwise
// (CI logs get a chunk line at most every few seconds, never one per chunk).
import { Listr } from 'listr2';
import type { ApplyEvent } from '../executor/apply-types.js';
import { formatCount, formatDuration } from '../report/format-duration.js';

/** The progress line format (docs/output-formats.md): phase, rows done/total, %, rate, throttle, ETA. */
export function chunkLine(e: Extract<ApplyEvent, { type: 'chunk' }>): string {
  const p = e.progress;
  const total = p.rowsTotal === null ? '?' : formatCount(p.rowsTotal);
  const pct = p.rowsTotal ? ` ${((100 * p.rowsDone) / Math.max(p.rowsTotal, 1)).toFixed(1)}%` : '';
  const rate = p.rowsPerSec === null ? '' : ` · ${formatCount(p.rowsPerSec)} rows/s`;
  const throttle = p.throttleReason ? ` · throttled: ${p.throttleReason}` : '';
  const eta = p.etaMs === null ? '' : ` · ETA ${formatDuration(p.etaMs)}`;
  const yielding = p.lockWaiters > 0 ? ` · yielding: ${p.lockWaiters} session(s) waited on the chunk's row locks, chunks now ${formatDuration(p.chunkTargetMs)}` : '';
  return `${e.migration} #${e.index + 1} batched: ${formatCount(p.rowsDone)}/${total} rows${pct}${rate} · chunk ${formatCount(p.chunkRows)}${throttle}${yielding}${eta}`;
}

export function eventLine(e: ApplyEvent): string | null {
  switch (e.type) {
    case 'lock-acquired':
      return `runner lock ${e.lockName} held by connection ${e.connectionId}`;
    case 'bookkeeping-applied':
      return `created drydock's bookkeeping tables (${e.migrations.join(', ')})`;
    case 'migration-start':
      return `${e.migration}: ${e.statements} statements${e.resumeAt !== null ? `, resuming at statement ${e.resumeAt + 1}` : ''}`;
    case 'migration-skipped':
      return `${e.migration}: skipped (${e.reason})`;
    case 'statement-start':
      return `${e.migration} #${e.index + 1} ${e.mode}: ${e.sql.split('\n')[0]!.slice(0, 90)}${e.note ? ` (${e.note})` : ''}`;
    case 'preflight':
      return `${e.migration} #${e.index + 1}: ${e.table} is held by ${e.blockers.length} session(s) (${e.source}): ${e.blockers.map((b) => JSON.stringify(b)).join('; ')}`;
    case 'ddl-retry':
      return `${e.migration} #${e.index + 1}: ${e.reason}; retry ${e.attempt} in ${formatDuration(e.delayMs)}`;
    case 'throttle':
      return `${e.migration} #${e.index + 1}: throttled: ${e.reason}`;
    case 'chunk':
      return chunkLine(e);
    case 'outcome-check':
      return `${e.migration} #${e.index + 1}: outcome of the interrupted statement: ${e.outcome}`;
    case 'statement-done':
      return `${e.migration} #${e.index + 1} ${e.how} in ${formatDuration(e.durationMs)}${e.rows !== null ? `, ${formatCount(e.rows)} rows` : ''}`;
    case 'migration-done':
      return `${e.migration}: ${e.status}${e.error ? ` — ${e.error}` : ''}`;
  }
}

const PLAIN_CHUNK_INTERVAL_MS = 5000;

/** Runs `work` while showing its events; returns what it returns. */
export async function withProgress<T>(
  work: (onEvent: (e: ApplyEvent) => void) => Promise<T>,
  options: { readonly tty: boolean; readonly ci: boolean; readonly write: (line: string) => void },
): Promise<T> {
  if (!options.tty || options.ci) {
    let lastChunk = 0;
    return work((e) => {
      if (e.type === 'chunk') {
        const now = Date.now();
        if (now - lastChunk < PLAIN_CHUNK_INTERVAL_MS) return;
        lastChunk = now;
      }
      const line = eventLine(e);
      if (line) options.write(line + '\n');
    });
  }
  let result: T | undefined;
  await new Listr(
    [
      {
        title: 'Applying',
        task: async (_ctx, task) => {
          result = await work((e) => {
            const line = eventLine(e);
            if (!line) return;
            if (e.type === 'migration-start' || e.type === 'statement-start') task.title = line;
            else task.output = line;
          });
          task.title = 'Applied';
        },
        rendererOptions: { outputBar: 3, persistentOutput: true },
      },
    ],
    { exitOnError: true, rendererOptions: { collapseSubtasks: false } },
  ).run();
  return result as T;
}
