// What the locking analyzers ask about an ALTER's table: the column as it was before, per-action
// lock profiles, the clause the server would accept, and the standard alternatives for a statement.
import type { LockProfile, TableFacts } from '../../db/capabilities/types.js';
import type {
  AlterAction,
  AlterTableOperation,
  ColumnDefinition,
  IndexDefinition,
  IndexKind,
  Operation,
  ParsedStatement,
  TableRef,
} from '../../parser/statement.js';
import type { AnalysisContext, Alternative, Report } from '../analyzer.js';
import { describeLock, impactOf, isKnownEmpty, rowsPhrase, serverName, sizeSeverity } from '../size-severity.js';
import {
  alterBody,
  onlineDdlAlternative,
  quoteIdent,
  renderIndex,
  type AlgorithmClause,
} from './online-ddl.js';
import { oscAlternatives } from './osc-tools.js';

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The column as the table has it before this statement, when the definition is known. */
export function columnBefore(
  context: AnalysisContext,
  table: TableRef,
  name: string,
): ColumnDefinition | null {
  return context.table(table)?.definition?.columns.find((c) => same(c.name, name)) ?? null;
}

/** The column a MODIFY/CHANGE action targets, with its old name. */
export function modifiedColumn(
  action: AlterAction,
): { readonly from: string; readonly column: ColumnDefinition } | null {
  if (action.type === 'modify-column') return { from: action.column.name, column: action.column };
  if (action.type === 'change-column') return { from: action.from, column: action.column };
  return null;
}

/** The table's default character set (CHARSET / DEFAULT CHARSET option), lower case, or null. */
export function tableCharset(facts: TableFacts | null): string | null {
  const opts = facts?.definition?.options;
  const cs = opts?.['CHARSET'] ?? opts?.['DEFAULT CHARSET'] ?? null;
  return cs ? cs.toLowerCase() : null;
}

/** The lock profile of one action of the statement, as the server would run it alone. */
export function actionProfile(
  context: AnalysisContext,
  op: AlterTableOperation,
  action: AlterAction,
): LockProfile {
  return context.server.profileAlterAction(action, context.table(op.table), context.session);
}

/** The profile of the ALTER without the user's ALGORITHM=/LOCK= (what the server can do at best). */
export function bestProfile(
  context: AnalysisContext,
  op: AlterTableOperation,
  actions: readonly AlterAction[] = op.actions,
): LockProfile {
  return context.server.profileAlter(
    { ...op, actions, algorithm: null, lock: null },
    context.table(op.table),
    context.session,
  );
}

/** The clause the server would accept for these actions, or null when only a plain copy is possible. */
export function bestClause(
  context: AnalysisContext,
  op: AlterTableOperation,
  actions: readonly AlterAction[] = op.actions,
): AlgorithmClause | null {
  return bestProfile(context, op, actions).clause;
}

/** A one-action profile's clause: what to assert on a single-action ALTER. */
export function clauseFor(
  context: AnalysisContext,
  table: TableRef,
  action: AlterAction,
): AlgorithmClause | null {
  return context.server.profileAlterAction(action, context.table(table), context.session).clause;
}

/** pt-osc and gh-ost command lines for the statement's ALTER (clauses verbatim, ALGORITHM=/LOCK= removed). */
export function oscFor(
  context: AnalysisContext,
  statement: ParsedStatement,
  op: AlterTableOperation,
  notes: readonly string[] = [],
): readonly Alternative[] {
  return oscAlternatives({
    table: op.table,
    alter: alterBody(statement, op),
    facts: context.table(op.table),
    isMariaDb: context.server.isMariaDb,
    notes,
  });
}

/** The table a DDL statement changes and its change as ALTER clauses (for OSC tools), or null. */
export function statementAsAlter(
  statement: ParsedStatement,
): { readonly table: TableRef; readonly clauses: readonly string[] } | null {
  const op = statement.operation;
  switch (op.kind) {
    case 'alter-table':
      return { table: op.table, clauses: alterBody(statement, op) };
    case 'create-index':
      return { table: op.table, clauses: [`ADD ${renderIndex(op.index)}`] };
    case 'drop-index':
      return { table: op.table, clauses: [`DROP INDEX ${quoteIdent(op.name)}`] };
    case 'optimize-table':
      return op.tables[0] ? { table: op.tables[0], clauses: ['ENGINE=InnoDB'] } : null;
    default:
      return null;
  }
}

/** pt-osc and gh-ost command lines for any table-changing DDL statement. */
export function oscForStatement(
  context: AnalysisContext,
  statement: ParsedStatement,
  notes: readonly string[] = [],
): readonly Alternative[] {
  const a = statementAsAlter(statement);
  if (!a) return [];
  return oscAlternatives({
    table: a.table,
    alter: a.clauses,
    facts: context.table(a.table),
    isMariaDb: context.server.isMariaDb,
    notes,
  });
}

/**
 * The online-DDL alternative when the server can do better than a blocking copy (for example
 * MariaDB 11.2+ online COPY with LOCK=NONE), else nothing.
 */
export function onlineFor(
  context: AnalysisContext,
  statement: ParsedStatement,
  op: AlterTableOperation,
): readonly Alternative[] {
  const profile = bestProfile(context, op);
  if (!profile.clause || profile.blocksWrites !== false) return [];
  const alt = onlineDdlAlternative(statement, profile.clause);
  return alt ? [alt] : [];
}

/** Which of the statement's actions have a profile matching `pred`. */
export function actionsWhere(
  context: AnalysisContext,
  op: AlterTableOperation,
  pred: (p: LockProfile, a: AlterAction) => boolean,
): readonly AlterAction[] {
  return op.actions.filter((a) => pred(actionProfile(context, op, a), a));
}

/** A short label for an action in messages: `MODIFY amount`, `ADD INDEX idx_x`, … */
export function actionLabel(action: AlterAction): string {
  switch (action.type) {
    case 'add-column':
      return `ADD COLUMN ${action.column.name}`;
    case 'drop-column':
      return `DROP COLUMN ${action.column}`;
    case 'modify-column':
      return `MODIFY ${action.column.name}`;
    case 'change-column':
      return `CHANGE ${action.from}`;
    case 'rename-column':
      return `RENAME COLUMN ${action.from}`;
    case 'alter-column-default':
    case 'alter-column-visibility':
      return `ALTER COLUMN ${action.column}`;
    case 'add-index':
      return `ADD ${action.index.kind === 'index' ? 'INDEX' : action.index.kind.toUpperCase()}${action.index.name && action.index.kind !== 'primary' ? ` ${action.index.name}` : action.index.kind === 'primary' ? ' KEY' : ''}`;
    case 'drop-index':
      return `DROP INDEX ${action.name}`;
    case 'rename-index':
      return `RENAME INDEX ${action.from}`;
    case 'alter-index-visibility':
      return `ALTER INDEX ${action.name}`;
    case 'drop-primary-key':
      return 'DROP PRIMARY KEY';
    case 'add-foreign-key':
      return `ADD FOREIGN KEY${action.foreignKey.name ? ` ${action.foreignKey.name}` : ''}`;
    case 'drop-foreign-key':
      return `DROP FOREIGN KEY ${action.name}`;
    case 'add-check':
      return `ADD CHECK${action.name ? ` ${action.name}` : ''}`;
    case 'drop-constraint':
      return `DROP CONSTRAINT ${action.name}`;
    case 'table-options':
      return Object.keys(action.options).join(', ');
    case 'convert-charset':
      return `CONVERT TO CHARACTER SET ${action.charset}`;
    case 'force':
      return 'FORCE';
    case 'rename-table':
      return 'RENAME';
    case 'partition':
      return action.operation === 'partition-by'
        ? 'PARTITION BY'
        : action.operation === 'remove-partitioning'
          ? 'REMOVE PARTITIONING'
          : `${action.operation.toUpperCase()} PARTITION`;
    case 'opaque-action':
      return action.text.slice(0, 40);
  }
}

/** The indexes of the given kinds a statement adds (ALTER … ADD INDEX or CREATE INDEX), with their table. */
export function addedIndexes(
  op: Operation,
  kinds: readonly IndexKind[],
): { readonly table: TableRef; readonly indexes: readonly IndexDefinition[] } | null {
  if (op.kind === 'alter-table') {
    return {
      table: op.table,
      indexes: op.actions.flatMap((a) =>
        a.type === 'add-index' && kinds.includes(a.index.kind) ? [a.index] : [],
      ),
    };
  }
  if (op.kind === 'create-index')
    return { table: op.table, indexes: kinds.includes(op.index.kind) ? [op.index] : [] };
  return null;
}

/**
 * The statement as an ALTER that should go through an online schema change tool (it blocks writes
 * or rebuilds a table that is not known to be empty), with what is known of its table; null otherwise.
 */
export function oscCandidate(
  statement: ParsedStatement,
  context: AnalysisContext,
): {
  readonly target: NonNullable<ReturnType<typeof statementAsAlter>>;
  readonly facts: TableFacts | null;
} | null {
  const target = statementAsAlter(statement);
  if (!target || isKnownEmpty(context, target.table)) return null;
  if (context.lock.blocksWrites === false && context.lock.rebuildsTable !== true) return null;
  return { target, facts: context.table(target.table) };
}

/**
 * One report per index of `kind` the statement adds, for rules about index builds that block
 * writes (FULLTEXT, SPATIAL): the statement's lock, size-scaled severity, and the online-copy tools
 * as alternatives with `toolNote`. Nothing for tables known to be empty.
 */
export function indexBuildReports<M extends string>(
  statement: ParsedStatement,
  context: AnalysisContext,
  kind: IndexKind,
  messageId: M,
  toolNote: string,
): Report<M>[] {
  const added = addedIndexes(statement.operation, [kind]);
  if (!added) return [];
  const { table, indexes } = added;
  if (indexes.length === 0 || isKnownEmpty(context, table)) return [];
  const profile = context.lock;
  const alternatives = oscForStatement(context, statement, [toolNote]);
  return indexes.map((index): Report<M> => ({
    messageId,
    values: {
      index: index.name ?? '(unnamed)',
      table: table.name,
      columns: index.columns.map((c) => c.name).join(', '),
      size: rowsPhrase(context, table),
      server: serverName(context.server.version),
      lock: describeLock(profile),
    },
    severity: sizeSeverity(context, table, impactOf(profile)),
    table: table.name,
    alternatives,
  }));
}
