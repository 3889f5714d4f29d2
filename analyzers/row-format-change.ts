// L21: ROW_FORMAT= or KEY_BLOCK_SIZE= changes rebuild the table in place.
import { defineAnalyzer, type Alternative } from '../src/analysis/analyzer.js';
import { actionProfile, oscFor } from '../src/analysis/alternatives/alter-facts.js';
import { onlineDdlAlternative } from '../src/analysis/alternatives/online-ddl.js';
import { describeLock, impactOf, isKnownEmpty, rowsPhrase, serverName, sizeSeverity } from '../src/analysis/size-severity.js';

type Messages = 'rowFormat';

export const rowFormatChange = defineAnalyzer<Messages>({
  id: 'row-format-change',
  title: 'ROW_FORMAT / KEY_BLOCK_SIZE change rebuilds the table',
  category: 'locking',
  severity: 'warning',
  appliesTo: ['alter-table'],
  messages: {
    rowFormat: '{options} on {table} rebuilds the whole table{size}. On {server} {lock}. ROW_FORMAT=COMPRESSED also rules out instant ADD/DROP COLUMN on MySQL from then on.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || isKnownEmpty(context, op.table)) return [];
    const action = op.actions.find((a) => a.type === 'table-options' && Object.keys(a.options).some((k) => /^(ROW_FORMAT|KEY_BLOCK_SIZE)$/i.test(k)));
    if (!action || action.type !== 'table-options') return [];
    const options = Object.entries(action.options)
      .filter(([k]) => /^(ROW_FORMAT|KEY_BLOCK_SIZE)$/i.test(k))
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    const profile = actionProfile(context, op, action);
    const alternatives: Alternative[] = [];
    if (op.algorithm === null && context.lock.clause && context.lock.blocksWrites === false) {
      const alt = onlineDdlAlternative(statement, context.lock.clause);
      if (alt) alternatives.push(alt);
    }
    alternatives.push(...oscFor(context, statement, op));
    return [
      {
        messageId: 'rowFormat',
        values: { options, table: op.table.name, size: rowsPhrase(context, op.table), server: serverName(context.server.version), lock: describeLock(profile) },
        severity: sizeSeverity(context, op.table, impactOf(profile)),
        table: op.table.name,
        alternatives,
      },
    ];
  },
});
