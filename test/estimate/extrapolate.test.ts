import { describe, expect, it } from 'vitest';
import { affineFit, extrapolateDuration, fitSpread, FLAT_GROWTH, INDEX_GROWTH_EXPONENT, metadataPoolWeight, nLogNFit, originFit, scaleRows, withFileRemoval } from '../../src/estimate/extrapolate.js';

describe('extrapolateDuration', () => {
  it('recovers a linear cost curve with fixed overhead', () => {
    // 50 ms overhead + 0.01 ms per row.
    const samples = [
      { rows: 50_000, durationMs: 550 },
      { rows: 200_000, durationMs: 2050 },
    ];
    const e = extrapolateDuration(samples, 9_000_000);
    expect(e.model).toBe('linear');
    expect(e.durationMs).toBeCloseTo(90_050, 0);
    expect(e.rangeMs[0]).toBeLessThanOrEqual(e.durationMs);
    expect(e.rangeMs[1]).toBeGreaterThanOrEqual(e.durationMs);
    expect(e.exponent).toBeGreaterThan(0.9);
    expect(e.exponent).toBeLessThan(1.01);
  });

  it('widens the range upwards for super-linear growth', () => {
    // rows^1.2: the power-law end of the range lies above the straight line.
    const f = (n: number): number => 0.001 * n ** 1.2;
    const e = extrapolateDuration([{ rows: 25_000, durationMs: f(25_000) }, { rows: 100_000, durationMs: f(100_000) }], 1_000_000);
    expect(e.rangeMs[1]).toBeGreaterThanOrEqual(f(1_000_000));
    expect(e.rangeMs[0]).toBeLessThan(e.durationMs);
  });

  it('treats durations that do not grow as size-independent', () => {
    const e = extrapolateDuration([{ rows: 50_000, durationMs: 40 }, { rows: 200_000, durationMs: 44 }], 9_000_000);
    expect(44 / 40).toBeLessThan(FLAT_GROWTH);
    expect(e.model).toBe('constant');
    expect(e.durationMs).toBe(42);
  });

  it('honours sizeDependent = false from the capabilities', () => {
    // Short runs that vary (20 → 45 ms) are noise, not growth: the profile's answer stands.
    const e = extrapolateDuration([{ rows: 50_000, durationMs: 20 }, { rows: 200_000, durationMs: 45 }], 9_000_000, { sizeDependent: false });
    expect(e.model).toBe('constant');
    expect(e.durationMs).toBe(32.5);
    expect(e.rangeMs[1]).toBeGreaterThanOrEqual(45);
  });

  it('reports the measurement when the shadow held the full table', () => {
    const e = extrapolateDuration([{ rows: 150_000, durationMs: 900 }], 150_000);
    expect(e.model).toBe('measured');
    expect(e.durationMs).toBe(900);
  });

  it('scales one sample in proportion to rows with a wide range', () => {
    const e = extrapolateDuration([{ rows: 100_000, durationMs: 1000 }], 1_000_000);
    expect(e.model).toBe('scaled');
    expect(e.durationMs).toBe(10_000);
    expect(e.rangeMs[0]).toBeLessThan(10_000);
    expect(e.rangeMs[1]).toBeGreaterThan(10_000);
  });

  it('never predicts less than measured when the fitted slope is negative (noise)', () => {
    const e = extrapolateDuration(
      [
        { rows: 50_000, durationMs: 900 },
        { rows: 100_000, durationMs: 1300 },
        { rows: 200_000, durationMs: 1250 },
      ],
      2_000_000,
    );
    expect(e.durationMs).toBeGreaterThanOrEqual(1250);
  });

  it('rejects an empty sample list', () => {
    expect(() => extrapolateDuration([], 10)).toThrow(/at least one/);
  });
});

describe('affineFit and scaleRows', () => {
  it('fits a line through points', () => {
    const f = affineFit([
      { rows: 0, durationMs: 10 },
      { rows: 10, durationMs: 30 },
      { rows: 20, durationMs: 50 },
    ]);
    expect(f.slope).toBeCloseTo(2);
    expect(f.intercept).toBeCloseTo(10);
  });

  it('scales affected rows by the table ratio', () => {
    expect(scaleRows(200_000, 200_000, 9_000_000)).toBe(9_000_000);
    expect(scaleRows(1_000, 200_000, 9_000_000)).toBe(45_000);
    expect(scaleRows(5, 0, 100)).toBe(5);
  });
});

describe('extrapolateDuration with sizeDependent = true', () => {
  it('does not call an overhead-dominated copy size-independent', () => {
    const e = extrapolateDuration([{ rows: 5_000, durationMs: 400 }, { rows: 20_000, durationMs: 500 }], 200_000, { sizeDependent: true });
    expect(e.model).toBe('linear');
    expect(e.durationMs).toBeGreaterThan(500);
  });
});

describe('measurements against the static profile', () => {
  it('follows measurements that clearly grow even when the profile says metadata-only', () => {
    const e = extrapolateDuration([{ rows: 25_000, durationMs: 420 }, { rows: 100_000, durationMs: 1650 }], 1_000_000, { sizeDependent: false });
    expect(e.model).toBe('linear');
    expect(e.durationMs).toBeGreaterThan(10_000);
  });
});

describe('super-linear growth', () => {
  it('extrapolates along the measured power law when growth is faster than rows', () => {
    const f = (n: number): number => 0.001 * n ** 1.3;
    const e = extrapolateDuration([{ rows: 25_000, durationMs: f(25_000) }, { rows: 100_000, durationMs: f(100_000) }], 1_000_000);
    expect(e.exponent).toBeCloseTo(1.3, 1);
    expect(e.durationMs / f(1_000_000)).toBeGreaterThan(0.95);
    expect(e.durationMs / f(1_000_000)).toBeLessThan(1.05);
  });

  it('follows a power law through three sizes when every step grows faster than rows', () => {
    const f = (n: number): number => 0.001 * n ** 1.3;
    const e = extrapolateDuration([25_000, 50_000, 100_000].map((rows) => ({ rows, durationMs: f(rows) })), 1_000_000, { sizeDependent: true });
    expect(e.durationMs / f(1_000_000)).toBeGreaterThan(0.95);
    expect(e.durationMs / f(1_000_000)).toBeLessThan(1.05);
  });

  it('stays on the straight line when only the largest size ran slow', () => {
    // MySQL 9.7, range UPDATE on the shadow (durations of a run in docs/benchmarks.md, 2026-12-07;
    // rows changed as in that bench): the first step is
    // linear (123 → 244 ms), the last run alone is slow; a power law through it predicted ×2.96 the actual.
    const samples = [
      { rows: 15_060, durationMs: 123 },
      { rows: 30_060, durationMs: 244 },
      { rows: 60_113, durationMs: 693 },
    ];
    const e = extrapolateDuration(samples, 596_835, { sizeDependent: true });
    // Its fitted overhead is negative (the points bend upwards): the line goes through the origin.
    expect(affineFit(samples).intercept).toBeLessThan(0);
    expect(e.durationMs).toBeCloseTo(originFit(samples) * 596_835, 0);
    expect(e.durationMs).toBeLessThan(0.75 * 693 * (596_835 / 60_113) ** e.exponent!); // the power law's 12.2 s
    expect(e.exponent).toBeGreaterThan(1.05); // the endpoints alone would have said power law
    expect(e.rangeMs[1]).toBeGreaterThan(e.durationMs * 1.5); // the misfit still widens the range
  });
});

describe('a fit whose overhead comes out negative', () => {
  it('refits through the origin instead of lifting the steep line above the points', () => {
    // MySQL 9.7, ADD COLUMN … ALGORITHM=COPY on the accuracy bench's shadow (fifth session of
    // 2026-12-07): 325 / 671 ms, then one slow 1.8 s run at 100,000 rows. The straight line
    // through the three has a negative overhead; zeroing it and keeping its slope predicted 20.1 s
    // for 1,000,000 rows against an actual of 10.6 s.
    const samples = [
      { rows: 25_000, durationMs: 325 },
      { rows: 50_000, durationMs: 671 },
      { rows: 100_000, durationMs: 1_800 },
    ];
    const line = affineFit(samples);
    expect(line.intercept).toBeLessThan(0);
    const e = extrapolateDuration(samples, 1_000_000, { sizeDependent: true });
    expect(e.durationMs).toBeCloseTo(originFit(samples) * 1_000_000, 0);
    expect(e.durationMs).toBeLessThan(line.slope * 1_000_000 * 0.9);
    // The clamped line passes above all three points; the origin fit runs through them.
    expect(samples.some((s) => s.durationMs > originFit(samples) * s.rows)).toBe(true);
  });

  it('keeps a positive overhead as fitted', () => {
    const samples = [
      { rows: 25_000, durationMs: 60 },
      { rows: 50_000, durationMs: 110 },
      { rows: 100_000, durationMs: 210 },
    ];
    const line = affineFit(samples);
    expect(line.intercept).toBeGreaterThan(0);
    const e = extrapolateDuration(samples, 1_000_000, { sizeDependent: true });
    expect(e.durationMs).toBeCloseTo(line.intercept + line.slope * 1_000_000, 0);
  });
});

describe('tables that outgrow the buffer pool', () => {
  const samples = [
    { rows: 25_000, durationMs: 300 },
    { rows: 100_000, durationMs: 1200 },
  ];

  it('applies the measured slow-down to the point and the range', () => {
    const inMemory = extrapolateDuration(samples, 1_000_000);
    const onDisk = extrapolateDuration(samples, 1_000_000, { outgrowsMemory: true, memoryBoundFactor: 1.8 });
    expect(onDisk.durationMs / inMemory.durationMs).toBeCloseTo(1.8, 2);
    expect(onDisk.rangeMs[0]).toBeGreaterThan(inMemory.rangeMs[0]);
    expect(onDisk.rangeMs[1]).toBeGreaterThan(onDisk.durationMs);
    expect(onDisk.explanation).toMatch(/×1\.80 .*buffer pool shrunk/);
  });

  it('widens only the top of the range when the pool could not shrink to production\'s ratio', () => {
    const reached = extrapolateDuration(samples, 1_000_000, { outgrowsMemory: true, memoryBoundFactor: 1.2, memoryBoundShortfall: 1 });
    const short = extrapolateDuration(samples, 1_000_000, { outgrowsMemory: true, memoryBoundFactor: 1.2, memoryBoundShortfall: 2.85 });
    expect(short.durationMs).toBe(reached.durationMs);
    expect(short.rangeMs[0]).toBe(reached.rangeMs[0]);
    expect(short.rangeMs[1] / reached.rangeMs[1]).toBeCloseTo(2.85, 1);
    expect(short.explanation).toMatch(/×2\.9 larger than production's ratio asks for, so the slow-down is a floor/);
    expect(reached.explanation).not.toMatch(/floor/);
    // A shortfall within the rounding of the pool's resize chunks changes nothing.
    const close = extrapolateDuration(samples, 1_000_000, { outgrowsMemory: true, memoryBoundFactor: 1.2, memoryBoundShortfall: 1.2 });
    expect(close).toEqual(reached);
  });

  it('never lowers the estimate when the small-pool run happened to be faster', () => {
    const inMemory = extrapolateDuration(samples, 1_000_000);
    const onDisk = extrapolateDuration(samples, 1_000_000, { outgrowsMemory: true, memoryBoundFactor: 0.9 });
    expect(onDisk.durationMs).toBe(inMemory.durationMs);
  });

  it('without a measurement keeps the in-memory point and widens only the upper end', () => {
    const inMemory = extrapolateDuration(samples, 1_000_000);
    const onDisk = extrapolateDuration(samples, 1_000_000, { outgrowsMemory: true });
    expect(onDisk.durationMs).toBe(inMemory.durationMs);
    expect(onDisk.rangeMs[0]).toBe(inMemory.rangeMs[0]);
    expect(onDisk.rangeMs[1]).toBeCloseTo(inMemory.rangeMs[1] * 2.5, 0);
    expect(onDisk.explanation).toMatch(/not measured/);
  });
});

describe('metadata-only changes on a table that outgrows the buffer pool', () => {
  const inMemory = [
    { rows: 10_000, durationMs: 9 },
    { rows: 50_000, durationMs: 8 },
    { rows: 100_000, durationMs: 10 },
  ];

  it('lands between the in-memory runs and the memory-bound runs, which bracket production', () => {
    // Shaped like MariaDB 10.11's instant ADD COLUMN: 7 ms in memory, 15 ms on the shrunk pool,
    // 10 ms on the 1M-row table against a 128 MiB pool (docs/benchmarks.md, 2026-12-07, second session).
    const e = extrapolateDuration(inMemory, 1_000_000, { sizeDependent: false, outgrowsMemory: true, memoryBoundMs: 16 });
    expect(e.model).toBe('constant');
    expect(e.durationMs).toBe(12); // √(9 × 16)
    expect(e.rangeMs[0]).toBeCloseTo(8 * 0.8, 5);
    expect(e.rangeMs[1]).toBeCloseTo(16 * 1.5, 5);
    expect(e.explanation).toMatch(/between 9 ms in memory and 16 ms with the shadow's pool shrunk/);
  });

  it('keeps the range around both runs whichever is the slower', () => {
    const e = extrapolateDuration(inMemory, 1_000_000, { sizeDependent: false, outgrowsMemory: true, memoryBoundMs: 4 });
    expect(e.durationMs).toBe(6); // √(9 × 4)
    expect(e.rangeMs[0]).toBeCloseTo(6 * 0.8, 5);
    expect(e.rangeMs[1]).toBeCloseTo(10 * 1.5, 5);
  });

  it('takes the shrunk-pool run when the weight says production reads as many pages (MySQL)', () => {
    // Shaped like MySQL 9.7's DROP INDEX on the accuracy bench: 8 ms in memory, 13 ms on the shrunk
    // pool, 18 ms on the 1M-row table (docs/benchmarks.md, 2026-12-07, seventh session).
    const e = extrapolateDuration(inMemory, 1_000_000, { sizeDependent: false, outgrowsMemory: true, memoryBoundMs: 16, memoryBoundWeight: metadataPoolWeight('mysql') });
    expect(e.durationMs).toBe(16);
    expect(e.rangeMs[0]).toBeCloseTo(8 * 0.8, 5);
    expect(e.rangeMs[1]).toBeCloseTo(16 * 1.5, 5);
    expect(e.explanation).toMatch(/taken at the shrunk-pool run/);
    // MariaDB keeps the geometric mean, and a weight of 0 the in-memory runs.
    expect(extrapolateDuration(inMemory, 1_000_000, { sizeDependent: false, outgrowsMemory: true, memoryBoundMs: 16, memoryBoundWeight: metadataPoolWeight('mariadb') }).durationMs).toBe(12);
    expect(extrapolateDuration(inMemory, 1_000_000, { sizeDependent: false, outgrowsMemory: true, memoryBoundMs: 16, memoryBoundWeight: 0 }).durationMs).toBe(9);
  });

  it("keeps the in-memory constant when the table fits production's pool or nothing was measured", () => {
    expect(extrapolateDuration(inMemory, 1_000_000, { sizeDependent: false, outgrowsMemory: false, memoryBoundMs: 17 }).durationMs).toBe(9);
    const unmeasured = extrapolateDuration(inMemory, 1_000_000, { sizeDependent: false, outgrowsMemory: true, memoryBoundMs: null });
    expect(unmeasured.durationMs).toBe(9);
    expect(unmeasured.explanation).not.toMatch(/shrunk/);
  });
});

describe('chunked work', () => {
  it('stays linear in rows even when two points suggest faster growth', () => {
    const samples = [{ rows: 50_000, durationMs: 700 }, { rows: 200_000, durationMs: 3800 }];
    const e = extrapolateDuration(samples, 9_000_000, { chunked: true, outgrowsMemory: true, memoryBoundFactor: 2 });
    // A straight line (through the origin: the line through the two points has a negative
    // overhead), no power law, no disk-bound factor.
    expect(affineFit(samples).intercept).toBeLessThan(0);
    const line = originFit(samples) * 9_000_000;
    expect(Math.abs(e.durationMs / line - 1)).toBeLessThan(0.01);
    expect(e.durationMs).toBeLessThan(0.5 * 3800 * (9_000_000 / 200_000) ** e.exponent!);
  });
});

describe('sort-based work (index builds)', () => {
  it('stays on the straight line and lets n·log n set the top of the range', () => {
    // 40 ms overhead + 0.0005 ms per n·log2 n.
    const f = (n: number): number => 40 + 0.0005 * n * Math.log2(n);
    const samples = [
      { rows: 25_000, durationMs: f(25_000) },
      { rows: 100_000, durationMs: f(100_000) },
    ];
    const sort = extrapolateDuration(samples, 1_000_000, { sizeDependent: true, sortBased: true });
    const line = extrapolateDuration(samples, 1_000_000, { sizeDependent: true });
    expect(sort.durationMs).toBe(line.durationMs);
    expect(sort.rangeMs[0]).toBe(line.rangeMs[0]);
    expect(f(1_000_000)).toBeGreaterThan(line.durationMs * 1.1);
    expect(line.rangeMs[1]).toBeLessThan(f(1_000_000) * 1.2);
    expect(sort.rangeMs[1]).toBeCloseTo(f(1_000_000) * 1.2, 0);
    expect(sort.explanation).toMatch(/n·log n/);
    expect(line.explanation).not.toMatch(/n·log n/);
  });

  it('fits n·log2 n exactly on points that follow it', () => {
    const fit = nLogNFit([10, 100, 1000].map((n) => ({ rows: n, durationMs: 5 + 2 * n * Math.log2(n) })));
    expect(fit.slope).toBeCloseTo(2);
    expect(fit.intercept).toBeCloseTo(5);
  });
});

describe('range from the fit residuals', () => {
  it('is 1 for points on the curve and grows with their scatter', () => {
    const line = (n: number): number => 10 + n;
    expect(fitSpread([{ rows: 10, durationMs: 20 }, { rows: 20, durationMs: 30 }, { rows: 40, durationMs: 50 }], line)).toBeCloseTo(1);
    const noisy = fitSpread([{ rows: 10, durationMs: 30 }, { rows: 20, durationMs: 20 }, { rows: 40, durationMs: 70 }], line);
    expect(noisy).toBeGreaterThan(1.3);
  });

  it('widens the range of a three-size fit whose points scatter', () => {
    const clean = [
      { rows: 25_000, durationMs: 250 },
      { rows: 50_000, durationMs: 500 },
      { rows: 100_000, durationMs: 1000 },
    ];
    const scattered = [
      { rows: 25_000, durationMs: 250 },
      { rows: 50_000, durationMs: 800 },
      { rows: 100_000, durationMs: 1000 },
    ];
    const a = extrapolateDuration(clean, 1_000_000, { sizeDependent: true });
    const b = extrapolateDuration(scattered, 1_000_000, { sizeDependent: true });
    expect(a.durationMs).toBeCloseTo(10_000, -1);
    expect(b.rangeMs[1] / b.durationMs).toBeGreaterThan(a.rangeMs[1] / a.durationMs);
    expect(b.rangeMs[0] / b.durationMs).toBeLessThan(a.rangeMs[0] / a.durationMs);
  });
});

describe('size-independent runs', () => {
  it('take the median of three, not the mean, so one slow run does not move the estimate', () => {
    const e = extrapolateDuration(
      [
        { rows: 25_000, durationMs: 10 },
        { rows: 50_000, durationMs: 60 },
        { rows: 100_000, durationMs: 12 },
      ],
      1_000_000,
      { sizeDependent: false },
    );
    expect(e.model).toBe('constant');
    expect(e.durationMs).toBe(12);
    expect(e.rangeMs[1]).toBeGreaterThanOrEqual(60);
  });
});

describe('index growth of a DELETE', () => {
  // A straight-line DELETE on the shadow: 4.6 µs a row, 25,000 to 100,000 rows.
  const samples = [
    { rows: 25_000, durationMs: 115 },
    { rows: 50_000, durationMs: 230 },
    { rows: 100_000, durationMs: 460 },
  ];

  it('raises the straight line by the table\'s growth to INDEX_GROWTH_EXPONENT, point and top of the range', () => {
    const plain = extrapolateDuration(samples, 1_000_000, { sizeDependent: true });
    const grown = extrapolateDuration(samples, 1_000_000, { sizeDependent: true, indexGrowth: 10 });
    expect(grown.durationMs / plain.durationMs).toBeCloseTo(10 ** INDEX_GROWTH_EXPONENT, 2);
    expect(grown.durationMs / plain.durationMs).toBeCloseTo(1.32, 2);
    expect(grown.rangeMs[1] / plain.rangeMs[1]).toBeCloseTo(1.32, 2);
    // The bottom stays: the growth was measured on two servers, not on this one.
    expect(grown.rangeMs[0]).toBe(plain.rangeMs[0]);
    expect(grown.explanation).toMatch(/×1\.32 for deleting from a larger table/);
    expect(plain.explanation).not.toMatch(/larger table/);
    // An UPDATE of indexed columns grows the same way; the explanation says which.
    const updated = extrapolateDuration(samples, 1_000_000, { sizeDependent: true, indexGrowth: 10, indexChange: 'update' });
    expect(updated.durationMs).toBe(grown.durationMs);
    expect(updated.explanation).toMatch(/×1\.32 for updating indexed columns of a larger table/);
  });

  it('multiplies with the measured out-of-memory slow-down', () => {
    const onDisk = extrapolateDuration(samples, 1_000_000, { sizeDependent: true, outgrowsMemory: true, memoryBoundFactor: 1.5 });
    const both = extrapolateDuration(samples, 1_000_000, { sizeDependent: true, outgrowsMemory: true, memoryBoundFactor: 1.5, indexGrowth: 10 });
    expect(both.durationMs / onDisk.durationMs).toBeCloseTo(1.32, 2);
  });

  it('applies to a single measured size scaled in proportion', () => {
    const one = extrapolateDuration([{ rows: 100_000, durationMs: 460 }], 1_000_000, { sizeDependent: true, indexGrowth: 10 });
    expect(one.model).toBe('scaled');
    expect(one.durationMs).toBeCloseTo(4600 * 1.318, -1);
  });

  it('leaves a power law through the points alone: it already carries the growth', () => {
    // rows^1.3 at every step and long enough to trust: the fitted curve is the power law.
    const f = (n: number): number => 0.001 * n ** 1.3;
    const steep = [25_000, 50_000, 100_000].map((rows) => ({ rows, durationMs: f(rows) }));
    const plain = extrapolateDuration(steep, 1_000_000, { sizeDependent: true });
    expect(plain.durationMs).toBeGreaterThan(f(100_000) * 10 * 1.5);
    expect(extrapolateDuration(steep, 1_000_000, { sizeDependent: true, indexGrowth: 10 })).toEqual(plain);
  });

  it('does nothing for a table no bigger than the shadow\'s', () => {
    const plain = extrapolateDuration(samples, 1_000_000, { sizeDependent: true });
    expect(extrapolateDuration(samples, 1_000_000, { sizeDependent: true, indexGrowth: 1 })).toEqual(plain);
    expect(extrapolateDuration(samples, 1_000_000, { sizeDependent: true, indexGrowth: null })).toEqual(plain);
  });
});

describe('removing a larger tablespace file (TRUNCATE, DROP TABLE)', () => {
  // Shadow runs of a TRUNCATE at 25,000 and 100,000 rows: size-independent, 8 ms.
  const shadow = extrapolateDuration([{ rows: 25_000, durationMs: 8 }, { rows: 100_000, durationMs: 8 }], 9_000_000, { sizeDependent: false });

  it('adds the measured removal of the part of the file the shadow did not have, to the point and the range', () => {
    const e = withFileRemoval(shadow, 240, 90);
    expect(e.durationMs).toBeCloseTo(shadow.durationMs + 240, 5);
    expect(e.rangeMs[0]).toBeCloseTo(shadow.rangeMs[0] + 240 * 0.7, 1);
    expect(e.rangeMs[1]).toBeCloseTo(shadow.rangeMs[1] + 240 * 1.5, 1);
    expect(e.explanation).toMatch(/removing its larger tablespace file adds 240 ms/);
  });

  it('without a measurement keeps the point and lets the range grow in proportion to the table', () => {
    const e = withFileRemoval(shadow, null, 90);
    expect(e.durationMs).toBe(shadow.durationMs);
    expect(e.rangeMs[0]).toBe(shadow.rangeMs[0]);
    // fixed + per-byte cost grows at most in proportion: the demo's 345 ms at 90× the rows is inside.
    expect(e.rangeMs[1]).toBeGreaterThanOrEqual(shadow.durationMs * 90);
    expect(e.rangeMs[1]).toBeGreaterThan(345);
    expect(e.explanation).toMatch(/was not measured here/);
  });

  it('leaves a fitted curve alone: it grows with the table already', () => {
    const line = extrapolateDuration([{ rows: 5_000, durationMs: 3 }, { rows: 10_000, durationMs: 4 }, { rows: 20_000, durationMs: 5 }], 2_000_000, { sizeDependent: true });
    expect(line.model).not.toBe('constant');
    expect(withFileRemoval(line, 59, 100)).toBe(line);
    expect(withFileRemoval(line, null, 100)).toBe(line);
  });

  it('leaves a table no bigger than the shadow\'s alone', () => {
    expect(withFileRemoval(shadow, null, 1)).toBe(shadow);
    expect(withFileRemoval(shadow, 0, 1)).toBe(shadow);
  });
});
