// M03: DELETE of every row of a table. InnoDB deletes row by row in one transaction: every row is
// locked, copied to undo and written to the binary log, and replicas replay it afterwards. TRUNCATE
// does the same in seconds when nothing depends on the row-by-row path; a keyset-batched delete
// works in every case.
import { defineAnalyzer, type Alternative } from '../src/analysis/analyzer.js';
import { BATCH_BLOCKER_TEXT, batchedAlternative, planBatched } from '../src/analysis/alternatives/batched-dml.js';
import { truncateAlternative, withMigrationTriggers } from '../src/analysis/alternatives/truncate.js';
import { createdInMigration, formatRows, knownRows, sizeSeverity } from '../src/analysis/size-severity.js';

type Messages = 'deleteAll' | 'deleteAllNoTruncate';

export const deleteAllRows = defineAnalyzer<Messages>({
  id: 'delete-all-rows',
  title: 'DELETE of every row of a table',
  category: 'dml',
  severity: 'error',
  appliesTo: ['delete'],
  messages: {
    deleteAll:
      'DELETE removes {what} one by one in a single transaction. Every row is locked, copied to undo and written to the binary log; the purge lags behind, replicas replay the whole delete after it commits, and a rollback takes as long again. {batchNote}',
    deleteAllNoTruncate:
      'DELETE removes {what} one by one in a single transaction. Every row is locked, copied to undo and written to the binary log; replicas replay the whole delete after it commits. {truncateNote}. {batchNote}',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'delete' || op.hasJoin || op.targets.length !== 1 || op.limit !== null) return [];
    if (op.where !== null && !op.where.alwaysTrue) return [];
    const table = op.targets[0]!;
    if (createdInMigration(context, table)) return [];
    const alternatives: Alternative[] = [];
    const truncate = truncateAlternative(table, withMigrationTriggers(context.table(table), table, context.previous));
    if (truncate.alternative) alternatives.push(truncate.alternative);
    const plan = planBatched(context, op);
    let batchNote: string;
    if ('batched' in plan) {
      alternatives.push(batchedAlternative(plan.batched));
      batchNote = 'A delete in primary-key chunks keeps every transaction short.';
    } else {
      batchNote = `No batched rewrite is proposed: ${BATCH_BLOCKER_TEXT[plan.blocker]}.`;
    }
    return [
      {
        messageId: truncate.refusal === null ? 'deleteAll' : 'deleteAllNoTruncate',
        values: { what: allRowsOf(knownRows(context, table), table.name), truncateNote: truncate.refusal ?? '', batchNote },
        severity: sizeSeverity(context, table, 'rebuild'),
        table: table.name,
        alternatives,
      },
    ];
  },
});

/** `all 1,000,000 rows of big` when the size is known, else `every row of big`. */
function allRowsOf(rows: number | null, table: string): string {
  return rows === null ? `every row of ${table}` : `all ${formatRows(rows)} rows of ${table}`;
}
