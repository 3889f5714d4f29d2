// The terminal rendering: per migration, per statement, what it locks, how long, what is wrong
// and what to run instead. Colours only when asked (the CLI asks on a TTY without NO_COLOR).
import type { ImpactReport, ReportAlternative, StatementReport } from '../impact-report.js';
import { formatCount } from '../format-duration.js';
import type { Painter } from './describe-report.js';
import {
  describeDuration,
  describeEstimate,
  describeLock,
  describeMeasurement,
  describeTableLock,
  plural,
  shortSql,
  printable,
  summaryLine,
  withDelimiter,
} from './describe-report.js';

export interface TextRenderOptions {
  readonly color?: boolean;
}

interface Style extends Painter {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly error: (s: string) => string;
  readonly warning: (s: string) => string;
  readonly info: (s: string) => string;
}

const sgr =
  (open: number, close: number) =>
  (s: string): string =>
    `\u001b[${open}m${s}\u001b[${close}m`;

export function createTextStyle(color: boolean): Style {
  if (!color) {
    const id = (s: string): string => s;
    return { blocked: id, ok: id, unknown: id, bold: id, dim: id, error: id, warning: id, info: id };
  }
  const red = sgr(31, 39);
  const bold = sgr(1, 22);
  return {
    blocked: (s) => bold(red(s)),
    ok: sgr(32, 39),
    unknown: sgr(33, 39),
    bold,
    dim: sgr(2, 22),
    error: red,
    warning: sgr(33, 39),
    info: sgr(36, 39),
  };
}

export function renderText(report: ImpactReport, options: TextRenderOptions = {}): string {
  const st = createTextStyle(options.color ?? false);
  const out: string[] = [];
  const server = report.server ? `${report.server.flavor} ${report.server.version}` : 'no server version (generic rules)';
  const target = report.target ? ` · target ${report.target.url}` : '';
  out.push(st.bold(`drydock ${report.command}`) + st.dim(` · ${server}${target}`));
  if (report.shadow) {
    const shadowServer = report.shadow.server ? ` (${report.shadow.server.flavor} ${report.shadow.server.version})` : '';
    const sized = report.shadow.rowsByTable.map((t) => `${t.table} ${formatCount(t.rows)}`).join(', ');
    out.push(st.dim(`shadow ${report.shadow.url ?? 'none'}${shadowServer}${sized ? ` · rows: ${sized}` : ''}`));
  }
  for (const w of report.warnings) out.push(st.warning(`warning: ${printable(w)}`));

  for (const m of report.migrations) {
    out.push('');
    const notes = [plural(m.statements.length, 'statement')];
    if (m.needsShadowExecution) notes.push('depends on data: run on the shadow by plan');
    out.push(`${st.bold(printable(m.file))} ${st.dim(`(${notes.join(', ')})`)}`);
    for (const s of m.statements) out.push(...renderStatement(s, st));
  }

  const tables = report.summary.lockTimeByTable;
  if (tables.length > 0) {
    out.push('', st.bold('lock time by table'));
    const width = Math.max(...tables.map((t) => t.table.length));
    for (const t of tables) out.push(`  ${t.table.padEnd(width)}  ${describeTableLock(t, st)}`);
  }

  out.push('');
  const statements = report.migrations.flatMap((m) => m.statements);
  if (statements.length > 0 && statements.every((s) => s.estimate.durationMs === null)) {
    out.push(st.dim(report.target ? 'durations not estimated: run drydock plan to measure them on a sized shadow' : 'durations not estimated: give --target for table sizes, or run drydock plan'));
  }
  if (report.summary.unknowns > 0) {
    out.push(st.unknown(`${plural(report.summary.unknowns, 'statement')} with unknown locking — needs approval`));
  }
  if (report.summary.infos > 0) out.push(st.dim(plural(report.summary.infos, 'note')));
  const line = summaryLine(report);
  out.push(report.summary.blocked ? st.error(st.bold(line)) : st.ok(line));
  return `${out.join('\n')}\n`;
}

function renderStatement(s: StatementReport, st: Style): string[] {
  const out: string[] = [];
  const where = `${s.location.file}:${s.location.line}:${s.location.column}`;
  out.push(`  ${st.dim(printable(where))}  ${printable(shortSql(s.sql))}`);
  out.push(`    locks: ${describeLock(s.lock, st)}`);
  if (s.lock.disagreement) out.push(`    ${st.warning(`static analysis disagreed: ${s.lock.disagreement}`)}`);
  if (s.estimate.rows !== null || s.estimate.durationMs !== null) out.push(`    estimate: ${describeEstimate(s.estimate)}`);
  if (s.measurement) {
    out.push(`    measured: ${printable(describeMeasurement(s.measurement))}`);
    for (const w of s.measurement.warnings) out.push(`      ${st.warning(`server warning: ${printable(w)}`)}`);
  }
  for (const f of s.findings) {
    const label = f.severity === 'error' ? st.error('error  ') : f.severity === 'warning' ? st.warning('warning') : st.info('info   ');
    out.push(`    ${label}  ${st.bold(f.id)}  ${printable(f.message)}`);
    out.push(`             ${st.dim(f.docs)}`);
  }
  s.alternatives.forEach((a, i) => out.push(...renderAlternative(a, i + 1, st)));
  return out;
}

function renderAlternative(a: ReportAlternative, n: number, st: Style): string[] {
  const numbers: string[] = [];
  const duration = a.estimate ? describeDuration(a.estimate) : null;
  if (duration) numbers.push(duration);
  if (a.measurement) numbers.push(`measured: ${describeMeasurement(a.measurement)}`);
  const tail = numbers.length > 0 ? `  ${st.dim(printable(numbers.join(' · ')))}` : '';
  const out = [`    alternative ${n} · ${a.kind} · ${printable(a.title)}${tail}`];
  for (const sql of a.sql) {
    for (const line of withDelimiter(sql).split(/\r?\n/)) out.push(`        ${printable(line)}`);
  }
  for (const note of a.notes) out.push(`      ${st.dim(`note: ${printable(note)}`)}`);
  return out;
}
