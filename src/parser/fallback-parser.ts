// Hand-written recursive-descent parser for the statements migrations are made of: ALTER TABLE
// (every action), CREATE TABLE, CREATE/DROP INDEX, DROP/RENAME/TRUNCATE TABLE, OPTIMIZE/ANALYZE,
// SET, triggers, transactions and LOCK TABLES. node-sql-parser rejects or silently loses much of
// this (ALTER options, MariaDB syntax, partitions, executable comments), so these forms never go
// through it. DML is left to dml.ts (returns null here).
import {
  checkBody,
  columnDefinition,
  defaultExpression,
  foreignKeyBody,
  indexBody,
  indexColumns,
  indexOptions,
  isTableOption,
  tableOptions,
} from './column-definition.js';
import type { Cursor } from './cursor.js';
import { SqlSyntaxError } from './tokenize.js';
import type {
  AlterAction,
  AlterTableOperation,
  CreateIndexOperation,
  CreateTableOperation,
  DropIndexOperation,
  ForeignKeyDefinition,
  IndexDefinition,
  IndexKind,
  Operation,
  PartitionOperation,
  SetVariableOperation,
  TableRef,
} from './statement.js';

/** First words of statements the parser recognises as SQL but does not model. */
const OPAQUE_VERBS = new Set([
  'SELECT', 'WITH', 'VALUES', 'TABLE', 'USE', 'CALL', 'GRANT', 'REVOKE', 'SHOW', 'DESCRIBE', 'DESC', 'EXPLAIN',
  'CHECK', 'REPAIR', 'CHECKSUM', 'FLUSH', 'LOAD', 'DO', 'HANDLER', 'PREPARE', 'EXECUTE', 'DEALLOCATE', 'KILL',
  'RESET', 'PURGE', 'CHANGE', 'INSTALL', 'UNINSTALL', 'XA', 'SAVEPOINT', 'RELEASE', 'SIGNAL', 'RESIGNAL', 'GET',
  'DECLARE', 'IF', 'WHILE', 'REPEAT', 'LOOP', 'LEAVE', 'ITERATE', 'RETURN', 'CACHE', 'BINLOG', 'HELP', 'SHUTDOWN',
  'RESTART', 'CLONE', 'IMPORT', 'STOP', 'BACKUP', 'DELIMITER', 'CASE', 'OPEN', 'CLOSE', 'FETCH', 'REPLICA',
  'SLAVE', 'MASTER', 'BEGIN', 'START', 'ROLLBACK', 'COMMIT', 'LOCK', 'UNLOCK', 'SET', 'OPTIMIZE', 'ANALYZE',
]);

/** Objects that follow CREATE/ALTER/DROP and are not modelled (beyond TABLE, INDEX, TRIGGER). */
const DDL_OBJECTS = new Set([
  'VIEW', 'PROCEDURE', 'FUNCTION', 'EVENT', 'DATABASE', 'SCHEMA', 'USER', 'ROLE', 'SERVER', 'TABLESPACE', 'LOGFILE',
  'SEQUENCE', 'SPATIAL', 'RESOURCE', 'INSTANCE', 'PACKAGE', 'AGGREGATE', 'UNDO', 'SYNONYM', 'PREPARE',
]);

export interface FallbackResult {
  readonly operation: Operation;
  /** Tables referenced besides the operation's own (foreign-key parents, EXCHANGE partners). */
  readonly extraTables: readonly TableRef[];
}

/** Signals a known statement verb the parser does not model; parse.ts makes it opaque. */
export class NotModelled {
  constructor(readonly verb: string) {}
}

/** MariaDB `WAIT n` / `NOWAIT` after a table name. */
function waitClause(cur: Cursor): number | null {
  if (cur.acceptWord('NOWAIT')) return 0;
  if (cur.isWord('WAIT') && cur.peek(1)?.type === 'number') {
    cur.next();
    return Number(cur.next().text);
  }
  return null;
}

const upperValue = (cur: Cursor): string => cur.optionValue().toUpperCase();

const PARTITION_VERBS: Readonly<Record<string, PartitionOperation>> = {
  ADD: 'add', DROP: 'drop', TRUNCATE: 'truncate', COALESCE: 'coalesce', REORGANIZE: 'reorganize',
  EXCHANGE: 'exchange', REBUILD: 'rebuild', OPTIMIZE: 'optimize', ANALYZE: 'analyze', CHECK: 'check',
  REPAIR: 'repair', DISCARD: 'discard', IMPORT: 'import',
};

/**
 * Consumes the rest of a partition action. Partition name lists contain commas, so a depth-0
 * comma ends the action only when ALGORITHM= or LOCK= follows it.
 */
function partitionTail(cur: Cursor, from: number): string {
  let depth = 0;
  while (!cur.atEnd()) {
    const t = cur.peek()!;
    if (t.type === 'punct') {
      if (t.text === '(') depth++;
      else if (t.text === ')') depth--;
      else if (t.text === ',' && depth === 0 && cur.isWordAt(1, 'ALGORITHM', 'LOCK')) break;
    }
    cur.pos++;
  }
  return cur.text(from);
}

interface AlterState {
  algorithm: string | null;
  lock: string | null;
  readonly actions: AlterAction[];
  readonly extraTables: TableRef[];
}

function opaqueAction(cur: Cursor, from: number): AlterAction {
  cur.pos = from;
  const span = cur.skipToComma();
  return { type: 'opaque-action', text: cur.text(span.from, span.to) };
}

function addIndexLike(cur: Cursor, st: AlterState, constraintName: string | null): void {
  const kindWord = cur.next().upper;
  if (kindWord === 'FOREIGN') {
    cur.expectWord('KEY');
    const foreignKey: ForeignKeyDefinition = foreignKeyBody(cur, constraintName);
    st.extraTables.push(foreignKey.referencedTable);
    st.actions.push({ type: 'add-foreign-key', foreignKey });
    return;
  }
  if (kindWord === 'CHECK') {
    st.actions.push({ type: 'add-check', name: constraintName, expression: checkBody(cur) });
    return;
  }
  let kind: IndexKind = 'index';
  if (kindWord === 'PRIMARY') {
    cur.expectWord('KEY');
    kind = 'primary';
  } else if (kindWord === 'UNIQUE' || kindWord === 'FULLTEXT' || kindWord === 'SPATIAL') {
    cur.acceptWord('INDEX', 'KEY');
    kind = kindWord === 'UNIQUE' ? 'unique' : kindWord === 'FULLTEXT' ? 'fulltext' : 'spatial';
  }
  const { index, ifNotExists } = indexBody(cur, kind, constraintName);
  st.actions.push({ type: 'add-index', index, ifNotExists });
}

function addAction(cur: Cursor, st: AlterState, from: number): void {
  if (cur.isWord('INDEX', 'KEY', 'UNIQUE', 'PRIMARY', 'FULLTEXT', 'SPATIAL', 'FOREIGN', 'CHECK')) {
    addIndexLike(cur, st, null);
    return;
  }
  if (cur.acceptWord('CONSTRAINT')) {
    cur.acceptWords('IF', 'NOT', 'EXISTS');
    const name = cur.isWord('PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK') ? null : cur.identifier('a constraint name');
    if (!cur.isWord('PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK')) throw cur.error('expected PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK');
    addIndexLike(cur, st, name);
    return;
  }
  if (cur.isWord('PARTITION')) {
    st.actions.push({ type: 'partition', operation: 'add', text: partitionTail(cur, from) });
    return;
  }
  // MariaDB system versioning; a column may still be called `period` or `system`.
  if ((cur.isWord('PERIOD') && cur.isWordAt(1, 'FOR')) || (cur.isWord('SYSTEM') && cur.isWordAt(1, 'VERSIONING'))) {
    st.actions.push(opaqueAction(cur, from));
    return;
  }
  cur.acceptWord('COLUMN');
  const ifNotExists = cur.acceptWords('IF', 'NOT', 'EXISTS');
  if (cur.acceptPunct('(')) {
    do addColumn(cur, st, ifNotExists);
    while (cur.acceptPunct(','));
    cur.expectPunct(')');
    return;
  }
  addColumn(cur, st, ifNotExists);
}

function addColumn(cur: Cursor, st: AlterState, ifNotExists: boolean): void {
  const parsed = columnDefinition(cur, cur.identifier('a column name'));
  st.actions.push({ type: 'add-column', column: parsed.column, ifNotExists });
  for (const check of parsed.checks) st.actions.push({ type: 'add-check', name: check.name, expression: check.expression });
  if (parsed.reference) {
    st.actions.push({ type: 'add-foreign-key', foreignKey: parsed.reference });
    st.extraTables.push(parsed.reference.referencedTable);
  }
}

function dropAction(cur: Cursor, st: AlterState, from: number): void {
  if (cur.acceptWord('INDEX', 'KEY')) {
    const ifExists = cur.acceptWords('IF', 'EXISTS');
    st.actions.push({ type: 'drop-index', name: cur.identifier('an index name'), ifExists });
  } else if (cur.acceptWords('PRIMARY', 'KEY')) st.actions.push({ type: 'drop-primary-key' });
  else if (cur.acceptWords('FOREIGN', 'KEY')) {
    cur.acceptWords('IF', 'EXISTS');
    st.actions.push({ type: 'drop-foreign-key', name: cur.identifier('a foreign key name') });
  } else if (cur.acceptWord('CHECK')) {
    cur.acceptWords('IF', 'EXISTS');
    st.actions.push({ type: 'drop-constraint', name: cur.identifier('a check name'), constraintKind: 'check' });
  } else if (cur.acceptWord('CONSTRAINT')) {
    cur.acceptWords('IF', 'EXISTS');
    st.actions.push({ type: 'drop-constraint', name: cur.identifier('a constraint name'), constraintKind: 'unknown' });
  } else if (cur.isWord('PARTITION')) {
    st.actions.push({ type: 'partition', operation: 'drop', text: partitionTail(cur, from) });
  } else if ((cur.isWord('PERIOD') && cur.isWordAt(1, 'FOR')) || (cur.isWord('SYSTEM') && cur.isWordAt(1, 'VERSIONING'))) {
    st.actions.push(opaqueAction(cur, from));
  }
  else {
    cur.acceptWord('COLUMN');
    const ifExists = cur.acceptWords('IF', 'EXISTS');
    st.actions.push({ type: 'drop-column', column: cur.identifier('a column name'), ifExists });
    cur.acceptWord('RESTRICT', 'CASCADE');
  }
}

function alterSubAction(cur: Cursor, st: AlterState, from: number): void {
  if (cur.acceptWord('INDEX', 'KEY')) {
    const name = cur.identifier('an index name');
    const w = cur.acceptWord('VISIBLE', 'INVISIBLE', 'IGNORED');
    if (w) st.actions.push({ type: 'alter-index-visibility', name, visible: w.upper === 'VISIBLE' });
    else if (cur.acceptWords('NOT', 'IGNORED')) st.actions.push({ type: 'alter-index-visibility', name, visible: true });
    else throw cur.error('expected VISIBLE or INVISIBLE');
    return;
  }
  if (cur.isWord('CHECK', 'CONSTRAINT')) {
    st.actions.push(opaqueAction(cur, from));
    return;
  }
  cur.acceptWord('COLUMN');
  const column = cur.identifier('a column name');
  if (cur.acceptWords('SET', 'DEFAULT')) {
    st.actions.push({ type: 'alter-column-default', column, defaultValue: defaultExpression(cur) });
  } else if (cur.acceptWords('DROP', 'DEFAULT')) {
    st.actions.push({ type: 'alter-column-default', column, defaultValue: null });
  } else if (cur.acceptWord('SET')) {
    const w = cur.expectWord('VISIBLE', 'INVISIBLE');
    st.actions.push({ type: 'alter-column-visibility', column, visible: w.upper === 'VISIBLE' });
  } else throw cur.error('expected SET DEFAULT, DROP DEFAULT or SET VISIBLE/INVISIBLE');
}

/** One comma-separated item of ALTER TABLE. */
function alterAction(cur: Cursor, st: AlterState): void {
  const from = cur.pos;
  const t = cur.peek()!;
  const w = t.type === 'word' ? t.upper : '';
  if (PARTITION_VERBS[w] && cur.isWordAt(1, 'PARTITION')) {
    const operation = PARTITION_VERBS[w];
    const text = partitionTail(cur, from);
    if (w === 'EXCHANGE') {
      // EXCHANGE PARTITION p WITH TABLE t2: the other table is touched too.
      const withAt = cur.tokens.slice(from, cur.pos).findIndex((tok) => tok.upper === 'TABLE');
      if (withAt >= 0) {
        const save = cur.pos;
        cur.pos = from + withAt + 1;
        if (cur.isIdentifier()) st.extraTables.push(cur.tableRef());
        cur.pos = save;
      }
    }
    st.actions.push({ type: 'partition', operation, text });
    return;
  }
  switch (w) {
    case 'ADD':
      cur.next();
      addAction(cur, st, from);
      return;
    case 'DROP':
      cur.next();
      dropAction(cur, st, from);
      return;
    case 'MODIFY': {
      cur.next();
      cur.acceptWord('COLUMN');
      cur.acceptWords('IF', 'EXISTS');
      const name = cur.identifier('a column name');
      st.actions.push({ type: 'modify-column', column: columnDefinition(cur, name).column });
      return;
    }
    case 'CHANGE': {
      cur.next();
      cur.acceptWord('COLUMN');
      cur.acceptWords('IF', 'EXISTS');
      const old = cur.identifier('a column name');
      const name = cur.identifier('the new column name');
      st.actions.push({ type: 'change-column', from: old, column: columnDefinition(cur, name).column });
      return;
    }
    case 'ALTER':
      cur.next();
      alterSubAction(cur, st, from);
      return;
    case 'RENAME': {
      cur.next();
      if (cur.acceptWord('COLUMN')) {
        const old = cur.identifier('a column name');
        cur.expectWord('TO');
        st.actions.push({ type: 'rename-column', from: old, to: cur.identifier('the new column name') });
      } else if (cur.acceptWord('INDEX', 'KEY')) {
        const old = cur.identifier('an index name');
        cur.expectWord('TO');
        st.actions.push({ type: 'rename-index', from: old, to: cur.identifier('the new index name') });
      } else {
        cur.acceptWord('TO', 'AS');
        const to = cur.tableRef();
        st.extraTables.push(to);
        st.actions.push({ type: 'rename-table', to });
      }
      return;
    }
    case 'ALGORITHM':
      cur.next();
      st.algorithm = upperValue(cur);
      return;
    case 'LOCK':
      cur.next();
      st.lock = upperValue(cur);
      return;
    case 'FORCE':
      cur.next();
      st.actions.push({ type: 'force' });
      return;
    case 'CONVERT':
      if (cur.isWordAt(1, 'TO')) {
        cur.pos += 2;
        if (!cur.acceptWords('CHARACTER', 'SET')) cur.expectWord('CHARSET');
        cur.acceptPunct('=');
        const charset = cur.nameOrString('a character set');
        let collation: string | null = null;
        if (cur.acceptWord('COLLATE')) {
          cur.acceptPunct('=');
          collation = cur.nameOrString('a collation');
        }
        st.actions.push({ type: 'convert-charset', charset, collation });
        return;
      }
      break;
    case 'PARTITION':
      if (cur.isWordAt(1, 'BY')) {
        // Partitioning options run to the end of the statement.
        cur.pos = cur.tokens.length;
        st.actions.push({ type: 'partition', operation: 'partition-by', text: cur.text(from) });
        return;
      }
      break;
    case 'REMOVE':
      if (cur.acceptWords('REMOVE', 'PARTITIONING')) {
        st.actions.push({ type: 'partition', operation: 'remove-partitioning', text: cur.text(from) });
        return;
      }
      break;
    default:
      if (isTableOption(cur)) {
        const options: Record<string, string> = {};
        tableOptions(cur, options, false);
        st.actions.push({ type: 'table-options', options });
        return;
      }
  }
  st.actions.push(opaqueAction(cur, from));
}

export function alterTable(cur: Cursor): { operation: AlterTableOperation; extraTables: TableRef[] } {
  let online = false;
  let ignore = false;
  for (;;) {
    const w = cur.acceptWord('ONLINE', 'OFFLINE', 'IGNORE');
    if (!w) break;
    if (w.upper === 'ONLINE') online = true;
    if (w.upper === 'IGNORE') ignore = true;
  }
  cur.expectWord('TABLE');
  cur.acceptWords('IF', 'EXISTS');
  const table = cur.tableRef();
  const wait = waitClause(cur);
  const st: AlterState = { algorithm: null, lock: null, actions: [], extraTables: [] };
  while (!cur.atEnd()) {
    if (cur.acceptPunct(',')) continue;
    alterAction(cur, st);
  }
  return {
    operation: { kind: 'alter-table', table, actions: st.actions, algorithm: st.algorithm, lock: st.lock, wait, online, ignore },
    extraTables: st.extraTables,
  };
}

/** `CREATE … TABLE` after the TABLE keyword. */
function createTable(cur: Cursor, orReplace: boolean, temporary: boolean): { operation: CreateTableOperation; extraTables: TableRef[] } {
  const ifNotExists = cur.acceptWords('IF', 'NOT', 'EXISTS');
  const table = cur.tableRef();
  const columns: CreateTableOperation['columns'][number][] = [];
  const indexes: IndexDefinition[] = [];
  const foreignKeys: ForeignKeyDefinition[] = [];
  const checks: { name: string | null; expression: string }[] = [];
  const options: Record<string, string> = {};
  const extraTables: TableRef[] = [];
  let like: TableRef | null = null;
  let asSelect = false;
  let partitioned = false;

  if (cur.acceptWord('LIKE')) like = cur.tableRef();
  else if (cur.isPunct('(') && cur.isWordAt(1, 'LIKE')) {
    cur.next();
    cur.next();
    like = cur.tableRef();
    cur.expectPunct(')');
  } else if (cur.isPunct('(') && !cur.isWordAt(1, 'SELECT', 'WITH', 'VALUES', 'TABLE')) {
    cur.next();
    do {
      let constraintName: string | null = null;
      if (cur.acceptWord('CONSTRAINT')) {
        if (!cur.isWord('PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK')) constraintName = cur.identifier('a constraint name');
        if (!cur.isWord('PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK')) throw cur.error('expected PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK');
      }
      const w = cur.peek()?.type === 'word' ? cur.peek()!.upper : '';
      if (w === 'PRIMARY') {
        cur.next();
        cur.expectWord('KEY');
        indexes.push(indexBody(cur, 'primary', null).index);
      } else if (w === 'UNIQUE' || w === 'FULLTEXT' || w === 'SPATIAL' || ((w === 'INDEX' || w === 'KEY') && !cur.isPunct('.', 1))) {
        cur.next();
        if (w !== 'INDEX' && w !== 'KEY') cur.acceptWord('INDEX', 'KEY');
        const kind: IndexKind = w === 'UNIQUE' ? 'unique' : w === 'FULLTEXT' ? 'fulltext' : w === 'SPATIAL' ? 'spatial' : 'index';
        indexes.push(indexBody(cur, kind, constraintName).index);
      } else if (w === 'FOREIGN') {
        cur.next();
        cur.expectWord('KEY');
        const fk = foreignKeyBody(cur, constraintName);
        foreignKeys.push(fk);
        extraTables.push(fk.referencedTable);
      } else if (w === 'CHECK') {
        cur.next();
        checks.push({ name: constraintName, expression: checkBody(cur) });
      } else if (w === 'PERIOD' && cur.isWordAt(1, 'FOR')) {
        cur.skipToComma();
      } else {
        const name = cur.identifier('a column name');
        const parsed = columnDefinition(cur, name);
        const c = parsed.column;
        columns.push(c);
        checks.push(...parsed.checks);
        if (parsed.reference) {
          foreignKeys.push(parsed.reference);
          extraTables.push(parsed.reference.referencedTable);
        }
        const part = [{ name: c.name, length: null, descending: false, expression: null }];
        if (c.primaryKey) indexes.push({ name: 'PRIMARY', kind: 'primary', columns: part, using: null });
        if (c.unique) indexes.push({ name: c.name, kind: 'unique', columns: part, using: null });
      }
    } while (cur.acceptPunct(','));
    cur.expectPunct(')');
  }
  tableOptions(cur, options, true);
  while (!cur.atEnd()) {
    if (cur.isWord('PARTITION') && cur.isWordAt(1, 'BY')) {
      partitioned = true;
      // Skip the partitioning clause up to a trailing AS SELECT, if any.
      let depth = 0;
      while (!cur.atEnd()) {
        const t = cur.peek()!;
        if (t.type === 'punct') depth += t.text === '(' ? 1 : t.text === ')' ? -1 : 0;
        else if (depth === 0 && t.type === 'word' && ['AS', 'SELECT', 'IGNORE', 'REPLACE', 'WITH'].includes(t.upper)) break;
        cur.next();
      }
    } else if (cur.isWord('AS', 'SELECT', 'IGNORE', 'REPLACE', 'VALUES', 'TABLE') || (cur.isWord('WITH') && !cur.isWordAt(1, 'SYSTEM')) || cur.isPunct('(')) {
      asSelect = true;
      extraTables.push(...scanTables(cur));
      cur.pos = cur.tokens.length;
    } else {
      // Options this parser does not know (MariaDB WITH SYSTEM VERSIONING, …): kept by name.
      const words = [cur.next().text.toUpperCase()];
      while (!cur.atEnd() && !isTableOption(cur) && !cur.isPunct(',') && !cur.isWord('PARTITION', 'AS', 'SELECT', 'IGNORE', 'REPLACE', 'WITH')) {
        words.push(cur.next().text.toUpperCase());
      }
      options[words.join(' ')] = '';
      tableOptions(cur, options, true);
    }
  }
  return {
    operation: {
      kind: 'create-table',
      table,
      columns,
      indexes,
      foreignKeys,
      checks,
      options,
      ifNotExists,
      orReplace,
      temporary,
      like,
      asSelect,
      partitioned,
    },
    extraTables: like ? [like, ...extraTables] : extraTables,
  };
}

/** Best-effort table names: identifiers after FROM, JOIN, INTO, UPDATE, TABLE at any depth. */
export function scanTables(cur: Cursor): TableRef[] {
  const out: TableRef[] = [];
  const save = cur.pos;
  const toks = cur.tokens;
  for (let i = cur.pos; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.type !== 'word' || !TABLE_INTRODUCERS.has(t.upper)) continue;
    cur.pos = i + 1;
    for (;;) {
      if (!cur.isIdentifier() || cur.isWord(...NOT_TABLES)) break;
      out.push(cur.tableRef());
      if (t.upper !== 'FROM') break;
      // FROM a [AS] x, b …: comma-separated lists.
      cur.acceptWord('AS');
      if (cur.isIdentifier() && !cur.isWord(...CLAUSE_WORDS)) cur.next();
      if (!cur.acceptPunct(',')) break;
    }
  }
  cur.pos = save;
  return out;
}

const TABLE_INTRODUCERS = new Set(['FROM', 'JOIN', 'INTO', 'UPDATE', 'TABLE', 'STRAIGHT_JOIN']);
const NOT_TABLES = ['SELECT', 'WITH', 'DUAL', 'LATERAL', 'JSON_TABLE', 'TABLE', 'VALUES'];
const CLAUSE_WORDS = ['WHERE', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'CROSS', 'NATURAL', 'STRAIGHT_JOIN', 'ON', 'USING',
  'GROUP', 'ORDER', 'LIMIT', 'HAVING', 'UNION', 'SET', 'WINDOW', 'FOR', 'LOCK', 'INTO', 'USE', 'FORCE', 'IGNORE', 'PARTITION'];

function algorithmLockWait(cur: Cursor): { algorithm: string | null; lock: string | null } {
  let algorithm: string | null = null;
  let lock: string | null = null;
  for (;;) {
    if (cur.acceptWord('ALGORITHM')) algorithm = upperValue(cur);
    else if (cur.acceptWord('LOCK')) lock = upperValue(cur);
    else if (waitClause(cur) === null) return { algorithm, lock };
  }
}

function createIndex(cur: Cursor, orReplace: boolean, kind: IndexKind): CreateIndexOperation {
  const ifNotExists = cur.acceptWords('IF', 'NOT', 'EXISTS');
  const name = cur.identifier('an index name');
  let using: 'BTREE' | 'HASH' | null = null;
  if (cur.acceptWord('USING', 'TYPE')) {
    const u = cur.next().upper;
    using = u === 'BTREE' || u === 'HASH' ? u : null;
  }
  cur.expectWord('ON');
  const table = cur.tableRef();
  const columns = indexColumns(cur);
  let algorithm: string | null = null;
  let lock: string | null = null;
  for (;;) {
    const opt = indexOptions(cur);
    if (opt) using = opt;
    const al = algorithmLockWait(cur);
    algorithm = al.algorithm ?? algorithm;
    lock = al.lock ?? lock;
    if (!opt && !al.algorithm && !al.lock) break;
  }
  if (!cur.atEnd()) throw cur.error('unexpected text after CREATE INDEX');
  return { kind: 'create-index', table, index: { name, kind, columns, using }, algorithm, lock, ifNotExists, orReplace };
}

function dropIndex(cur: Cursor): DropIndexOperation {
  const ifExists = cur.acceptWords('IF', 'EXISTS');
  const name = cur.identifier('an index name');
  cur.expectWord('ON');
  const table = cur.tableRef();
  const { algorithm, lock } = algorithmLockWait(cur);
  if (!cur.atEnd()) throw cur.error('unexpected text after DROP INDEX');
  return { kind: 'drop-index', table, name, algorithm, lock, ifExists };
}

function tableList(cur: Cursor): TableRef[] {
  const tables: TableRef[] = [];
  do tables.push(cur.tableRef());
  while (cur.acceptPunct(','));
  return tables;
}

/** Skips `DEFINER = user`, `ALGORITHM = x`, `SQL SECURITY x` between CREATE and the object word. */
function skipCreateModifiers(cur: Cursor): void {
  for (;;) {
    if (cur.acceptWord('DEFINER')) {
      cur.acceptPunct('=');
      if (cur.acceptWord('CURRENT_USER')) {
        if (cur.isPunct('(')) cur.group();
      } else {
        cur.next();
        if (cur.peek()?.type === 'variable') cur.next();
        else if (cur.isPunct('@')) {
          cur.next();
          cur.next();
        }
      }
    } else if (cur.isWord('ALGORITHM') && cur.isPunct('=', 1)) {
      cur.pos += 3;
    } else if (cur.acceptWords('SQL', 'SECURITY')) cur.next();
    else return;
  }
}

function trigger(cur: Cursor): { operation: Operation; extraTables: TableRef[] } {
  cur.acceptWords('IF', 'NOT', 'EXISTS');
  const name = cur.tableRef().name;
  const timing = cur.expectWord('BEFORE', 'AFTER').upper as 'BEFORE' | 'AFTER';
  const event = cur.expectWord('INSERT', 'UPDATE', 'DELETE').upper as 'INSERT' | 'UPDATE' | 'DELETE';
  cur.expectWord('ON');
  const table = cur.tableRef();
  return { operation: { kind: 'create-trigger', name, table, timing, event }, extraTables: [] };
}

function setStatement(cur: Cursor): SetVariableOperation | NotModelled {
  const assignments: SetVariableOperation['assignments'][number][] = [];
  const restText = (): string => {
    const from = cur.pos;
    cur.pos = cur.tokens.length;
    return cur.text(from);
  };
  if (cur.acceptWord('NAMES')) return { kind: 'set-variable', assignments: [{ scope: 'names', name: 'names', value: restText() }] };
  if (cur.acceptWords('CHARACTER', 'SET') || cur.acceptWord('CHARSET')) {
    return { kind: 'set-variable', assignments: [{ scope: 'names', name: 'character_set', value: restText() }] };
  }
  if (cur.isWord('PASSWORD', 'ROLE', 'STATEMENT', 'RESOURCE') || cur.isWordAt(0, 'DEFAULT') && cur.isWordAt(1, 'ROLE')) {
    return new NotModelled(`SET ${cur.peek()!.upper}`);
  }
  do {
    let scope: SetVariableOperation['assignments'][number]['scope'] = 'session';
    const mod = cur.acceptWord('GLOBAL', 'SESSION', 'LOCAL', 'PERSIST', 'PERSIST_ONLY');
    if (mod) scope = mod.upper === 'GLOBAL' ? 'global' : mod.upper.startsWith('PERSIST') ? 'persist' : 'session';
    if (cur.acceptWord('TRANSACTION')) {
      do {
        if (cur.acceptWords('ISOLATION', 'LEVEL')) {
          const from = cur.pos;
          cur.next();
          cur.acceptWord('READ', 'COMMITTED', 'UNCOMMITTED');
          cur.acceptWord('COMMITTED', 'UNCOMMITTED');
          assignments.push({ scope: 'transaction', name: 'transaction_isolation', value: cur.text(from).toUpperCase() });
        } else {
          cur.expectWord('READ');
          const w = cur.expectWord('WRITE', 'ONLY');
          assignments.push({ scope: 'transaction', name: 'transaction_read_only', value: w.upper === 'ONLY' ? '1' : '0' });
        }
      } while (cur.acceptPunct(','));
      continue;
    }
    const t = cur.next();
    let name: string;
    if (t.type === 'variable') {
      if (t.text.startsWith('@@')) {
        name = t.text.slice(2).toLowerCase();
        const dot = name.indexOf('.');
        if (dot > 0) {
          const prefix = name.slice(0, dot);
          scope = prefix === 'global' ? 'global' : prefix.startsWith('persist') ? 'persist' : 'session';
          name = name.slice(dot + 1);
        }
      } else {
        scope = 'user';
        name = t.text.slice(1).replace(/^[`'"]|[`'"]$/g, '').toLowerCase();
      }
    } else if (t.type === 'word' || t.type === 'quoted') {
      name = t.value.toLowerCase();
      // SESSION.x written as a qualified name.
      if (cur.isPunct('.') && cur.isIdentifier(1)) {
        cur.next();
        name = cur.identifier().toLowerCase();
      }
    } else throw cur.error('expected a variable name', t);
    if (!cur.acceptPunct('=') && !cur.acceptPunct(':=')) throw cur.error(`expected '=' after ${name}`);
    const span = cur.skipToComma();
    if (span.to === span.from) throw cur.error(`expected a value for ${name}`);
    assignments.push({ scope, name, value: cur.text(span.from, span.to) });
  } while (cur.acceptPunct(','));
  if (!cur.atEnd()) throw cur.error('unexpected text in SET');
  return { kind: 'set-variable', assignments };
}

function lockTables(cur: Cursor): Operation {
  cur.expectWord('TABLE', 'TABLES');
  const tables: TableRef[] = [];
  do {
    tables.push(cur.tableRef());
    cur.skipToComma();
  } while (cur.acceptPunct(','));
  return { kind: 'lock-tables', tables };
}

/**
 * Parses statements this module models. Returns null for DML (DELETE/UPDATE/INSERT/REPLACE),
 * a NotModelled for recognised-but-unmodelled statements, and throws SqlSyntaxError for text
 * that is not SQL.
 */
export function parseFallback(cur: Cursor): FallbackResult | NotModelled | null {
  const first = cur.peek();
  if (!first) return new NotModelled('');
  if (first.type !== 'word') {
    if (first.type === 'punct' && first.text === '(') return new NotModelled('SELECT');
    throw cur.error('expected a statement keyword');
  }
  const verb = first.upper;
  cur.next();
  // A labelled compound statement (MariaDB `label: BEGIN NOT ATOMIC … END`, `label: LOOP …`).
  if (cur.isPunct(':') && cur.isWordAt(1, 'BEGIN', 'LOOP', 'WHILE', 'REPEAT', 'FOR')) return new NotModelled(cur.peek(1)!.upper);
  switch (verb) {
    case 'DELETE':
    case 'UPDATE':
    case 'INSERT':
    case 'REPLACE':
      cur.pos = 0;
      return null;
    case 'ALTER': {
      if (cur.isWord('TABLE', 'ONLINE', 'OFFLINE', 'IGNORE')) return alterTable(cur);
      return ddlObject(cur, 'ALTER');
    }
    case 'CREATE': {
      const orReplace = cur.acceptWords('OR', 'REPLACE');
      const temporary = cur.acceptWord('TEMPORARY') !== null;
      if (cur.acceptWord('TABLE')) return createTable(cur, orReplace, temporary);
      cur.acceptWord('ONLINE', 'OFFLINE');
      const kindWord = cur.acceptWord('UNIQUE', 'FULLTEXT', 'SPATIAL');
      if (cur.acceptWord('INDEX')) {
        const kind: IndexKind = kindWord ? (kindWord.upper.toLowerCase() as IndexKind) : 'index';
        return { operation: createIndex(cur, orReplace, kind), extraTables: [] };
      }
      if (kindWord?.upper === 'SPATIAL' && cur.isWord('REFERENCE')) return new NotModelled('CREATE SPATIAL REFERENCE SYSTEM');
      if (kindWord) throw cur.error('expected INDEX');
      skipCreateModifiers(cur);
      if (cur.acceptWord('TRIGGER')) return trigger(cur);
      return ddlObject(cur, 'CREATE');
    }
    case 'DROP': {
      const temporary = cur.acceptWord('TEMPORARY') !== null;
      if (cur.acceptWord('TABLE', 'TABLES')) {
        const ifExists = cur.acceptWords('IF', 'EXISTS');
        const tables = tableList(cur);
        waitClause(cur);
        cur.acceptWord('RESTRICT', 'CASCADE');
        if (!cur.atEnd()) throw cur.error('unexpected text after DROP TABLE');
        return { operation: { kind: 'drop-table', tables, ifExists, temporary }, extraTables: [] };
      }
      cur.acceptWord('ONLINE', 'OFFLINE');
      if (cur.acceptWord('INDEX')) return { operation: dropIndex(cur), extraTables: [] };
      if (cur.acceptWord('TRIGGER')) {
        cur.acceptWords('IF', 'EXISTS');
        const name = cur.tableRef().name;
        return { operation: { kind: 'drop-trigger', name, table: null, timing: null, event: null }, extraTables: [] };
      }
      return ddlObject(cur, 'DROP');
    }
    case 'RENAME': {
      if (!cur.acceptWord('TABLE', 'TABLES')) return new NotModelled(`RENAME ${cur.peek()?.upper ?? ''}`.trim());
      cur.acceptWords('IF', 'EXISTS');
      const pairs: { from: TableRef; to: TableRef }[] = [];
      do {
        const from = cur.tableRef();
        waitClause(cur);
        cur.expectWord('TO');
        pairs.push({ from, to: cur.tableRef() });
      } while (cur.acceptPunct(','));
      if (!cur.atEnd()) throw cur.error('unexpected text after RENAME TABLE');
      return { operation: { kind: 'rename-table', pairs }, extraTables: [] };
    }
    case 'TRUNCATE': {
      cur.acceptWord('TABLE');
      const table = cur.tableRef();
      waitClause(cur);
      if (!cur.atEnd()) throw cur.error('unexpected text after TRUNCATE TABLE');
      return { operation: { kind: 'truncate-table', table }, extraTables: [] };
    }
    case 'OPTIMIZE':
    case 'ANALYZE': {
      cur.acceptWord('NO_WRITE_TO_BINLOG', 'LOCAL');
      if (!cur.acceptWord('TABLE', 'TABLES')) return new NotModelled(verb);
      const tables = tableList(cur);
      return { operation: { kind: verb === 'OPTIMIZE' ? 'optimize-table' : 'analyze-table', tables }, extraTables: [] };
    }
    case 'SET': {
      const op = setStatement(cur);
      return op instanceof NotModelled ? op : { operation: op, extraTables: [] };
    }
    case 'START':
      if (cur.acceptWord('TRANSACTION')) return { operation: { kind: 'transaction', verb: 'begin' }, extraTables: [] };
      return new NotModelled(`START ${cur.peek()?.upper ?? ''}`.trim());
    case 'BEGIN':
      cur.acceptWord('WORK');
      if (cur.atEnd()) return { operation: { kind: 'transaction', verb: 'begin' }, extraTables: [] };
      return new NotModelled('BEGIN');
    case 'COMMIT':
      return { operation: { kind: 'transaction', verb: 'commit' }, extraTables: [] };
    case 'ROLLBACK':
      cur.acceptWord('WORK');
      if (cur.isWord('TO')) return new NotModelled('ROLLBACK TO');
      return { operation: { kind: 'transaction', verb: 'rollback' }, extraTables: [] };
    case 'LOCK':
      if (cur.isWord('TABLE', 'TABLES')) return { operation: lockTables(cur), extraTables: [] };
      return new NotModelled(`LOCK ${cur.peek()?.upper ?? ''}`.trim());
    case 'UNLOCK':
      if (cur.acceptWord('TABLE', 'TABLES')) return { operation: { kind: 'unlock-tables', tables: [] }, extraTables: [] };
      return new NotModelled('UNLOCK');
    default:
      if (OPAQUE_VERBS.has(verb)) {
        const second = cur.peek();
        const twoWords = ['LOAD', 'SHOW', 'FLUSH', 'XA', 'CHECK', 'REPAIR', 'CHECKSUM'].includes(verb) && second?.type === 'word';
        return new NotModelled(twoWords ? `${verb} ${second.upper}` : verb);
      }
      throw new SqlSyntaxError(first.start, `unknown statement '${first.text}': not MySQL/MariaDB SQL`);
  }
}

/** CREATE/ALTER/DROP of an object drydock does not model: opaque, or an error for a non-object. */
function ddlObject(cur: Cursor, verb: string): NotModelled {
  skipCreateModifiers(cur);
  const t = cur.peek();
  if (t && t.type === 'word' && (DDL_OBJECTS.has(t.upper) || t.upper === 'TRIGGER' || t.upper === 'INDEX' || t.upper === 'TABLE')) {
    return new NotModelled(`${verb} ${t.upper}`);
  }
  if (t && t.type === 'word' && t.upper === 'DEFINER') return new NotModelled(verb);
  throw cur.error(`unknown ${verb} statement`);
}
