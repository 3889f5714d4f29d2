// `drydock lint`: flags → options → lintMigrations → report → exit code.
import { lintReportFor } from '../lint-report.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo, Flags } from '../run-cli.js';
import { commonSetup, list, str, writeReport } from '../options.js';
import { lintMigrations } from '../../pipeline/lint.js';
import { ANALYZERS } from '../catalogue.js';

export async function lintCommand(positionals: readonly string[], flags: Flags, io: CliIo): Promise<number> {
  const { config, format } = commonSetup(flags, io);
  const schemaFile = str(flags, 'schema');
  const sizesFile = str(flags, 'sizes');
  const outcome = await lintMigrations({
    paths: positionals,
    config,
    analyzers: ANALYZERS,
    cwd: io.cwd,
    ...(schemaFile ? { schema: { schemaFile, rows: list(flags, 'rows'), cwd: io.cwd, ...(sizesFile ? { sizesFile } : {}) } } : {}),
  });
  const report = lintReportFor(outcome, config, 'lint', outcome.target?.warnings ?? []);
  writeReport(report, format, io);
  return report.summary.blocked ? EXIT.BLOCKED : EXIT.OK;
}
