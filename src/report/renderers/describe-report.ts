// Wording shared by the human renderers (text, markdown, github), so a lock verdict or an
// estimate reads the same everywhere. Renderers pass a painter to add their own emphasis.
import type { ImpactReport, LockVerdict, StatementEstimate, StatementMeasurement } from '../impact-report.js';
import { isLockUnknown } from '../impact-report.js';
import { formatCount, formatDuration, formatDurationRange } from '../format-duration.js';

export interface Painter {
  readonly blocked: (s: string) => string;
  readonly ok: (s: string) => string;
  readonly unknown: (s: string) => string;
}

export const PLAIN: Painter = Object.freeze({ blocked: (s: string) => s, ok: (s: string) => s, unknown: (s: string) => s });

export const NEEDS_APPROVAL = 'needs approval';

/** `writes BLOCKED, reads ok · COPY · rebuilds table`, or `unknown — needs approval`. */
export function describeLock(lock: LockVerdict, paint: Painter = PLAIN): string {
  const measured = lock.basis === 'measured' ? ' (measured)' : '';
  if (lock.blocksWrites === null && lock.blocksReads === null) {
    const algorithm = lock.algorithm === 'UNKNOWN' || lock.algorithm === 'NONE' ? '' : ` · ${lock.algorithm}`;
    return `${paint.unknown(`unknown — ${NEEDS_APPROVAL}`)}${algorithm}${measured}`;
  }
  const word = (v: boolean | null, what: string): string =>
    v === null ? paint.unknown(`${what} unknown`) : v ? paint.blocked(`${what} BLOCKED`) : paint.ok(`${what} ok`);
  const parts = [`${word(lock.blocksWrites, 'writes')}, ${word(lock.blocksReads, 'reads')}`];
  if (lock.algorithm === 'UNKNOWN') parts.push(paint.unknown('algorithm unknown'));
  else if (lock.algorithm !== 'NONE') parts.push(lock.algorithm);
  if (lock.rebuildsTable === true) parts.push('rebuilds table');
  const approval = isLockUnknown(lock) ? ` — ${paint.unknown(NEEDS_APPROVAL)}` : '';
  return `${parts.join(' · ')}${approval}${measured}`;
}

/** `~12.3 s (8.1–16.0 s, shadow)`; null when there is no duration. */
export function describeDuration(estimate: StatementEstimate): string | null {
  if (estimate.durationMs === null) return null;
  const range = estimate.durationRangeMs ? `${formatDurationRange(estimate.durationRangeMs[0], estimate.durationRangeMs[1])}, ` : '';
  return `~${formatDuration(estimate.durationMs)} (${range}${estimate.basis})`;
}

/** `9,000,000 rows`; null when unknown. */
export function describeRows(estimate: StatementEstimate): string | null {
  return estimate.rows === null ? null : `${formatCount(estimate.rows)} ${estimate.rows === 1 ? 'row' : 'rows'}`;
}

/** `rows 9,000,000 · ~12.3 s (8.1–16.0 s, shadow)`, `duration unknown` parts included. */
export function describeEstimate(estimate: StatementEstimate): string {
  return `${describeRows(estimate) ?? 'rows unknown'} · ${describeDuration(estimate) ?? 'duration unknown'}`;
}

/** `1.2 s on the shadow, 40,000 rows affected; writes waited up to 1.1 s, reads up to 3 ms`. */
export function describeMeasurement(m: StatementMeasurement): string {
  if (m.error !== null) return `failed on the shadow: ${m.error}`;
  const parts: string[] = [m.durationMs === null ? 'did not finish on the shadow' : `${formatDuration(m.durationMs)} on the shadow`];
  if (m.rowsAffected !== null) parts[0] += `, ${formatCount(m.rowsAffected)} rows affected`;
  const waits: string[] = [];
  if (m.maxWriteBlockMs !== null) waits.push(`writes waited up to ${formatDuration(m.maxWriteBlockMs)}`);
  if (m.maxReadBlockMs !== null) waits.push(`reads up to ${formatDuration(m.maxReadBlockMs)}`);
  if (waits.length > 0) parts.push(waits.join(', '));
  return parts.join('; ');
}

/** First line of the statement, whitespace collapsed, cut at `max` characters with `…`. */
export function shortSql(sql: string, max = 72): string {
  const lines = sql.trim().split(/\r?\n/);
  const first = (lines[0] ?? '').replace(/\s+/g, ' ').trim();
  const more = lines.length > 1;
  if (first.length > max) return `${first.slice(0, max - 1).trimEnd()}…`;
  return more ? `${first} …` : first;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The closing line, in a fixed form tools can match:
 * `^(\d+) errors?, (\d+) warnings? in (\d+) statements? \((\d+) migrations?\) — (blocked|ok)$`.
 */
export function summaryLine(report: ImpactReport): string {
  const s = report.summary;
  return `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')} in ${plural(s.statements, 'statement')} (${plural(s.migrations, 'migration')}) — ${s.blocked ? 'blocked' : 'ok'}`;
}

/** A table's total: `writes blocked ~12.3 s`, `not blocked`, `locking unknown — needs approval`. */
export function describeTableLock(t: ImpactReport['summary']['lockTimeByTable'][number], paint: Painter = PLAIN): string {
  const unknown = t.blocksWrites === null || t.blocksReads === null;
  const blocked = t.blocksWrites === true || t.blocksReads === true;
  if (!blocked) return unknown ? paint.unknown(`locking unknown — ${NEEDS_APPROVAL}`) : paint.ok('not blocked');
  const what = [t.blocksWrites ? 'writes' : null, t.blocksReads ? 'reads' : null].filter((x) => x !== null).join(' and ');
  const time = t.expectedLockMs === null ? 'for an unknown time' : `~${formatDuration(t.expectedLockMs)}`;
  const tail = unknown ? ` — ${paint.unknown(NEEDS_APPROVAL)}` : '';
  return `${paint.blocked(`${what} blocked ${time}`)}${tail}`;
}

/** Alternatives are shown ready to paste: each ends with `;`. */
export function withDelimiter(sql: string): string {
  const t = sql.trimEnd();
  return t.endsWith(';') ? t : `${t};`;
}

/**
 * Terminal-safe text: control characters other than tab and line feed (ESC, CR, …) are shown as
 * `\u001b`-style escapes, so SQL or messages cannot move the cursor or recolour the terminal.
 */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
