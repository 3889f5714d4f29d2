// L15: a SPATIAL index is built in place without a rebuild, but concurrent writes wait for it.
import { defineAnalyzer } from '../src/analysis/analyzer.js';
import { indexBuildReports } from '../src/analysis/alternatives/alter-facts.js';

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
    return indexBuildReports(statement, context, 'spatial', 'spatial', 'The tools build the index on the copy, so writes to the original continue.');
  },
});
