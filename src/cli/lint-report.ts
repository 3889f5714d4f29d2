// Turns a lint outcome into the impact report (shared by lint, plan and apply).
import type { Config } from '../config/config.js';
import type { LintOutcome } from '../pipeline/lint.js';
import { buildLintReport, type ImpactReport } from '../report/index.js';
import { ENGINE_RULES } from '../analysis/run-analyzers.js';
import { DOCS_BASE } from '../analysis/analyzer.js';
import { ANALYZERS } from './catalogue.js';
import { VERSION } from './help.js';

export function lintReportFor(outcome: LintOutcome, config: Config, command: 'lint' | 'plan', warnings: readonly string[]): ImpactReport {
  const byMigration = outcome.analysis.migrations;
  const assumed = outcome.assumedServer
    ? [`no --target or --server given: judged as ${outcome.server.raw}; pass --server to match your production server`]
    : [];
  return buildLintReport({
    command,
    toolVersion: VERSION,
    server: outcome.server,
    targetUrl: config.target,
    migrations: outcome.migrations,
    findingsByStatement: (m, s) => byMigration[m]?.statements.find((x) => x.statement.index === s)?.findings ?? [],
    lockByStatement: (m, s) => {
      const lock = byMigration[m]?.statements.find((x) => x.statement.index === s)?.lock;
      if (!lock) throw new Error(`no analysis for statement ${s} of migration ${m}`);
      return lock;
    },
    blockingSeverity: config.failOn === 'warning' ? 'warning' : 'error',
    rules: [
      ...ANALYZERS.map((a) => ({ id: a.id, title: a.title, category: a.category, severity: a.severity, docs: a.docs })),
      ...Object.entries(ENGINE_RULES).map(([id, r]) => ({ id, title: r.title, category: r.category, severity: r.severity, docs: `${DOCS_BASE}${id}.md` })),
    ],
    warnings: [...assumed, ...warnings],
  });
}
