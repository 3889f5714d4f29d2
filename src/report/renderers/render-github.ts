// GitHub Actions workflow commands: one annotation per finding on its file:line, then the summary
// line as plain log output. Escaping follows the runner's rules (as in @actions/core): `%`, CR and
// LF in the message; additionally `:` and `,` in properties.
import type { ImpactReport, ReportFinding, StatementReport } from '../impact-report.js';
import { describeLock, summaryLine } from './describe-report.js';

export function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** Paths as GitHub expects them: relative to the workspace, forward slashes. */
export function workspacePath(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

export function renderGithub(report: ImpactReport): string {
  const out: string[] = [];
  for (const m of report.migrations) {
    for (const s of m.statements) {
      for (const f of s.findings) out.push(annotation(f, s));
    }
  }
  out.push(`drydock ${report.command}: ${summaryLine(report)}`);
  return `${out.join('\n')}\n`;
}

function annotation(f: ReportFinding, s: StatementReport): string {
  const props = [
    `file=${escapeGithubProperty(workspacePath(f.location.file))}`,
    `line=${f.location.line}`,
    `col=${f.location.column}`,
    `title=${escapeGithubProperty(f.id)}`,
  ].join(',');
  const lines = [f.message, `locks: ${describeLock(s.lock)}`];
  for (const i of f.alternatives) {
    const alt = s.alternatives[i];
    if (alt) lines.push(`safer: ${alt.title} (${alt.kind})`);
  }
  lines.push(f.docs);
  return `::${COMMAND[f.severity]} ${props}::${escapeGithubData(lines.join('\n'))}`;
}
