// L04/F03: MODIFY … NOT NULL on a nullable column. The table is rebuilt in place (writes
// continue), every row is checked, and in strict mode one NULL fails the ALTER at the end —
// without strict mode NULLs silently become the type's zero value.
import { defineAnalyzer, type Alternative, type Report } from '../src/analysis/analyzer.js';
import { actionProfile, columnBefore, modifiedColumn, oscFor } from '../src/analysis/alternatives/alter-facts.js';
import { isIntegerType } from '../src/analysis/alternatives/column-types.js';
import { notNullPlan, primaryKeyOf } from '../src/analysis/alternatives/expand-contract.js';
import { describeLock, impactOf, isKnownEmpty, rowsPhrase, serverName, sizeSeverity } from '../src/analysis/size-severity.js';
import type { ColumnDefinition } from '../src/parser/statement.js';

type Messages = 'notNull';

const isNullable = (c: ColumnDefinition): boolean => c.nullable !== false && !c.primaryKey;

function fillValue(c: ColumnDefinition): string {
  if (c.defaultValue !== null && !/^null$/i.test(c.defaultValue)) return c.defaultValue;
  if (isIntegerType(c.dataType) || ['DECIMAL', 'FLOAT', 'DOUBLE'].includes(c.dataType)) return '0';
  if (c.dataType === 'DATE') return 'CURRENT_DATE';
  if (c.dataType === 'DATETIME' || c.dataType === 'TIMESTAMP') return 'CURRENT_TIMESTAMP';
  return "''";
}

export const nullToNotNull = defineAnalyzer<Messages>({
  id: 'null-to-not-null',
  title: 'Nullable column made NOT NULL',
  category: 'data-dependent',
  severity: 'warning',
  appliesTo: ['alter-table'],
  messages: {
    notNull:
      '{table}.{column} becomes NOT NULL{size}. On {server} {lock}. Every row is checked: in strict mode a single NULL fails the ALTER after the whole rebuild; without strict mode NULLs silently become {zero}. Code that still writes NULL starts failing.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || isKnownEmpty(context, op.table)) return [];
    const reports: Report<Messages>[] = [];
    for (const action of op.actions) {
      const m = modifiedColumn(action);
      if (!m || m.column.nullable !== false) continue;
      const before = columnBefore(context, op.table, m.from);
      if (!before || !isNullable(before)) continue;
      const profile = actionProfile(context, op, action);
      const fill = fillValue(m.column);
      const alternatives: Alternative[] = [
        notNullPlan({
          table: op.table,
          column: m.column,
          fill,
          primaryKey: primaryKeyOf(context.table(op.table)?.definition ?? null),
          modifyClause: profile.clause,
        }),
        ...oscFor(context, statement, op),
      ];
      reports.push({
        messageId: 'notNull',
        values: { table: op.table.name, column: m.from, size: rowsPhrase(context, op.table), server: serverName(context.server.version), lock: describeLock(profile), zero: fill === "''" ? "''" : fill === '0' ? '0' : 'the zero value' },
        severity: sizeSeverity(context, op.table, impactOf(profile)),
        table: op.table.name,
        column: m.from,
        alternatives,
      });
    }
    return reports;
  },
});
