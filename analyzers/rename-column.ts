// C01: renaming a column breaks every running copy of the application that still uses the old
// name — during a rolling deploy that is the old version, for the whole rollout. Expand and
// contract keeps both names valid until no code uses the old one.
import { defineAnalyzer, type Report } from '../src/analysis/analyzer.js';
import { clauseFor, columnBefore } from '../src/analysis/alternatives/alter-facts.js';
import { backfillChunk, expandContract, primaryKeyOf } from '../src/analysis/alternatives/expand-contract.js';
import { buildAlter, quoteIdent, quoteTable, renderColumn } from '../src/analysis/alternatives/online-ddl.js';
import { createdInMigration } from '../src/analysis/size-severity.js';
import type { ColumnDefinition } from '../src/parser/statement.js';

type Messages = 'rename';

export const renameColumn = defineAnalyzer<Messages>({
  id: 'rename-column',
  title: 'Column renamed: running code that uses the old name breaks',
  category: 'backward-incompatible',
  severity: 'error',
  appliesTo: ['alter-table'],
  messages: {
    rename:
      '{table}.{from} is renamed to {to}. From the moment the ALTER commits, every query that names {from} fails with "Unknown column", and during a deploy the previous version of the application is still running and still uses {from}; code that already uses {to} fails until the ALTER has run.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || createdInMigration(context, op.table)) return [];
    const reports: Report<Messages>[] = [];
    for (const action of op.actions) {
      let from: string;
      let to: string;
      let target: ColumnDefinition | null;
      if (action.type === 'rename-column') {
        from = action.from;
        to = action.to;
        target = columnBefore(context, op.table, from);
      } else if (action.type === 'change-column' && action.from.toLowerCase() !== action.column.name.toLowerCase()) {
        from = action.from;
        to = action.column.name;
        target = action.column;
      } else continue;
      const t = quoteTable(op.table);
      const oldC = quoteIdent(from);
      const newC = quoteIdent(to);
      const added = target ? { ...target, name: to, position: null, nullable: true, defaultValue: null, autoIncrement: false, primaryKey: false, unique: false } : null;
      const steps = [
        added
          ? `${buildAlter(op.table, [`ADD COLUMN ${renderColumn(added)}`], clauseFor(context, op.table, { type: 'add-column', column: added, ifNotExists: false }))};`
          : `ALTER TABLE ${t} ADD COLUMN ${newC} <same type as ${from}> NULL;  -- drydock does not know the column's type (no target schema)`,
        `CREATE TRIGGER ${quoteIdent(`${op.table.name}_${to}_ins`)} BEFORE INSERT ON ${t} FOR EACH ROW SET NEW.${newC} = COALESCE(NEW.${newC}, NEW.${oldC});`,
        `CREATE TRIGGER ${quoteIdent(`${op.table.name}_${to}_upd`)} BEFORE UPDATE ON ${t} FOR EACH ROW SET NEW.${newC} = IF(NEW.${oldC} <=> OLD.${oldC}, NEW.${newC}, NEW.${oldC});`,
        ...backfillChunk(op.table, `${newC} = ${oldC}`, `${newC} IS NULL AND ${oldC} IS NOT NULL`, primaryKeyOf(context.table(op.table)?.definition ?? null)),
        `-- deploy: the application reads ${to} and writes both ${from} and ${to}; then a release that uses only ${to}`,
        `DROP TRIGGER ${quoteIdent(`${op.table.name}_${to}_ins`)};`,
        `DROP TRIGGER ${quoteIdent(`${op.table.name}_${to}_upd`)};`,
        `ALTER TABLE ${t} DROP COLUMN ${oldC};`,
      ];
      reports.push({
        messageId: 'rename',
        values: { table: op.table.name, from, to },
        table: op.table.name,
        column: from,
        alternatives: [
          expandContract(`Expand and contract: add ${to} next to ${from}, keep them in sync, switch the code, then drop ${from}`, steps, [
            'Every step is compatible with both the previous and the next release of the application; the triggers keep writes of old code visible under the new name.',
            'If the new name is needed only for reading, a VIRTUAL generated column `' + to + '` AS (`' + from + '`) is a cheaper bridge (it cannot be written).',
          ]),
        ],
      });
    }
    return reports;
  },
});
