// L15: a SPATIAL index is built in place without a rebuild, but concurrent writes wait for it.
import { defineAnalyzer, type Report } from '../src/analysis/analyzer.js';
import { oscForStatement, addedIndexes } from '../src/analysis/alternatives/alter-facts.js';
import {
  describeLock,
  impactOf,
  isKnownEmpty,
  rowsPhrase,
  serverName,
  sizeSeverity,
} from '../src/analysis/size-severity.js';

type Messages = 'spatial';

export const addSpatialIndex = defineAnalyzer<Messages>({
  id: 'add-spatial-index',
  title: 'SPATIAL index build blocks writes',
  category: 'locking',
  severity: 'error',
  appliesTo: ['alter-table', 'create-index'],
  messages: {
    spatial:
      'SPATIAL index {index} on {table} ({columns}) is built{size}. On {server} {lock}: the build does not allow concurrent writes (LOCK=SHARED at best).',
  },
  check(statement, context) {
    const added = addedIndexes(statement.operation, ['spatial']);
    if (!added) return [];
    const { table, indexes } = added;
    if (indexes.length === 0 || isKnownEmpty(context, table)) return [];
    const profile = context.lock;
    const alternatives = oscForStatement(context, statement, [
      'The tools build the index on the copy, so writes to the original continue.',
    ]);
    return indexes.map((index): Report<Messages> => ({
      messageId: 'spatial',
      values: {
        index: index.name ?? '(unnamed)',
        table: table.name,
        columns: index.columns.map((c) => c.name).join(', '),
        size: rowsPhrase(context, table),
        server: serverName(context.server.version),
        lock: describeLock(profile),
      },
      severity: sizeSeverity(context, table, impactOf(profile)),
      table: table.name,
      alternatives,
    }));
  },
});
