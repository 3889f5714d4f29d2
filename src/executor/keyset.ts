// SQL for keyset-batched DML: chunks walk the primary key in order. Composite keys are
// expanded into OR/AND form (a > ? OR (a = ? AND b > ?)), which both servers turn into ranges.
import type { BatchedDml } from '../analysis/analyzer.js';
import { quoteId, quoteTable } from '../db/connection.js';

export interface SqlWithParams {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** `key > last` (strict) or `key <= last` for a composite key, with params. */
export function keyCompare(columns: readonly string[], key: readonly unknown[], op: '>' | '<='): SqlWithParams {
  const parts: string[] = [];
  const params: unknown[] = [];
  const strict = op === '>' ? '>' : '<';
  columns.forEach((col, i) => {
    const eqs = columns.slice(0, i).map((c) => `${quoteId(c)} = ?`);
    const last = i === columns.length - 1;
    const cmp = `${quoteId(col)} ${last && op === '<=' ? '<=' : strict} ?`;
    parts.push(eqs.length > 0 ? `(${[...eqs, cmp].join(' AND ')})` : cmp);
    params.push(...key.slice(0, i), key[i]);
  });
  return { sql: parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`, params };
}

const whereOf = (b: BatchedDml): string => (b.where === null || b.where.trim() === '' ? '1=1' : `(${b.where})`);

function pkList(b: BatchedDml): string {
  return b.primaryKey.map((c) => quoteId(c)).join(', ');
}

/**
 * The keys of the next `rows` matching rows after `after` (null: from the start); the last one
 * ends the chunk. Fewer than asked means this is the final chunk — one scan finds that out.
 */
export function chunkKeysQuery(b: BatchedDml, after: readonly unknown[] | null, rows: number): SqlWithParams {
  const cond = after ? keyCompare(b.primaryKey, after, '>') : null;
  return {
    sql:
      `SELECT ${pkList(b)} FROM ${quoteTable(b.table)} FORCE INDEX (PRIMARY) WHERE ${whereOf(b)}` +
      (cond ? ` AND ${cond.sql}` : '') +
      ` ORDER BY ${pkList(b)} LIMIT ${Math.max(1, Math.floor(rows))}`,
    params: cond ? cond.params : [],
  };
}

/** Rows still to do after `after` (progress total). */
export function remainingCountQuery(b: BatchedDml, after: readonly unknown[] | null): SqlWithParams {
  const cond = after ? keyCompare(b.primaryKey, after, '>') : null;
  return {
    sql: `SELECT COUNT(*) AS n FROM ${quoteTable(b.table)} WHERE ${whereOf(b)}` + (cond ? ` AND ${cond.sql}` : ''),
    params: cond ? cond.params : [],
  };
}

/** The chunk itself: DELETE/UPDATE of the matching rows in (after, end]. */
export function chunkDml(b: BatchedDml, after: readonly unknown[] | null, end: readonly unknown[]): SqlWithParams {
  const lower = after ? keyCompare(b.primaryKey, after, '>') : null;
  const upper = keyCompare(b.primaryKey, end, '<=');
  const range = lower ? `${lower.sql} AND ${upper.sql}` : upper.sql;
  const params = [...(lower?.params ?? []), ...upper.params];
  if (b.verb === 'delete') {
    return { sql: `DELETE FROM ${quoteTable(b.table)} WHERE ${range} AND ${whereOf(b)}`, params };
  }
  if (!b.set) throw new Error(`batched UPDATE of ${b.table.name} has no SET list`);
  return { sql: `UPDATE ${quoteTable(b.table)} SET ${b.set} WHERE ${range} AND ${whereOf(b)}`, params };
}

/** A key as it came back from the server → plain JSON-safe values for the checkpoint. */
export function keyFromRow(b: BatchedDml, row: Readonly<Record<string, unknown>>): readonly unknown[] {
  return Object.freeze(b.primaryKey.map((c) => row[c] ?? null));
}
