import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatDurationRange } from '../../src/report/format-duration.js';

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [0.4, '0 ms'],
    [850, '850 ms'],
    [999.4, '999 ms'],
    [999.6, '1.0 s'],
    [1_000, '1.0 s'],
    [12_345, '12.3 s'],
    [16_000, '16.0 s'],
    [59_940, '59.9 s'],
    [59_960, '1 min 00 s'],
    [60_000, '1 min 00 s'],
    [245_000, '4 min 05 s'],
    [3_599_400, '59 min 59 s'],
    [3_599_600, '1 h 00 min'],
    [7_800_000, '2 h 10 min'],
    [7_530_000, '2 h 06 min'],
    [36 * 3_600_000, '36 h 00 min'],
    [-5, '0 ms'],
  ])('%d ms → %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it('says unknown for non-finite values', () => {
    expect(formatDuration(Number.NaN)).toBe('unknown');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('unknown');
  });
});

describe('formatDurationRange', () => {
  it('shares the unit when both ends have it', () => {
    expect(formatDurationRange(8_100, 16_000)).toBe('8.1–16.0 s');
    expect(formatDurationRange(120, 850)).toBe('120–850 ms');
  });
  it('spells both units otherwise', () => {
    expect(formatDurationRange(850, 1_500)).toBe('850 ms–1.5 s');
    expect(formatDurationRange(45_000, 125_000)).toBe('45.0 s–2 min 05 s');
    expect(formatDurationRange(200_000, 300_000)).toBe('3 min 20 s–5 min 00 s');
  });
});

describe('formatCount', () => {
  it('groups thousands the same way on every machine', () => {
    expect(formatCount(9_000_000)).toBe('9,000,000');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1234.6)).toBe('1,235');
  });
});
