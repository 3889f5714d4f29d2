// L14: a FULLTEXT index blocks writes while it is built, and the first one also adds the hidden
// FTS_DOC_ID column, which rebuilds the table. Later FULLTEXT indexes still block writes.
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

type Messages = 'fulltext';

export const addFulltextIndex = defineAnalyzer<Messages>({
  id: 'add-fulltext-index',
  title: 'FULLTEXT index build blocks writes',
  category: 'locking',
  severity: 'error',
  appliesTo: ['alter-table', 'create-index'],
  messages: {
    fulltext:
      'FULLTEXT index {index} on {table} ({columns}) is built{size}. On {server} {lock}. The first FULLTEXT index of a table also adds a hidden FTS_DOC_ID column, and afterwards MySQL can no longer add or drop columns of this table instantly.',
  },
  check(statement, context) {
    const added = addedIndexes(statement.operation, ['fulltext']);
    if (!added) return [];
    const { table, indexes } = added;
    if (indexes.length === 0 || isKnownEmpty(context, table)) return [];
    const profile = context.lock;
    const alternatives = oscForStatement(context, statement, [
      'gh-ost and pt-osc build the FULLTEXT index on the copy, so writes to the original continue.',
    ]);
    return indexes.map((index): Report<Messages> => ({
      messageId: 'fulltext',
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
