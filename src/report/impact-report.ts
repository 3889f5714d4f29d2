// The impact report: one immutable, JSON-serializable value that `lint` and `plan` build and every
// renderer reads. Its field names are the JSON contract of DESIGN.md ("Contracts other tools rely
// on"); fields beyond that contract are extras consumers may ignore.
import type { Alternative, AlternativeKind, BatchedDml, Category, Finding, Severity } from '../analysis/analyzer.js';
import type { Flavor, LockProfile, ServerVersion } from '../db/capabilities/types.js';
import { redactUrl } from '../db/connection.js';
import type { Migration, MigrationSourceKind, Operation, OperationKind, ParsedStatement, TableRef } from '../parser/statement.js';

export const REPORT_SCHEMA_VERSION = 1;

/** `NONE`: no DDL algorithm applies (DML, SET, …). `UNKNOWN`: drydock cannot tell. `NOCOPY` is MariaDB only. */
export type LockAlgorithm = 'INSTANT' | 'NOCOPY' | 'INPLACE' | 'COPY' | 'NONE' | 'UNKNOWN';
export type EstimateBasis = 'static' | 'shadow' | 'explain';

export interface ReportServer {
  readonly flavor: Flavor;
  /** `major.minor.patch`. */
  readonly version: string;
  /** As the server reported it, or as given with `--server`. */
  readonly raw: string;
}

export interface ReportLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface LockVerdict {
  readonly algorithm: LockAlgorithm;
  /** Concurrent reads wait for the whole statement; null = unknown (needs approval). */
  readonly blocksReads: boolean | null;
  /** Concurrent writes wait for the whole statement; null = unknown (needs approval). */
  readonly blocksWrites: boolean | null;
  readonly rebuildsTable: boolean | null;
  /** `static`: from the capabilities tables; `measured`: probes on the shadow saw it. */
  readonly basis: 'static' | 'measured';
  /** Why the verdict is what it is (from capabilities, or from the measurement). */
  readonly reasons: readonly string[];
  /** Present when a measurement contradicted the static verdict: what differed. */
  readonly disagreement?: string;
}

export interface StatementEstimate {
  readonly rows: number | null;
  readonly durationMs: number | null;
  readonly durationRangeMs: readonly [number, number] | null;
  readonly basis: EstimateBasis;
}

/** What a dry run on the shadow measured (plan only). */
export interface StatementMeasurement {
  /** Wall time on the shadow; null when the run did not finish. */
  readonly durationMs: number | null;
  /** Longest wait a concurrent read probe saw while the statement ran. */
  readonly maxReadBlockMs: number | null;
  /** Longest wait a concurrent write probe saw while the statement ran. */
  readonly maxWriteBlockMs: number | null;
  readonly rowsAffected: number | null;
  readonly warnings: readonly string[];
  /** The server's error (redacted), when the statement failed on the shadow. */
  readonly error: string | null;
}

export interface ReportFinding {
  readonly id: string;
  readonly severity: Severity;
  readonly category: Category;
  readonly message: string;
  readonly docs: string;
  readonly location: ReportLocation;
  readonly table: string | null;
  readonly column: string | null;
  /** Positions in the statement's `alternatives` that this finding proposed. */
  readonly alternatives: readonly number[];
}

export interface ReportAlternative {
  readonly kind: AlternativeKind;
  readonly title: string;
  readonly sql: readonly string[];
  readonly notes: readonly string[];
  readonly replacesStatement: boolean;
  readonly batched: BatchedDml | null;
  readonly estimate: StatementEstimate | null;
  readonly measurement: StatementMeasurement | null;
}

export interface StatementReport {
  /** 0-based position in the migration. */
  readonly index: number;
  readonly sql: string;
  readonly location: ReportLocation;
  readonly tables: readonly string[];
  /** The operation kind (`alter-table`, `delete`, …). */
  readonly operation: OperationKind;
  readonly lock: LockVerdict;
  readonly estimate: StatementEstimate;
  readonly measurement: StatementMeasurement | null;
  readonly findings: readonly ReportFinding[];
  readonly alternatives: readonly ReportAlternative[];
}

export interface MigrationReport {
  readonly name: string;
  readonly file: string;
  readonly checksum: string;
  readonly source: MigrationSourceKind;
  readonly needsShadowExecution: boolean;
  readonly statements: readonly StatementReport[];
}

export interface TableLockTime {
  readonly table: string;
  /** Sum of the estimated durations of the statements that block this table; null when any is unknown. */
  readonly expectedLockMs: number | null;
  readonly blocksWrites: boolean | null;
  readonly blocksReads: boolean | null;
  /** How many statements touch the table. */
  readonly statements: number;
}

export interface ReportSummary {
  readonly blocked: boolean;
  readonly blockingSeverity: BlockingSeverity;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly migrations: number;
  readonly statements: number;
  /** Statements whose lock verdict is not fully known: they need approval. */
  readonly unknowns: number;
  readonly lockTimeByTable: readonly TableLockTime[];
}

/** Catalogue facts about a rule, for renderers that list rules (SARIF). */
export interface ReportRule {
  readonly id: string;
  readonly title: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly docs: string;
}

export interface ShadowInfo {
  /** Redacted URL, or `auto` for a private throwaway server. */
  readonly url: string | null;
  readonly server: ReportServer | null;
  /** Rows synthesized per table. */
  readonly rowsByTable: readonly { readonly table: string; readonly rows: number }[];
}

export interface ImpactReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly tool: { readonly name: 'drydock'; readonly version: string };
  readonly command: 'lint' | 'plan';
  readonly server: ReportServer | null;
  readonly target: { readonly url: string } | null;
  readonly shadow: ShadowInfo | null;
  readonly migrations: readonly MigrationReport[];
  /** The rules that produced findings in this report. */
  readonly rules: readonly ReportRule[];
  readonly summary: ReportSummary;
  /** Things the reader must know about the report as a whole (e.g. the shadow differs from the target). */
  readonly warnings: readonly string[];
}

export type BlockingSeverity = 'error' | 'warning';

// ---------------------------------------------------------------------------------------------
// Building

/** A lock verdict measured on the shadow; null fields keep the static answer. */
export interface MeasuredLock {
  readonly algorithm: LockAlgorithm | null;
  readonly blocksReads: boolean | null;
  readonly blocksWrites: boolean | null;
  readonly rebuildsTable: boolean | null;
  readonly reasons: readonly string[];
}

export interface AlternativeResult {
  readonly kind: AlternativeKind;
  readonly sql: readonly string[];
  readonly estimate: StatementEstimate | null;
  readonly measurement: StatementMeasurement | null;
}

export interface StatementInput {
  readonly statement: ParsedStatement;
  /** The engine's findings for the statement, suppressions already removed. */
  readonly findings: readonly Finding[];
  readonly lock: LockProfile;
  readonly measuredLock?: MeasuredLock | null;
  readonly estimate?: StatementEstimate | null;
  readonly measurement?: StatementMeasurement | null;
  /** Measurements of the proposed alternatives, matched by kind + SQL. */
  readonly alternativeResults?: readonly AlternativeResult[];
}

export interface MigrationInput {
  readonly migration: Migration;
  readonly statements: readonly StatementInput[];
}

export interface ImpactReportInput {
  readonly command: 'lint' | 'plan';
  readonly toolVersion: string;
  readonly server: ServerVersion | null;
  /** Target URL as given; it is redacted here. */
  readonly targetUrl?: string | null;
  readonly shadow?: ShadowInfo | null;
  readonly migrations: readonly MigrationInput[];
  readonly blockingSeverity: BlockingSeverity;
  /** Catalogue facts for the rules (analyzer definitions fit); rules not listed get a title from their id. */
  readonly rules?: readonly ReportRule[];
  readonly warnings?: readonly string[];
}

export interface LintReportInput {
  readonly command?: 'lint' | 'plan';
  readonly toolVersion: string;
  readonly server: ServerVersion | null;
  readonly targetUrl?: string | null;
  readonly migrations: readonly Migration[];
  /** Findings of a statement; `statementIndex` is `ParsedStatement.index`. */
  readonly findingsByStatement: (migrationIndex: number, statementIndex: number) => readonly Finding[];
  readonly lockByStatement: (migrationIndex: number, statementIndex: number) => LockProfile;
  /** Rows/duration when table sizes are known (lint with --target); omitted = unknown. */
  readonly estimates?: (migrationIndex: number, statementIndex: number) => StatementEstimate | null;
  readonly blockingSeverity: BlockingSeverity;
  readonly rules?: readonly ReportRule[];
  readonly warnings?: readonly string[];
}

/** Static analysis only: findings, lock profiles and (optionally) size-based estimates. */
export function buildLintReport(input: LintReportInput): ImpactReport {
  return buildImpactReport({
    command: input.command ?? 'lint',
    toolVersion: input.toolVersion,
    server: input.server,
    targetUrl: input.targetUrl ?? null,
    shadow: null,
    blockingSeverity: input.blockingSeverity,
    ...(input.rules ? { rules: input.rules } : {}),
    ...(input.warnings ? { warnings: input.warnings } : {}),
    migrations: input.migrations.map((migration, mi) => ({
      migration,
      statements: migration.statements.map((statement) => ({
        statement,
        findings: input.findingsByStatement(mi, statement.index),
        lock: input.lockByStatement(mi, statement.index),
        estimate: input.estimates?.(mi, statement.index) ?? null,
      })),
    })),
  });
}

/** The general builder: `plan` feeds it measurements and extrapolated estimates too. */
export function buildImpactReport(input: ImpactReportInput): ImpactReport {
  const migrations = input.migrations.map(buildMigration);
  const statements = migrations.flatMap((m) => m.statements);
  const findings = statements.flatMap((s) => s.findings);
  const count = (severity: Severity): number => findings.filter((f) => f.severity === severity).length;
  const threshold = SEVERITY_RANK[input.blockingSeverity];

  const report: ImpactReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'drydock', version: input.toolVersion },
    command: input.command,
    server: input.server ? reportServer(input.server) : null,
    target: input.targetUrl ? { url: redactUrl(input.targetUrl) } : null,
    shadow: input.shadow
      ? {
          url: input.shadow.url === null ? null : redactUrl(input.shadow.url),
          server: input.shadow.server ? { ...input.shadow.server } : null,
          rowsByTable: input.shadow.rowsByTable.map((r) => ({ table: r.table, rows: r.rows })),
        }
      : null,
    migrations,
    rules: collectRules(findings, input.rules ?? []),
    summary: {
      blocked: findings.some((f) => SEVERITY_RANK[f.severity] >= threshold),
      blockingSeverity: input.blockingSeverity,
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
      migrations: migrations.length,
      statements: statements.length,
      unknowns: statements.filter((s) => isLockUnknown(s.lock)).length,
      lockTimeByTable: lockTimeByTable(statements),
    },
    warnings: [...(input.warnings ?? [])],
  };
  return deepFreeze(report);
}

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = Object.freeze({ info: 0, warning: 1, error: 2 });

/** A verdict the operator must approve: some part of what gets blocked is unknown. */
export function isLockUnknown(lock: LockVerdict): boolean {
  return lock.blocksReads === null || lock.blocksWrites === null;
}

export function tableName(t: TableRef): string {
  return t.schema ? `${t.schema}.${t.name}` : t.name;
}

function reportServer(v: ServerVersion): ReportServer {
  // A version given as `--server mariadb:10.11` is shown as given, not with the assumed patch level.
  const given = /^(?:mysql|mariadb):(.+)$/i.exec(v.raw)?.[1];
  return { flavor: v.flavor, version: given ?? `${v.major}.${v.minor}.${v.patch}`, raw: v.raw };
}

function buildMigration(input: MigrationInput): MigrationReport {
  const m = input.migration;
  return {
    name: m.name,
    file: m.file,
    checksum: m.checksum,
    source: m.source,
    needsShadowExecution: m.needsShadowExecution,
    statements: input.statements.map(buildStatement),
  };
}

function buildStatement(input: StatementInput): StatementReport {
  const s = input.statement;
  const alternatives: ReportAlternative[] = [];
  const keys: string[] = [];
  const indexOf = (alt: Alternative): number => {
    const key = alternativeKey(alt);
    let i = keys.indexOf(key);
    if (i < 0) {
      i = keys.length;
      keys.push(key);
      const result = input.alternativeResults?.find((r) => alternativeKey(r) === key) ?? null;
      alternatives.push({
        kind: alt.kind,
        title: alt.title,
        sql: [...alt.sql],
        notes: [...alt.notes],
        replacesStatement: alt.replacesStatement,
        batched: alt.batched ? structuredClone(alt.batched) : null,
        estimate: copyEstimate(result?.estimate ?? null),
        measurement: copyMeasurement(result?.measurement ?? null),
      });
    }
    return i;
  };
  const findings = stableSortBySeverity(input.findings).map(
    (f): ReportFinding => ({
      id: f.id,
      severity: f.severity,
      category: f.category,
      message: f.message,
      docs: f.docs,
      location: { file: f.location.file, line: f.location.line, column: f.location.column },
      table: f.table,
      column: f.column,
      alternatives: f.alternatives.map(indexOf),
    }),
  );
  return {
    index: s.index,
    sql: s.sql,
    location: { file: s.location.file, line: s.location.line, column: s.location.column },
    tables: s.tables.map(tableName),
    operation: s.operation.kind,
    lock: lockVerdict(s.operation, input.lock, input.measuredLock ?? null),
    estimate: copyEstimate(input.estimate ?? null) ?? { rows: null, durationMs: null, durationRangeMs: null, basis: 'static' },
    measurement: copyMeasurement(input.measurement ?? null),
    findings,
    alternatives,
  };
}

// Copies so that freezing the report never freezes (or aliases) the caller's objects.
function copyEstimate(e: StatementEstimate | null): StatementEstimate | null {
  if (!e) return null;
  const range = e.durationRangeMs;
  return { rows: e.rows, durationMs: e.durationMs, durationRangeMs: range ? [range[0], range[1]] : null, basis: e.basis };
}

function copyMeasurement(m: StatementMeasurement | null): StatementMeasurement | null {
  return m ? { ...m, warnings: [...m.warnings] } : null;
}

function alternativeKey(alt: { readonly kind: string; readonly sql: readonly string[] }): string {
  return JSON.stringify([alt.kind, alt.sql]);
}

function stableSortBySeverity(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_RANK[b.f.severity] - SEVERITY_RANK[a.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

// ALGORITHM= applies only to these; for anything else a known profile without an algorithm means "none".
const ALGORITHM_KINDS: ReadonlySet<OperationKind> = new Set(['alter-table', 'create-index', 'drop-index']);

function staticAlgorithm(op: Operation, lock: LockProfile): LockAlgorithm {
  if (lock.algorithm !== null) return lock.algorithm;
  if (lock.basis === 'unknown' || ALGORITHM_KINDS.has(op.kind)) return 'UNKNOWN';
  return 'NONE';
}

function lockVerdict(op: Operation, lock: LockProfile, measured: MeasuredLock | null): LockVerdict {
  const known: LockVerdict = {
    algorithm: staticAlgorithm(op, lock),
    blocksReads: lock.blocksReads,
    blocksWrites: lock.blocksWrites,
    rebuildsTable: lock.rebuildsTable,
    basis: 'static',
    reasons: [...lock.reasons],
  };
  if (!measured) return known;
  const merged = {
    algorithm: measured.algorithm ?? known.algorithm,
    blocksReads: measured.blocksReads ?? known.blocksReads,
    blocksWrites: measured.blocksWrites ?? known.blocksWrites,
    rebuildsTable: measured.rebuildsTable ?? known.rebuildsTable,
  };
  const differences: string[] = [];
  const say = (v: boolean | null, yes: string, no: string): string => (v === null ? 'unknown' : v ? yes : no);
  if (known.algorithm !== 'UNKNOWN' && merged.algorithm !== known.algorithm) {
    differences.push(`algorithm: expected ${known.algorithm}, measured ${merged.algorithm}`);
  }
  if (known.blocksWrites !== null && merged.blocksWrites !== known.blocksWrites) {
    differences.push(`writes: expected ${say(known.blocksWrites, 'blocked', 'not blocked')}, measured ${say(merged.blocksWrites, 'blocked', 'not blocked')}`);
  }
  if (known.blocksReads !== null && merged.blocksReads !== known.blocksReads) {
    differences.push(`reads: expected ${say(known.blocksReads, 'blocked', 'not blocked')}, measured ${say(merged.blocksReads, 'blocked', 'not blocked')}`);
  }
  if (known.rebuildsTable !== null && merged.rebuildsTable !== known.rebuildsTable) {
    differences.push(`rebuild: expected ${say(known.rebuildsTable, 'yes', 'no')}, measured ${say(merged.rebuildsTable, 'yes', 'no')}`);
  }
  return {
    ...merged,
    basis: 'measured',
    reasons: measured.reasons.length > 0 ? [...measured.reasons] : known.reasons,
    ...(differences.length > 0 ? { disagreement: differences.join('; ') } : {}),
  };
}

/**
 * Per table, the statements that block it add their estimated durations. A statement's verdict
 * counts for every table it names (fail closed). Unknown blocking or an unknown duration of a
 * blocking statement makes the table's total unknown.
 */
function lockTimeByTable(statements: readonly StatementReport[]): TableLockTime[] {
  const byKey = new Map<string, { table: string; items: StatementReport[] }>();
  for (const s of statements) {
    for (const table of new Set(s.tables)) {
      const key = table.toLowerCase();
      const entry = byKey.get(key) ?? { table, items: [] };
      if (!entry.items.includes(s)) entry.items.push(s);
      byKey.set(key, entry);
    }
  }
  const anyOf = (values: readonly (boolean | null)[]): boolean | null =>
    values.includes(true) ? true : values.includes(null) ? null : false;
  return [...byKey.values()].map(({ table, items }) => {
    const blocksWrites = anyOf(items.map((s) => s.lock.blocksWrites));
    const blocksReads = anyOf(items.map((s) => s.lock.blocksReads));
    let expectedLockMs: number | null = 0;
    for (const s of items) {
      if (isLockUnknown(s.lock)) {
        expectedLockMs = null;
        break;
      }
      if (s.lock.blocksWrites || s.lock.blocksReads) {
        if (s.estimate.durationMs === null) {
          expectedLockMs = null;
          break;
        }
        expectedLockMs += s.estimate.durationMs;
      }
    }
    return { table, expectedLockMs, blocksWrites, blocksReads, statements: items.length };
  });
}

function collectRules(findings: readonly ReportFinding[], catalogue: readonly ReportRule[]): ReportRule[] {
  const rules: ReportRule[] = [];
  for (const f of findings) {
    if (rules.some((r) => r.id === f.id)) continue;
    const known = catalogue.find((r) => r.id === f.id);
    rules.push(
      known
        ? { id: known.id, title: known.title, category: known.category, severity: known.severity, docs: known.docs }
        : { id: f.id, title: titleFromId(f.id), category: f.category, severity: f.severity, docs: f.docs },
    );
  }
  return rules;
}

function titleFromId(id: string): string {
  const words = id.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    // Recurse even into frozen objects: a caller may have frozen only the outer layer.
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
