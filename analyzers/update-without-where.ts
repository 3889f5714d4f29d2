// M01 for UPDATE: an UPDATE without WHERE (or with WHERE 1=1) rewrites every row of the table in
// one transaction. Sometimes that is the intent (a backfill), and then it belongs in batches.
import { defineAnalyzer, type Alternative } from '../src/analysis/analyzer.js';
import { BATCH_BLOCKER_TEXT, batchedAlternative, planBatched } from '../src/analysis/alternatives/batched-dml.js';
import { createdInMigration, formatRows, knownRows, sizeSeverity } from '../src/analysis/size-severity.js';

type Messages = 'noWhere';

export const updateWithoutWhere = defineAnalyzer<Messages>({
  id: 'update-without-where',
  title: 'UPDATE without WHERE',
  category: 'dml',
  severity: 'warning',
  appliesTo: ['update'],
  messages: {
    noWhere:
      'UPDATE {table} has no WHERE clause: it rewrites {what} ({columns}) in a single transaction. Every row stays locked until the end, undo and the binary log grow with the table, and replicas replay it only after it commits. If this is a backfill, run it in key-ordered chunks; if not, the WHERE is missing.{batchNote}',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'update' || (op.where !== null && !op.where.alwaysTrue)) return [];
    const table = op.tables[0];
    if (!table || op.tables.every((t) => createdInMigration(context, t))) return [];
    const rows = knownRows(context, table);
    const plan = op.limit === null ? planBatched(context, op) : { blocker: 'limit' as const };
    const alternatives: Alternative[] = [];
    let batchNote = '';
    if ('batched' in plan) alternatives.push(batchedAlternative(plan.batched));
    else batchNote = ` No batched rewrite is proposed: ${BATCH_BLOCKER_TEXT[plan.blocker]}.`;
    return [
      {
        messageId: 'noWhere',
        values: {
          table: table.name,
          what: op.limit !== null ? `up to ${op.limit} rows` : op.hasJoin ? `every row the join with ${op.tables.slice(1).map((t) => t.name).join(', ') || 'the other tables'} matches` : rows === null ? 'every row' : `all ${formatRows(rows)} rows`,
          columns: op.assignments.map((a) => a.column).join(', '),
          batchNote,
        },
        severity: sizeSeverity(context, table, 'rebuild'),
        table: table.name,
        alternatives,
      },
    ];
  },
});
