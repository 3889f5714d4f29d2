import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { describeProgress, LOG_EVERY_MS, progressReporter } from '../../src/cli/commands/plan-progress.js';
import type { CliIo } from '../../src/cli/run-cli.js';

function io(env: NodeJS.ProcessEnv, tty: boolean): { io: CliIo; err: () => string } {
  const stdout = Object.assign(new PassThrough(), { isTTY: tty });
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (c: Buffer) => (text += c.toString()));
  return { io: { stdout, stderr, stdin: new PassThrough(), env, cwd: process.cwd() }, err: () => text };
}

describe('plan progress without a terminal', () => {
  it('prints phase changes and at most one line per interval within a phase', async () => {
    let now = 0;
    const { io: cli, err } = io({ CI: 'true' }, true);
    const reporter = progressReporter(cli, { now: () => now });
    await reporter.run(async (on) => {
      on({ phase: 'load' });
      for (let i = 0; i < 100; i++) {
        now += 100; // 10 s of seeding in 100 updates
        on({ phase: 'seed', size: 'full', table: 'watchdog', rowsDone: i * 1000, rowsTotal: 100_000 });
      }
      on({ phase: 'measure', done: 0, total: 2, label: 'm #1 DELETE FROM t' });
      on({ phase: 'measure', done: 1, total: 2, label: 'm #2 DELETE FROM u' });
    });
    const lines = err().trim().split('\n');
    expect(lines[0]).toBe('drydock plan: reading migrations');
    const seedLines = lines.filter((l) => l.includes('seeding watchdog'));
    expect(seedLines.length).toBeLessThanOrEqual(Math.ceil(10_000 / LOG_EVERY_MS) + 1);
    expect(seedLines.length).toBeGreaterThanOrEqual(3);
    expect(lines).toContain('drydock plan: measuring 1/2: m #1 DELETE FROM t');
  });

  it('describes each phase', () => {
    expect(describeProgress({ phase: 'seed', size: 'reduced', table: 'node', rowsDone: 5000, rowsTotal: 50_000 })).toBe('seeding reduced node: 5,000/50,000 rows');
    expect(describeProgress({ phase: 'measure', done: 6, total: 6, label: 'done' })).toBe('measured 6 statements');
    expect(describeProgress({ phase: 'shadow', detail: 'starting a private server' })).toBe('starting a private server');
  });
});
