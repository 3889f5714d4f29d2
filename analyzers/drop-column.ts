// D03/D04: DROP COLUMN deletes the column's data, and application code that still names the column
// (an ORM's cached column list, a SELECT with the column) fails as soon as it runs. Indexes that
// include the column are silently shortened or dropped with it.
import { defineAnalyzer, type Report, type Severity } from '../src/analysis/analyzer.js';
import { columnBefore } from '../src/analysis/alternatives/alter-facts.js';
import { expandContract } from '../src/analysis/alternatives/expand-contract.js';
import { buildAlter, quoteIdent, quoteTable } from '../src/analysis/alternatives/online-ddl.js';
import { isKnownEmpty, knownRows, sizeNote } from '../src/analysis/size-severity.js';
import type { AnalysisContext } from '../src/analysis/analyzer.js';
import type { TableRef } from '../src/parser/statement.js';

type Messages = 'dropColumn';

function lossSeverity(context: AnalysisContext, table: TableRef): Severity {
  const rows = knownRows(context, table);
  return rows !== null && rows < context.thresholds.smallTableRows ? 'warning' : 'error';
}

export const dropColumn = defineAnalyzer<Messages>({
  id: 'drop-column',
  title: 'DROP COLUMN deletes data and breaks code that still uses the column',
  category: 'destructive',
  severity: 'error',
  appliesTo: ['alter-table'],
  messages: {
    dropColumn:
      'DROP COLUMN {table}.{column} deletes the column\'s values in every row{size}. Application code that still names {column} — including an ORM that cached the column list at startup — fails from the moment the ALTER commits until it is redeployed.{indexes}',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || isKnownEmpty(context, op.table)) return [];
    const reports: Report<Messages>[] = [];
    for (const action of op.actions) {
      if (action.type !== 'drop-column') continue;
      const before = columnBefore(context, op.table, action.column);
      // A VIRTUAL generated column holds no data of its own.
      if (before?.generated && !before.generated.stored) continue;
      // DROP + ADD of the same column in one statement is a redefinition, not a removal.
      if (op.actions.some((a) => a.type === 'add-column' && a.column.name.toLowerCase() === action.column.toLowerCase())) continue;
      const indexes = (context.table(op.table)?.definition?.indexes ?? []).filter((i) => i.columns.some((c) => c.name.toLowerCase() === action.column.toLowerCase()));
      const invisible = context.server.profileAlterAction({ type: 'alter-column-visibility', column: action.column, visible: false }, context.table(op.table), context.session).basis !== 'unknown';
      const t = quoteTable(op.table);
      const c = quoteIdent(action.column);
      const steps = [
        `-- deploy: the application stops reading and writing ${action.column} (ORMs: mark the field ignored/not mapped)`,
        ...(invisible ? [`${buildAlter(op.table, [`ALTER COLUMN ${c} SET INVISIBLE`], { algorithm: 'INSTANT', lock: null })};  -- SELECT * stops returning it; stragglers show up while the data is still there`] : []),
        `-- a later migration, after a release without errors:`,
        `ALTER TABLE ${t} DROP COLUMN ${c};`,
      ];
      reports.push({
        messageId: 'dropColumn',
        values: {
          table: op.table.name,
          column: action.column,
          size: sizeNote(context, op.table),
          indexes: indexes.length > 0 ? ` The column is part of ${indexes.map((i) => (i.kind === 'primary' ? 'the PRIMARY KEY' : `index ${i.name ?? '(unnamed)'}`)).join(', ')}, which the server shortens or drops with it: queries using it can change plan.` : '',
        },
        severity: lossSeverity(context, op.table),
        table: op.table.name,
        column: action.column,
        alternatives: [
          expandContract(`Stop using ${action.column} first, drop it in a later release`, steps, [
            `If the values may be needed later, copy them out first (in batches on a large table), e.g. CREATE TABLE ${op.table.name}_${action.column}_backup AS SELECT <primary key>, ${action.column} FROM ${op.table.name}.`,
          ]),
        ],
      });
    }
    return reports;
  },
});
