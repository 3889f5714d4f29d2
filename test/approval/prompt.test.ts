import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createPrompter, describeMigration } from '../../src/approval/prompt.js';
import type { MigrationReport, StatementReport } from '../../src/report/impact-report.js';

const del: StatementReport = {
  index: 0,
  sql: 'DELETE FROM watchdog',
  location: { file: 'm.sql', line: 14, column: 1 },
  tables: ['watchdog'],
  operation: 'delete',
  lock: { algorithm: 'NONE', blocksReads: false, blocksWrites: true, rebuildsTable: false, basis: 'measured', reasons: [] },
  estimate: { rows: 9_000_000, durationMs: 600_000, durationRangeMs: [500_000, 700_000], basis: 'shadow' },
  measurement: null,
  findings: [],
  alternatives: [
    { kind: 'truncate', title: 'TRUNCATE TABLE watchdog', sql: ['TRUNCATE TABLE `watchdog`'], notes: [], replacesStatement: true, batched: null, estimate: null,
      measurement: { durationMs: 40, maxReadBlockMs: 35, maxWriteBlockMs: 38, rowsAffected: 0, warnings: [], error: null } },
    { kind: 'batched', title: 'Delete in keyset chunks', sql: ['DELETE …'], notes: [], replacesStatement: true, batched: null, estimate: null,
      measurement: { durationMs: 90_000, maxReadBlockMs: 12, maxWriteBlockMs: 30, rowsAffected: 9_000_000, warnings: [], error: null } },
  ],
};
const migration: MigrationReport = { name: '0001_upgrade', file: 'm.sql', checksum: 'x', source: 'sql', needsShadowExecution: false, statements: [del] };

const DOWN = '\x1b[B';
const ENTER = '\r';

/** Answers prompts by writing keys once each prompt has rendered. */
function drive(keys: string[][]): { input: PassThrough; output: PassThrough; screen: () => string } {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  let step = 0;
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    // Each prompt's first render ends with its question; answer the prompts in order.
    const questions = (text.match(/\?/g) ?? []).length;
    while (step < keys.length && questions > step) {
      const k = keys[step++]!;
      setTimeout(() => k.forEach((key) => input.write(key)), 5);
    }
  });
  return { input, output, screen: () => text };
}

describe('interactive approval', () => {
  it('shows the impact with the measured alternatives', () => {
    const text = describeMigration(migration, ['m.sql:14: blocks writes on watchdog for about 600 s']);
    expect(text).toContain('9,000,000 rows');
    expect(text).toMatch(/alternative 1 \(truncate\): TRUNCATE TABLE watchdog — ~40 ms/);
    expect(text).toMatch(/alternative 2 \(batched\)/);
    expect(text).toContain('Needs approval because');
  });

  it('applies an alternative chosen per statement', async () => {
    const io = drive([[DOWN, ENTER], [DOWN, DOWN, ENTER]]);
    const decision = await createPrompter({ input: io.input, output: io.output, signal: AbortSignal.timeout(5000) }).decide(migration, [], [{ kind: 'as-written' }]);
    expect(decision).toEqual({ kind: 'apply', statements: [{ kind: 'alternative', index: 1 }], summary: 'apply with statement 1: batched' });
  });

  it('skips and aborts', async () => {
    const skip = drive([[DOWN, DOWN, ENTER]]);
    expect(await createPrompter({ input: skip.input, output: skip.output, signal: AbortSignal.timeout(5000) }).decide(migration, [], [])).toEqual({ kind: 'skip' });
    const abort = drive([[DOWN, DOWN, DOWN, ENTER]]);
    await expect(createPrompter({ input: abort.input, output: abort.output, signal: AbortSignal.timeout(5000) }).decide(migration, [], [])).rejects.toThrow(/aborted at 0001_upgrade/);
  });

  it('Ctrl-C at the prompt is an abort that names the migration, not a crash', async () => {
    const io = drive([]);
    const controller = new AbortController();
    const pending = createPrompter({ input: io.input, output: io.output, signal: controller.signal }).decide(migration, [], []);
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED', message: expect.stringMatching(/approval of 0001_upgrade: nothing of it ran/) });
  });
});
