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
