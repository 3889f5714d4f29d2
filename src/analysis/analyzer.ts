// The analyzer API: one rule = one file declaring data plus a pure `check`. The engine
// (./run-analyzers.ts) runs the catalogue it is given; analyzers never do I/O.
import type { LockProfile, ServerCapabilities, SessionState, TableFacts } from '../db/capabilities/types.js';
import type { Migration, OperationKind, ParsedStatement, SourceLocation, TableRef } from '../parser/statement.js';

export type Severity = 'error' | 'warning' | 'info';

export type Category =
  | 'locking'
  | 'data-dependent'
  | 'destructive'
  | 'backward-incompatible'
  | 'dml'
  | 'runner-safety'
  | 'osc-compatibility'
  | 'hygiene';

export type AlternativeKind =
  | 'batched'
  | 'truncate'
  | 'online-ddl'
  | 'expand-contract'
  | 'osc-tool'
  | 'combine'
  | 'rewrite';

/** A keyset-batched rewrite of a DELETE/UPDATE that the shadow can measure and the executor can run. */
export interface BatchedDml {
  readonly verb: 'delete' | 'update';
  readonly table: TableRef;
  /** Primary key columns, in key order (keyset pagination). */
  readonly primaryKey: readonly string[];
  /** The original WHERE text, or null for all rows. */
  readonly where: string | null;
  /** For UPDATE: the SET list as SQL text. */
  readonly set: string | null;
  /** Rows per chunk to start with; the executor adapts it to a time target. */
  readonly chunkRows: number;
}

/** A safer way to do what the statement does. Data, so it can be measured and applied. */
export interface Alternative {
  readonly kind: AlternativeKind;
  readonly title: string;
  /** Ready-to-run SQL, in order. For `batched`: one representative chunk (see `batched`). */
  readonly sql: readonly string[];
  /** Caveats the operator must know (foreign keys, triggers, privileges, …). */
  readonly notes: readonly string[];
  /** Present for kind `batched`: the executable description of the chunked rewrite. */
  readonly batched?: BatchedDml;
  /** Whether the alternative replaces the statement 1:1 when applied (false for multi-deploy plans like expand-contract). */
  readonly replacesStatement: boolean;
}

export interface Thresholds {
  /** A table with at least this many rows is "large": rebuilds and unbounded DML on it are errors. */
  readonly largeTableRows: number;
  /** Below this many rows a rebuild is only a note. */
  readonly smallTableRows: number;
  /** DML touching more rows than this should be batched. */
  readonly batchRows: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = Object.freeze({
  // A write-blocking copy of half a million rows stalls writes for seconds (MariaDB 10.11 copied
  // 100k rows of the capabilities test table in 0.45 s here, writes stalled throughout);
  // information_schema estimates are ±1 %, so a 1M-row table must be well past the line.
  largeTableRows: 500_000,
  smallTableRows: 10_000,
  batchRows: 10_000,
});

export interface AnalysisContext {
  readonly server: ServerCapabilities;
  readonly migration: Migration;
  /** Statements of the same migration before this one. */
  readonly previous: readonly ParsedStatement[];
  /** Session state in force at this statement (SET foreign_key_checks, lock_wait_timeout, …). */
  readonly session: SessionState;
  /** The lock profile capabilities give for this statement. */
  readonly lock: LockProfile;
  readonly thresholds: Thresholds;
  /** Whether a target (or sizes) told drydock how big tables are. */
  readonly hasSizes: boolean;
  /** What is known about a table (target schema + statements before this one); null when nothing. */
  table(ref: TableRef): TableFacts | null;
}

/** What `check` reports: a message id with its values; the engine renders and locates it. */
export interface Report<M extends string> {
  readonly messageId: M;
  readonly values?: Readonly<Record<string, string | number>>;
  /** Overrides the rule's default severity (e.g. size-aware escalation). */
  readonly severity?: Severity;
  readonly table?: string;
  readonly column?: string;
  readonly alternatives?: readonly Alternative[];
}

export interface AnalyzerDefinition<M extends string> {
  /** kebab-case, names the operation, never changes once released. */
  readonly id: string;
  readonly title: string;
  readonly category: Category;
  readonly severity: Severity;
  /** Operation kinds the rule looks at; `migration` rules see every statement. */
  readonly appliesTo: readonly OperationKind[] | 'any';
  /** Message templates with `{placeholders}`. The first sentence is the problem; later ones say why it hurts. */
  readonly messages: Readonly<Record<M, string>>;
  check(statement: ParsedStatement, context: AnalysisContext): readonly Report<M>[];
}

export interface Analyzer<M extends string = string> extends AnalyzerDefinition<M> {
  readonly docs: string;
}

export const DOCS_BASE = 'https://github.com/drydock-sql/drydock/blob/main/docs/analyzers/';

export function defineAnalyzer<M extends string>(definition: AnalyzerDefinition<M>): Analyzer<M> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(definition.id)) {
    throw new Error(`analyzer id ${JSON.stringify(definition.id)} is not kebab-case`);
  }
  return Object.freeze({ ...definition, docs: `${DOCS_BASE}${definition.id}.md` });
}

/** A finding: a rendered, located report. */
export interface Finding {
  readonly id: string;
  readonly severity: Severity;
  readonly category: Category;
  readonly message: string;
  readonly docs: string;
  readonly location: SourceLocation;
  readonly statementIndex: number;
  readonly table: string | null;
  readonly column: string | null;
  readonly alternatives: readonly Alternative[];
}

export function renderMessage(template: string, values: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}
