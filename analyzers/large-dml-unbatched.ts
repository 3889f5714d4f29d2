// M02: a DELETE/UPDATE with a WHERE on a large table, in one statement. It can touch up to every row:
// one long transaction holding row locks, growing undo and history, one huge binary-log event that
// replicas replay only after it commits (or that fails on max_binlog_cache_size). Keyset batches
// keep each transaction small. (No WHERE at all: delete-all-rows / update-without-where.)
import { defineAnalyzer, type Alternative } from '../src/analysis/analyzer.js';
import { BATCH_BLOCKER_TEXT, batchedAlternative, planBatched, primaryKeyFor } from '../src/analysis/alternatives/batched-dml.js';
import { formatRows } from '../src/analysis/size-severity.js';

type Messages = 'large';

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The WHERE pins every primary-key column with `=` or `IN (…)` and has no OR: it touches a handful of rows. */
export function isKeyLookup(where: string, key: readonly string[]): boolean {
  if (/\bOR\b/i.test(where)) return false;
  return key.every((k) => new RegExp(`(?:^|[\\s(.\`])${escapeRe(k)}\`?\\s*(?:=|<=>|IN\\s*\\()`, 'i').test(where));
}

export const largeDmlUnbatched = defineAnalyzer<Messages>({
  id: 'large-dml-unbatched',
  title: 'Large DELETE/UPDATE in one transaction',
  category: 'dml',
  severity: 'warning',
  appliesTo: ['delete', 'update'],
  messages: {
    large:
      'This {verb} on {table} can touch up to {rows} rows in a single transaction (how many its WHERE matches, the shadow run measures). A large one holds its row locks until the end, grows undo and history, and reaches replicas as one huge binary-log event that they replay only after it commits — or it fails on max_binlog_cache_size. {batchNote}',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'delete' && op.kind !== 'update') return [];
    if (op.where === null || op.where.alwaysTrue || op.limit !== null) return [];
    const tables = op.kind === 'delete' ? op.targets : op.tables;
    const table = tables[0];
    if (!table) return [];
    const rows = context.table(table)?.rows ?? null;
    if (rows === null || rows < context.thresholds.batchRows) return [];
    const key = primaryKeyFor(context, table);
    if (key && isKeyLookup(op.where.sql, key)) return [];
    const plan = planBatched(context, op);
    const alternatives: Alternative[] = [];
    let batchNote: string;
    if ('batched' in plan) {
      alternatives.push(batchedAlternative(plan.batched));
      batchNote = 'Run it in primary-key chunks, each its own short transaction.';
    } else batchNote = `No batched rewrite is proposed: ${BATCH_BLOCKER_TEXT[plan.blocker]}.`;
    return [
      {
        messageId: 'large',
        values: { verb: op.kind === 'delete' ? 'DELETE' : 'UPDATE', table: table.name, rows: formatRows(rows), batchNote },
        severity: 'warning',
        table: table.name,
        alternatives,
      },
    ];
  },
});
