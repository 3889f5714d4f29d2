// F08: BEGIN / COMMIT / ROLLBACK written into a migration. They promise an atomicity MySQL cannot
// give around DDL (each DDL commits implicitly), they fight the runner's own transaction handling,
// and a BEGIN without its COMMIT leaves a transaction open that holds locks.
import { defineAnalyzer } from '../src/analysis/analyzer.js';
import { isDdl } from '../src/parser/statement.js';

type Messages = 'transaction' | 'unclosed';

export const transactionStatementsInMigration = defineAnalyzer<Messages>({
  id: 'transaction-statements-in-migration',
  title: 'BEGIN/COMMIT/ROLLBACK inside a migration',
  category: 'runner-safety',
  severity: 'warning',
  appliesTo: ['transaction'],
  messages: {
    transaction:
      '{verb} in a migration file.{ddl} The migration runner manages transactions itself (drydock apply gives each data change its own batches); a transaction statement in the file commits or ends the runner\'s transaction behind its back.',
    unclosed:
      'BEGIN starts a transaction that no later COMMIT or ROLLBACK in this migration ends: it stays open after the migration, holding its row locks and metadata locks, and the next DDL on those tables waits for it.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'transaction') return [];
    const later = context.migration.statements.filter((s) => s.index > statement.index);
    if (op.verb === 'begin' && !later.some((s) => s.operation.kind === 'transaction' && s.operation.verb !== 'begin')) {
      return [{ messageId: 'unclosed', severity: 'error', alternatives: [] }];
    }
    const hasDdl = context.migration.statements.some((s) => isDdl(s.operation));
    return [
      {
        messageId: 'transaction',
        values: {
          verb: op.verb.toUpperCase(),
          ddl: hasDdl ? ' The migration also contains DDL, which commits implicitly: whatever the BEGIN … COMMIT seems to group is not atomic.' : '',
        },
        alternatives: [
          Object.freeze({
            kind: 'rewrite' as const,
            title: `Remove the ${op.verb.toUpperCase()}: let the runner decide transactions`,
            sql: Object.freeze([]), // nothing replaces it
            notes: Object.freeze(['Keep data changes that must be atomic in a migration of their own, without DDL.']),
            replacesStatement: true,
          }),
        ],
      },
    ];
  },
});
