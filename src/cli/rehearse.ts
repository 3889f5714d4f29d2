// apply's rehearsal: drydock plan on the pending migrations against the target, with the same
// shadow settings and progress display as `drydock plan`, so the operator approves measured numbers.
import type { Config } from '../config/config.js';
import { planMigrations, type PlanProgress } from '../pipeline/plan.js';
import { ANALYZERS } from './catalogue.js';
import { progressReporter } from './commands/plan-progress.js';
import { VERSION } from './help.js';
import type { CliIo } from './run-cli.js';

export async function rehearse(files: readonly string[], config: Config, io: CliIo) {
  const progress = progressReporter(io);
  try {
    const outcome = await progress.run((onProgress: (e: PlanProgress) => void) =>
      planMigrations({
        paths: files,
        config,
        analyzers: ANALYZERS,
        cwd: io.cwd,
        toolVersion: VERSION,
        onProgress,
        ...(io.env['PATH'] !== undefined ? { searchPath: io.env['PATH'] } : {}),
      }),
    );
    return { report: outcome.report, details: outcome.details };
  } finally {
    progress.close();
  }
}
