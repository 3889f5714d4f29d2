// Which DML statements get the per-row growth of index maintenance (INDEX_GROWTH_EXPONENT), and by
// how much the table grows from the shadow to production.
import { indexEntryColumns, leadingIndexColumns, secondaryIndexCount } from '../analysis/index-columns.js';
import type { CreateTableOperation, ParsedStatement, WhereClause } from '../parser/statement.js';
import type { IndexChange } from './extrapolate.js';

export interface IndexGrowth {
  /** Production's table over the shadow's. */
  readonly tableRatio: number;
  readonly change: IndexChange;
}

/**
 * The growth for a single-table DELETE or UPDATE whose work is changing secondary-index entries:
 * a DELETE delete-marks one in every secondary index; an UPDATE that assigns an indexed column
 * (or a primary-key column, which every secondary entry holds) delete-marks the old entry and
 * inserts the new one. Null for anything else. A WHERE that no index bounds makes it a scan of
 * the whole table that changes some of what it reads: the scan's cost per row does not grow with
 * the table, so such a statement stays on the straight line.
 */
export function indexMaintenanceGrowth(
  st: ParsedStatement,
  tables: readonly { readonly definition: CreateTableOperation }[],
  productionRows: number | null,
  shadowRows: number | null,
): IndexGrowth | null {
  if (productionRows === null || !shadowRows || productionRows <= shadowRows) return null;
  const op = st.operation;
  let target: string;
  let where: WhereClause | null;
  let change: IndexChange;
  if (op.kind === 'delete') {
    if (op.hasJoin || op.targets.length !== 1) return null;
    [target, where, change] = [op.targets[0]!.name, op.where, 'delete'];
  } else if (op.kind === 'update') {
    if (op.hasJoin || op.tables.length !== 1) return null;
    [target, where, change] = [op.tables[0]!.name, op.where, 'update'];
  } else {
    return null;
  }
  const def = tables.find((t) => t.definition.table.name.toLowerCase() === target.toLowerCase())?.definition;
  if (!def || secondaryIndexCount(def) === 0) return null;
  if (op.kind === 'update') {
    const touched = indexEntryColumns(def);
    if (!op.assignments.some((a) => touched.has(a.column.toLowerCase()))) return null;
  }
  if (where !== null && !where.alwaysTrue) {
    const lead = leadingIndexColumns(def);
    if (!where.columns.some((c) => lead.has(c.column.toLowerCase()))) return null;
  }
  return { tableRatio: productionRows / shadowRows, change };
}
