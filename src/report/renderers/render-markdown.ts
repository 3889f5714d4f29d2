// A pull-request comment: verdict and summary first, a table of statements with their lock and
// duration, lock time per table, then the findings with doc links and the alternatives folded
// into <details> blocks. Everything taken from SQL or messages is escaped.
import type { ImpactReport, ReportAlternative, StatementReport } from '../impact-report.js';
import type { Painter } from './describe-report.js';
import {
  describeDuration,
  describeLock,
  describeMeasurement,
  describeRows,
  describeTableLock,
  plural,
  shortSql,
  summaryLine,
  withDelimiter,
} from './describe-report.js';

const BOLD: Painter = { blocked: (s) => `**${s}**`, ok: (s) => s, unknown: (s) => `_${s}_` };

/** Backslash-escapes the characters that would start Markdown or HTML syntax inside a line. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]{}<>()#+!|~&]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** An inline code span that survives backticks in the text. */
export function inlineCode(s: string): string {
  const text = s.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run inside. */
export function codeBlock(text: string, lang: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${text}\n${fence}`;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Table cells: pipes must be escaped even inside code spans. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

export function renderMarkdown(report: ImpactReport): string {
  const out: string[] = [];
  const verdict = report.summary.blocked ? 'blocked' : 'ok';
  out.push(`### drydock ${report.command}: ${verdict}`, '');
  const server = report.server ? `${report.server.flavor} ${report.server.version}` : 'no server version (generic rules)';
  const target = report.target ? ` · target ${inlineCode(report.target.url)}` : '';
  const shadow = report.shadow
    ? ` · shadow ${inlineCode(report.shadow.url ?? 'none')}${report.shadow.server ? ` (${escapeMarkdown(`${report.shadow.server.flavor} ${report.shadow.server.version}`)})` : ''}`
    : '';
  out.push(`**${summaryLine(report)}** · ${escapeMarkdown(server)}${target}${shadow}`, '');
  for (const w of report.warnings) out.push(`> **warning:** ${escapeMarkdown(w)}`, '');
  if (report.summary.unknowns > 0) {
    out.push(`> ${plural(report.summary.unknowns, 'statement')} with unknown locking — needs approval`, '');
  }

  const statements = report.migrations.flatMap((m) => m.statements);
  if (statements.length > 0) {
    out.push('| Location | Statement | Locks | Rows | Duration | Findings |', '|---|---|---|--:|--:|---|');
    for (const s of statements) {
      out.push(
        `| ${cell(inlineCode(locationText(s)))} | ${cell(inlineCode(shortSql(s.sql, 60)))} | ${cell(lockCell(s))} | ${cell(describeRows(s.estimate) ?? 'unknown')} | ${cell(describeDuration(s.estimate) ?? 'unknown')} | ${findingCounts(s)} |`,
      );
    }
    out.push('');
  }

  const tables = report.summary.lockTimeByTable;
  if (tables.length > 0) {
    out.push('#### Lock time by table', '', '| Table | Expected lock |', '|---|---|');
    for (const t of tables) out.push(`| ${cell(inlineCode(t.table))} | ${cell(describeTableLock(t, BOLD))} |`);
    out.push('');
  }

  const withFindings = statements.filter((s) => s.findings.length > 0 || s.alternatives.length > 0 || s.lock.disagreement);
  if (withFindings.length > 0) {
    out.push('#### Findings', '');
    for (const s of withFindings) out.push(...renderStatement(s));
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function locationText(s: StatementReport): string {
  return `${s.location.file}:${s.location.line}:${s.location.column}`;
}

// describeLock's words are a fixed vocabulary: only the painter adds Markdown, nothing to escape.
function lockCell(s: StatementReport): string {
  return describeLock(s.lock, BOLD);
}

function findingCounts(s: StatementReport): string {
  const n = (sev: string): number => s.findings.filter((f) => f.severity === sev).length;
  const parts = [
    n('error') > 0 ? plural(n('error'), 'error') : null,
    n('warning') > 0 ? plural(n('warning'), 'warning') : null,
    n('info') > 0 ? plural(n('info'), 'note') : null,
  ].filter((x) => x !== null);
  return parts.length > 0 ? parts.join(', ') : '—';
}

function renderStatement(s: StatementReport): string[] {
  const out: string[] = [`**${inlineCode(locationText(s))}** ${inlineCode(shortSql(s.sql))}`, ''];
  for (const f of s.findings) {
    out.push(`- **${f.severity}** [${inlineCode(f.id)}](${f.docs.replace(/[()\s]/g, encodeURIComponent)}): ${escapeMarkdown(f.message)}`);
  }
  if (s.lock.disagreement) out.push(`- static analysis disagreed with the measurement: ${escapeMarkdown(s.lock.disagreement)}`);
  if (s.measurement) out.push(`- measured: ${escapeMarkdown(describeMeasurement(s.measurement))}`);
  out.push('');
  s.alternatives.forEach((a, i) => out.push(...renderAlternative(a, i + 1)));
  return out;
}

function renderAlternative(a: ReportAlternative, n: number): string[] {
  const numbers: string[] = [];
  const duration = a.estimate ? describeDuration(a.estimate) : null;
  if (duration) numbers.push(duration);
  if (a.measurement) numbers.push(`measured: ${describeMeasurement(a.measurement)}`);
  const tail = numbers.length > 0 ? ` · ${numbers.join(' · ')}` : '';
  const out = [
    '<details>',
    `<summary>Alternative ${n} (${escapeHtml(a.kind)}): ${escapeHtml(a.title)}${escapeHtml(tail)}</summary>`,
    '',
    codeBlock(a.sql.map(withDelimiter).join('\n'), 'sql'),
    '',
  ];
  for (const note of a.notes) out.push(`- ${escapeMarkdown(note)}`);
  if (a.notes.length > 0) out.push('');
  out.push('</details>', '');
  return out;
}
