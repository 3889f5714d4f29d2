// Turns split statements into typed operations. DDL and session statements go through the
// hand-written parser (fallback-parser.ts); DML through a token scan plus node-sql-parser
// (dml.ts). Anything recognisably SQL but not modelled becomes an `opaque` operation, never
// dropped; only text that is not SQL at all raises a ParseError pointing into the file.
import { ParseError } from '../errors.js';
import { Cursor } from './cursor.js';
import { bigInsert, nspAccepts, parseDml, type DmlResult } from './dml.js';
import { NotModelled, parseFallback, scanTables } from './fallback-parser.js';
import { splitStatements } from './split.js';
import { tableKey, type Operation, type ParsedStatement, type SplitStatement, type TableRef } from './statement.js';
import { SqlSyntaxError, checkParentheses, executableCommentGate, scanValueRows, tokenize, type ExecutableCommentGate, type Token } from './tokenize.js';
import type { ServerVersion } from '../db/capabilities/types.js';

const SELECT_VERBS = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE']);

/** Tables an operation names, in order of appearance. */
function operationTables(op: Operation): TableRef[] {
  switch (op.kind) {
    case 'alter-table':
    case 'truncate-table':
    case 'create-index':
    case 'drop-index':
      return [op.table];
    case 'create-table':
      return [op.table];
    case 'drop-table':
    case 'optimize-table':
    case 'analyze-table':
    case 'lock-tables':
    case 'select':
    case 'opaque':
      return [...op.tables];
    case 'rename-table':
      return op.pairs.flatMap((p) => [p.from, p.to]);
    case 'create-trigger':
      return op.table ? [op.table] : [];
    case 'delete':
      return [...op.targets, ...op.from];
    case 'update':
      return [...op.tables];
    case 'insert':
      return [op.table, ...op.sourceTables];
    default:
      return [];
  }
}

function dedupe(tables: readonly TableRef[]): TableRef[] {
  const seen = new Set<string>();
  const out: TableRef[] = [];
  for (const t of tables) {
    const k = tableKey(t);
    if (!seen.has(k)) {
      seen.add(k);
      out.push({ schema: t.schema, name: t.name });
    }
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Converts an offset inside the statement into an absolute file position and a ParseError. */
function toParseError(statement: SplitStatement, offset: number, reason: string, cause: unknown): ParseError {
  const { sql, location } = statement;
  const at = Math.max(0, Math.min(offset, sql.length));
  const before = sql.slice(0, at);
  const lastNl = before.lastIndexOf('\n');
  const newlines = before.split('\n').length - 1;
  const codePoints = (s: string): number => {
    let n = 0;
    for (const _ of s) n++;
    return n;
  };
  const line = location.line + newlines;
  const column = lastNl < 0 ? location.column + codePoints(before) : codePoints(before.slice(lastNl + 1)) + 1;
  const lineEnd = sql.indexOf('\n', at);
  const snippet = sql.slice(lastNl + 1, lineEnd < 0 ? sql.length : lineEnd).trim().slice(0, 120);
  return new ParseError({ file: location.file, line, column, snippet, reason: `${reason}; fix the statement and run drydock again` }, { cause });
}

function opaque(verb: string, tables: readonly TableRef[], reason: string): Operation {
  return { kind: 'opaque', verb, tables, reason };
}

interface Outcome {
  readonly operation: Operation;
  readonly parsedBy: ParsedStatement['parsedBy'];
  readonly tables: readonly TableRef[];
}

export interface ParseOptions {
  /**
   * The server the migration is for: only the executable comments it runs (`/*!N … *\/`,
   * `/*M!N … *\/`) are read. Without it every executable comment is read.
   */
  readonly server?: Pick<ServerVersion, 'flavor' | 'major' | 'minor' | 'patch'>;
}

/** MariaDB `SET STATEMENT var = value [, …] FOR <statement>`: index of the inner statement. */
function setStatementBody(tokens: readonly Token[]): number | null {
  if (tokens[0]?.upper !== 'SET' || tokens[1]?.upper !== 'STATEMENT') return null;
  let depth = 0;
  for (let i = 2; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'punct') depth += t.text === '(' ? 1 : t.text === ')' ? -1 : 0;
    else if (depth === 0 && t.type === 'word' && t.upper === 'FOR' && i + 1 < tokens.length) return i + 1;
  }
  return null;
}

function parseTokens(sql: string, tokens: readonly Token[], gate: ExecutableCommentGate | undefined): Outcome {
  // The per-statement variables do not change what the inner statement is; it is typed on its own.
  const inner = setStatementBody(tokens);
  if (inner !== null) return parseTokens(sql, tokens.slice(inner), gate);
  const cur = new Cursor(sql, tokens, gate);
  const result = parseFallback(cur);
  if (result === null || (result instanceof NotModelled && SELECT_VERBS.has(result.verb))) {
    let dml: DmlResult | null;
    try {
      dml = parseDml(new Cursor(sql, tokens, gate));
    } catch (err) {
      if (!(err instanceof SqlSyntaxError)) throw err;
      // The scan gave up; a statement node-sql-parser cannot read either is not SQL.
      if (!nspAccepts(sql, gate)) throw err;
      const verb = tokens[0]!.upper;
      return { operation: opaque(verb, scanTables(new Cursor(sql, tokens)), `not modelled: ${err.message}`), parsedBy: 'fallback', tables: [] };
    }
    if (dml === null) {
      const tables = scanTables(new Cursor(sql, tokens));
      const verb = tokens.slice(0, 2).map((t) => t.upper).join(' ');
      return { operation: opaque(verb, tables, 'not modelled'), parsedBy: 'fallback', tables };
    }
    return { operation: dml.operation, parsedBy: dml.parsedBy, tables: dml.tables };
  }
  if (result instanceof NotModelled) {
    const tables = scanTables(new Cursor(sql, tokens));
    return { operation: opaque(result.verb, tables, 'not modelled'), parsedBy: 'fallback', tables };
  }
  return { operation: result.operation, parsedBy: 'fallback', tables: [...operationTables(result.operation), ...result.extraTables] };
}

/** Statements above this size that are INSERT … VALUES skip tokenizing their tuples. */
const BIG_INSERT_CHARS = 100_000;

/** For a large INSERT/REPLACE … VALUES: its tokens up to and including VALUES; otherwise null. */
function bigInsertHead(sql: string, gate: ExecutableCommentGate | undefined): Token[] | null {
  if (sql.length < BIG_INSERT_CHARS || !/^\s*(?:INSERT|REPLACE)\b/i.test(sql)) return null;
  const head = tokenize(sql, gate, 2000);
  let depth = 0;
  for (const [i, t] of head.entries()) {
    if (t.type === 'punct') depth += t.text === '(' ? 1 : t.text === ')' ? -1 : 0;
    else if (depth === 0 && t.type === 'word' && (t.upper === 'VALUES' || t.upper === 'VALUE')) return head.slice(0, i + 1);
    else if (depth === 0 && t.type === 'word' && (t.upper === 'SELECT' || t.upper === 'SET' || t.upper === 'TABLE' || t.upper === 'WITH')) return null;
  }
  return null;
}

/**
 * Parses one split statement into its typed operation. Never throws for SQL it does not model:
 * that becomes an `opaque` operation. Throws ParseError only for text that is not SQL (unbalanced
 * parentheses, unterminated strings, unknown statement words, malformed DDL), located in the file.
 */
export function parseStatement(statement: SplitStatement, options: ParseOptions = {}): ParsedStatement {
  let outcome: Outcome;
  const gate = options.server ? executableCommentGate(options.server) : undefined;
  try {
    const big = bigInsertHead(statement.sql, gate);
    if (big) {
      const rows = scanValueRows(statement.sql, big[big.length - 1]!.end, gate);
      checkParentheses(big);
      const dml = bigInsert(statement.sql, big, rows, gate);
      const tables = dedupe([...operationTables(dml.operation), ...dml.tables]);
      return deepFreeze({ ...statement, operation: dml.operation, parsedBy: dml.parsedBy, tables });
    }
    const tokens = tokenize(statement.sql, gate);
    checkParentheses(tokens);
    outcome =
      tokens.length === 0
        ? { operation: opaque('', [], 'no SQL the server would run (only comments)'), parsedBy: 'fallback', tables: [] }
        : parseTokens(statement.sql, tokens, gate);
  } catch (err) {
    if (err instanceof SqlSyntaxError) throw toParseError(statement, err.offset, err.message, err);
    throw err;
  }
  const tables = dedupe([...operationTables(outcome.operation), ...outcome.tables]);
  return deepFreeze({ ...statement, operation: outcome.operation, parsedBy: outcome.parsedBy, tables });
}

/** Splits a migration file and parses each statement. */
export function parseSql(text: string, file: string, options: ParseOptions = {}): readonly ParsedStatement[] {
  return Object.freeze(splitStatements(text, { file }).map((s) => parseStatement(s, options)));
}
