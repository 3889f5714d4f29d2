// Progress and ETA of a batched statement, as plain values the CLI renders.

export interface ChunkProgress {
  readonly rowsDone: number;
  /** Rows the statement will touch in total (done + remaining); null when unknown. */
  readonly rowsTotal: number | null;
  readonly chunks: number;
  /** Rows per second over this run (not counting earlier, interrupted runs). */
  readonly rowsPerSec: number | null;
  /** Milliseconds left; null until there is enough data to say. */
  readonly etaMs: number | null;
  readonly chunkRows: number;
  readonly lastChunkMs: number;
  readonly throttleReason: string | null;
  /** Sessions that were waiting on the last chunk's row locks when it committed. */
  readonly lockWaiters: number;
  /** Target time per chunk now: the configured one, or less while yielding to lock waiters. */
  readonly chunkTargetMs: number;
}

/** An ETA needs at least this many chunks and this much elapsed time in this run. */
export const ETA_MIN_CHUNKS = 3;
export const ETA_MIN_ELAPSED_MS = 1_000;

export function computeProgress(p: {
  rowsDone: number;
  rowsTotal: number | null;
  rowsThisRun: number;
  chunksThisRun: number;
  chunks: number;
  elapsedMs: number;
  chunkRows: number;
  lastChunkMs: number;
  throttleReason: string | null;
  lockWaiters?: number;
  chunkTargetMs?: number;
}): ChunkProgress {
  const rate = p.elapsedMs > 0 && p.rowsThisRun > 0 ? (p.rowsThisRun * 1000) / p.elapsedMs : null;
  const enough = p.chunksThisRun >= ETA_MIN_CHUNKS && p.elapsedMs >= ETA_MIN_ELAPSED_MS;
  const total = p.rowsTotal === null ? null : Math.max(p.rowsTotal, p.rowsDone);
  const etaMs = enough && rate !== null && total !== null ? Math.round(((total - p.rowsDone) / rate) * 1000) : null;
  return Object.freeze({
    rowsDone: p.rowsDone,
    rowsTotal: total,
    chunks: p.chunks,
    rowsPerSec: rate === null ? null : Math.round(rate),
    etaMs,
    chunkRows: p.chunkRows,
    lastChunkMs: Math.round(p.lastChunkMs),
    throttleReason: p.throttleReason,
    lockWaiters: p.lockWaiters ?? 0,
    chunkTargetMs: Math.round(p.chunkTargetMs ?? 0),
  });
}
