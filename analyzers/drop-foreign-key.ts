// D09: dropping a FOREIGN KEY removes a guarantee the data relied on: from then on the server lets
// child rows point at parents that do not exist, and ON DELETE/UPDATE actions stop running.
import { defineAnalyzer, type Report } from '../src/analysis/analyzer.js';
import { quoteIdent, quoteTable } from '../src/analysis/alternatives/online-ddl.js';
import type { ForeignKeyDefinition } from '../src/parser/statement.js';

type Messages = 'dropForeignKey' | 'dropForeignKeyUnknown';

export const dropForeignKey = defineAnalyzer<Messages>({
  id: 'drop-foreign-key',
  title: 'FOREIGN KEY dropped: referential integrity is no longer enforced',
  category: 'destructive',
  severity: 'warning',
  appliesTo: ['alter-table'],
  messages: {
    dropForeignKey:
      'Foreign key {name} on {table} ({columns} → {parent}) is dropped. From now on the server accepts {table} rows whose {columns} match no {parent} row{actions}; orphans that appear are found only later, by a failing join or a report.',
    dropForeignKeyUnknown:
      'Foreign key {name} on {table} is dropped. From now on the server accepts {table} rows that point at no parent row, and any ON DELETE/UPDATE action of the key stops running (drydock does not know its definition: no target schema).',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table') return [];
    const def = context.table(op.table)?.definition ?? null;
    const reports: Report<Messages>[] = [];
    for (const action of op.actions) {
      let name: string;
      if (action.type === 'drop-foreign-key') name = action.name;
      else if (action.type === 'drop-constraint' && action.constraintKind === 'unknown' && def?.foreignKeys.some((f) => f.name?.toLowerCase() === action.name.toLowerCase())) name = action.name;
      else continue;
      // Dropped and re-added under the same name in one statement: a redefinition.
      if (op.actions.some((a) => a.type === 'add-foreign-key' && a.foreignKey.name?.toLowerCase() === name.toLowerCase())) continue;
      const fk: ForeignKeyDefinition | undefined = def?.foreignKeys.find((f) => f.name?.toLowerCase() === name.toLowerCase());
      if (!fk) {
        reports.push({ messageId: 'dropForeignKeyUnknown', values: { name, table: op.table.name }, table: op.table.name });
        continue;
      }
      const child = quoteTable(op.table);
      const parent = quoteTable(fk.referencedTable);
      const join = fk.columns.map((c, i) => `p.${quoteIdent(fk.referencedColumns[i] ?? c)} = c.${quoteIdent(c)}`).join(' AND ');
      const orphanCheck = `SELECT COUNT(*) FROM ${child} AS c LEFT JOIN ${parent} AS p ON ${join} WHERE c.${quoteIdent(fk.columns[0]!)} IS NOT NULL AND p.${quoteIdent(fk.referencedColumns[0] ?? fk.columns[0]!)} IS NULL;`;
      const actions = [fk.onDelete ? `ON DELETE ${fk.onDelete}` : null, fk.onUpdate ? `ON UPDATE ${fk.onUpdate}` : null].filter((x): x is string => x !== null);
      reports.push({
        messageId: 'dropForeignKey',
        values: {
          name,
          table: op.table.name,
          columns: fk.columns.join(', '),
          parent: fk.referencedTable.name,
          actions: actions.length > 0 ? `, and its ${actions.join(' / ')} stops running: the application must now do that itself` : '',
        },
        table: op.table.name,
        alternatives: [
          Object.freeze({
            kind: 'rewrite' as const,
            title: 'If integrity moves to the application, watch for orphans after the drop',
            sql: Object.freeze([`${orphanCheck}  -- expect 0; run it on a replica, it scans ${op.table.name}`]),
            notes: Object.freeze(['Keep the index on the child columns: joins on the relationship still need it (DROP FOREIGN KEY leaves the index in place).']),
            replacesStatement: false,
          }),
        ],
      });
    }
    return reports;
  },
});
