// M06: UPDATE/DELETE … ORDER BY on columns no index provides in that order. The server must find
// and sort every matching row before it can change the first one, and under REPEATABLE READ it
// locks every row it examined, not only the LIMIT it changes.
import { defineAnalyzer, type Report } from '../src/analysis/analyzer.js';
import { primaryKeyFor } from '../src/analysis/alternatives/batched-dml.js';
import { quoteIdent } from '../src/analysis/alternatives/online-ddl.js';
import { sizeNote } from '../src/analysis/size-severity.js';

type Messages = 'sorted' | 'pointless';

/** Column names of an ORDER BY list, without qualifiers, quotes or ASC/DESC; null when it orders by expressions. */
function orderColumns(orderBy: string): string[] | null {
  const cols: string[] = [];
  for (const part of orderBy.split(',')) {
    const m = /^\s*(?:`?[\w$]+`?\.)?`?([\w$]+)`?\s*(?:ASC|DESC)?\s*$/i.exec(part);
    if (!m) return null;
    cols.push(m[1]!.toLowerCase());
  }
  return cols;
}

export const dmlWithOrderBy = defineAnalyzer<Messages>({
  id: 'dml-with-order-by',
  title: 'UPDATE/DELETE ordered by columns no index provides',
  category: 'dml',
  severity: 'warning',
  appliesTo: ['delete', 'update'],
  messages: {
    sorted:
      'This {verb} on {table} orders by {orderBy}, which no index of {table} provides in that order{size}. Before changing the first row the server finds and sorts every row the WHERE matches, and under REPEATABLE READ it keeps a lock on every row it examined, not only the {limit} it changes.',
    pointless:
      'This {verb} on {table} has ORDER BY {orderBy} but no LIMIT: the order changes nothing about which rows are affected, it only adds a sort of every matching row while their locks are held.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'delete' && op.kind !== 'update') return [];
    if (op.orderBy === null || op.hasJoin) return [];
    const table = (op.kind === 'delete' ? op.targets : op.tables)[0];
    if (!table) return [];
    const verb = op.kind === 'delete' ? 'DELETE' : 'UPDATE';
    const values = { verb, table: table.name, orderBy: op.orderBy, size: sizeNote(context, table), limit: op.limit === null ? 'rows' : `${op.limit} rows` };
    const reports: Report<Messages>[] = [];
    if (op.limit === null) {
      reports.push({ messageId: 'pointless', values, severity: 'info', table: table.name, alternatives: [] });
      return reports;
    }
    const def = context.table(table)?.definition ?? null;
    const cols = orderColumns(op.orderBy);
    if (!def || !cols) return []; // cannot judge without the indexes
    const indexes = def.indexes.filter((i) => i.kind !== 'fulltext' && i.kind !== 'spatial').map((i) => i.columns.map((c) => c.name.toLowerCase()));
    for (const c of def.columns) if (c.primaryKey || c.unique) indexes.push([c.name.toLowerCase()]);
    // An index whose columns, after a prefix pinned by the WHERE, start with the ORDER BY columns gives the order for free.
    const where = new Set((op.where?.columns ?? []).map((c) => c.column.toLowerCase()));
    const provided = indexes.some((cs) => {
      let i = 0;
      while (i < cs.length && where.has(cs[i]!) && cs[i] !== cols[0]) i++;
      return cols.every((c, k) => cs[i + k] === c);
    });
    if (provided) return [];
    const key = primaryKeyFor(context, table);
    const orderAt = /\bORDER\s+BY\b[\s\S]*?(?=\bLIMIT\b)/i.exec(statement.sql);
    reports.push({
      messageId: 'sorted',
      values,
      table: table.name,
      alternatives:
        key && orderAt
          ? [
              Object.freeze({
                kind: 'rewrite' as const,
                title: `Order by the primary key (${key.join(', ')}) instead, which needs no sort`,
                sql: Object.freeze([`${statement.sql.slice(0, orderAt.index)}ORDER BY ${key.map(quoteIdent).join(', ')} ${statement.sql.slice(orderAt.index + orderAt[0].length)};`]),
                notes: Object.freeze(['This changes which rows go first; if the order matters (oldest first by a date column), index that column instead.']),
                replacesStatement: false,
              }),
            ]
          : [],
    });
    return reports;
  },
});
