// L10: adding an AUTO_INCREMENT column numbers every existing row: an in-place rebuild that does
// not allow concurrent writes, and with statement-based replication replicas may number rows
// differently. MariaDB 11.2+ online copy explicitly excludes it.
import { defineAnalyzer, type Report } from '../src/analysis/analyzer.js';
import { actionProfile, oscFor } from '../src/analysis/alternatives/alter-facts.js';
import { describeLock, impactOf, isKnownEmpty, rowsPhrase, serverName, sizeSeverity } from '../src/analysis/size-severity.js';

type Messages = 'autoIncrement';

export const addAutoIncrementColumn = defineAnalyzer<Messages>({
  id: 'add-auto-increment-column',
  title: 'AUTO_INCREMENT column added to an existing table',
  category: 'locking',
  severity: 'error',
  appliesTo: ['alter-table'],
  messages: {
    autoIncrement:
      'AUTO_INCREMENT column {table}.{column} is added{size}. On {server} {lock}: every existing row is numbered during a rebuild that does not let writes through. With statement-based replication, replicas can assign different numbers.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || isKnownEmpty(context, op.table)) return [];
    const reports: Report<Messages>[] = [];
    for (const action of op.actions) {
      if (action.type !== 'add-column' || !action.column.autoIncrement) continue;
      const profile = actionProfile(context, op, action);
      reports.push({
        messageId: 'autoIncrement',
        values: { table: op.table.name, column: action.column.name, size: rowsPhrase(context, op.table), server: serverName(context.server.version), lock: describeLock(profile) },
        severity: sizeSeverity(context, op.table, impactOf(profile)),
        table: op.table.name,
        column: action.column.name,
        alternatives: oscFor(context, statement, op, ['The tools number the rows while copying them in chunks; writes to the original continue. A table without any unique key needs pt-osc (gh-ost requires one).']),
      });
    }
    return reports;
  },
});
