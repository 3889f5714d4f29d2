// F02: ADD COLUMN … NOT NULL without DEFAULT on a table with rows. The server fills existing rows
// with the type's implicit default ('' / 0 / first ENUM member) — or refuses for dates in strict
// mode — and application code still inserting without the column starts failing.
import { defineAnalyzer, type Alternative, type Report } from '../src/analysis/analyzer.js';
import { clauseFor } from '../src/analysis/alternatives/alter-facts.js';
import { isIntegerType } from '../src/analysis/alternatives/column-types.js';
import { addRequiredColumnPlan, primaryKeyOf } from '../src/analysis/alternatives/expand-contract.js';
import { buildAlter, onlineDdlSql, quoteString, renderColumn } from '../src/analysis/alternatives/online-ddl.js';
import { isKnownEmpty, rejectsZeroDates, rowsPhrase } from '../src/analysis/size-severity.js';
import type { ColumnDefinition } from '../src/parser/statement.js';

type Messages = 'implicitDefault' | 'zeroDate' | 'zeroDateFilled';

const NO_LITERAL_DEFAULT = new Set(['JSON', 'TEXT', 'TINYTEXT', 'MEDIUMTEXT', 'LONGTEXT', 'BLOB', 'TINYBLOB', 'MEDIUMBLOB', 'LONGBLOB', 'GEOMETRY', 'POINT', 'POLYGON', 'LINESTRING']);
const DATES: Readonly<Record<string, string>> = { DATE: 'CURRENT_DATE', DATETIME: 'CURRENT_TIMESTAMP', TIMESTAMP: 'CURRENT_TIMESTAMP' };

/** The value MySQL/MariaDB put into existing rows for a NOT NULL column without DEFAULT. */
function implicitDefault(c: ColumnDefinition): string {
  if (isIntegerType(c.dataType) || ['DECIMAL', 'FLOAT', 'DOUBLE', 'BIT', 'YEAR'].includes(c.dataType)) return '0';
  if (c.dataType === 'ENUM') return c.values?.[0] !== undefined ? quoteString(c.values[0]) : "''";
  if (c.dataType === 'TIME') return "'00:00:00'";
  if (c.dataType === 'JSON') return "'{}'";
  return "''";
}

export const addColumnNotNullNoDefault = defineAnalyzer<Messages>({
  id: 'add-column-not-null-no-default',
  title: 'NOT NULL column added without a DEFAULT',
  category: 'data-dependent',
  severity: 'warning',
  appliesTo: ['alter-table'],
  messages: {
    implicitDefault:
      '{table}.{column} is added as NOT NULL without a DEFAULT{size}. Existing rows silently get the implicit default {value}, and every INSERT that does not name {column} (code deployed before this migration) fails in strict mode with "Field \'{column}\' doesn\'t have a default value".',
    zeroDate:
      '{table}.{column} is added as {type} NOT NULL without a DEFAULT{size}. Existing rows would get the zero date, which this sql_mode (strict with NO_ZERO_DATE, the MySQL default) rejects: the ALTER fails with "Incorrect date value" on a table with rows.',
    zeroDateFilled:
      '{table}.{column} is added as {type} NOT NULL without a DEFAULT{size}. This sql_mode (the MariaDB default has no NO_ZERO_DATE) fills every existing row with the zero date 0000-00-00, which most clients cannot parse, and INSERTs that do not name {column} fail in strict mode.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || isKnownEmpty(context, op.table)) return [];
    const reports: Report<Messages>[] = [];
    const rejects = rejectsZeroDates(context);
    for (const action of op.actions) {
      if (action.type !== 'add-column') continue;
      const c = action.column;
      if (c.nullable !== false || c.defaultValue !== null || c.autoIncrement || c.generated || c.primaryKey) continue;
      const isDate = c.dataType in DATES;
      const fill = isDate ? DATES[c.dataType]! : implicitDefault(c);
      const alternatives: Alternative[] = [];
      if (!isDate && !NO_LITERAL_DEFAULT.has(c.dataType)) {
        const withDefault = { ...c, defaultValue: fill };
        const clause = clauseFor(context, op.table, { type: 'add-column', column: withDefault, ifNotExists: false });
        alternatives.push(
          onlineDdlSql(`Add ${c.name} with an explicit DEFAULT, so old code keeps inserting`, [
            buildAlter(op.table, [`ADD COLUMN ${renderColumn(withDefault)}`], clause),
          ], ['Pick the default the application means; the implicit one is shown.']),
        );
      }
      const primaryKey = primaryKeyOf(context.table(op.table)?.definition ?? null);
      alternatives.push(
        addRequiredColumnPlan({
          table: op.table,
          column: c,
          fill,
          primaryKey,
          addClause: clauseFor(context, op.table, { type: 'add-column', column: { ...c, nullable: true }, ifNotExists: false }),
          modifyClause: null,
        }),
      );
      reports.push({
        messageId: isDate ? (rejects ? 'zeroDate' : 'zeroDateFilled') : 'implicitDefault',
        values: { table: op.table.name, column: c.name, size: rowsPhrase(context, op.table), value: fill, type: c.dataType },
        severity: isDate && rejects ? 'error' : 'warning',
        table: op.table.name,
        column: c.name,
        alternatives,
      });
    }
    return reports;
  },
});
