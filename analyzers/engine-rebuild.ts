// L17/L21: ENGINE= in an ALTER. Naming the current engine is a null rebuild (in place, writes
// continue); naming another engine copies the table with writes blocked.
import { defineAnalyzer, type Alternative } from '../src/analysis/analyzer.js';
import { actionProfile, onlineFor, oscFor } from '../src/analysis/alternatives/alter-facts.js';
import { buildAlter, formatClause, onlineDdlSql } from '../src/analysis/alternatives/online-ddl.js';
import { describeLock, impactOf, isKnownEmpty, rowsPhrase, serverName, sizeSeverity } from '../src/analysis/size-severity.js';

type Messages = 'sameEngine' | 'otherEngine';

export const engineRebuild = defineAnalyzer<Messages>({
  id: 'engine-rebuild',
  title: 'ENGINE= rebuilds or copies the table',
  category: 'locking',
  severity: 'warning',
  appliesTo: ['alter-table'],
  messages: {
    sameEngine: 'ENGINE={engine} on {table} rebuilds the table although the engine stays the same{size}. On {server} {lock}.',
    otherEngine:
      '{table} is moved to the {engine} engine{size}. On {server} {lock}: the table is copied row by row into the new engine. Check that {engine} supports what the application relies on (transactions, foreign keys, crash safety).',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || isKnownEmpty(context, op.table)) return [];
    const action = op.actions.find((a) => a.type === 'table-options' && Object.keys(a.options).some((k) => k.toUpperCase() === 'ENGINE'));
    if (!action || action.type !== 'table-options') return [];
    const engine = Object.entries(action.options).find(([k]) => k.toUpperCase() === 'ENGINE')![1];
    const current = context.table(op.table)?.definition?.options['ENGINE'] ?? null;
    const same = current !== null && current.toUpperCase() === engine.toUpperCase();
    const profile = actionProfile(context, op, action);
    const alternatives: Alternative[] = [...onlineFor(context, statement, op)];
    if (same && alternatives.length === 0 && profile.clause && profile.blocksWrites === false) {
      alternatives.push(onlineDdlSql(`Assert ${formatClause(profile.clause)}`, [buildAlter(op.table, [`ENGINE=${engine}`], profile.clause)], ['If the aim is to reclaim space, check DATA_FREE in information_schema.TABLES first.']));
    }
    alternatives.push(...oscFor(context, statement, op));
    return [
      {
        messageId: same ? 'sameEngine' : 'otherEngine',
        values: { engine, table: op.table.name, size: rowsPhrase(context, op.table), server: serverName(context.server.version), lock: describeLock(profile) },
        severity: sizeSeverity(context, op.table, impactOf(profile)),
        table: op.table.name,
        alternatives,
      },
    ];
  },
});
