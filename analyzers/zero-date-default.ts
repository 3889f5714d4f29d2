// F06: DEFAULT '0000-00-00' (or a zero datetime). Strict sql_mode with NO_ZERO_DATE — the default on
// MySQL 5.7+ and MariaDB 10.2+ — rejects the statement, and such defaults keep a schema from ever
// running in strict mode.
import { defineAnalyzer, type Report } from '../src/analysis/analyzer.js';
import { buildAlter, onlineDdlSql, quoteTable, renderColumn } from '../src/analysis/alternatives/online-ddl.js';
import type { ColumnDefinition } from '../src/parser/statement.js';
import { rejectsZeroDates } from '../src/analysis/size-severity.js';

type Messages = 'rejected' | 'accepted';

const ZERO = /^'0000-00-00(?:[ T]00:00:00(?:\.0+)?)?'$/;
const TEMPORAL = new Set(['DATE', 'DATETIME', 'TIMESTAMP']);

export const zeroDateDefault = defineAnalyzer<Messages>({
  id: 'zero-date-default',
  title: 'Zero-date DEFAULT',
  category: 'data-dependent',
  severity: 'error',
  appliesTo: ['alter-table', 'create-table'],
  messages: {
    rejected:
      '{table}.{column} has DEFAULT {value}. Under this sql_mode (strict, with NO_ZERO_DATE: the MySQL default) the server rejects the statement with "Invalid default value", and the migration stops half-applied.',
    accepted:
      '{table}.{column} has DEFAULT {value}. This sql_mode (the MariaDB default has no NO_ZERO_DATE) accepts it, but it stores a date most clients cannot parse, the same statement fails on MySQL or in strict NO_ZERO_DATE mode, and the schema can never move to that mode.',
  },
  check(statement, context) {
    const rejected = rejectsZeroDates(context);
    const op = statement.operation;
    let columns: readonly { readonly column: ColumnDefinition; readonly action: 'add' | 'modify' | 'create' }[];
    if (op.kind === 'create-table') columns = op.columns.map((column) => ({ column, action: 'create' as const }));
    else if (op.kind === 'alter-table')
      columns = op.actions.flatMap((a): { column: ColumnDefinition; action: 'add' | 'modify' }[] => (a.type === 'add-column' ? [{ column: a.column, action: 'add' as const }] : a.type === 'modify-column' || a.type === 'change-column' ? [{ column: a.column, action: 'modify' as const }] : []));
    else return [];
    const reports: Report<Messages>[] = [];
    for (const { column, action } of columns) {
      if (!TEMPORAL.has(column.dataType) || column.defaultValue === null || !ZERO.test(column.defaultValue.trim())) continue;
      const fixed = renderColumn(column, { nullable: column.nullable === false ? true : column.nullable, defaultValue: 'NULL' });
      const sql =
        op.kind === 'create-table'
          ? `-- in CREATE TABLE ${quoteTable(op.table)}: ${fixed}`
          : `${buildAlter(op.table, [`${action === 'add' ? 'ADD COLUMN' : 'MODIFY COLUMN'} ${fixed}`])};`;
      reports.push({
        messageId: rejected ? 'rejected' : 'accepted',
        severity: rejected ? 'error' : 'warning',
        values: { table: op.table.name, column: column.name, value: column.defaultValue },
        table: op.table.name,
        column: column.name,
        alternatives: [onlineDdlSql('Make the column nullable with DEFAULT NULL (or give a real date)', [sql], ['NULL says "no date" in a way every client understands.'], op.kind !== 'create-table')],
      });
    }
    return reports;
  },
});
