// Size-aware severity and the shared wording of lock impact. A rebuild of a 2,000-row table is a
// note; the same rebuild of a 20M-row table fails the gate. Without sizes the operation alone decides,
// and unknown sizes never count as small (fail closed).
import type { LockProfile, ServerVersion } from '../db/capabilities/types.js';
import type { ParsedStatement, TableRef } from '../parser/statement.js';
import { tableKey } from '../parser/statement.js';
import type { AnalysisContext, Severity } from './analyzer.js';

/**
 * How an operation's cost grows with the table:
 * - `blocking`: concurrent writes wait for the whole run (COPY, FULLTEXT/SPATIAL builds, …);
 * - `rebuild`: the clustered index is rebuilt online (writes continue, time ∝ table size);
 * - `build`: a secondary structure is built online (index build), time ∝ rows;
 * - `metadata`: dictionary-only, size does not matter.
 */
export type Impact = 'blocking' | 'rebuild' | 'build' | 'metadata';

/** Severity when the table's size is not known: the operation alone decides. */
const UNKNOWN_SIZE_SEVERITY: Readonly<Record<Impact, Severity>> = Object.freeze({
  blocking: 'error',
  rebuild: 'warning',
  build: 'info',
  metadata: 'info',
});

/** The impact class a lock profile describes; unknown answers count as blocking (fail closed). */
export function impactOf(lock: LockProfile): Impact {
  if (lock.blocksWrites !== false) return 'blocking';
  if (lock.rebuildsTable !== false) return 'rebuild';
  if (lock.sizeDependent !== false) return 'build';
  return 'metadata';
}

/** The table's row count when the analysis knows it (from the target, or 0 for a table the migrations created). */
export function knownRows(context: AnalysisContext, ref: TableRef): number | null {
  return context.table(ref)?.rows ?? null;
}

/**
 * Severity of an operation of class `impact` on `table`: below `smallTableRows` a note, from
 * `largeTableRows` an error, a warning in between (index builds: at most a warning).
 */
export function sizeSeverity(context: AnalysisContext, ref: TableRef, impact: Impact): Severity {
  if (impact === 'metadata') return 'info';
  const rows = knownRows(context, ref);
  if (rows === null) return UNKNOWN_SIZE_SEVERITY[impact];
  const { smallTableRows, largeTableRows } = context.thresholds;
  if (rows < smallTableRows) return 'info';
  if (impact === 'build') return rows >= largeTableRows ? 'warning' : 'info';
  return rows >= largeTableRows ? 'error' : 'warning';
}

const numberFormat = new Intl.NumberFormat('en-US');
export const formatRows = (n: number): string => numberFormat.format(n);

/** ` for about 2,000,000 rows` when the size is known, else an empty string (for `{size}` placeholders). */
export function rowsPhrase(context: AnalysisContext, ref: TableRef): string {
  const rows = knownRows(context, ref);
  return rows === null ? '' : ` for about ${formatRows(rows)} rows`;
}

/** ` (orders has about 2,000,000 rows)` when the size is known, else an empty string. */
export function sizeNote(context: AnalysisContext, ref: TableRef): string {
  const rows = knownRows(context, ref);
  return rows === null ? '' : ` (${ref.name} has about ${formatRows(rows)} rows)`;
}

/** `MySQL 8.0.20` / `MariaDB 10.11`: for messages only, never for decisions. */
export function serverName(version: ServerVersion): string {
  const name = version.flavor === 'mariadb' ? 'MariaDB' : 'MySQL';
  // A spec like `mysql:8.4` stands for the series: show it as given, not with a made-up patch level.
  const spec = /^(?:mysql|mariadb):(.+)$/i.exec(version.raw);
  return `${name} ${spec ? spec[1] : `${version.major}.${version.minor}.${version.patch}`}`;
}

/** One sentence on what the lock profile means for traffic: algorithm, rebuild, what waits. */
export function describeLock(lock: LockProfile): string {
  const algorithm = lock.algorithm ?? 'an unknown algorithm';
  const rebuild =
    lock.rebuildsTable === true ? 'rebuilds the whole table' : lock.rebuildsTable === false ? 'does not rebuild the table' : 'may rebuild the table';
  let blocked: string;
  if (lock.blocksReads === true) blocked = 'reads and writes of the table wait until it finishes';
  else if (lock.blocksWrites === true) blocked = 'writes to the table wait until it finishes (reads continue)';
  else if (lock.blocksWrites === false) blocked = 'reads and writes continue except for a brief exclusive metadata lock at its start and end';
  else blocked = 'whether writes can continue is unknown';
  return `it runs with ${algorithm}, ${rebuild}, and ${blocked}`;
}

/** Whether the table was created earlier in this migration (so it is new and empty: lock rules do not apply). */
export function createdInMigration(context: AnalysisContext, ref: TableRef): boolean {
  const key = tableKey(ref);
  const bare = ref.name.toLowerCase();
  return context.previous.some((s: ParsedStatement) => {
    const op = s.operation;
    if (op.kind !== 'create-table' || op.asSelect) return false;
    return tableKey(op.table) === key || op.table.name.toLowerCase() === bare;
  });
}

/** Whether the table is known to be empty (the target says 0 rows, or the migrations created it). */
export function isKnownEmpty(context: AnalysisContext, ref: TableRef): boolean {
  return createdInMigration(context, ref) || context.table(ref)?.rows === 0;
}

/**
 * Whether the session rejects zero dates (strict mode with NO_ZERO_DATE). A SET sql_mode in the
 * migration decides; otherwise the server default: MySQL 5.7+ includes both, MariaDB's default
 * (STRICT_TRANS_TABLES, ERROR_FOR_DIVISION_BY_ZERO, NO_AUTO_CREATE_USER, NO_ENGINE_SUBSTITUTION,
 * measured on 10.11) does not include NO_ZERO_DATE.
 */
export function rejectsZeroDates(context: AnalysisContext): boolean {
  const mode = context.session.sqlMode;
  if (mode !== null) return /NO_ZERO_DATE|TRADITIONAL/i.test(mode) && /STRICT_(TRANS|ALL)_TABLES|TRADITIONAL/i.test(mode);
  return !context.server.isMariaDb;
}
