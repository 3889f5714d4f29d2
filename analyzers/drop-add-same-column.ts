// X04: DROP COLUMN c and ADD COLUMN c in one ALTER. The values of c are thrown away and the new
// column starts empty (or at its default) — usually a MODIFY was meant — and online schema change
// tools cannot map the old column onto the new one.
import { defineAnalyzer, type Report } from '../src/analysis/analyzer.js';
import { buildAlter, onlineDdlSql, renderColumn } from '../src/analysis/alternatives/online-ddl.js';
import { clauseFor } from '../src/analysis/alternatives/alter-facts.js';
import { createdInMigration } from '../src/analysis/size-severity.js';

type Messages = 'dropAdd';

export const dropAddSameColumn = defineAnalyzer<Messages>({
  id: 'drop-add-same-column',
  title: 'Column dropped and re-added in one ALTER',
  category: 'data-dependent',
  severity: 'error',
  appliesTo: ['alter-table'],
  messages: {
    dropAdd:
      '{table}.{column} is dropped and added again in the same statement: every stored value of {column} is lost and the new column starts at {start}. If the aim is to change its definition, MODIFY keeps the data. gh-ost and Spirit refuse this pattern; pt-osc copies nothing into the new column.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || createdInMigration(context, op.table)) return [];
    const reports: Report<Messages>[] = [];
    const dropped = new Set(op.actions.flatMap((a) => (a.type === 'drop-column' ? [a.column.toLowerCase()] : [])));
    for (const action of op.actions) {
      if (action.type !== 'add-column' || !dropped.has(action.column.name.toLowerCase())) continue;
      const c = action.column;
      const modify = { type: 'modify-column' as const, column: c };
      reports.push({
        messageId: 'dropAdd',
        values: { table: op.table.name, column: c.name, start: c.defaultValue !== null ? `DEFAULT ${c.defaultValue}` : 'NULL (or the implicit default)' },
        table: op.table.name,
        column: c.name,
        alternatives: [onlineDdlSql(`Redefine ${c.name} with MODIFY, keeping its values`, [buildAlter(op.table, [`MODIFY COLUMN ${renderColumn(c)}`], clauseFor(context, op.table, modify))], ['If wiping the values is intended, say so with an UPDATE after adding the column, in its own migration.'])],
      });
    }
    return reports;
  },
});
