// H05: FLOAT/DOUBLE store binary approximations: 0.1 + 0.2 is not 0.3, sums drift, and equality
// tests fail. Fine for measurements; wrong for money, quantities and anything compared exactly.
import { defineAnalyzer, type Report } from '../src/analysis/analyzer.js';
import type { ColumnDefinition } from '../src/parser/statement.js';

type Messages = 'float';

const EXACT_NAMES = /(price|amount|cost|total|balance|money|fee|tax|qty|quantity|rate)/i;

export const floatColumn = defineAnalyzer<Messages>({
  id: 'float-column',
  title: 'FLOAT/DOUBLE column (approximate numbers)',
  category: 'hygiene',
  severity: 'info',
  appliesTo: ['create-table', 'alter-table'],
  messages: {
    float:
      '{table}.{column} is {type}, an approximate binary floating-point type: values like 0.1 cannot be stored exactly, sums drift and equality comparisons fail.{hint} Use DECIMAL(precision, scale) for values that must be exact.',
  },
  check(statement) {
    const op = statement.operation;
    let columns: readonly ColumnDefinition[];
    if (op.kind === 'create-table') columns = op.columns;
    else if (op.kind === 'alter-table') columns = op.actions.flatMap((a) => (a.type === 'add-column' || a.type === 'modify-column' || a.type === 'change-column' ? [a.column] : []));
    else return [];
    const reports: Report<Messages>[] = [];
    for (const c of columns) {
      if (!['FLOAT', 'DOUBLE', 'REAL', 'DOUBLE PRECISION'].includes(c.dataType)) continue;
      const exact = EXACT_NAMES.test(c.name);
      reports.push({
        messageId: 'float',
        values: {
          table: op.table.name,
          column: c.name,
          type: c.typeText,
          hint: `${exact ? ` The name ${c.name} suggests a value that must add up exactly.` : ''}${c.length !== null ? ' FLOAT(M,D)/DOUBLE(M,D) is also deprecated since MySQL 8.0.17.' : ''}`,
        },
        severity: exact ? 'warning' : 'info',
        table: op.table.name,
        column: c.name,
      });
    }
    return reports;
  },
});
