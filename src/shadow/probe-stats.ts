// Pure arithmetic over probe samples: latency summaries, and the "blocked" verdict that tells a
// statement that held traffic up for its whole run from one that only stalled it briefly at its
// ends (the exclusive metadata lock every DDL takes to start and to swap in the new table).

/** One probe operation: when it was sent and when it came back (ms, same clock as the statement). */
export interface ProbeSample {
  readonly start: number;
  readonly end: number;
  readonly ok: boolean;
}

export interface ProbeSeries {
  readonly count: number;
  /** Longest successful operation. */
  readonly maxLatencyMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  /** Longest time an operation was outstanding, failed ones (timeouts) included. */
  readonly maxBlockedMs: number;
}

export interface ProbeReport {
  readonly reads: ProbeSeries;
  readonly writes: ProbeSeries;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarize(samples: readonly ProbeSample[]): ProbeSeries {
  const ok = samples.filter((s) => s.ok).map((s) => s.end - s.start).sort((a, b) => a - b);
  const all = samples.map((s) => s.end - s.start);
  return Object.freeze({
    count: samples.length,
    maxLatencyMs: round(ok.length ? ok[ok.length - 1]! : 0),
    p50Ms: round(percentile(ok, 50)),
    p99Ms: round(percentile(ok, 99)),
    errors: samples.length - ok.length,
    maxBlockedMs: round(all.length ? Math.max(...all) : 0),
  });
}

/**
 * The blocked rule.
 *
 * An operation "stalls" when it is outstanding for at least the stall threshold: STALL_MS, or
 * BASELINE_FACTOR times the slowest operation seen before the statement started if that is larger
 * (so a probe whose statements are slow by nature, a scan say, is not mistaken for a blocked one).
 * Stalled time is clipped to the statement's window and summed per connection (one connection
 * runs one operation at a time, so its stalls never overlap; the sum keeps the verdict right when
 * a blocked operation times out and the next one queues behind the same lock).
 *
 * Time when the reader and the writer were stalled together is the statement's exclusive phase:
 * the metadata lock every DDL takes at its start and end, or the whole run of an instant change
 * (measured on MariaDB 10.11: 0.3–0.8 s for instant changes and at the end of index builds, right
 * after large copies). DESIGN.md reports that phase on its own, so it only counts as blocking when
 * it is long (LONG_EXCLUSIVE_MS).
 *
 * Traffic is blocked when its stalled time is at least BLOCKED_FRACTION of the statement's duration
 * and at least MIN_BLOCKED_MS, and either the part outside the exclusive phase reaches
 * MIN_BLOCKED_MS or the exclusive phase itself is long. So a copy that holds writers for its whole
 * run blocks writes (and not reads, which only wait at its end); an online rebuild that holds
 * everyone for a moment at the end blocks nothing (measured: 100–400 ms against 1.5–3 s); an
 * instant change blocks nothing however slow its exclusive moment, up to LONG_EXCLUSIVE_MS.
 */
export const STALL_MS = 100;
export const BASELINE_FACTOR = 5;
export const BLOCKED_FRACTION = 0.5;
export const MIN_BLOCKED_MS = 500;
export const LONG_EXCLUSIVE_MS = 2_000;

export interface Verdicts {
  readonly readsBlocked: boolean;
  readonly writesBlocked: boolean;
  /** Stalled time that overlapped the statement, per connection. */
  readonly readsStalledMs: number;
  readonly writesStalledMs: number;
  /** Time both were stalled together: the statement's exclusive phase. */
  readonly exclusiveMs: number;
}

type Interval = readonly [number, number];

function stallThreshold(samples: readonly ProbeSample[], windowStart: number): number {
  const before = samples.filter((s) => s.end <= windowStart).map((s) => s.end - s.start);
  return Math.max(STALL_MS, BASELINE_FACTOR * (before.length ? Math.max(...before) : 0));
}

function stalls(samples: readonly ProbeSample[], windowStart: number, windowEnd: number): Interval[] {
  const threshold = stallThreshold(samples, windowStart);
  const out: Interval[] = [];
  for (const s of samples) {
    if (s.end - s.start < threshold) continue;
    const from = Math.max(s.start, windowStart);
    const to = Math.min(s.end, windowEnd);
    if (to > from) out.push([from, to]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

const total = (xs: readonly Interval[]): number => xs.reduce((n, [a, b]) => n + (b - a), 0);

function overlap(a: readonly Interval[], b: readonly Interval[]): number {
  let n = 0;
  for (const [a0, a1] of a) for (const [b0, b1] of b) n += Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
  return n;
}

export function verdicts(reads: readonly ProbeSample[], writes: readonly ProbeSample[], windowStart: number, windowEnd: number): Verdicts {
  const duration = Math.max(0, windowEnd - windowStart);
  const r = stalls(reads, windowStart, windowEnd);
  const w = stalls(writes, windowStart, windowEnd);
  const exclusive = overlap(r, w);
  const blocked = (stalled: number): boolean =>
    stalled >= MIN_BLOCKED_MS && stalled >= BLOCKED_FRACTION * duration && (stalled - exclusive >= MIN_BLOCKED_MS || exclusive >= LONG_EXCLUSIVE_MS);
  return Object.freeze({
    readsBlocked: blocked(total(r)),
    writesBlocked: blocked(total(w)),
    readsStalledMs: round(total(r)),
    writesStalledMs: round(total(w)),
    exclusiveMs: round(exclusive),
  });
}
