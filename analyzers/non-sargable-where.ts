// M07: WHERE conditions no index can use: a function or arithmetic around the column, a LIKE that
// starts with a wildcard. And `= NULL`, which is never true: the statement silently changes nothing.
// For DELETE/UPDATE a scan also means locking every row scanned (REPEATABLE READ).
import { defineAnalyzer, type Alternative, type Report } from '../src/analysis/analyzer.js';

type Messages = 'nonSargable' | 'equalsNull';

const NOT_FUNCTIONS = new Set(['in', 'and', 'or', 'not', 'exists', 'values', 'select', 'where', 'interval', 'like', 'is', 'between', 'case', 'when', 'then', 'else', 'any', 'all', 'some', 'row']);

/** The text with string literals blanked (so patterns inside strings do not match). */
const blankStrings = (sql: string): string => sql.replace(/'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"/g, (s) => `'${' '.repeat(Math.max(0, s.length - 2))}'`);
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Rewrites `YEAR(c) = 2020` and `DATE(c) = '2020-01-02'` into index-friendly ranges. */
function rangeRewrite(where: string): string | null {
  let changed = false;
  const out = where
    .replace(/\bYEAR\s*\(\s*(`?[\w$.]+`?)\s*\)\s*=\s*(\d{4})\b/gi, (_m, col: string, y: string) => {
      changed = true;
      return `${col} >= '${y}-01-01' AND ${col} < '${Number(y) + 1}-01-01'`;
    })
    .replace(/\bDATE\s*\(\s*(`?[\w$.]+`?)\s*\)\s*=\s*'(\d{4}-\d{2}-\d{2})'/gi, (_m, col: string, d: string) => {
      changed = true;
      return `${col} >= '${d}' AND ${col} < '${d}' + INTERVAL 1 DAY`;
    });
  return changed ? out : null;
}

export const nonSargableWhere = defineAnalyzer<Messages>({
  id: 'non-sargable-where',
  title: 'WHERE condition no index can use, or = NULL',
  category: 'dml',
  severity: 'warning',
  appliesTo: ['delete', 'update'],
  messages: {
    nonSargable:
      'The WHERE of this {verb} on {table} has {patterns}: no index can be used for {that}, so the server examines every row the rest of the WHERE leaves, and under REPEATABLE READ a {verb} locks every row it examines.',
    equalsNull:
      'The WHERE of this {verb} on {table} compares with NULL using {op} ({text}). That comparison is never true, so the {verb} changes no rows at all; use IS NULL / IS NOT NULL.',
  },
  check(statement) {
    const op = statement.operation;
    if (op.kind !== 'delete' && op.kind !== 'update') return [];
    if (op.where === null || op.where.alwaysTrue) return [];
    const table = (op.kind === 'delete' ? op.targets : op.tables)[0];
    if (!table) return [];
    const verb = op.kind === 'delete' ? 'DELETE' : 'UPDATE';
    const where = op.where.sql;
    const bare = blankStrings(where);
    const reports: Report<Messages>[] = [];

    const eqNull = /(?<![<>!])(=|<>|!=)\s*NULL\b/i.exec(bare);
    if (eqNull) {
      const fixed = where.replace(/\s*(?<![<>!])=\s*NULL\b/gi, ' IS NULL').replace(/\s*(?:<>|!=)\s*NULL\b/gi, ' IS NOT NULL');
      reports.push({
        messageId: 'equalsNull',
        values: { verb, table: table.name, op: eqNull[1]!, text: where.slice(Math.max(0, eqNull.index - 20), eqNull.index + eqNull[0].length).trim() },
        table: table.name,
        alternatives: [Object.freeze({ kind: 'rewrite' as const, title: 'Test for NULL with IS [NOT] NULL', sql: Object.freeze([`${statement.sql.replace(where, fixed)};`]), notes: Object.freeze([]), replacesStatement: true })],
      });
    }

    const patterns: string[] = [];
    for (const { column } of op.where.columns) {
      const col = `(?:\`?[\\w$]+\`?\\.)?\`?${escapeRe(column)}\`?`;
      const fn = new RegExp(`\\b([A-Za-z_]\\w*)\\s*\\(\\s*${col}(?![\\w$])`, 'gi');
      for (const m of bare.matchAll(fn)) {
        if (!NOT_FUNCTIONS.has(m[1]!.toLowerCase())) patterns.push(`${m[1]!.toUpperCase()}() around ${column}`);
      }
      if (new RegExp(`(?<![\\w$])${col}\\s*[-+*/%]\\s*[\\w'(]`, 'i').test(bare)) patterns.push(`arithmetic on ${column}`);
      if (new RegExp(`(?<![\\w$])${col}\\s+(?:NOT\\s+)?LIKE\\s+'%`, 'i').test(where)) patterns.push(`a LIKE on ${column} that starts with %`);
    }
    const unique = [...new Set(patterns)];
    if (unique.length > 0) {
      const rewrite = rangeRewrite(where);
      const alternatives: Alternative[] = rewrite
        ? [Object.freeze({ kind: 'rewrite' as const, title: 'Compare the bare column with a range', sql: Object.freeze([`${statement.sql.replace(where, rewrite)};`]), notes: Object.freeze([]), replacesStatement: true })]
        : [];
      reports.push({
        messageId: 'nonSargable',
        values: { verb, table: table.name, patterns: unique.join(', '), that: unique.length === 1 ? 'it' : 'them' },
        table: table.name,
        alternatives,
      });
    }
    return reports;
  },
});
