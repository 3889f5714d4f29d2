// Builders for online-DDL alternatives: the same change with an explicit ALGORITHM=/LOCK= clause,
// so the server refuses at once instead of silently falling back to a blocking copy. Also the small
// SQL-text toolkit the other builders share: identifier quoting, splitting an ALTER into its clauses
// (verbatim, without ALGORITHM=/LOCK=) and rendering typed actions back to SQL.
import type { Algorithm, LockClause } from '../../db/capabilities/types.js';
import type {
  AlterAction,
  AlterTableOperation,
  ColumnDefinition,
  ColumnPosition,
  ForeignKeyDefinition,
  IndexDefinition,
  ParsedStatement,
  TableRef,
} from '../../parser/statement.js';
import type { Alternative } from '../analyzer.js';

export const quoteIdent = (name: string): string => '`' + name.replace(/`/g, '``') + '`';
export const quoteTable = (t: TableRef): string => (t.schema ? `${quoteIdent(t.schema)}.${quoteIdent(t.name)}` : quoteIdent(t.name));
export const quoteString = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

export interface AlgorithmClause {
  readonly algorithm: Algorithm;
  readonly lock: LockClause | null;
}

/** `ALGORITHM=INPLACE, LOCK=NONE`; INSTANT never carries LOCK= (MySQL rejects it, error 1221). */
export function formatClause(clause: AlgorithmClause): string {
  if (clause.algorithm === 'INSTANT' || clause.lock === null) return `ALGORITHM=${clause.algorithm}`;
  return `ALGORITHM=${clause.algorithm}, LOCK=${clause.lock}`;
}

const IDENT = '(?:`(?:[^`]|``)*`|[\\w$]+)';
const ALTER_HEAD = new RegExp(
  `^\\s*ALTER\\s+(?:(?:ONLINE|OFFLINE)\\s+)?(?:IGNORE\\s+)?TABLE\\s+(?:IF\\s+EXISTS\\s+)?${IDENT}(?:\\s*\\.\\s*${IDENT})?(?:\\s+(?:WAIT\\s+\\d+|NOWAIT))?`,
  'i',
);
const ALGO_OR_LOCK = /^(?:ALGORITHM|LOCK)\s*=?\s*[\w]+$/i;
const TRAILING_ALGO_OR_LOCK = /\s+(?:ALGORITHM|LOCK)\s*=?\s*\w+\s*$/i;

/** Splits text on top-level commas, respecting quotes, parentheses and comments. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length) {
        if (text[j] === '\\' && c !== '`') j += 2;
        else if (text[j] === c) {
          if (text[j + 1] === c) j += 2;
          else break;
        } else j++;
      }
      i = j;
    } else if (c === '/' && text[i + 1] === '*' && text[i + 2] !== '!') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if ((c === '-' && text[i + 1] === '-' && /\s/.test(text[i + 2] ?? ' ')) || c === '#') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/**
 * The clauses of an ALTER TABLE statement, verbatim and in order, without ALGORITHM= and LOCK=
 * (a rewritten statement must never forward the user's clauses). null when the text is not an ALTER TABLE.
 */
export function alterClauses(sql: string): readonly string[] | null {
  const head = ALTER_HEAD.exec(sql);
  if (!head) return null;
  return splitTopLevel(sql.slice(head[0].length))
    .filter((c) => !ALGO_OR_LOCK.test(c))
    .map((c) => {
      let out = c;
      while (TRAILING_ALGO_OR_LOCK.test(out)) out = out.replace(TRAILING_ALGO_OR_LOCK, '');
      return out.trim();
    })
    .filter((c) => c !== '');
}

/** The clauses of a statement's ALTER, verbatim when possible, rendered from the typed actions otherwise. */
export function alterBody(statement: ParsedStatement, op: AlterTableOperation): readonly string[] {
  const clauses = alterClauses(statement.sql);
  if (clauses && clauses.length > 0) return clauses;
  return op.actions.map(renderAction);
}

/** `ALTER TABLE t c1, c2[, ALGORITHM=…]`. */
export function buildAlter(table: TableRef, clauses: readonly string[], clause: AlgorithmClause | null = null): string {
  const parts = [...clauses];
  if (clause) parts.push(formatClause(clause));
  return `ALTER TABLE ${quoteTable(table)} ${parts.join(', ')}`;
}

function renderPosition(p: ColumnPosition | null): string {
  if (!p) return '';
  return p.kind === 'first' ? ' FIRST' : ` AFTER ${quoteIdent(p.column)}`;
}

export interface RenderColumnOptions {
  readonly name?: string;
  /** Override the position; `null` drops it. */
  readonly position?: ColumnPosition | null;
  readonly nullable?: boolean | null;
  readonly defaultValue?: string | null;
}

/** A column definition as SQL: name, type, charset, NULL-ness, default, generated, comment, position. */
export function renderColumn(col: ColumnDefinition, options: RenderColumnOptions = {}): string {
  const parts = [quoteIdent(options.name ?? col.name), col.typeText];
  if (col.charset && !/character\s+set|charset/i.test(col.typeText)) parts.push(`CHARACTER SET ${col.charset}`);
  if (col.collation && !/collate/i.test(col.typeText)) parts.push(`COLLATE ${col.collation}`);
  if (col.generated) parts.push(`GENERATED ALWAYS AS (${col.generated.expression}) ${col.generated.stored ? 'STORED' : 'VIRTUAL'}`);
  const nullable = options.nullable !== undefined ? options.nullable : col.nullable;
  if (nullable === false) parts.push('NOT NULL');
  else if (nullable === true) parts.push('NULL');
  const def = options.defaultValue !== undefined ? options.defaultValue : col.defaultValue;
  if (def !== null && !col.generated) parts.push(`DEFAULT ${def}`);
  if (col.onUpdate) parts.push(`ON UPDATE ${col.onUpdate}`);
  if (col.autoIncrement) parts.push('AUTO_INCREMENT');
  if (col.comment !== null) parts.push(`COMMENT ${quoteString(col.comment)}`);
  const position = options.position !== undefined ? options.position : col.position;
  return parts.join(' ') + renderPosition(position);
}

function renderIndexColumns(index: IndexDefinition): string {
  return index.columns
    .map((c) => (c.expression ? `(${c.expression})` : `${quoteIdent(c.name)}${c.length !== null ? `(${c.length})` : ''}${c.descending ? ' DESC' : ''}`))
    .join(', ');
}

export function renderIndex(index: IndexDefinition): string {
  const cols = `(${renderIndexColumns(index)})`;
  const name = index.name ? ` ${quoteIdent(index.name)}` : '';
  switch (index.kind) {
    case 'primary':
      return `PRIMARY KEY ${cols}`;
    case 'unique':
      return `UNIQUE INDEX${name} ${cols}`;
    case 'fulltext':
      return `FULLTEXT INDEX${name} ${cols}`;
    case 'spatial':
      return `SPATIAL INDEX${name} ${cols}`;
    default:
      return `INDEX${name} ${cols}`;
  }
}

export function renderForeignKey(fk: ForeignKeyDefinition): string {
  const name = fk.name ? `CONSTRAINT ${quoteIdent(fk.name)} ` : '';
  let sql = `${name}FOREIGN KEY (${fk.columns.map(quoteIdent).join(', ')}) REFERENCES ${quoteTable(fk.referencedTable)} (${fk.referencedColumns.map(quoteIdent).join(', ')})`;
  if (fk.onDelete) sql += ` ON DELETE ${fk.onDelete}`;
  if (fk.onUpdate) sql += ` ON UPDATE ${fk.onUpdate}`;
  return sql;
}

/** One ALTER action as SQL (used when verbatim text is not available, and for rewritten actions). */
export function renderAction(action: AlterAction): string {
  switch (action.type) {
    case 'add-column':
      return `ADD COLUMN ${action.ifNotExists ? 'IF NOT EXISTS ' : ''}${renderColumn(action.column)}`;
    case 'drop-column':
      return `DROP COLUMN ${action.ifExists ? 'IF EXISTS ' : ''}${quoteIdent(action.column)}`;
    case 'rename-column':
      return `RENAME COLUMN ${quoteIdent(action.from)} TO ${quoteIdent(action.to)}`;
    case 'modify-column':
      return `MODIFY COLUMN ${renderColumn(action.column)}`;
    case 'change-column':
      return `CHANGE COLUMN ${quoteIdent(action.from)} ${renderColumn(action.column)}`;
    case 'alter-column-default':
      return action.defaultValue === null
        ? `ALTER COLUMN ${quoteIdent(action.column)} DROP DEFAULT`
        : `ALTER COLUMN ${quoteIdent(action.column)} SET DEFAULT ${action.defaultValue}`;
    case 'alter-column-visibility':
      return `ALTER COLUMN ${quoteIdent(action.column)} SET ${action.visible ? 'VISIBLE' : 'INVISIBLE'}`;
    case 'add-index':
      return `ADD ${renderIndex(action.index)}`;
    case 'drop-index':
      return `DROP INDEX ${action.ifExists ? 'IF EXISTS ' : ''}${quoteIdent(action.name)}`;
    case 'rename-index':
      return `RENAME INDEX ${quoteIdent(action.from)} TO ${quoteIdent(action.to)}`;
    case 'alter-index-visibility':
      return `ALTER INDEX ${quoteIdent(action.name)} ${action.visible ? 'VISIBLE' : 'INVISIBLE'}`;
    case 'drop-primary-key':
      return 'DROP PRIMARY KEY';
    case 'add-foreign-key':
      return `ADD ${renderForeignKey(action.foreignKey)}`;
    case 'drop-foreign-key':
      return `DROP FOREIGN KEY ${quoteIdent(action.name)}`;
    case 'add-check':
      return `ADD ${action.name ? `CONSTRAINT ${quoteIdent(action.name)} ` : ''}CHECK (${action.expression})`;
    case 'drop-constraint':
      return `DROP ${action.constraintKind === 'check' ? 'CHECK' : 'CONSTRAINT'} ${quoteIdent(action.name)}`;
    case 'table-options':
      return Object.entries(action.options)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
    case 'convert-charset':
      return `CONVERT TO CHARACTER SET ${action.charset}${action.collation ? ` COLLATE ${action.collation}` : ''}`;
    case 'force':
      return 'FORCE';
    case 'rename-table':
      return `RENAME TO ${quoteTable(action.to)}`;
    case 'partition':
    case 'opaque-action':
      return action.text;
  }
}

/**
 * The statement with an explicit ALGORITHM=/LOCK= clause instead of whatever it had: ALTER TABLE gets
 * the clause appended to its clauses; CREATE/DROP INDEX get it as trailing options.
 */
export function statementWithClause(statement: ParsedStatement, clause: AlgorithmClause): string | null {
  const op = statement.operation;
  if (op.kind === 'alter-table') return buildAlter(op.table, alterBody(statement, op), clause);
  if (op.kind === 'create-index' || op.kind === 'drop-index') {
    const bare = statement.sql.replace(/\s+(?:ALGORITHM|LOCK)\s*=?\s*\w+/gi, '').trim();
    const lock = clause.algorithm === 'INSTANT' || clause.lock === null ? '' : ` LOCK=${clause.lock}`;
    return `${bare} ALGORITHM=${clause.algorithm}${lock}`;
  }
  return null;
}

export interface OnlineDdlOptions {
  readonly title?: string;
  readonly notes?: readonly string[];
}

/** An `online-ddl` alternative: the statement with the clause the server accepts, so it refuses rather than copies. */
export function onlineDdlAlternative(statement: ParsedStatement, clause: AlgorithmClause, options: OnlineDdlOptions = {}): Alternative | null {
  const sql = statementWithClause(statement, clause);
  if (sql === null) return null;
  return Object.freeze({
    kind: 'online-ddl',
    title: options.title ?? `Assert ${formatClause(clause)} so the server refuses instead of falling back to a blocking copy`,
    sql: Object.freeze([sql]),
    notes: Object.freeze([...(options.notes ?? [])]),
    replacesStatement: true,
  });
}

/** An `online-ddl` alternative from explicit SQL (for rewritten statements, e.g. a column added last). */
export function onlineDdlSql(title: string, sql: readonly string[], notes: readonly string[] = [], replacesStatement = true): Alternative {
  return Object.freeze({ kind: 'online-ddl', title, sql: Object.freeze([...sql]), notes: Object.freeze([...notes]), replacesStatement });
}
