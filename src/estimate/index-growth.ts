// Which DELETEs get the per-row growth of index maintenance (INDEX_GROWTH_EXPONENT), and by how much
// the table grows from the shadow to production.
import { leadingIndexColumns, secondaryIndexCount } from '../analysis/index-columns.js';
import type { CreateTableOperation, ParsedStatement } from '../parser/statement.js';

/**
 * Production's table over the shadow's for a single-table DELETE whose work is delete-marking
 * secondary-index entries; null for anything else. A WHERE that no index bounds makes it a scan
 * of the whole table that deletes some of what it reads: the scan's cost per row does not grow
 * with the table, so such a DELETE stays on the straight line.
 */
export function deleteIndexGrowth(
  st: ParsedStatement,
  tables: readonly { readonly definition: CreateTableOperation }[],
  productionRows: number | null,
  shadowRows: number | null,
): number | null {
  const op = st.operation;
  if (op.kind !== 'delete' || op.hasJoin || op.targets.length !== 1 || productionRows === null || !shadowRows || productionRows <= shadowRows) return null;
  const target = op.targets[0]!.name.toLowerCase();
  const def = tables.find((t) => t.definition.table.name.toLowerCase() === target)?.definition;
  if (!def || secondaryIndexCount(def) === 0) return null;
  if (op.where !== null && !op.where.alwaysTrue) {
    const lead = leadingIndexColumns(def);
    if (!op.where.columns.some((c) => lead.has(c.column.toLowerCase()))) return null;
  }
  return productionRows / shadowRows;
}
