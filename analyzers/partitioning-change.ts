// L18: PARTITION BY, REMOVE PARTITIONING, REORGANIZE/COALESCE/REBUILD PARTITION copy the table (or the
// affected partitions) with writes blocked on MySQL. Rotating RANGE/LIST partitions with ADD/DROP
// PARTITION is the cheap way to manage partitions.
import { defineAnalyzer, type Alternative } from '../src/analysis/analyzer.js';
import { actionProfile, onlineFor, oscFor } from '../src/analysis/alternatives/alter-facts.js';
import { describeLock, impactOf, isKnownEmpty, rowsPhrase, serverName, sizeSeverity } from '../src/analysis/size-severity.js';

type Messages = 'repartition' | 'reorganize';

const WHOLE_TABLE = new Set(['partition-by', 'remove-partitioning']);
const SOME_PARTITIONS = new Set(['reorganize', 'coalesce', 'rebuild', 'optimize']);

export const partitioningChange = defineAnalyzer<Messages>({
  id: 'partitioning-change',
  title: 'Partitioning change copies the table',
  category: 'locking',
  severity: 'error',
  appliesTo: ['alter-table'],
  messages: {
    repartition: '{what} on {table} copies the whole table{size}. On {server} {lock}.',
    reorganize: '{what} on {table} copies every row of the affected partitions{size}. On {server} {lock}.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || isKnownEmpty(context, op.table)) return [];
    const action = op.actions.find((a) => a.type === 'partition' && (WHOLE_TABLE.has(a.operation) || SOME_PARTITIONS.has(a.operation)));
    if (!action || action.type !== 'partition') return [];
    const profile = actionProfile(context, op, action);
    const what = action.operation === 'partition-by' ? 'PARTITION BY' : action.operation === 'remove-partitioning' ? 'REMOVE PARTITIONING' : `${action.operation.toUpperCase()} PARTITION`;
    const alternatives: Alternative[] = [...onlineFor(context, statement, op), ...oscFor(context, statement, op, ['For rotation, create the partitioning once (through the tool), then only ADD PARTITION / DROP PARTITION, which do not copy rows.'])];
    return [
      {
        messageId: WHOLE_TABLE.has(action.operation) ? 'repartition' : 'reorganize',
        values: { what, table: op.table.name, size: rowsPhrase(context, op.table), server: serverName(context.server.version), lock: describeLock(profile) },
        // An unknown profile (MariaDB does not document partition locking) counts as blocking.
        severity: sizeSeverity(context, op.table, impactOf(profile)),
        table: op.table.name,
        alternatives,
      },
    ];
  },
});
