// The statement-level impact verdict: this DDL makes concurrent writes to the table wait for its
// whole run (a COPY, a FULLTEXT/SPATIAL build, LOCK=SHARED …). The cause-specific rules say why;
// this one says what the application will feel, sized by the table.
import { defineAnalyzer, type Alternative } from '../src/analysis/analyzer.js';
import { actionLabel, actionsWhere, onlineFor, oscForStatement } from '../src/analysis/alternatives/alter-facts.js';
import { describeLock, isKnownEmpty, rowsPhrase, serverName, sizeSeverity } from '../src/analysis/size-severity.js';
import type { TableRef } from '../src/parser/statement.js';

type Messages = 'blocksWrites' | 'unknown';

export const alterBlocksWrites = defineAnalyzer<Messages>({
  id: 'alter-blocks-writes',
  title: 'DDL blocks writes to the table while it runs',
  category: 'locking',
  severity: 'error',
  appliesTo: ['alter-table', 'create-index', 'drop-index'],
  messages: {
    blocksWrites:
      '{table} stops accepting writes while this statement runs{size} ({actions}). On {server} {lock}; every INSERT, UPDATE and DELETE on {table} queues behind it, and the connection pool fills up.',
    unknown:
      'drydock cannot tell whether this statement lets writes to {table} continue on {server} ({reasons}). Treat it as blocking until a shadow run measures it.',
  },
  check(statement, context) {
    const op = statement.operation;
    let table: TableRef;
    if (op.kind === 'alter-table' || op.kind === 'create-index' || op.kind === 'drop-index') table = op.table;
    else return [];
    if (isKnownEmpty(context, table)) return [];
    const lock = context.lock;
    if (lock.blocksWrites === false) return [];
    const alternatives: Alternative[] = [];
    if (op.kind === 'alter-table') alternatives.push(...onlineFor(context, statement, op));
    alternatives.push(...oscForStatement(context, statement));
    const server = serverName(context.server.version);
    if (lock.blocksWrites === null) {
      return [{ messageId: 'unknown', values: { table: table.name, server, reasons: lock.reasons.join('; ') || 'no model for this change' }, severity: 'warning', table: table.name, alternatives }];
    }
    const culprits =
      op.kind === 'alter-table'
        ? actionsWhere(context, op, (p) => p.blocksWrites !== false).map(actionLabel)
        : [op.kind === 'create-index' ? `CREATE ${op.index.kind === 'index' ? '' : op.index.kind.toUpperCase() + ' '}INDEX` : 'DROP INDEX'];
    const actions = culprits.length > 0 ? culprits.join(', ') : 'the requested ALGORITHM/LOCK';
    return [
      {
        messageId: 'blocksWrites',
        values: { table: table.name, size: rowsPhrase(context, table), actions, server, lock: describeLock(lock) },
        severity: sizeSeverity(context, table, 'blocking'),
        table: table.name,
        alternatives,
      },
    ];
  },
});
