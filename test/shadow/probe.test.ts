// The blocked rule and the latency summary, on synthetic samples.
import { describe, expect, it } from 'vitest';
import { summarize, verdicts, type ProbeSample } from '../../src/shadow/probe-stats.js';

/** A steady stream of `ms`-long operations every 25 ms from `from` to `to`. */
function steady(from: number, to: number, ms = 3): ProbeSample[] {
  const out: ProbeSample[] = [];
  for (let t = from; t < to; t += 25) out.push({ start: t, end: t + ms, ok: true });
  return out;
}

describe('verdicts', () => {
  it('a writer held for a whole copy is blocked; readers that only wait at its end are not', () => {
    const writes = [...steady(0, 1000), { start: 1000, end: 4020, ok: true }, ...steady(4040, 4500)];
    const reads = [...steady(0, 3850), { start: 3850, end: 4030, ok: true }, ...steady(4040, 4500)];
    expect(verdicts(reads, writes, 1005, 4010)).toEqual({ readsBlocked: false, writesBlocked: true, readsStalledMs: 160, writesStalledMs: 3005, exclusiveMs: 160 });
  });
  it('a brief stall of everyone at the end of an online rebuild blocks nothing', () => {
    const stalled = [...steady(0, 3800), { start: 3800, end: 4050, ok: true }, ...steady(4060, 4500)];
    expect(verdicts(stalled, stalled, 1000, 4000)).toMatchObject({ readsBlocked: false, writesBlocked: false, exclusiveMs: 200 });
  });
  it('neither does a long stall in a much longer statement', () => {
    const writes = [...steady(0, 9000), { start: 9000, end: 10_020, ok: true }, ...steady(10_040, 10_500)];
    expect(verdicts(steady(0, 10_500), writes, 1000, 10_000)).toMatchObject({ writesBlocked: false, writesStalledMs: 1000 });
  });
  it('an instant change whose whole 800 ms run is its exclusive phase blocks nothing', () => {
    const stalled = [...steady(0, 500), { start: 500, end: 1300, ok: true }, ...steady(1310, 1600)];
    expect(verdicts(stalled, stalled, 505, 1295)).toMatchObject({ readsBlocked: false, writesBlocked: false, exclusiveMs: 790 });
  });
  it('an exclusive phase of LONG_EXCLUSIVE_MS or more blocks both', () => {
    const stalled = [...steady(0, 500), { start: 500, end: 3100, ok: true }, ...steady(3110, 3500)];
    expect(verdicts(stalled, stalled, 505, 3095)).toMatchObject({ readsBlocked: true, writesBlocked: true });
  });
  it('stalls shorter than STALL_MS do not count, however many', () => {
    const samples: ProbeSample[] = [];
    for (let t = 0; t < 3000; t += 100) samples.push({ start: t, end: t + 90, ok: true });
    expect(verdicts(samples, samples, 0, 3000)).toMatchObject({ readsBlocked: false, writesBlocked: false, writesStalledMs: 0 });
  });
  it('a probe that is slow by nature raises its own stall threshold', () => {
    // 60 ms scans before the statement: the threshold is 300 ms, so 150 ms operations during it are not stalls.
    const samples: ProbeSample[] = [];
    for (let t = 0; t < 1000; t += 80) samples.push({ start: t, end: t + 60, ok: true });
    for (let t = 1000; t < 3000; t += 170) samples.push({ start: t, end: t + 150, ok: true });
    expect(verdicts(steady(0, 3000), samples, 1000, 3000)).toMatchObject({ writesBlocked: false, writesStalledMs: 0 });
  });
  it('consecutive timeouts behind the same lock add up', () => {
    const writes = [
      { start: 0, end: 1000, ok: false },
      { start: 1020, end: 2020, ok: false },
      { start: 2040, end: 3040, ok: false },
      { start: 3060, end: 3500, ok: true },
    ];
    expect(verdicts(steady(0, 3500), writes, 0, 3500).writesBlocked).toBe(true);
  });
});

describe('summarize', () => {
  it('reports count, percentiles, errors and the longest outstanding operation', () => {
    const samples: ProbeSample[] = [
      ...Array.from({ length: 98 }, (_, i) => ({ start: i * 10, end: i * 10 + 2, ok: true })),
      { start: 2000, end: 2500, ok: true },
      { start: 3000, end: 4000, ok: false },
    ];
    expect(summarize(samples)).toEqual({ count: 100, maxLatencyMs: 500, p50Ms: 2, p99Ms: 500, errors: 1, maxBlockedMs: 1000 });
  });
  it('handles no samples', () => {
    expect(summarize([])).toEqual({ count: 0, maxLatencyMs: 0, p50Ms: 0, p99Ms: 0, errors: 0, maxBlockedMs: 0 });
  });
});
