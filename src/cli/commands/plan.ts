// `drydock plan`: flags → options → planMigrations → report (→ --out plan.json) → exit code.
import { writeFile } from 'node:fs/promises';
import { ConfigError } from '../../errors.js';
import { loadMigrations } from '../../migrations/load-migrations.js';
import { migrationPaths } from '../../pipeline/lint.js';
import { readMigrationStatus } from '../../state/migration-status.js';
import { planMigrations, type PlanOutcome, type PlanProgress } from '../../pipeline/plan.js';
import { renderReport } from '../../report/index.js';
import { parseRowsArgs, readSizesFile } from '../../shadow/schema-source.js';
import { ANALYZERS } from '../catalogue.js';
import { EXIT } from '../exit-codes.js';
import { VERSION } from '../help.js';
import { commonSetup, list, positiveInt, str, writeReport } from '../options.js';
import type { CliIo, Flags } from '../run-cli.js';
import { progressReporter } from './plan-progress.js';

export async function planCommand(positionals: readonly string[], flags: Flags, io: CliIo): Promise<number> {
  const { config, format } = commonSetup(flags, io);
  const schemaFile = str(flags, 'schema') ?? null;
  const sizes = new Map<string, number>();
  const sizesFile = str(flags, 'sizes');
  if (sizesFile) for (const [k, v] of await readSizesFile(sizesFile)) sizes.set(k, v);
  for (const [k, v] of parseRowsArgs(list(flags, 'rows'))) sizes.set(k, v);
  if (!schemaFile && sizes.size > 0 && !config.target) throw new ConfigError('--rows and --sizes size the tables of a --schema file (or replace a --target\'s row counts with production\'s): pass --schema FILE or --target URL too');
  const out = str(flags, 'out');
  const measureRuns = positiveInt(flags, 'measure-runs');

  // Against a target, plan what is still to run there: applied migrations are already in its schema.
  let paths: readonly string[] = positionals;
  if (config.target) {
    const migrations = await loadMigrations(migrationPaths(positionals, config), { cwd: io.cwd });
    const status = await readMigrationStatus(config.target, migrations);
    const todo = new Set(status.entries.filter((e) => e.state !== 'applied').map((e) => e.name));
    const applied = migrations.filter((m) => !todo.has(m.name));
    if (applied.length > 0) io.stderr.write(`drydock plan: ${applied.length} migration(s) already applied on the target are not planned: ${applied.map((m) => m.name).join(', ')}\n`);
    if (todo.size === 0) {
      io.stdout.write('nothing to plan: every migration is applied on the target\n');
      return EXIT.OK;
    }
    paths = migrations.filter((m) => todo.has(m.name)).map((m) => m.file);
  }

  const progress = progressReporter(io, { textOutput: format === 'text' });
  let outcome: PlanOutcome;
  try {
    outcome = await progress.run((onProgress: (e: PlanProgress) => void) =>
      planMigrations({
        paths,
        config,
        analyzers: ANALYZERS,
        cwd: io.cwd,
        toolVersion: VERSION,
        schemaFile,
        sizes,
        onProgress,
        ...(measureRuns !== undefined ? { measureRuns } : {}),
        ...(io.env['PATH'] !== undefined ? { searchPath: io.env['PATH'] } : {}),
      }),
    );
  } finally {
    progress.close();
  }
  writeReport(outcome.report, format, io);
  if (out) {
    // The report (JSON contract) plus what apply needs to run exactly this plan.
    const json = JSON.parse(renderReport(outcome.report, 'json')) as Record<string, unknown>;
    await writeFile(out, `${JSON.stringify({ ...json, plan: outcome.details }, null, 2)}\n`);
    io.stderr.write(`plan saved to ${out}\n`);
  }
  return outcome.report.summary.blocked ? EXIT.BLOCKED : EXIT.OK;
}
