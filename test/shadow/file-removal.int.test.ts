import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { measureFileRemoval } from '../../src/shadow/file-removal.js';

// The real file system, not a mock: what is measured is how long it takes to free written blocks.
describe('measureFileRemoval', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('times the removal of written, synced files and leaves nothing behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'drydock-removal-test-'));
    dirs.push(dir);
    const cost = await measureFileRemoval(dir, 16 * 1024 * 1024, 3);
    expect(cost.runsMs).toHaveLength(3);
    expect(cost.sampleBytes).toBe(16 * 1024 * 1024);
    for (const ms of cost.runsMs) expect(ms).toBeGreaterThan(0);
    // The median run over the sample's 16 MiB.
    expect(cost.msPerMiB).toBeCloseTo([...cost.runsMs].sort((a, b) => a - b)[1]! / 16, 10);
    expect(await readdir(dir)).toEqual([]);
  });
});
