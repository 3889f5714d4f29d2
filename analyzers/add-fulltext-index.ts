// L14: a FULLTEXT index blocks writes while it is built, and the first one also adds the hidden
// FTS_DOC_ID column, which rebuilds the table. Later FULLTEXT indexes still block writes.
import { defineAnalyzer } from '../src/analysis/analyzer.js';
import { indexBuildReports } from '../src/analysis/alternatives/alter-facts.js';

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
    return indexBuildReports(statement, context, 'fulltext', 'fulltext', 'gh-ost and pt-osc build the FULLTEXT index on the copy, so writes to the original continue.');
  },
});
