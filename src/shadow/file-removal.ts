// TRUNCATE and DROP TABLE end by removing the table's tablespace file, and on a file system that
// discards freed blocks that takes time in proportion to the file: 8 ms for a 100,000-row table's
// TRUNCATE, 345 ms for the demo's 9,000,000 rows (docs/benchmarks.md). The shadow's tables are too
// small to show it, so the cost per MiB is measured directly: write a file, sync it, time its removal.
import { mkdtemp, open, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';

const MIB = 1024 * 1024;

export interface FileRemovalCost {
  /** Milliseconds to remove one MiB of written file (the median run over its size). */
  readonly msPerMiB: number;
  readonly sampleBytes: number;
  /** Each removal's time, in the order measured. */
  readonly runsMs: readonly number[];
}

/**
 * Writes a file of `sampleBytes` in a fresh folder under `dir` (blocks written and synced, as a
 * tablespace's are), times its removal, `runs` times; removes the folder in every case. Measure on
 * the file system whose cost is wanted: the private shadow's data directory's.
 */
export async function measureFileRemoval(dir: string, sampleBytes = 64 * MIB, runs = 3): Promise<FileRemovalCost> {
  const folder = await mkdtemp(join(dir, 'drydock-removal-'));
  const chunk = Buffer.alloc(Math.min(MIB, sampleBytes), 0x5a);
  const runsMs: number[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      const file = join(folder, `sample-${r}`);
      const handle = await open(file, 'w');
      try {
        for (let written = 0; written < sampleBytes; written += chunk.length) await handle.write(chunk, 0, Math.min(chunk.length, sampleBytes - written));
        await handle.sync();
      } finally {
        await handle.close();
      }
      const start = performance.now();
      await unlink(file);
      runsMs.push(performance.now() - start);
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  const median = [...runsMs].sort((a, b) => a - b)[Math.floor(runsMs.length / 2)]!;
  return Object.freeze({ msPerMiB: median / (sampleBytes / MIB), sampleBytes, runsMs: Object.freeze(runsMs) });
}
