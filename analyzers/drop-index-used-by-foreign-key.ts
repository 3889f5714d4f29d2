// F10: dropping the index a foreign key relies on. InnoDB needs an index whose leading columns are
// the foreign key's columns (on the child) and the referenced columns (on the parent); without
// another such index the server refuses with ERROR 1553 — after earlier statements of the migration
// already committed.
import { defineAnalyzer, type Report } from '../src/analysis/analyzer.js';
import { buildAlter, onlineDdlSql, quoteIdent, renderIndex } from '../src/analysis/alternatives/online-ddl.js';
import type { ForeignKeyDefinition, IndexDefinition, TableRef } from '../src/parser/statement.js';

type Messages = 'child' | 'parent';

const lower = (s: string): string => s.toLowerCase();

/** The index's leading columns are exactly `columns`, in any order (InnoDB accepts any order of the FK columns as prefix). */
function covers(index: IndexDefinition, columns: readonly string[]): boolean {
  if (index.columns.length < columns.length) return false;
  const lead = index.columns.slice(0, columns.length).map((c) => (c.expression === null && c.length === null ? lower(c.name) : '\u0000'));
  return columns.every((c) => lead.includes(lower(c)));
}

export const dropIndexUsedByForeignKey = defineAnalyzer<Messages>({
  id: 'drop-index-used-by-foreign-key',
  title: 'Index dropped while a foreign key needs it',
  category: 'data-dependent',
  severity: 'error',
  appliesTo: ['alter-table', 'drop-index'],
  messages: {
    child: 'Index {index} on {table} is the only index for foreign key {fk} ({columns}). The server refuses to drop it ("needed in a foreign key constraint", ERROR 1553), and the migration stops half-applied.',
    parent: 'Index {index} on {table} is the only index on {columns}, which foreign key {fk} of {child} references. The server refuses to drop it (ERROR 1553), and the migration stops half-applied.',
  },
  check(statement, context) {
    const op = statement.operation;
    let table: TableRef;
    let dropped: string[];
    let added: IndexDefinition[] = [];
    let droppedFks: string[] = [];
    if (op.kind === 'drop-index') {
      table = op.table;
      dropped = [op.name];
    } else if (op.kind === 'alter-table') {
      table = op.table;
      dropped = op.actions.flatMap((a) => (a.type === 'drop-index' ? [a.name] : []));
      added = op.actions.flatMap((a) => (a.type === 'add-index' ? [a.index] : []));
      droppedFks = op.actions.flatMap((a) => (a.type === 'drop-foreign-key' ? [lower(a.name)] : []));
    } else return [];
    if (dropped.length === 0) return [];
    const facts = context.table(table);
    const def = facts?.definition;
    if (!def) return [];
    const droppedSet = new Set(dropped.map(lower));
    const remaining = [...def.indexes.filter((i) => !droppedSet.has(lower(i.name ?? ''))), ...added];
    const reports: Report<Messages>[] = [];
    const check = (fk: ForeignKeyDefinition, columns: readonly string[], kind: Messages, child: string): void => {
      if (fk.name && droppedFks.includes(lower(fk.name))) return;
      const needed = def.indexes.filter((i) => droppedSet.has(lower(i.name ?? '')) && covers(i, columns));
      if (needed.length === 0 || remaining.some((i) => covers(i, columns))) return;
      const index = needed[0]!;
      const replacement: IndexDefinition = { name: `${index.name}_fk`, kind: 'index', columns: columns.map((name) => ({ name, length: null, descending: false, expression: null })), using: null };
      const sql =
        kind === 'child' && fk.name
          ? [`${buildAlter(table, [`DROP FOREIGN KEY ${quoteIdent(fk.name)}`, `DROP INDEX ${quoteIdent(index.name!)}`])};  -- if the foreign key should go too`]
          : [];
      sql.push(`${buildAlter(table, [`ADD ${renderIndex(replacement)}`, `DROP INDEX ${quoteIdent(index.name!)}`])};  -- to keep the foreign key`);
      reports.push({
        messageId: kind,
        values: { index: index.name!, table: table.name, fk: fk.name ?? '(unnamed)', columns: columns.join(', '), child },
        table: table.name,
        alternatives: [onlineDdlSql('Drop the foreign key in the same statement, or add a replacement index in it', sql, ['One ALTER with both clauses: the server checks the foreign key against the indexes the table has after the statement.'], false)],
      });
    };
    for (const fk of def.foreignKeys) check(fk, fk.columns, 'child', table.name);
    for (const ref of facts.referencedBy) check(ref.foreignKey, ref.foreignKey.referencedColumns, 'parent', ref.table.name);
    return reports;
  },
});
