// C03: CHANGE COLUMN restates the column's name and its whole definition. Used with the same name
// twice it is a MODIFY in disguise, one typo away from a rename; used to rename and retype at once,
// the rename hides inside a type change where a reviewer may not see it.
import { defineAnalyzer, type Report } from '../src/analysis/analyzer.js';
import { columnBefore } from '../src/analysis/alternatives/alter-facts.js';
import { sameType } from '../src/analysis/alternatives/column-types.js';
import { buildAlter, quoteIdent, renderColumn } from '../src/analysis/alternatives/online-ddl.js';

type Messages = 'sameName' | 'hiddenRename';

export const changeColumnRenameViaChange = defineAnalyzer<Messages>({
  id: 'change-column-rename-via-change',
  title: 'CHANGE COLUMN used where MODIFY or RENAME COLUMN says what is meant',
  category: 'backward-incompatible',
  severity: 'info',
  appliesTo: ['alter-table'],
  messages: {
    sameName:
      'CHANGE {column} {column} on {table} keeps the name, so it is a MODIFY written the long way: the name is repeated where a typo renames the column (and breaks the code that uses it). Say MODIFY COLUMN.',
    hiddenRename:
      'CHANGE {from} {to} on {table} renames the column and redefines its type in one clause; the rename is easy to miss in review, and it breaks running code that uses {from}. Write the rename as its own RENAME COLUMN (see rename-column) and the type change as MODIFY COLUMN.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table') return [];
    const reports: Report<Messages>[] = [];
    for (const action of op.actions) {
      if (action.type !== 'change-column') continue;
      if (action.from.toLowerCase() === action.column.name.toLowerCase()) {
        reports.push({
          messageId: 'sameName',
          values: { column: action.from, table: op.table.name },
          table: op.table.name,
          column: action.from,
          alternatives: [
            Object.freeze({
              kind: 'rewrite' as const,
              title: 'Write it as MODIFY COLUMN',
              sql: Object.freeze([`${buildAlter(op.table, [`MODIFY COLUMN ${renderColumn(action.column)}`])};`]),
              notes: Object.freeze([]),
              replacesStatement: op.actions.length === 1,
            }),
          ],
        });
        continue;
      }
      const before = columnBefore(context, op.table, action.from);
      // A pure rename through CHANGE (same type) is rename-column's alone.
      if (before && sameType(before, action.column)) continue;
      reports.push({
        messageId: 'hiddenRename',
        values: { from: action.from, to: action.column.name, table: op.table.name },
        table: op.table.name,
        column: action.from,
        alternatives: [
          Object.freeze({
            kind: 'rewrite' as const,
            title: 'Split the rename from the type change',
            sql: Object.freeze([
              `${buildAlter(op.table, [`RENAME COLUMN ${quoteIdent(action.from)} TO ${quoteIdent(action.column.name)}`])};`,
              `${buildAlter(op.table, [`MODIFY COLUMN ${renderColumn(action.column)}`])};`,
            ]),
            notes: Object.freeze(['RENAME COLUMN needs MySQL 8.0 or MariaDB 10.5; the rename still needs the expand-and-contract steps of rename-column on a live application.']),
            replacesStatement: false,
          }),
        ],
        severity: 'warning',
      });
    }
    return reports;
  },
});
