// DELETE / UPDATE / INSERT / REPLACE / SELECT. A token scan finds the clause spans (so WHERE,
// ORDER BY and assignment values are the original text, never regenerated SQL) and the target
// tables; node-sql-parser, when it accepts the statement, supplies the columns a WHERE clause
// mentions and the tables read by subqueries. When it rejects the
// statement (DELETE LOW_PRIORITY QUICK IGNORE, RETURNING, other MariaDB forms) WHERE columns come
// from a best-effort identifier scan instead: identifiers that are not keywords, not function
// names and not tables or aliases after FROM/JOIN/AS. It can list a word the server would read as
// a keyword (an unusual operator word) as a column, and misses columns written as keywords
// (`EXTRACT(YEAR FROM d)` hides d); plain and backquoted columns are found.
import NSP from 'node-sql-parser';
import { Cursor } from './cursor.js';
import { scanTables } from './fallback-parser.js';
import { openExecutableComments, type ExecutableCommentGate, type Token } from './tokenize.js';
import type {
  DeleteOperation,
  InsertOperation,
  Operation,
  SelectOperation,
  TableRef,
  UpdateOperation,
  WhereClause,
} from './statement.js';

const { Parser } = NSP;
let nspParser: InstanceType<typeof Parser> | null = null;
const nsp = (): InstanceType<typeof Parser> => (nspParser ??= new Parser());
const NSP_OPTIONS = { database: 'MySQL' };

export interface DmlResult {
  readonly operation: Operation;
  readonly tables: readonly TableRef[];
  readonly parsedBy: 'node-sql-parser' | 'fallback';
}

const JOIN_WORDS = ['JOIN', 'INNER', 'CROSS', 'LEFT', 'RIGHT', 'OUTER', 'NATURAL', 'STRAIGHT_JOIN', 'FULL'];
const NOT_ALIAS = new Set([
  ...JOIN_WORDS, 'ON', 'USING', 'WHERE', 'SET', 'ORDER', 'LIMIT', 'GROUP', 'HAVING', 'FROM', 'PARTITION', 'USE',
  'FORCE', 'IGNORE', 'RETURNING', 'VALUES', 'VALUE', 'SELECT', 'UNION', 'WINDOW', 'FOR', 'LOCK', 'INTO', 'AS',
]);

interface RefList {
  readonly tables: { readonly ref: TableRef; readonly alias: string | null }[];
  readonly hasJoin: boolean;
}

/** Index of the first depth-0 occurrence of one of `words` at or after `from`, or the token count. */
function depth0(cur: Cursor, from: number, words: readonly string[]): number {
  let depth = 0;
  for (let i = from; i < cur.tokens.length; i++) {
    const t = cur.tokens[i]!;
    if (t.type === 'punct') depth += t.text === '(' ? 1 : t.text === ')' ? -1 : 0;
    else if (depth === 0 && t.type === 'word' && words.includes(t.upper)) return i;
  }
  return cur.tokens.length;
}

/** Skips to a depth-0 join word, comma or stop word (the end of an ON condition). */
function skipCondition(cur: Cursor, stop: readonly string[]): void {
  let depth = 0;
  while (!cur.atEnd()) {
    const t = cur.peek()!;
    if (t.type === 'punct') {
      if (t.text === '(') depth++;
      else if (t.text === ')') depth--;
      else if (t.text === ',' && depth === 0) return;
    } else if (depth === 0 && t.type === 'word' && (JOIN_WORDS.includes(t.upper) || stop.includes(t.upper))) return;
    cur.pos++;
  }
}

/** Table references (FROM lists, UPDATE targets, DELETE USING) up to a stop word. */
function tableReferences(cur: Cursor, stop: readonly string[]): RefList {
  const tables: { ref: TableRef; alias: string | null }[] = [];
  let hasJoin = false;
  for (;;) {
    if (cur.isPunct('(')) {
      const g = cur.group();
      const inner = new Cursor(cur.sql, cur.tokens.filter((t) => t.start > g.start && t.end < g.end), cur.gate);
      if (inner.isWord('SELECT', 'WITH')) for (const ref of scanTables(inner)) tables.push({ ref, alias: null });
      else {
        const nested = tableReferences(inner, []);
        tables.push(...nested.tables);
        hasJoin ||= nested.hasJoin || nested.tables.length > 1;
      }
    } else {
      const ref = cur.tableRef();
      if (cur.isPunct('.') && cur.isPunct('*', 1)) cur.pos += 2;
      let alias: string | null = null;
      if (cur.isWord('PARTITION')) {
        cur.next();
        cur.group();
      }
      if (cur.acceptWord('AS')) alias = cur.identifier('an alias');
      else if (cur.isIdentifier() && !(cur.peek()!.type === 'word' && (NOT_ALIAS.has(cur.peek()!.upper) || stop.includes(cur.peek()!.upper)))) {
        alias = cur.identifier();
      }
      tables.push({ ref, alias });
    }
    // Index hints.
    while (cur.isWord('USE', 'FORCE', 'IGNORE') && cur.isWordAt(1, 'INDEX', 'KEY')) {
      cur.pos += 2;
      if (cur.acceptWord('FOR')) {
        cur.next();
        cur.acceptWord('BY');
      }
      cur.group();
    }
    for (;;) {
      if (cur.acceptWord('ON')) skipCondition(cur, stop);
      else if (cur.isWord('USING') && cur.isPunct('(', 1)) {
        cur.next();
        cur.group();
      } else break;
    }
    if (cur.acceptPunct(',')) {
      hasJoin = true;
      continue;
    }
    if (cur.isWord(...JOIN_WORDS)) {
      while (cur.acceptWord(...JOIN_WORDS)) {
        /* NATURAL LEFT OUTER JOIN … */
      }
      hasJoin = true;
      continue;
    }
    return { tables, hasJoin };
  }
}

/**
 * The WHERE clause. Its columns are those of the statement's own tables: every column outside
 * subqueries, and inside a subquery only those qualified with an outer table or alias (correlated
 * references). A subquery's own columns belong to other tables; counting them would let an
 * analyzer take `posts.id` in `WHERE post_id IN (SELECT id FROM posts …)` for an indexed column
 * of the target.
 */
function whereClause(cur: Cursor, whereAt: number, endWords: readonly string[], nspWhere: unknown, outer: RefList['tables']): WhereClause | null {
  if (whereAt >= cur.tokens.length) return null;
  const end = depth0(cur, whereAt + 1, endWords);
  const sql = cur.text(whereAt + 1, end);
  const outerNames = new Set(outer.flatMap((t) => [t.ref.name.toLowerCase(), ...(t.alias ? [t.alias.toLowerCase()] : [])]));
  const columns = nspWhere !== undefined ? columnRefs(nspWhere, outerNames) : scanColumns(cur, whereAt + 1, end, outerNames);
  return { sql, columns, alwaysTrue: isAlwaysTrue(sql) };
}

function isAlwaysTrue(sql: string): boolean {
  const s = sql.replace(/[\s()]/g, '').toUpperCase();
  if (s === 'TRUE' || s === 'NOTFALSE') return true;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) !== 0;
  const eq = /^('[^']*'|\d+)=('[^']*'|\d+)$/.exec(s);
  return eq !== null && eq[1] === eq[2];
}

type ColumnRef = { table: string | null; column: string };

/** Every column_ref node in a node-sql-parser subtree (subqueries included), deduplicated. */
function columnRefs(node: unknown, outerNames: ReadonlySet<string>): ColumnRef[] {
  const out: ColumnRef[] = [];
  const seen = new Set<string>();
  const walk = (n: unknown, inSubquery: boolean): void => {
    if (Array.isArray(n)) {
      for (const x of n) walk(x, inSubquery);
      return;
    }
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o['type'] === 'column_ref') {
      const c = o['column'];
      const column = typeof c === 'string' ? c : String((c as { expr?: { value?: unknown } } | null)?.expr?.value ?? '');
      const table = typeof o['table'] === 'string' ? o['table'] : null;
      if (inSubquery && (table === null || !outerNames.has(table.toLowerCase()))) return;
      const key = `${table ?? ''}.${column}`.toLowerCase();
      if (column && column !== '*' && !seen.has(key)) {
        seen.add(key);
        out.push({ table, column });
      }
      return;
    }
    const subquery = inSubquery || 'ast' in o || o['type'] === 'select';
    for (const k in o) if (k !== 'loc' && k !== 'tableList' && k !== 'columnList') walk(o[k], subquery);
  };
  walk(node, false);
  return out;
}

const WHERE_KEYWORDS = new Set([
  'AND', 'OR', 'NOT', 'XOR', 'NULL', 'IS', 'IN', 'BETWEEN', 'LIKE', 'EXISTS', 'SELECT', 'FROM', 'WHERE', 'TRUE',
  'FALSE', 'UNKNOWN', 'INTERVAL', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'AS', 'DIV', 'MOD', 'REGEXP', 'RLIKE',
  'ESCAPE', 'SOUNDS', 'BINARY', 'COLLATE', 'ANY', 'ALL', 'SOME', 'DISTINCT', 'JOIN', 'ON', 'GROUP', 'BY', 'HAVING',
  'LIMIT', 'ORDER', 'ASC', 'DESC', 'CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'LOCALTIME', 'LOCALTIMESTAMP',
  'UTC_TIMESTAMP', 'UTC_DATE', 'MEMBER', 'OF', 'UNION', 'INNER', 'LEFT', 'RIGHT', 'OUTER', 'USING', 'ROW',
]);

const TABLE_WORDS = new Set(['FROM', 'JOIN', 'STRAIGHT_JOIN', 'AS']);
/** Interval units: keywords only after INTERVAL n (a column may well be called `year`). */
const UNITS = new Set([
  'MICROSECOND', 'SECOND', 'MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR', 'SECOND_MICROSECOND',
  'MINUTE_SECOND', 'HOUR_MINUTE', 'DAY_HOUR', 'YEAR_MONTH', 'DAY_MINUTE', 'DAY_SECOND', 'HOUR_SECOND',
]);

/** Identifiers in WHERE that look like columns (best effort, for statements node-sql-parser rejects). */
function scanColumns(cur: Cursor, from: number, to: number, outerNames: ReadonlySet<string>): ColumnRef[] {
  const out: ColumnRef[] = [];
  const seen = new Set<string>();
  const toks = cur.tokens;
  // Parenthesis depths at which a subquery (`(SELECT …`) is open.
  const subqueries: number[] = [];
  let depth = 0;
  for (let i = from; i < to; i++) {
    const t = toks[i]!;
    if (t.type === 'punct' && t.text === '(') {
      depth++;
      if (toks[i + 1]?.upper === 'SELECT' || toks[i + 1]?.upper === 'WITH') subqueries.push(depth);
      continue;
    }
    if (t.type === 'punct' && t.text === ')') {
      if (subqueries[subqueries.length - 1] === depth) subqueries.pop();
      depth--;
      continue;
    }
    if (t.type !== 'word' && t.type !== 'quoted') continue;
    if (t.type === 'word' && (WHERE_KEYWORDS.has(t.upper) || t.text.startsWith('_'))) continue;
    const next = toks[i + 1];
    if (next?.type === 'punct' && next.text === '(' && t.type === 'word') continue; // a function call
    const prev = toks[i - 1];
    if (prev?.type === 'punct' && prev.text === '.') continue; // handled with its qualifier
    if (t.type === 'word' && UNITS.has(t.upper) && toks[i - 2]?.upper === 'INTERVAL') continue;
    if (prev?.type === 'word' && TABLE_WORDS.has(prev.upper)) {
      // A table in a subquery (and its alias): not a column.
      while (toks[i + 1]?.text === '.' && toks[i + 2]) i += 2;
      const alias = toks[i + 1]?.upper === 'AS' ? i + 2 : i + 1;
      const a = toks[alias];
      if (a && (a.type === 'quoted' || (a.type === 'word' && !WHERE_KEYWORDS.has(a.upper) && !NOT_ALIAS.has(a.upper)))) i = alias;
      continue;
    }
    let table: string | null = null;
    let column = t.value;
    // a.b / s.a.b: the last part is the column, the one before it the table.
    let j = i;
    while (toks[j + 1]?.text === '.' && (toks[j + 2]?.type === 'word' || toks[j + 2]?.type === 'quoted')) {
      table = column;
      column = toks[j + 2]!.value;
      j += 2;
    }
    i = j;
    if (subqueries.length > 0 && (table === null || !outerNames.has(table.toLowerCase()))) continue;
    const key = `${table ?? ''}.${column}`.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ table, column });
    }
  }
  return out;
}

/** Text of ORDER BY (without the keywords) and the LIMIT row count. */
function orderAndLimit(cur: Cursor, after: number): { orderBy: string | null; limit: number | null } {
  const orderAt = depth0(cur, after, ['ORDER']);
  const limitAt = depth0(cur, after, ['LIMIT']);
  let orderBy: string | null = null;
  if (orderAt < cur.tokens.length && cur.tokens[orderAt + 1]?.upper === 'BY') {
    orderBy = cur.text(orderAt + 2, Math.min(limitAt, depth0(cur, orderAt, ['RETURNING'])));
  }
  let limit: number | null = null;
  if (limitAt < cur.tokens.length) {
    // LIMIT n, or LIMIT offset, n.
    const a = cur.tokens[limitAt + 1];
    const comma = cur.tokens[limitAt + 2];
    const b = cur.tokens[limitAt + 3];
    const count = comma?.text === ',' ? b : a;
    if (count?.type === 'number') limit = Number(count.text);
  }
  return { orderBy, limit };
}

/** Runs node-sql-parser on one statement; null when it rejects it or returns something unexpected. */
function astOf(cur: Cursor, type: string): Record<string, unknown> | null {
  try {
    const ast = nsp().astify(openExecutableComments(cur.sql, cur.gate), NSP_OPTIONS) as unknown;
    const one = Array.isArray(ast) ? (ast.length === 1 ? ast[0] : null) : ast;
    if (one && typeof one === 'object' && (one as { type?: unknown }).type === type) return one as Record<string, unknown>;
    return null;
  } catch {
    return null;
  }
}

/** node-sql-parser (MySQL mode) accepts the statement. */
export function nspAccepts(sql: string, gate?: ExecutableCommentGate): boolean {
  try {
    nsp().astify(openExecutableComments(sql, gate), NSP_OPTIONS);
    return true;
  } catch {
    return false;
  }
}

/** Real tables in a node-sql-parser subtree, aliases excluded. */
function astTables(node: unknown, aliases: ReadonlySet<string>): TableRef[] {
  const out: TableRef[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) {
      for (const x of n) walk(x);
      return;
    }
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o['type'] !== 'column_ref' && typeof o['table'] === 'string' && 'as' in o) {
      const name = o['table'];
      const schema = typeof o['db'] === 'string' ? o['db'] : null;
      if (schema !== null || !aliases.has(name.toLowerCase())) out.push({ schema, name });
    }
    for (const k in o) if (k !== 'loc' && k !== 'tableList' && k !== 'columnList') walk(o[k]);
  };
  walk(node);
  return out;
}

function resolveAliases(list: RefList['tables']): { resolve: (r: TableRef) => TableRef; aliases: Set<string> } {
  const map = new Map<string, TableRef>();
  for (const t of list) if (t.alias) map.set(t.alias.toLowerCase(), t.ref);
  return {
    resolve: (r) => (r.schema === null ? (map.get(r.name.toLowerCase()) ?? r) : r),
    aliases: new Set(map.keys()),
  };
}

function deleteStatement(cur: Cursor): DmlResult | null {
  cur.expectWord('DELETE');
  // MariaDB DELETE HISTORY removes row versions of a system-versioned table: not a row delete.
  if (cur.isWord('HISTORY')) return null;
  let ignore = false;
  for (;;) {
    const w = cur.acceptWord('LOW_PRIORITY', 'QUICK', 'IGNORE');
    if (!w) break;
    if (w.upper === 'IGNORE') ignore = true;
  }
  const stop = ['WHERE', 'ORDER', 'LIMIT', 'RETURNING', 'USING', 'FROM'];
  let targetList: RefList;
  let fromList: RefList;
  if (cur.acceptWord('FROM')) {
    targetList = tableReferences(cur, stop);
    if (cur.acceptWord('USING')) fromList = tableReferences(cur, stop);
    else fromList = targetList;
  } else {
    targetList = tableReferences(cur, stop);
    cur.expectWord('FROM');
    fromList = tableReferences(cur, stop);
  }
  const { resolve, aliases } = resolveAliases(fromList.tables);
  const targets = targetList === fromList && !fromList.hasJoin ? [fromList.tables[0]!.ref] : targetList.tables.map((t) => resolve(t.ref));
  const from = fromList.tables.map((t) => t.ref);
  const whereAt = depth0(cur, cur.pos, ['WHERE']);
  const ast = astOf(cur, 'delete');
  const where = whereClause(cur, whereAt, ['ORDER', 'LIMIT', 'RETURNING'], ast ? ast['where'] : undefined, fromList.tables);
  const { orderBy, limit } = orderAndLimit(cur, whereAt < cur.tokens.length ? whereAt : cur.pos);
  const operation: DeleteOperation = {
    kind: 'delete',
    targets,
    from,
    where,
    orderBy,
    limit,
    hasJoin: fromList.hasJoin || targetList.tables.length > 1,
    ignore,
  };
  const tables = [...targets, ...from, ...(ast ? astTables(ast['where'], aliases) : scanSubqueryTables(cur, whereAt))];
  return { operation, tables, parsedBy: ast ? 'node-sql-parser' : 'fallback' };
}

function scanSubqueryTables(cur: Cursor, from: number): TableRef[] {
  if (from >= cur.tokens.length) return [];
  const save = cur.pos;
  cur.pos = from;
  const out = scanTables(cur);
  cur.pos = save;
  return out;
}

function updateStatement(cur: Cursor): DmlResult {
  cur.expectWord('UPDATE');
  let ignore = false;
  for (;;) {
    const w = cur.acceptWord('LOW_PRIORITY', 'IGNORE');
    if (!w) break;
    if (w.upper === 'IGNORE') ignore = true;
  }
  const refs = tableReferences(cur, ['SET']);
  cur.expectWord('SET');
  const setAt = cur.pos;
  const { aliases } = resolveAliases(refs.tables);
  const assignments: { table: string | null; column: string; value: string }[] = [];
  const endWords = ['WHERE', 'ORDER', 'LIMIT', 'RETURNING'];
  do {
    let table: string | null = null;
    let column = cur.identifier('a column name');
    while (cur.acceptPunct('.')) {
      table = column;
      column = cur.identifier('a column name');
    }
    if (!cur.acceptPunct('=') && !cur.acceptPunct(':=')) throw cur.error(`expected '=' after ${column}`);
    const from = cur.pos;
    let depth = 0;
    while (!cur.atEnd()) {
      const t = cur.peek()!;
      if (t.type === 'punct') {
        if (t.text === '(') depth++;
        else if (t.text === ')') depth--;
        else if (t.text === ',' && depth === 0) break;
      } else if (depth === 0 && t.type === 'word' && endWords.includes(t.upper)) break;
      cur.pos++;
    }
    if (cur.pos === from) throw cur.error(`expected a value for ${column}`);
    assignments.push({ table, column, value: cur.text(from) });
  } while (cur.acceptPunct(','));
  const whereAt = depth0(cur, cur.pos, ['WHERE']);
  const ast = astOf(cur, 'update');
  const where = whereClause(cur, whereAt, ['ORDER', 'LIMIT', 'RETURNING'], ast ? ast['where'] : undefined, refs.tables);
  const { orderBy, limit } = orderAndLimit(cur, cur.pos);
  const tables = refs.tables.map((t) => t.ref);
  const operation: UpdateOperation = {
    kind: 'update',
    tables,
    assignments,
    where,
    orderBy,
    limit,
    hasJoin: refs.hasJoin || tables.length > 1,
    ignore,
  };
  const read = ast ? [...astTables(ast['set'], aliases), ...astTables(ast['where'], aliases)] : scanSubqueryTables(cur, setAt);
  return { operation, tables: [...tables, ...read], parsedBy: ast ? 'node-sql-parser' : 'fallback' };
}

/**
 * A large INSERT … VALUES: `head` holds the tokens up to and including VALUES; the tuples are
 * counted by a character scan (scanValueRows) instead of being tokenized.
 */
export function bigInsert(sql: string, head: readonly Token[], rows: { rowCount: number; onDuplicateKeyUpdate: boolean }, gate?: ExecutableCommentGate): DmlResult {
  const cur = new Cursor(sql, head, gate);
  const { verb, ignore, table, columns } = insertHead(cur);
  cur.expectWord('VALUES', 'VALUE');
  if (!cur.atEnd()) throw cur.error('unexpected text after VALUES');
  const operation: InsertOperation = {
    kind: 'insert',
    table,
    columns,
    source: 'values',
    sourceTables: [],
    rowCount: rows.rowCount,
    replace: verb === 'REPLACE',
    ignore,
    onDuplicateKeyUpdate: rows.onDuplicateKeyUpdate,
  };
  return { operation, tables: [table], parsedBy: 'fallback' };
}

/** `INSERT|REPLACE [modifiers] [INTO] t [PARTITION (…)] [(columns)]`. */
function insertHead(cur: Cursor): { verb: string; ignore: boolean; table: TableRef; columns: string[] } {
  const verb = cur.expectWord('INSERT', 'REPLACE').upper;
  let ignore = false;
  for (;;) {
    const w = cur.acceptWord('LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY', 'IGNORE');
    if (!w) break;
    if (w.upper === 'IGNORE') ignore = true;
  }
  cur.acceptWord('INTO');
  const table = cur.tableRef();
  if (cur.isWord('PARTITION')) {
    cur.next();
    cur.group();
  }
  const columns: string[] = [];
  if (cur.isPunct('(') && !cur.isWordAt(1, 'SELECT', 'WITH', 'VALUES', 'TABLE')) {
    cur.next();
    if (!cur.isPunct(')')) {
      do {
        let c = cur.identifier('a column name');
        while (cur.acceptPunct('.')) c = cur.identifier('a column name');
        columns.push(c);
      } while (cur.acceptPunct(','));
    }
    cur.expectPunct(')');
  }
  return { verb, ignore, table, columns };
}

function insertStatement(cur: Cursor): DmlResult {
  const { verb, ignore, table, columns } = insertHead(cur);
  let source: InsertOperation['source'];
  let rowCount: number | null = null;
  let sourceTables: TableRef[] = [];
  let parsedBy: DmlResult['parsedBy'] = 'fallback';
  if (cur.acceptWord('VALUES', 'VALUE')) {
    source = 'values';
    rowCount = 0;
    do {
      cur.acceptWord('ROW');
      cur.group();
      rowCount++;
    } while (cur.acceptPunct(','));
  } else if (cur.acceptWord('SET')) {
    source = 'set';
    rowCount = 1;
  } else if (cur.isWord('SELECT', 'WITH', 'TABLE') || cur.isPunct('(')) {
    source = 'select';
    const ast = astOf(cur, verb.toLowerCase());
    if (ast) {
      sourceTables = astTables(ast['values'], new Set());
      parsedBy = 'node-sql-parser';
    } else sourceTables = scanTables(cur);
  } else throw cur.error('expected VALUES, SET or SELECT');
  const onDuplicateKeyUpdate = depth0(cur, cur.pos, ['DUPLICATE']) < cur.tokens.length;
  const operation: InsertOperation = {
    kind: 'insert',
    table,
    columns,
    source,
    sourceTables,
    rowCount,
    replace: verb === 'REPLACE',
    ignore,
    onDuplicateKeyUpdate,
  };
  return { operation, tables: [table, ...sourceTables], parsedBy };
}

function selectStatement(cur: Cursor): DmlResult {
  const ast = astOf(cur, 'select');
  const tables = ast ? astTables(ast, new Set(cteNames(ast))) : scanTables(cur);
  const operation: SelectOperation = { kind: 'select', tables };
  return { operation, tables, parsedBy: ast ? 'node-sql-parser' : 'fallback' };
}

function cteNames(ast: Record<string, unknown>): string[] {
  const w = ast['with'];
  if (!Array.isArray(w)) return [];
  return w.map((c: { name?: { value?: unknown } | string }) => String(typeof c.name === 'string' ? c.name : (c.name?.value ?? '')).toLowerCase());
}

/**
 * Parses a DML statement whose first word is DELETE, UPDATE, INSERT, REPLACE, SELECT or WITH.
 * Returns null for forms that are not modelled (MariaDB DELETE HISTORY).
 */
export function parseDml(cur: Cursor): DmlResult | null {
  const w = cur.peek()?.upper;
  if (w === 'WITH') {
    // WITH … DELETE / UPDATE (MySQL 8): the statement is what follows the common table expressions.
    const main = depth0(cur, 1, ['DELETE', 'UPDATE', 'INSERT', 'REPLACE', 'SELECT']);
    const mainWord = cur.tokens[main]?.upper;
    if (mainWord === 'DELETE' || mainWord === 'UPDATE') {
      const cteTables = scanTables(cur);
      cur.pos = main;
      const r = mainWord === 'DELETE' ? deleteStatement(cur) : updateStatement(cur);
      if (r) return { ...r, tables: [...r.tables, ...cteTables] };
      return null;
    }
  }
  if (w === 'DELETE') return deleteStatement(cur);
  if (w === 'UPDATE') return updateStatement(cur);
  if (w === 'INSERT' || w === 'REPLACE') return insertStatement(cur);
  return selectStatement(cur);
}
