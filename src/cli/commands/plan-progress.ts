// Progress while plan seeds the shadow and measures statements: listr2 bars on a terminal; in CI
// or when stdout is not a terminal, a plain line on stderr at most every few seconds.
import { Listr } from 'listr2';
import type { PlanProgress } from '../../pipeline/plan.js';
import type { CliIo } from '../run-cli.js';

export const LOG_EVERY_MS = 3000;

export interface ProgressReporter {
  run<T>(work: (onProgress: (event: PlanProgress) => void) => Promise<T>): Promise<T>;
  close(): void;
}

/** Bars only for a person reading text on a terminal; machine formats keep stdout clean. */
export function progressReporter(io: CliIo, options: { readonly textOutput?: boolean; readonly now?: () => number } = {}): ProgressReporter {
  const now = options.now ?? Date.now;
  const interactive = Boolean(io.stdout.isTTY) && !io.env['CI'] && (options.textOutput ?? true);
  return interactive ? listrReporter() : logReporter(io, now);
}

const bar = (done: number, total: number, width = 20): string => {
  const f = total > 0 ? Math.min(1, done / total) : 1;
  const n = Math.round(f * width);
  return `${'█'.repeat(n)}${'░'.repeat(width - n)}`;
};
const count = (n: number): string => n.toLocaleString('en-US');

/** Lines for the log reporter; pure so it can be tested. */
export function describeProgress(e: PlanProgress): string {
  switch (e.phase) {
    case 'load':
      return 'reading migrations';
    case 'shadow':
      return e.detail;
    case 'seed':
      return `seeding ${e.size === 'full' ? '' : 'reduced '}${e.table}: ${count(e.rowsDone)}/${count(e.rowsTotal)} rows`;
    case 'measure':
      return e.label === 'done' ? `measured ${e.total} statements` : `measuring ${e.done + 1}/${e.total}: ${e.label}`;
    case 'report':
      return 'building the report';
  }
}

function logReporter(io: CliIo, now: () => number): ProgressReporter {
  let last = -Infinity;
  let lastPhase = '';
  return {
    async run(work) {
      return work((e) => {
        const t = now();
        // Phase changes always print; within a phase, at most one line every few seconds.
        const phase = e.phase === 'seed' ? `seed:${e.size}` : e.phase;
        if (phase === lastPhase && t - last < LOG_EVERY_MS) return;
        lastPhase = phase;
        last = t;
        io.stderr.write(`drydock plan: ${describeProgress(e)}\n`);
      });
    },
    close() {},
  };
}

function listrReporter(): ProgressReporter {
  return {
    async run(work) {
      let seedTitle: ((s: string) => void) | null = null;
      let measureTitle: ((s: string) => void) | null = null;
      let seedDone: () => void = () => {};
      let measureDone: () => void = () => {};
      const seeded = new Promise<void>((r) => (seedDone = r));
      const measured = new Promise<void>((r) => (measureDone = r));
      const list = new Listr(
        [
          {
            title: 'Build the shadow',
            task: async (_ctx, task) => {
              seedTitle = (s) => (task.title = s);
              await seeded;
            },
          },
          {
            title: 'Rehearse the migrations',
            task: async (_ctx, task) => {
              measureTitle = (s) => (task.title = s);
              await measured;
            },
          },
        ],
        { concurrent: false, exitOnError: false, registerSignalListeners: false, rendererOptions: { collapseSubtasks: false } },
      );
      const rendering = list.run().catch(() => {});
      let inMeasure = false;
      try {
        return await work((e) => {
          if (e.phase === 'shadow') seedTitle?.(`Build the shadow: ${e.detail}`);
          if (e.phase === 'seed') seedTitle?.(`Seed ${e.size === 'full' ? '' : 'reduced '}${e.table} ${bar(e.rowsDone, e.rowsTotal)} ${count(e.rowsDone)}/${count(e.rowsTotal)} rows`);
          if (e.phase === 'measure') {
            if (!inMeasure) {
              inMeasure = true;
              seedTitle?.('Built and seeded the shadow');
              seedDone();
            }
            measureTitle?.(e.label === 'done' ? `Rehearsed ${e.total} statements` : `Rehearse ${bar(e.done, e.total)} ${e.done + 1}/${e.total} ${e.label}`);
          }
        });
      } finally {
        seedDone();
        measureDone();
        await rendering;
      }
    },
    close() {},
  };
}
