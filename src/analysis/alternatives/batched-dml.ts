// Keyset-batched rewrites of DELETE/UPDATE: walk the primary key in chunks of a bounded number of
// rows, each chunk its own short transaction, resumable from the last key seen. The `batched`
// description is what the shadow measures and the executor runs; the SQL is one readable,
// runnable chunk loop for a human at a mysql prompt.
import type { DeleteOperation, TableRef, UpdateOperation } from '../../parser/statement.js';
import type { Alternative, AnalysisContext, BatchedDml } from '../analyzer.js';
import { primaryKeyOf } from './expand-contract.js';
import { quoteIdent, quoteTable } from './online-ddl.js';

/** Rows per chunk to start with; the executor adapts it to a time target. */
export const BATCH_CHUNK_ROWS = 1_000;

/** The primary key of a table as far as the analysis knows it, or null (no definition, or no PRIMARY KEY). */
export function primaryKeyFor(context: AnalysisContext, table: TableRef): readonly string[] | null {
  return primaryKeyOf(context.table(table)?.definition ?? null);
}

/** Why a statement cannot be rewritten as a keyset-batched loop, or null when it can. */
export type BatchBlocker = 'join' | 'multi-table' | 'alias' | 'no-definition' | 'no-primary-key' | 'changes-key' | 'limit';

export const BATCH_BLOCKER_TEXT: Readonly<Record<BatchBlocker, string>> = Object.freeze({
  join: 'it joins other tables, and a chunked rewrite of a multi-table statement is not generated automatically',
  'multi-table': 'it writes several tables at once',
  alias: 'it refers to the table through an alias, so its WHERE/SET text cannot be reused on the bare table',
  'no-definition': 'drydock does not know the table\'s definition (no target schema), so it does not know the primary key to walk',
  'no-primary-key': 'the table has no PRIMARY KEY to walk in order',
  'changes-key': 'it changes the primary key itself, which moves rows inside the key range being walked',
  limit: 'it already carries its own LIMIT',
});

export type BatchPlan = { readonly batched: BatchedDml } | { readonly blocker: BatchBlocker };

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Decides whether a DELETE/UPDATE can be batched, and describes the batched rewrite when it can. */
export function planBatched(context: AnalysisContext, op: DeleteOperation | UpdateOperation, chunkRows = BATCH_CHUNK_ROWS): BatchPlan {
  const tables = op.kind === 'delete' ? op.targets : op.tables;
  if (op.hasJoin) return { blocker: 'join' };
  if (tables.length !== 1) return { blocker: 'multi-table' };
  if (op.limit !== null) return { blocker: 'limit' };
  const table = tables[0]!;
  const foreign = (q: string | null): boolean => q !== null && !same(q, table.name);
  if (op.where?.columns.some((c) => foreign(c.table)) || (op.kind === 'update' && op.assignments.some((a) => foreign(a.table)))) {
    return { blocker: 'alias' };
  }
  if (!context.table(table)?.definition) return { blocker: 'no-definition' };
  const primaryKey = primaryKeyFor(context, table);
  if (!primaryKey) return { blocker: 'no-primary-key' };
  if (op.kind === 'update' && op.assignments.some((a) => primaryKey.some((k) => same(k, a.column)))) return { blocker: 'changes-key' };
  const where = op.where && !op.where.alwaysTrue ? op.where.sql : null;
  const set = op.kind === 'update' ? op.assignments.map((a) => `${quoteIdent(a.column)} = ${a.value}`).join(', ') : null;
  return {
    batched: Object.freeze({ verb: op.kind, table, primaryKey: Object.freeze([...primaryKey]), where, set, chunkRows }),
  };
}

/** `@last_id`-style user-variable names for key columns (identifier characters only). */
const variable = (prefix: string, column: string): string => `@${prefix}_${column.replace(/[^A-Za-z0-9_]/g, '_')}`;

/** `(a > @x_a OR (a = @x_a AND b > @x_b))`: lexicographic comparison written so the range optimizer can use the key. */
function keyCompare(key: readonly string[], op: '>' | '<=', prefix: string): string {
  const strict = op === '>' ? '>' : '<';
  const parts = key.map((column, i) => {
    const eqs = key.slice(0, i).map((c) => `${quoteIdent(c)} = ${variable(prefix, c)}`);
    const last = i === key.length - 1 && op === '<=' ? '<=' : strict;
    return [...eqs, `${quoteIdent(column)} ${last} ${variable(prefix, column)}`].join(' AND ');
  });
  return parts.length === 1 ? parts[0]! : `(${parts.map((p) => `(${p})`).join(' OR ')})`;
}

/**
 * The chunk loop as SQL statements: find the key that ends the next chunk, write the rows up to it,
 * remember it. The first chunk has no lower bound; every later one starts after the last key seen,
 * so the loop resumes after an interruption from the values of the `@last_*` variables.
 */
export function batchedSql(b: BatchedDml): readonly string[] {
  const t = quoteTable(b.table);
  const keyList = b.primaryKey.map(quoteIdent).join(', ');
  const keyDesc = b.primaryKey.map((c) => `${quoteIdent(c)} DESC`).join(', ');
  const endVars = b.primaryKey.map((c) => variable('end', c));
  const filter = b.where === null ? '' : ` AND (${b.where})`;
  const write = (lower: string): string => {
    const bounds = [lower, keyCompare(b.primaryKey, '<=', 'end')].filter((x) => x !== '').join(' AND ');
    return b.verb === 'delete' ? `DELETE FROM ${t} WHERE ${bounds}${filter};` : `UPDATE ${t} SET ${b.set ?? ''} WHERE ${bounds}${filter};`;
  };
  const findEnd = (lower: string): string => {
    const where = [lower, b.where === null ? '' : `(${b.where})`].filter((x) => x !== '').join(' AND ');
    return `SELECT ${keyList} INTO ${endVars.join(', ')} FROM (SELECT ${keyList} FROM ${t}${where ? ` WHERE ${where}` : ''} ORDER BY ${keyList} LIMIT ${b.chunkRows}) AS chunk ORDER BY ${keyDesc} LIMIT 1;`;
  };
  const reset = `SET ${endVars.map((v) => `${v} = NULL`).join(', ')};`;
  const remember = `SET ${b.primaryKey.map((c) => `${variable('last', c)} = ${variable('end', c)}`).join(', ')};`;
  const lower = keyCompare(b.primaryKey, '>', 'last');
  return Object.freeze([
    `-- chunk 1 (autocommit on: each statement commits by itself)`,
    reset,
    findEnd(''),
    write(''),
    remember,
    `-- every next chunk: repeat these four statements until ${endVars[0]} IS NULL after the SELECT; after an interruption, resume here with the @last_* values`,
    reset,
    findEnd(lower),
    write(lower),
    remember,
  ]);
}

/** The `batched` alternative for a plan. */
export function batchedAlternative(b: BatchedDml, notes: readonly string[] = []): Alternative {
  const verb = b.verb === 'delete' ? 'Delete' : 'Update';
  return Object.freeze({
    kind: 'batched',
    title: `${verb} ${b.table.name} in chunks of ${b.chunkRows} rows along its primary key (${b.primaryKey.join(', ')})`,
    sql: batchedSql(b),
    notes: Object.freeze([
      'Each chunk is a short transaction: row locks are held for one chunk only, undo and the binary log grow by one chunk at a time, and replicas apply it in small steps.',
      'drydock apply runs the same loop with chunks sized to a time target, throttling on replica lag, and resumes from the last key after an interruption.',
      ...(b.verb === 'update' ? ['If the SET changes a column the WHERE tests, a row leaves the set once updated; the key walk still visits every row once.'] : []),
      ...notes,
    ]),
    batched: b,
    replacesStatement: true,
  });
}
