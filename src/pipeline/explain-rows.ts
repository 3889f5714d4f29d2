// Rows a DELETE/UPDATE will touch on the target, from the optimizer's estimate: EXPLAIN
// FORMAT=JSON of the statement, read-only. MySQL 8.3+ prints a tree without row counts for DML
// unless explain_json_format_version = 1; MariaDB prints `rows` (or "Deleting all rows"). When the
// user may not EXPLAIN a DELETE (MySQL wants the DELETE privilege for that), the same WHERE is
// explained as a SELECT, which needs nothing beyond SELECT.
import type mysql from 'mysql2/promise';
import type { TargetSession } from '../db/introspect.js';
import { quoteTable } from '../db/connection.js';
import type { ParsedStatement, TableRef } from '../parser/statement.js';

export interface ExplainedRows {
  readonly rows: number;
  /** What the optimizer was asked: the statement itself, or its WHERE as a SELECT. */
  readonly via: 'statement' | 'select';
  /**
   * A full scan with a condition: the count is the optimizer's rule-of-thumb filter (MySQL guesses
   * 10% for an unindexed `=`, MariaDB none at all) over the rows it examines, not an index estimate.
   */
  readonly guessed: boolean;
  /**
   * An index range estimate whose known InnoDB biases may apply: estimates of ranges spanning
   * more than a few leaf pages are doubled ("our algorithm tends to underestimate", MySQL bug
   * #117164), and every range estimate is capped at half the table's rows.
   */
  readonly range: boolean;
  /** The estimate sits at InnoDB's cap of half the table: the real count may be anything above it. */
  readonly atCap: boolean;
}

/** Whether EXPLAIN can tell the rows of this statement. */
export function explainable(statement: ParsedStatement): boolean {
  const op = statement.operation;
  return (op.kind === 'delete' && op.targets.length === 1 && !op.hasJoin) || (op.kind === 'update' && op.tables.length === 1 && !op.hasJoin);
}

/**
 * The optimizer's estimate of the rows `statement` affects on the target, or null when it cannot
 * be had. `tableRows` answers for a DELETE of every row, where MariaDB's plan gives no count.
 */
export async function explainAffectedRows(session: TargetSession, statement: ParsedStatement, tableRows: number | null): Promise<ExplainedRows | null> {
  if (!explainable(statement)) return null;
  const op = statement.operation;
  const table = op.kind === 'delete' ? op.targets[0]! : op.kind === 'update' ? op.tables[0]! : null;
  if (!table) return null;
  const limit = op.kind === 'delete' || op.kind === 'update' ? op.limit : null;
  if (session.version.flavor === 'mysql') await session.conn.query('SET SESSION explain_json_format_version = 1').catch(() => {});
  const cap = (n: number): number => (limit !== null ? Math.min(n, limit) : n);
  try {
    const rows = await explainJson(session, `EXPLAIN FORMAT=JSON ${statement.sql.replace(/[\s;]+$/, '')}`);
    const n = rowsFromExplainJson(rows, table.name, tableRows);
    if (n !== null) return Object.freeze({ rows: cap(n.rows), via: 'statement' as const, guessed: n.guessed, ...rangeFacts(n, tableRows) });
  } catch {
    // No DELETE/UPDATE privilege (a read-only user), or a statement EXPLAIN refuses: try the SELECT form.
  }
  const where = op.kind === 'delete' || op.kind === 'update' ? op.where : null;
  const select = `SELECT 1 FROM ${quoteTable(schemaFor(table, session.database))}${where && !where.alwaysTrue ? ` WHERE ${where.sql}` : ''}`;
  try {
    // The session's statement time limit bounds it; EXPLAIN does not run the SELECT anyway.
    const rows = await explainJson(session, `EXPLAIN FORMAT=JSON ${select}`);
    const n = rowsFromExplainJson(rows, table.name, tableRows);
    return n === null ? null : Object.freeze({ rows: cap(n.rows), via: 'select' as const, guessed: n.guessed, ...rangeFacts(n, tableRows) });
  } catch {
    return null;
  }
}

function rangeFacts(n: { readonly rows: number; readonly range: boolean }, tableRows: number | null): { range: boolean; atCap: boolean } {
  // The cap is stat_n_rows / 2, and information_schema's count is an estimate too: allow a few percent.
  return { range: n.range, atCap: n.range && tableRows !== null && tableRows > 0 && n.rows >= tableRows * 0.47 && n.rows <= tableRows * 0.53 };
}

/**
 * InnoDB's range estimates are biased in two known ways (see ExplainedRows.range): at the cap of
 * half the table the real count may be far above; a large range is counted twice over. Where the
 * shadow's count (its rows follow the sampled value ranges, keys included) shows either, it is
 * the better number.
 */
export function explainBiased(explained: Pick<ExplainedRows, 'rows' | 'range' | 'atCap'>, shadowRows: number | null): boolean {
  if (!explained.range || shadowRows === null || shadowRows <= 0) return false;
  if (explained.atCap) return shadowRows > explained.rows;
  return explained.rows >= 10_000 && shadowRows >= explained.rows * 0.35 && shadowRows <= explained.rows * 0.65;
}

const schemaFor = (t: TableRef, database: string): TableRef => ({ schema: t.schema ?? database, name: t.name });

async function explainJson(session: TargetSession, sql: string): Promise<unknown> {
  const [rows] = await session.conn.query<mysql.RowDataPacket[]>(sql);
  const first = rows[0];
  if (!first) return null;
  const text = Object.values(first)[0];
  return typeof text === 'string' ? JSON.parse(text) : text;
}

interface TableNode {
  readonly table_name?: string;
  readonly access_type?: string;
  readonly attached_condition?: string;
  readonly rows?: number;
  readonly rows_examined_per_scan?: number;
  readonly filtered?: number | string;
  readonly message?: string;
  readonly delete?: boolean | number;
  readonly update?: boolean | number;
}

/**
 * Reads the DML's table node out of an EXPLAIN FORMAT=JSON document (MariaDB's and MySQL's
 * version-1 shapes): rows examined × filtered. "Deleting all rows" means the whole table.
 */
export function rowsFromExplainJson(doc: unknown, table: string, tableRows: number | null): { readonly rows: number; readonly guessed: boolean; readonly range: boolean } | null {
  const nodes: TableNode[] = [];
  let deletesAll = false;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (o['table'] && typeof o['table'] === 'object' && !Array.isArray(o['table'])) {
      const t = o['table'] as TableNode;
      if (typeof t.message === 'string' && /deleting all rows/i.test(t.message)) deletesAll = true;
      if (t.table_name !== undefined) nodes.push(t);
    }
    for (const x of Object.values(o)) walk(x);
  };
  walk(doc);
  if (deletesAll) return tableRows === null ? null : { rows: tableRows, guessed: false, range: false };
  const lower = table.toLowerCase();
  const node =
    nodes.find((n) => (n.delete || n.update) && n.table_name?.toLowerCase() === lower) ??
    nodes.find((n) => n.table_name?.toLowerCase() === lower) ??
    nodes[0];
  if (!node) return null;
  const examined = node.rows_examined_per_scan ?? node.rows;
  if (typeof examined !== 'number' || !Number.isFinite(examined)) return null;
  const filtered = node.filtered === undefined ? 100 : Number(node.filtered);
  const pct = Number.isFinite(filtered) ? Math.min(100, Math.max(0, filtered)) : 100;
  const guessed = node.access_type === 'ALL' && node.attached_condition !== undefined;
  // A full scan whose `filtered` came from a range estimate on an index (MariaDB) carries the same biases.
  const range = node.access_type === 'range' || (node.access_type === 'ALL' && pct < 100);
  return { rows: Math.round((examined * pct) / 100), guessed, range };
}
