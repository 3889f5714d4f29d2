// C06: INSERT without a column list fills columns by position. It depends on the table's exact
// column order in every environment: a column added, dropped or reordered by another migration (or
// by drift) makes it fail, or worse, put values into the wrong columns when the types convert.
import { defineAnalyzer, type Alternative } from '../src/analysis/analyzer.js';
import { quoteIdent } from '../src/analysis/alternatives/online-ddl.js';

type Messages = 'positional';

const TABLE_NAME = '(?:`(?:[^`]|``)+`|[\\w$]+)(?:\\s*\\.\\s*(?:`(?:[^`]|``)+`|[\\w$]+))?';
const HEAD = new RegExp(`^(\\s*(?:INSERT|REPLACE)\\b(?:\\s+(?:LOW_PRIORITY|DELAYED|HIGH_PRIORITY|IGNORE))*(?:\\s+INTO)?\\s+${TABLE_NAME})\\s*`, 'i');

export const insertWithoutColumnList = defineAnalyzer<Messages>({
  id: 'insert-without-column-list',
  title: 'INSERT without a column list',
  category: 'backward-incompatible',
  severity: 'warning',
  appliesTo: ['insert'],
  messages: {
    positional:
      '{verb} INTO {table} has no column list, so its values are matched to columns by position. It is correct only for the exact column order {table} has when it runs: after a column is added, dropped or reordered — by another migration, or by drift in one environment — it fails, or stores values in the wrong columns where the types convert.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'insert' || op.source === 'set' || op.columns.length > 0) return [];
    const def = context.table(op.table)?.definition ?? null;
    const alternatives: Alternative[] = [];
    const head = HEAD.exec(statement.sql);
    if (def && head && def.columns.length > 0 && def.columns.every((c) => c.generated === null)) {
      const list = def.columns.map((c) => quoteIdent(c.name)).join(', ');
      alternatives.push(
        Object.freeze({
          kind: 'rewrite' as const,
          title: `Name the columns (${def.columns.length} of them, in ${op.table.name}'s current order)`,
          sql: Object.freeze([`${head[1]} (${list}) ${statement.sql.slice(head[0].length)};`]),
          notes: Object.freeze(['Check that the values are meant for these columns: the list shows the order the statement relies on today.']),
          replacesStatement: true,
        }),
      );
    }
    return [{ messageId: 'positional', values: { verb: op.replace ? 'REPLACE' : 'INSERT', table: op.table.name }, table: op.table.name, alternatives }];
  },
});
