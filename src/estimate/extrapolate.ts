// From durations measured on the shadow at one or more table sizes to a duration at the target's
// size: fit the cost curve, extrapolate, and give a range wide enough to be honest about the fit.
// Pure arithmetic; the dry run supplies the samples.

/** One measurement: the statement took `durationMs` on a table of `rows` rows. */
export interface SizedSample {
  readonly rows: number;
  readonly durationMs: number;
}

export type CostModel = 'measured' | 'constant' | 'linear' | 'scaled';

/** What a DML statement does to the index entries of each row it changes (see indexGrowth). */
export type IndexChange = 'delete' | 'update';

export interface DurationEstimate {
  readonly durationMs: number;
  readonly rangeMs: readonly [number, number];
  readonly model: CostModel;
  /** Fitted growth exponent (duration ∝ rows^p), when two or more sizes were measured. */
  readonly exponent: number | null;
  /** In words: how the number came about. */
  readonly explanation: string;
}

export interface ExtrapolateOptions {
  /** The capabilities' answer: false for metadata-only changes, null when unknown. */
  readonly sizeDependent?: boolean | null;
  /**
   * At the target's size the table (and a copy of it) no longer fits the buffer pool while the
   * measured sizes did: reads and writes go to disk, so the real curve bends upwards.
   */
  readonly outgrowsMemory?: boolean;
  /**
   * Measured slow-down from that: the statement's duration at the largest shadow size with the
   * shadow's buffer pool shrunk to the target's table-to-pool ratio, divided by its duration with
   * the whole table in memory. Undefined or null when it could not be measured: the point estimate
   * then stays on the in-memory curve and only the upper end of the range allows for disk.
   */
  readonly memoryBoundFactor?: number | null;
  /**
   * The pool the memory-bound run had over the one production's ratio asked for: above 1 when the
   * server would not shrink that far (its minimum), so the table fitted the shadow's pool better than
   * production's and the factor is a floor. The top of the range grows by it.
   */
  readonly memoryBoundShortfall?: number | null;
  /**
   * For a size-independent (metadata-only) change: its duration at the largest shadow size with
   * the shadow's pool shrunk as for memoryBoundFactor. Such a change still reads a few of its
   * table's pages, from disk once the table outgrows the pool; the constant is this, not the
   * in-memory runs'.
   */
  readonly memoryBoundMs?: number | null;
  /**
   * Where production lands between a metadata-only change's in-memory runs (0) and its
   * shrunk-pool run (1), in log space; metadataPoolWeight has the measured values per flavor.
   * Half way (the geometric mean) when not given.
   */
  readonly memoryBoundWeight?: number | null;
  /**
   * The work is a sequence of bounded steps (batched chunks): its cost is linear in rows by
   * construction, whatever two noisy points suggest, and each step's working set stays small.
   */
  readonly chunked?: boolean;
  /**
   * The work is a sort of the table's rows (a secondary index build): its merge passes may grow
   * with log n. The n·log n curve through the samples sets the top of the range; the estimate
   * stays on the straight line (see the note at `sortTop`).
   */
  readonly sortBased?: boolean;
  /**
   * Production's table over the largest shadow table, for a DELETE or UPDATE whose work is
   * changing secondary-index entries (indexMaintenanceGrowth): its cost per row grows with the
   * table (INDEX_GROWTH_EXPONENT). Null or undefined for everything else.
   */
  readonly indexGrowth?: number | null;
  /** What the statement does to those entries, for the explanation. Default 'delete'. */
  readonly indexChange?: IndexChange;
}

/**
 * Growth below this factor over the measured size range means the duration does not depend on
 * the table's size (a metadata change, or fixed overhead dominating).
 */
export const FLAT_GROWTH = 1.3;
/** Run-to-run spread of one measurement on a shared machine. */
export const NOISE_LOW = 0.8;
export const NOISE_HIGH = 1.25;
/** Below this a duration is noise-dominated: do not read a growth curve out of it. */
export const NOISE_FLOOR_MS = 15;

/**
 * A shrink that fell short of production's ratio by more than this widens the range. The DELETE
 * of every row of the demo's 9,000,000-row table took ×3.9 its estimate when the shadow's pool
 * stopped at 8 MB instead of the 2.8 MB asked for (×2.85 short; bench/demo-at-scale.ts): the
 * slow-down grows steeply with the ratio, and the part of it the shadow could not reach is unknown.
 */
export const SHORTFALL_MIN = 1.25;

/**
 * A DELETE's cost per row grows with the table it deletes from, as (production rows / shadow
 * rows)^this: every row delete-marks an entry in each secondary index, and a bigger index costs
 * more per entry. Measured in memory (2 GB pool and redo log: no disk reads, no checkpoint
 * flushing; bench/delete-growth.ts): deleting every row cost 2.97 µs a row at 30,000 rows and
 * 5.07 µs at 1,000,000 on MariaDB 10.11, 3.87 and 7.79 µs on MySQL 9.7 (medians of 3; a first
 * single run gave 2.85 / 4.44 and 3.96 / 7.05): duration ∝ rows^1.11–1.20. Deleting 100,000 rows
 * of a 1,000,000-row table cost ×1.3–1.7 a row what deleting a whole 100,000-row table did; an
 * UPDATE of unindexed columns stayed flat (3.2–3.4 µs a row), one that moves every row's entry in
 * a secondary index grew like the DELETE (MariaDB 3.60 → 5.14 µs, MySQL 5.62 → 10.03 from 30,000
 * to 1,000,000 rows: rows^1.10 and rows^1.17). The shadow's sizes, a quarter to all of its
 * budget, are too close together and too noisy to show a ×1.15 over their span, so a low
 * measured exponent is applied.
 */
export const INDEX_GROWTH_EXPONENT = 0.12;

/**
 * Where a metadata-only change on a table that outgrows production's pool lands between its
 * in-memory runs and its shrunk-pool run (log space; see memoryBoundWeight). Both flavors read
 * pages for such a change (statistics sampling, the dictionary), all of them from disk on the
 * shrunk pool; they differ in how many at production's size. The same five ALTERs on the same
 * 1,000,000-row table (125 MB, 128 MiB pool, as many of its pages cached; bench/metadata-reads.ts)
 * read 24–31 pages from disk on MariaDB 10.11 (307–429 page requests) and 56–117 on MySQL 9.7
 * (916–2,954 requests). Against the accuracy bench's 1M-row table MySQL's duration sat at or above
 * its shrunk-pool run in 16 of 20 kinds over four runs (the other four within 1.2 ms below);
 * MariaDB's lies nearer its in-memory runs (the geometric mean: 1.0–1.7 of the actual).
 */
export function metadataPoolWeight(flavor: 'mysql' | 'mariadb'): number {
  return flavor === 'mysql' ? 1 : 0.5;
}

/** Upper end of the range for a table outgrowing the buffer pool when the slow-down was not measured. */
export const UNMEASURED_DISK_HEADROOM = 2.5;

const round = (ms: number): number => Math.round(ms * 10) / 10;

/** Duration at `targetRows` from `samples` (any order, at least one). */
export function extrapolateDuration(samples: readonly SizedSample[], targetRows: number, options: ExtrapolateOptions = {}): DurationEstimate {
  if (samples.length === 0) throw new Error('extrapolateDuration needs at least one sample');
  const sorted = [...samples].sort((a, b) => a.rows - b.rows);
  const largest = sorted[sorted.length - 1]!;
  const smallest = sorted[0]!;
  const range = (lo: number, hi: number): readonly [number, number] => [round(lo), round(hi)];

  // Measured at (or beyond) the target's size: report what was measured.
  if (targetRows <= largest.rows) {
    const atOrAbove = sorted.find((s) => s.rows >= targetRows) ?? largest;
    const d = atOrAbove.durationMs;
    return freeze({ durationMs: round(d), rangeMs: range(d * NOISE_LOW, d * NOISE_HIGH), model: 'measured', exponent: null, explanation: `measured at ${fmtRows(atOrAbove.rows)} rows, the target's size` });
  }

  const maxMs = Math.max(...sorted.map((s) => s.durationMs));
  const minMs = Math.min(...sorted.map((s) => s.durationMs));
  // The capabilities call it metadata-only: believe that unless the measurements clearly grow with
  // the table (an explicit ALGORITHM=COPY, a version the tables do not know): then they win.
  const measuredGrowth = sorted.length >= 2 && smallest.rows > 0 && largest.rows / smallest.rows >= 1.5 ? largest.durationMs / Math.max(smallest.durationMs, 0.1) : null;
  // Nearly in proportion to rows and long enough that noise cannot fake it.
  const clearlyGrows = measuredGrowth !== null && largest.durationMs >= 250 && measuredGrowth >= 0.75 * (largest.rows / smallest.rows);
  // Size-independent runs are repeats of one cost: their median shrugs off one run slowed by noise.
  const byMs = sorted.map((s) => s.durationMs).sort((a, b) => a - b);
  const mid = Math.floor(byMs.length / 2);
  const typicalMs = byMs.length % 2 === 1 ? byMs[mid]! : (byMs[mid - 1]! + byMs[mid]!) / 2;
  if (options.sizeDependent === false && !clearlyGrows) {
    const bound = options.outgrowsMemory === true && options.memoryBoundMs != null ? options.memoryBoundMs : null;
    // The two runs bracket production: in memory the change reads nothing from disk; on the shrunk
    // pool it reads every page it touches. Where production lies between them depends on how many
    // pages the server reads for such a change (metadataPoolWeight); the range covers both.
    const weight = Math.min(1, Math.max(0, options.memoryBoundWeight ?? 0.5));
    const constantMs = bound === null ? typicalMs : typicalMs ** (1 - weight) * bound ** weight;
    return freeze({
      durationMs: round(constantMs),
      rangeMs: range(Math.min(minMs, constantMs) * NOISE_LOW, Math.max(maxMs, bound ?? 0, constantMs) * 1.5),
      model: 'constant',
      exponent: null,
      explanation: `metadata-only change: its duration does not grow with the table${
        bound === null
          ? ''
          : `; at production's size the table outgrows the buffer pool and some of the pages it reads come from disk: between ${fmtMs(typicalMs)} in memory and ${fmtMs(bound)} with the shadow's pool shrunk to the same table-to-pool ratio (where every page it reads comes from disk)${
              weight >= 1 ? "; this server reads enough pages for such a change that production's duration is taken at the shrunk-pool run" : ''
            }`
      }`,
    });
  }

  const ratio = targetRows / largest.rows;
  const spread = largest.rows / Math.max(1, smallest.rows);
  if (sorted.length < 2 || spread < 1.5 || (largest.durationMs < NOISE_FLOOR_MS && options.sizeDependent !== true)) {
    // One size only (or too close together, or too fast to show a trend): scale in proportion.
    // A sub-linear real curve (index lookups) lands below this, a super-linear one (sorts, a
    // buffer pool that no longer holds the table) above: the range says so.
    if (largest.durationMs < NOISE_FLOOR_MS && sorted.length >= 2 && maxMs < NOISE_FLOOR_MS && options.sizeDependent !== true) {
      return freeze({
        durationMs: round(largest.durationMs),
        rangeMs: range(minMs * NOISE_LOW, Math.max(maxMs * 2, largest.durationMs * Math.sqrt(ratio))),
        model: 'constant',
        exponent: null,
        explanation: `too fast to show growth (${fmtMs(minMs)}–${fmtMs(maxMs)} at ${fmtRows(smallest.rows)}–${fmtRows(largest.rows)} rows)`,
      });
    }
    const indexGrowth = indexGrowthFactor(options);
    const d = largest.durationMs * ratio * indexGrowth;
    return freeze({
      durationMs: round(d),
      rangeMs: range(largest.durationMs * Math.pow(ratio, 0.8), d * 1.5),
      model: 'scaled',
      exponent: 1,
      explanation: `measured at ${fmtRows(largest.rows)} rows, scaled ×${fmtRatio(ratio)} in proportion to rows${growthSuffix(indexGrowth, options.indexChange)}`,
    });
  }

  const growth = largest.durationMs / Math.max(smallest.durationMs, 0.1);
  const exponent = Math.log(Math.max(growth, 1e-3)) / Math.log(spread);
  // Flat growth means size-independent only when the capabilities do not say otherwise: a copy or
  // an index build measured on small tables can be dominated by fixed overhead.
  if (growth < FLAT_GROWTH && options.sizeDependent !== true && !clearlyGrows) {
    // Size plays no part: every run is a sample of the same cost.
    return freeze({
      durationMs: round(typicalMs),
      rangeMs: range(minMs * NOISE_LOW, maxMs * 1.5),
      model: 'constant',
      exponent: round2(exponent),
      explanation: `does not grow with the table (${fmtMs(smallest.durationMs)} at ${fmtRows(smallest.rows)} rows, ${fmtMs(largest.durationMs)} at ${fmtRows(largest.rows)})`,
    });
  }

  // Affine least squares: fixed overhead + cost per row. Copies, scans and batched DML are
  // linear in rows once the overhead is paid.
  const fit = affineFit(sorted);
  // A negative overhead is the points bending upwards, not a real saving: refit through the origin
  // (clamping the intercept and keeping the slope lifted the line above the points).
  const slope = fit.slope <= 0 ? largest.durationMs / largest.rows : fit.intercept < 0 ? originFit(sorted) : fit.slope;
  const intercept = fit.slope > 0 ? Math.max(0, fit.intercept) : 0;
  const linear = intercept + slope * targetRows;
  // A sort: fixed overhead + cost per n·log2 n, fitted the same way (×1.2 over the straight line
  // from 100k to 1M rows). It bounds the range from above only: with the out-of-memory factor
  // measured, as the estimate it over-predicted 11 of the 12 index builds of four accuracy runs
  // on 2026-12-07 (0.88–1.67, three beyond ×1.5); the straight line, replayed on the same runs
  // (bench/replay-accuracy.ts), kept all 12 within ×1.5 (0.77–1.46).
  const sortFit = options.sortBased ? nLogNFit(sorted) : null;
  const sortTop = sortFit && sortFit.slope > 0 ? Math.max(linear, Math.max(0, sortFit.intercept) + sortFit.slope * nLogN(targetRows)) : null;
  // Power law through the measured points: catches super-linear growth (work that spills to disk).
  const p = Math.min(1.5, Math.max(0.5, exponent));
  const power = largest.durationMs * Math.pow(ratio, p);
  // Measured growth faster than rows (sorting, spilling to disk) continues past the measured sizes,
  // when every step between neighbouring sizes shows it: one slow run at the largest size (123,
  // 244 then 693 ms for a range UPDATE on MySQL) is noise, and a power law through it lands ×3 high.
  const superLinear = exponent > 1.05 && stepExponents(sorted).every((e) => e > 1.05);
  const fitted = superLinear && largest.durationMs >= 500 && !options.chunked ? Math.max(linear, power) : linear;
  // Three or more sizes say how well the model fits: the spread of the points around it (in log
  // space) widens the range, so a poor fit shows as a wide one instead of a confident number.
  const misfit = sorted.length >= 3 ? fitSpread(sorted, (n) => intercept + slope * n) : 1;
  // A table that outgrows the buffer pool turns page reads and writes into disk I/O the in-memory
  // shadow never saw. Chunked work keeps a small working set and is left alone.
  const diskBound = options.outgrowsMemory === true && !options.chunked;
  const factor = diskBound && options.memoryBoundFactor != null ? Math.max(1, options.memoryBoundFactor) : null;
  const lo = (options.chunked ? linear * 0.7 : Math.min(linear, power, fitted)) * 0.85 / misfit * (factor !== null ? Math.max(1, factor * NOISE_LOW) : 1);
  const shortfall = factor !== null && (options.memoryBoundShortfall ?? 1) > SHORTFALL_MIN ? options.memoryBoundShortfall! : null;
  const hi = (options.chunked ? linear * 1.5 : Math.max(linear, power, fitted, sortTop ?? 0) * 1.2) * misfit * (factor !== null ? factor * NOISE_HIGH * (shortfall ?? 1) : diskBound ? UNMEASURED_DISK_HEADROOM : 1);
  // A power law through the points already carries the growth per row; the straight line does not.
  const indexGrowth = fitted === linear ? indexGrowthFactor(options) : 1;
  const point = (factor !== null ? fitted * factor : fitted) * indexGrowth;
  return freeze({
    durationMs: round(point),
    rangeMs: range(lo, hi * indexGrowth),
    model: 'linear',
    exponent: round2(exponent),
    explanation: `fitted over ${sorted.map((s) => `${fmtRows(s.rows)} rows → ${fmtMs(s.durationMs)}`).join(', ')}; extrapolated ×${fmtRatio(ratio)} to ${fmtRows(targetRows)} rows${sortTop !== null && sortTop > linear * 1.01 ? ' (a sort: the range allows for n·log n growth)' : ''}${growthSuffix(indexGrowth, options.indexChange)}${diskSuffix(diskBound, factor, shortfall)}`,
  });
}

/**
 * A statement that removes a tablespace file (TRUNCATE, DROP TABLE) at production's size: its
 * shadow runs (size-independent, `e`) plus removing the part of production's file the shadow's
 * did not have, which on a file system that discards freed blocks grows with the file
 * (docs/benchmarks.md: 8 ms for a 100,000-row table's TRUNCATE, 345 ms at 9,000,000 rows).
 * `removalMs` is that removal, measured per MiB on the shadow's file system and scaled to the
 * difference; null when it was not measured (a shadow drydock does not own): then the point stays
 * and the range's top allows for growth in proportion to the table, which bounds any cost of the
 * form fixed + per byte. `sizeRatio` is production's table over the shadow's. Only a constant
 * (size-independent) estimate is changed.
 */
export function withFileRemoval(e: DurationEstimate, removalMs: number | null, sizeRatio: number): DurationEstimate {
  // A fitted curve already grows with the table, the shadow's own file removal included: adding it again would count it twice.
  if (e.model !== 'constant') return e;
  if (removalMs !== null && removalMs > 0) {
    return freeze({
      ...e,
      durationMs: round(e.durationMs + removalMs),
      rangeMs: [round(e.rangeMs[0] + removalMs * 0.7), round(e.rangeMs[1] + removalMs * 1.5)],
      explanation: `${e.explanation}; at production's size, removing its larger tablespace file adds ${fmtMs(removalMs)} (timed on the shadow's file system)`,
    });
  }
  if (removalMs === null && sizeRatio > 1) {
    const top = Math.max(e.rangeMs[1], e.durationMs * NOISE_HIGH * sizeRatio);
    return freeze({
      ...e,
      rangeMs: [e.rangeMs[0], round(top)],
      explanation: `${e.explanation}; removing the tablespace file grows with it and was not measured here: the range's top allows growth in proportion to the table`,
    });
  }
  return e;
}

/** The index-growth multiplier for `options` (1 when none applies). */
function indexGrowthFactor(options: ExtrapolateOptions): number {
  const g = options.indexGrowth;
  return g != null && g > 1 ? Math.pow(g, INDEX_GROWTH_EXPONENT) : 1;
}

function growthSuffix(indexGrowth: number, change: IndexChange = 'delete'): string {
  if (indexGrowth <= 1.005) return '';
  const what = change === 'update' ? 'updating indexed columns of a larger table' : 'deleting from a larger table';
  return `; ×${indexGrowth.toFixed(2)} for ${what} (each row's index entries cost more in bigger indexes)`;
}

function diskSuffix(diskBound: boolean, factor: number | null, shortfall: number | null): string {
  if (!diskBound) return '';
  if (factor === null) return '; at that size the table outgrows the buffer pool: the disk-bound slow-down was not measured, so only the upper end allows for it';
  if (shortfall !== null) {
    return `; at that size the table outgrows the buffer pool: ×${factor.toFixed(2)} for that, measured with the shadow's buffer pool shrunk as far as the server allows, ×${shortfall.toFixed(1)} larger than production's ratio asks for, so the slow-down is a floor and the range's top allows ×${shortfall.toFixed(1)} more`;
  }
  return `; at that size the table outgrows the buffer pool: ×${factor.toFixed(2)} for that, measured with the shadow's buffer pool shrunk to the same table-to-pool ratio`;
}

/** Growth exponent between each pair of neighbouring sizes (sizes at least ×1.2 apart). */
export function stepExponents(sorted: readonly SizedSample[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (a.rows <= 0 || b.rows / a.rows < 1.2) continue;
    out.push(Math.log(Math.max(b.durationMs, 0.1) / Math.max(a.durationMs, 0.1)) / Math.log(b.rows / a.rows));
  }
  return out;
}

const nLogN = (n: number): number => (n > 1 ? n * Math.log2(n) : 0);

/** Affine fit of duration against n·log2 n. */
export function nLogNFit(samples: readonly SizedSample[]): { readonly slope: number; readonly intercept: number } {
  return affineFit(samples.map((s) => ({ rows: nLogN(s.rows), durationMs: s.durationMs })));
}

/**
 * How far the measured points lie from the fitted curve: exp of twice the root-mean-square log
 * residual (≥ 1). About 95 % of points of a log-normal spread fall within that factor.
 */
export function fitSpread(samples: readonly SizedSample[], model: (rows: number) => number): number {
  const residuals = samples.filter((s) => s.durationMs > 0 && model(s.rows) > 0).map((s) => Math.log(s.durationMs / model(s.rows)));
  if (residuals.length === 0) return 1;
  const rms = Math.sqrt(residuals.reduce((a, r) => a + r * r, 0) / residuals.length);
  return Math.exp(2 * rms);
}

/** Rows a statement will touch at the target's size, from what it touched on the shadow. */
export function scaleRows(shadowRows: number, shadowTableRows: number, targetTableRows: number): number {
  if (shadowTableRows <= 0) return shadowRows;
  return Math.round((shadowRows * targetTableRows) / shadowTableRows);
}

/** Least-squares slope of a line through the origin (duration = slope × rows). */
export function originFit(samples: readonly SizedSample[]): number {
  const sxx = samples.reduce((a, s) => a + s.rows * s.rows, 0);
  return sxx === 0 ? 0 : samples.reduce((a, s) => a + s.rows * s.durationMs, 0) / sxx;
}

export function affineFit(samples: readonly SizedSample[]): { readonly slope: number; readonly intercept: number } {
  const n = samples.length;
  const mx = samples.reduce((a, s) => a + s.rows, 0) / n;
  const my = samples.reduce((a, s) => a + s.durationMs, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const s of samples) {
    sxy += (s.rows - mx) * (s.durationMs - my);
    sxx += (s.rows - mx) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

function freeze(e: DurationEstimate): DurationEstimate {
  return Object.freeze({ ...e, rangeMs: Object.freeze([e.rangeMs[0], e.rangeMs[1]] as const) });
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const fmtRows = (n: number): string => n.toLocaleString('en-US');
const fmtMs = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const fmtRatio = (r: number): string => (r >= 10 ? r.toFixed(0) : r.toFixed(1));
