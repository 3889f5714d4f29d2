// L25: a secondary index build on a large table. It runs online, but it reads the whole table,
// sorts it in tmpdir, must fit concurrent writes into the online log (innodb_online_alter_log_max_size,
// 128 MiB by default) or fail at the end, and replicas replay it in one piece afterwards.
import { defineAnalyzer, type Alternative, type Report } from '../src/analysis/analyzer.js';
import { oscForStatement, addedIndexes } from '../src/analysis/alternatives/alter-facts.js';
import { onlineDdlAlternative } from '../src/analysis/alternatives/online-ddl.js';
import { formatRows, knownRows } from '../src/analysis/size-severity.js';

type Messages = 'large';

export const largeIndexBuild = defineAnalyzer<Messages>({
  id: 'large-index-build',
  title: 'Index build on a large table',
  category: 'locking',
  severity: 'warning',
  appliesTo: ['alter-table', 'create-index'],
  messages: {
    large:
      'Index {index} on {table} is built over about {rows} rows. Writes continue, but the build reads and sorts the whole table, concurrent writes must fit into innodb_online_alter_log_max_size or the ALTER fails at its very end, and replicas apply it afterwards in one piece, lagging by its duration.',
  },
  check(statement, context) {
    const op = statement.operation;
    const added = addedIndexes(op, ['index', 'unique']);
    if (!added) return [];
    const { table, indexes } = added;
    const rows = knownRows(context, table);
    if (indexes.length === 0 || rows === null || rows < context.thresholds.largeTableRows) return [];
    // Only a write-blocking or rebuilding statement is someone else's finding; a plain online build is ours.
    if (context.lock.blocksWrites !== false || context.lock.rebuildsTable === true) return [];
    const alternatives: Alternative[] = [];
    const explicit =
      (op.kind === 'alter-table' || op.kind === 'create-index') &&
      op.algorithm === null &&
      context.lock.clause
        ? onlineDdlAlternative(statement, context.lock.clause, {
            notes: ['Run it off-peak; check free space in tmpdir (about the size of the index) first.'],
          })
        : null;
    if (explicit) alternatives.push(explicit);
    alternatives.push(
      ...oscForStatement(context, statement, [
        'Throttled on replica lag: replicas never fall behind by the whole build.',
      ]),
    );
    return indexes.map((index): Report<Messages> => ({
      messageId: 'large',
      values: { index: index.name ?? '(unnamed)', table: table.name, rows: formatRows(rows) },
      table: table.name,
      alternatives,
    }));
  },
});
