// H10: a very wide composite index. Every write updates it, it is large, and a query can use its
// columns only from the left, so the later columns rarely help.
import { defineAnalyzer, type Report } from '../src/analysis/analyzer.js';
import type { IndexDefinition, TableRef } from '../src/parser/statement.js';

type Messages = 'wide';

/** More key parts than this is reported. */
export const MAX_INDEX_COLUMNS = 5;

export const tooManyIndexColumns = defineAnalyzer<Messages>({
  id: 'too-many-index-columns',
  title: 'Index with many columns',
  category: 'hygiene',
  severity: 'info',
  appliesTo: ['create-table', 'alter-table', 'create-index'],
  messages: {
    wide:
      'Index {index} on {table} has {count} columns ({columns}). Every INSERT, UPDATE and DELETE maintains all of them, the index takes space in the buffer pool, and a query can use its columns only from the left: columns after the first range condition do not narrow the search.',
  },
  check(statement) {
    const op = statement.operation;
    let table: TableRef;
    let indexes: readonly IndexDefinition[];
    if (op.kind === 'create-table') [table, indexes] = [op.table, op.indexes];
    else if (op.kind === 'alter-table') [table, indexes] = [op.table, op.actions.flatMap((a) => (a.type === 'add-index' ? [a.index] : []))];
    else if (op.kind === 'create-index') [table, indexes] = [op.table, [op.index]];
    else return [];
    return indexes
      .filter((i) => i.columns.length > MAX_INDEX_COLUMNS && i.kind !== 'primary')
      .map((i): Report<Messages> => ({
        messageId: 'wide',
        values: { index: i.name ?? '(unnamed)', table: table.name, count: i.columns.length, columns: i.columns.map((c) => c.expression ?? c.name).join(', ') },
        table: table.name,
      }));
  },
});
