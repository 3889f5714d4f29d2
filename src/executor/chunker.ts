// Time-targeted chunk sizing for batched DML: grow slowly toward the target time per chunk,
// shrink at once when a chunk overshoots, so one slow chunk never repeats at full size.

/** Fewest rows per chunk: below this the commit overhead dominates. */
export const CHUNK_MIN_ROWS = 10;
/** Most rows per chunk, whatever the timing says: bounds lock footprint and undo. */
export const CHUNK_MAX_ROWS = 50_000;
/** At most ×1.5 per chunk when growing: timings of small chunks are noisy. */
export const CHUNK_GROWTH_CAP = 1.5;
/** A chunk slower than target × 1.25 is an overshoot: shrink proportionally right away. */
export const CHUNK_OVERSHOOT = 1.25;

export function clampChunkRows(rows: number): number {
  return Math.max(CHUNK_MIN_ROWS, Math.min(CHUNK_MAX_ROWS, Math.round(rows)));
}

/**
 * Rows for the next chunk, given the rows of the last one and how long it took.
 * `fullChunk` is false when the last chunk found fewer rows than asked (end of data): its time
 * says nothing about a full chunk, so the size stays.
 */
export function nextChunkRows(current: number, elapsedMs: number, targetMs: number, fullChunk = true): number {
  if (!fullChunk) return clampChunkRows(current);
  const ratio = targetMs / Math.max(elapsedMs, 1);
  if (elapsedMs > targetMs * CHUNK_OVERSHOOT) return clampChunkRows(current * ratio);
  // Slightly over target but within tolerance: hold, so the size does not oscillate.
  return clampChunkRows(current * Math.min(Math.max(ratio, 1), CHUNK_GROWTH_CAP));
}

/** Shortest chunk target while yielding to sessions that waited on a chunk's row locks. */
export const YIELD_MIN_TARGET_MS = 50;
/** After a chunk nobody waited on, the target grows back by this factor, up to the configured one. */
export const YIELD_RECOVERY = 1.25;

/**
 * Target time for the next chunk. A chunk holds its rows' locks until it commits, so a session
 * that needs one of them waits up to the chunk's whole time: when a chunk made anyone wait, halve
 * the target (not below YIELD_MIN_TARGET_MS, or the configured target if that is lower); when
 * nobody waited, grow back towards the configured target.
 */
export function nextTargetMs(currentMs: number, configuredMs: number, othersWaited: boolean): number {
  if (othersWaited) return Math.max(Math.min(YIELD_MIN_TARGET_MS, configuredMs), currentMs / 2);
  return Math.min(configuredMs, currentMs * YIELD_RECOVERY);
}
