// Online rebuilds: INPLACE operations that rewrite the clustered index while writes continue.
// Cheap on a small table, hours of IO, online-log pressure and replica lag on a big one.
import { defineAnalyzer, type Alternative } from '../src/analysis/analyzer.js';
import { actionLabel, actionsWhere, oscFor } from '../src/analysis/alternatives/alter-facts.js';
import { onlineDdlAlternative } from '../src/analysis/alternatives/online-ddl.js';
import { isKnownEmpty, rowsPhrase, serverName, sizeSeverity } from '../src/analysis/size-severity.js';

type Messages = 'rebuilds' | 'onlineCopy';

export const alterRebuildsTable = defineAnalyzer<Messages>({
  id: 'alter-rebuilds-table',
  title: 'ALTER rebuilds the whole table',
  category: 'locking',
  severity: 'warning',
  appliesTo: ['alter-table'],
  messages: {
    rebuilds:
      'This ALTER rebuilds {table}{size} ({actions}). On {server} it runs {algorithm}: writes continue, but the whole table is rewritten (IO, buffer-pool churn, temporary space about the size of the table), concurrent changes must fit the online log (innodb_online_alter_log_max_size) or the ALTER fails at the end, and replicas apply it afterwards in one piece, lagging by its duration.',
    onlineCopy:
      'This ALTER copies {table}{size} ({actions}). On {server} it runs as an online copy (ALGORITHM=COPY, LOCK=NONE): writes continue, but concurrent changes are buffered in a temporary file in tmpdir with no size cap and replayed at the end under a brief exclusive lock, the copy needs free space about the size of the table, and replicas apply it afterwards in one piece, lagging by its duration.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || isKnownEmpty(context, op.table)) return [];
    const lock = context.lock;
    // Blocking rebuilds are alter-blocks-writes' finding; this rule is about online ones.
    if (lock.rebuildsTable !== true || lock.blocksWrites !== false) return [];
    const culprits = actionsWhere(context, op, (p) => p.rebuildsTable !== false).map(actionLabel);
    const alternatives: Alternative[] = [];
    if (lock.clause && op.algorithm === null) {
      const alt = onlineDdlAlternative(statement, lock.clause);
      if (alt) alternatives.push(alt);
    }
    alternatives.push(...oscFor(context, statement, op));
    return [
      {
        messageId: lock.algorithm === 'COPY' ? 'onlineCopy' : 'rebuilds',
        values: {
          table: op.table.name,
          size: rowsPhrase(context, op.table),
          actions: culprits.length > 0 ? culprits.join(', ') : 'the statement as a whole',
          server: serverName(context.server.version),
          algorithm: lock.algorithm ? `ALGORITHM=${lock.algorithm}` : 'with an unknown algorithm',
        },
        severity: sizeSeverity(context, op.table, 'rebuild'),
        table: op.table.name,
        alternatives,
      },
    ];
  },
});
