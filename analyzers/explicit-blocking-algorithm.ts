// L22: ALGORITHM=COPY, LOCK=SHARED or LOCK=EXCLUSIVE written into the statement force a blocking
// run even where the server could work online. Usually copied from an old answer on the web.
import { defineAnalyzer, type Alternative } from '../src/analysis/analyzer.js';
import { bestProfile, oscForStatement } from '../src/analysis/alternatives/alter-facts.js';
import { formatClause, onlineDdlAlternative } from '../src/analysis/alternatives/online-ddl.js';
import { isKnownEmpty, rowsPhrase, serverName, sizeSeverity } from '../src/analysis/size-severity.js';
import type { LockProfile } from '../src/db/capabilities/types.js';
import type { TableRef } from '../src/parser/statement.js';

type Messages = 'forcesBlocking' | 'nothingBetter';

const BLOCKING_LOCKS = new Set(['SHARED', 'EXCLUSIVE']);

export const explicitBlockingAlgorithm = defineAnalyzer<Messages>({
  id: 'explicit-blocking-algorithm',
  title: 'Explicit ALGORITHM=COPY or LOCK=SHARED/EXCLUSIVE',
  category: 'locking',
  severity: 'warning',
  appliesTo: ['alter-table', 'create-index', 'drop-index'],
  messages: {
    forcesBlocking:
      'The statement on {table} asks for {requested}, which blocks {blocked} for its whole run{size}. On {server} the same change can run with {better}: drop the clause or assert the online one.',
    nothingBetter:
      'The statement on {table} asks for {requested}. On {server} this change has no online algorithm anyway, so the clause changes little; prefer an online schema change tool on a big table.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' && op.kind !== 'create-index' && op.kind !== 'drop-index') return [];
    const algorithm = op.algorithm;
    const lock = op.lock;
    const forcesCopy = algorithm === 'COPY';
    const forcesLock = lock !== null && BLOCKING_LOCKS.has(lock);
    if (!forcesCopy && !forcesLock) return [];
    const table: TableRef = op.table;
    if (isKnownEmpty(context, table)) return [];
    const requested = [algorithm ? `ALGORITHM=${algorithm}` : null, lock ? `LOCK=${lock}` : null].filter(Boolean).join(', ');
    let best: LockProfile;
    if (op.kind === 'alter-table') best = bestProfile(context, op);
    else best = context.server.profileOperation({ ...op, algorithm: null, lock: null }, context.table(table), context.session);
    const server = serverName(context.server.version);
    const alternatives: Alternative[] = [];
    if (best.clause && best.blocksWrites === false) {
      const alt = onlineDdlAlternative(statement, best.clause, { title: `Use ${formatClause(best.clause)} instead of ${requested}` });
      if (alt) alternatives.push(alt);
      return [
        {
          messageId: 'forcesBlocking',
          values: { table: table.name, requested, blocked: lock === 'EXCLUSIVE' ? 'reads and writes' : 'writes', size: rowsPhrase(context, table), server, better: formatClause(best.clause) },
          severity: sizeSeverity(context, table, 'blocking'),
          table: table.name,
          alternatives,
        },
      ];
    }
    alternatives.push(...oscForStatement(context, statement));
    return [{ messageId: 'nothingBetter', values: { table: table.name, requested, server }, severity: 'info', table: table.name, alternatives }];
  },
});
