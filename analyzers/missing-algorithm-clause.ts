// L23: an ALTER without ALGORITHM= silently picks the best algorithm it can, which may be a
// blocking table copy when the author expected an instant change. Asserting the expected
// algorithm makes the server refuse in milliseconds instead (ERROR 1845/1846).
import { defineAnalyzer } from '../src/analysis/analyzer.js';
import { formatClause, onlineDdlAlternative } from '../src/analysis/alternatives/online-ddl.js';
import { isKnownEmpty, serverName } from '../src/analysis/size-severity.js';

type Messages = 'missing';

export const missingAlgorithmClause = defineAnalyzer<Messages>({
  id: 'missing-algorithm-clause',
  title: 'DDL without an explicit ALGORITHM= clause',
  category: 'locking',
  severity: 'warning',
  appliesTo: ['alter-table', 'create-index', 'drop-index'],
  messages: {
    missing:
      'The statement on {table} has no ALGORITHM= clause. {server} runs it online with {clause}; without the clause a difference between this plan and the real server (another version, a FULLTEXT index, a row-version limit) silently turns it into a blocking table copy instead of an immediate error.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' && op.kind !== 'create-index' && op.kind !== 'drop-index') return [];
    if (op.algorithm !== null || isKnownEmpty(context, op.table)) return [];
    // A written LOCK= is an assertion of its own (explicit-blocking-algorithm judges blocking ones),
    // and a statement that blocks anyway is alter-blocks-writes' finding: asserting it keeps nothing online.
    if (op.lock !== null && op.lock !== 'DEFAULT') return [];
    if (context.lock.blocksWrites !== false) return [];
    const clause = context.lock.clause;
    if (!clause) return [];
    const alt = onlineDdlAlternative(statement, clause);
    return [
      {
        messageId: 'missing',
        values: { table: op.table.name, server: serverName(context.server.version), clause: formatClause(clause) },
        // Asserting a metadata-only change matters less than asserting a long online one.
        severity: context.lock.sizeDependent === false ? 'info' : 'warning',
        table: op.table.name,
        alternatives: alt ? [alt] : [],
      },
    ];
  },
});
