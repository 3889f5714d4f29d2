// X06: dropping an index straight away. If a query still needs it, the plan change shows up as a
// slow query in production, and putting the index back is a long build. Making it invisible
// (MySQL 8.0) or IGNORED (MariaDB 10.6) first is instant and instantly reversible.
import { defineAnalyzer, type Alternative, type Report } from '../src/analysis/analyzer.js';
import { expandContract } from '../src/analysis/alternatives/expand-contract.js';
import { quoteIdent, quoteTable } from '../src/analysis/alternatives/online-ddl.js';
import { isKnownEmpty } from '../src/analysis/size-severity.js';
import type { AnalysisContext } from '../src/analysis/analyzer.js';
import type { TableRef } from '../src/parser/statement.js';

type Messages = 'dropIndex' | 'dropIndexNoTrial';

/** The server's word for a disabled-but-maintained index, or null when it has none. */
function invisibleKeyword(context: AnalysisContext, table: TableRef, name: string): 'INVISIBLE' | 'IGNORED' | null {
  if (context.server.isMariaDb) return context.server.supportsIgnoredIndexes ? 'IGNORED' : null;
  const profile = context.server.profileAlterAction({ type: 'alter-index-visibility', name, visible: false }, context.table(table), context.session);
  return profile.basis === 'unknown' ? null : 'INVISIBLE';
}

export const dropIndex = defineAnalyzer<Messages>({
  id: 'drop-index',
  title: 'Index dropped without an invisible trial',
  category: 'destructive',
  severity: 'warning',
  appliesTo: ['alter-table', 'drop-index'],
  messages: {
    dropIndex:
      'Index {index} on {table} is dropped outright. If some query still uses it, that query falls back to a scan the moment the index is gone, and putting it back is a full index build. Making it {keyword} first is instant and reversible: the server keeps maintaining it but the optimizer stops using it, so a regression shows up while undoing it is one statement.',
    dropIndexNoTrial:
      'Index {index} on {table} is dropped outright. If some query still uses it, that query falls back to a scan the moment the index is gone, and putting it back is a full index build. {server} cannot hide an index first, so check the query digests before dropping it.',
  },
  check(statement, context) {
    const op = statement.operation;
    let table: TableRef;
    let names: string[];
    if (op.kind === 'drop-index') {
      table = op.table;
      names = [op.name];
    } else if (op.kind === 'alter-table') {
      table = op.table;
      names = op.actions.flatMap((a) => (a.type === 'drop-index' ? [a.name] : []));
      // DROP INDEX x, ADD INDEX x (…) redefines the index in one statement.
      const added = new Set(op.actions.flatMap((a) => (a.type === 'add-index' && a.index.name ? [a.index.name.toLowerCase()] : [])));
      names = names.filter((n) => !added.has(n.toLowerCase()));
    } else return [];
    if (isKnownEmpty(context, table)) return [];
    const reports: Report<Messages>[] = [];
    // An index a foreign key relies on is drop-index-used-by-foreign-key's concern.
    for (const name of names) {
      if (/^primary$/i.test(name)) continue; // drop-primary-key
      const keyword = invisibleKeyword(context, table, name);
      const t = quoteTable(table);
      const i = quoteIdent(name);
      const alternatives: Alternative[] = keyword
        ? [
            expandContract(`Make ${name} ${keyword} first, watch, then drop it in a later migration`, [
              `ALTER TABLE ${t} ALTER INDEX ${i} ${keyword};`,
              `-- watch slow queries for a while (undo with: ALTER TABLE ${t} ALTER INDEX ${i} ${keyword === 'IGNORED' ? 'NOT IGNORED' : 'VISIBLE'};)`,
              `ALTER TABLE ${t} DROP INDEX ${i};`,
            ], ['Changing visibility is a metadata change: no rebuild, no copy.'])
          ]
        : [];
      reports.push({
        messageId: keyword ? 'dropIndex' : 'dropIndexNoTrial',
        values: {
          index: name,
          table: table.name,
          keyword: keyword ?? '',
          server: context.server.isMariaDb ? 'MariaDB before 10.6' : 'This MySQL version',
        },
        table: table.name,
        alternatives,
      });
    }
    return reports;
  },
});
