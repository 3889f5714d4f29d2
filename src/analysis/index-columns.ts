// What a table's indexes cover, from its definition: shared by the analyzers and the plan.
import type { CreateTableOperation } from '../parser/statement.js';

/** Columns that lead some B-tree index (PRIMARY, UNIQUE or plain), lower case. */
export function leadingIndexColumns(def: CreateTableOperation): ReadonlySet<string> {
  const lead = new Set<string>();
  for (const index of def.indexes) {
    if (index.kind === 'fulltext' || index.kind === 'spatial') continue;
    const first = index.columns[0];
    if (first && first.expression === null) lead.add(first.name.toLowerCase());
  }
  for (const c of def.columns) if (c.primaryKey || c.unique) lead.add(c.name.toLowerCase());
  return lead;
}

/** Indexes besides the primary key (each deleted row delete-marks an entry in every one). */
export function secondaryIndexCount(def: CreateTableOperation): number {
  return def.indexes.filter((i) => i.kind !== 'primary').length + def.columns.filter((c) => c.unique && !c.primaryKey).length;
}

/**
 * Columns whose new value changes some secondary-index entry, lower case: every column of a
 * secondary index, and the primary key's (each secondary entry carries it). A column used only
 * inside an expression index is not seen here.
 */
export function indexEntryColumns(def: CreateTableOperation): ReadonlySet<string> {
  const cols = new Set<string>();
  for (const index of def.indexes) {
    if (index.kind === 'fulltext' || index.kind === 'spatial') continue;
    for (const c of index.columns) if (c.expression === null) cols.add(c.name.toLowerCase());
  }
  for (const c of def.columns) if (c.primaryKey || c.unique) cols.add(c.name.toLowerCase());
  return cols;
}
