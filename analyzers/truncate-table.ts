// D05: TRUNCATE TABLE removes every row at once and cannot be undone: it is DDL, commits
// implicitly, skips DELETE triggers, restarts AUTO_INCREMENT, and fails on a table other tables
// reference. Sometimes exactly what is wanted (see delete-all-rows); never by accident.
import { defineAnalyzer, type Alternative, type Severity } from '../src/analysis/analyzer.js';
import { BATCH_BLOCKER_TEXT, batchedAlternative, planBatched } from '../src/analysis/alternatives/batched-dml.js';
import { truncateAlternative, withMigrationTriggers } from '../src/analysis/alternatives/truncate.js';
import { createdInMigration, knownRows, sizeNote } from '../src/analysis/size-severity.js';
import type { DeleteOperation } from '../src/parser/statement.js';

type Messages = 'truncate' | 'truncateRefused';

export const truncateTable = defineAnalyzer<Messages>({
  id: 'truncate-table',
  title: 'TRUNCATE TABLE deletes every row, irreversibly',
  category: 'destructive',
  severity: 'error',
  appliesTo: ['truncate-table'],
  messages: {
    truncate:
      'TRUNCATE TABLE {table} deletes every row{size} and cannot be rolled back: it is DDL, so it also commits any open transaction. {caveats}',
    truncateRefused: 'TRUNCATE TABLE {table} deletes every row{size} and cannot be rolled back. {refusal}.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'truncate-table' || createdInMigration(context, op.table)) return [];
    const verdict = truncateAlternative(op.table, withMigrationTriggers(context.table(op.table), op.table, context.previous));
    const asDelete: DeleteOperation = { kind: 'delete', targets: [op.table], from: [op.table], where: null, orderBy: null, limit: null, hasJoin: false, ignore: false };
    const plan = planBatched(context, asDelete);
    const alternatives: Alternative[] = [];
    if ('batched' in plan) alternatives.push(batchedAlternative(plan.batched, ['Unlike TRUNCATE, a batched DELETE fires DELETE triggers, keeps AUTO_INCREMENT, honours foreign keys, and each chunk can be rolled back.']));
    const rows = knownRows(context, op.table);
    const severity: Severity = rows === 0 ? 'info' : rows !== null && rows < context.thresholds.smallTableRows ? 'warning' : 'error';
    const caveats = (verdict.alternative?.notes ?? []).filter((n) => !n.startsWith('TRUNCATE is DDL')).join(' ');
    return [
      {
        messageId: verdict.refusal ? 'truncateRefused' : 'truncate',
        values: {
          table: op.table.name,
          size: sizeNote(context, op.table),
          caveats: `${caveats}${'batched' in plan ? '' : ` No batched alternative: ${BATCH_BLOCKER_TEXT[plan.blocker]}.`}`,
          refusal: verdict.refusal ?? '',
        },
        severity,
        table: op.table.name,
        alternatives,
      },
    ];
  },
});
