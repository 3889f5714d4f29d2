// D01: DROP TABLE of a table that has (or may have) rows. The data is gone with the statement; a
// restore means a backup plus binary-log replay. Renaming the table away first keeps a way back
// until a later release proves nobody reads it.
import { defineAnalyzer, type Alternative, type Report, type Severity } from '../src/analysis/analyzer.js';
import { expandContract } from '../src/analysis/alternatives/expand-contract.js';
import { quoteTable } from '../src/analysis/alternatives/online-ddl.js';
import { createdInMigration, knownRows, sizeNote } from '../src/analysis/size-severity.js';
import type { AnalysisContext } from '../src/analysis/analyzer.js';
import type { TableRef } from '../src/parser/statement.js';

type Messages = 'dropTable';

/** Data loss: an empty table is a note, a small one a warning, anything else (or unknown) an error. */
function lossSeverity(context: AnalysisContext, table: TableRef): Severity {
  const rows = knownRows(context, table);
  if (rows === 0) return 'info';
  return rows !== null && rows < context.thresholds.smallTableRows ? 'warning' : 'error';
}

export const dropTable = defineAnalyzer<Messages>({
  id: 'drop-table',
  title: 'DROP TABLE deletes the table and its data',
  category: 'destructive',
  severity: 'error',
  appliesTo: ['drop-table'],
  messages: {
    dropTable:
      'DROP TABLE {table} deletes the table and every row in it{size}; the only way back is a backup plus binary-log replay. Code still reading or writing {table} fails from that moment on with "Table doesn\'t exist".{references}',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'drop-table' || op.temporary) return [];
    const reports: Report<Messages>[] = [];
    for (const table of op.tables) {
      if (createdInMigration(context, table)) continue;
      const facts = context.table(table);
      const referencing = [...new Set((facts?.referencedBy ?? []).map((r) => r.table.name))];
      const held = { schema: table.schema, name: `_${table.name}_dropped` };
      const alternatives: Alternative[] = [
        expandContract(`Rename ${table.name} away now, drop it in a later release`, [
          `RENAME TABLE ${quoteTable(table)} TO ${quoteTable(held)};`,
          `-- a later migration, once a release ran without errors about ${table.name}:`,
          `DROP TABLE ${quoteTable(held)};`,
        ], [
          'RENAME TABLE is a metadata change: instant, and reversible with RENAME TABLE back while the data is still there.',
          `Keep a backup too, for example: mysqldump --single-transaction "$DB" ${table.name} > ${table.name}.sql`,
        ]),
      ];
      reports.push({
        messageId: 'dropTable',
        values: {
          table: table.name,
          size: sizeNote(context, table),
          references: referencing.length > 0 ? ` ${referencing.join(', ')} reference${referencing.length === 1 ? 's' : ''} it by foreign key: with foreign_key_checks on the DROP fails, with it off their rows are left pointing at nothing.` : '',
        },
        severity: lossSeverity(context, table),
        table: table.name,
        alternatives,
      });
    }
    return reports;
  },
});
