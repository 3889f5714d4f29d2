// L01: MODIFY/CHANGE to a different type. No server changes a column's type in place (a few
// MariaDB ROW_FORMAT=REDUNDANT cases aside), so it copies the table; on MySQL and MariaDB before
// 11.2 writes wait for the whole copy.
import { defineAnalyzer, type Report } from '../src/analysis/analyzer.js';
import { actionProfile, columnBefore, modifiedColumn, oscFor, onlineFor } from '../src/analysis/alternatives/alter-facts.js';
import { isVarcharWidening, sameType, typeLabel } from '../src/analysis/alternatives/column-types.js';
import { changeColumnTypePlan, primaryKeyOf } from '../src/analysis/alternatives/expand-contract.js';
import { clauseFor } from '../src/analysis/alternatives/alter-facts.js';
import { describeLock, impactOf, isKnownEmpty, rowsPhrase, serverName, sizeSeverity } from '../src/analysis/size-severity.js';

type Messages = 'changeType' | 'unknownBefore';

export const changeColumnType = defineAnalyzer<Messages>({
  id: 'change-column-type',
  title: 'Column type change copies the table',
  category: 'locking',
  severity: 'error',
  appliesTo: ['alter-table'],
  messages: {
    changeType:
      '{table}.{column} changes type from {from} to {to}{size}. On {server} {lock}: a type change cannot be done in place, so the table is copied row by row and replicas lag by the copy\'s duration.',
    unknownBefore:
      '{table}.{column} is redefined as {to}, and drydock does not know its current definition (no target schema). If this changes the column\'s type, the whole table is copied{copy}.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || isKnownEmpty(context, op.table)) return [];
    const reports: Report<Messages>[] = [];
    for (const action of op.actions) {
      const m = modifiedColumn(action);
      if (!m) continue;
      const before = columnBefore(context, op.table, m.from);
      const after = m.column;
      // Widening a VARCHAR and appending ENUM/SET members have their own rules.
      if (before && (sameType(before, after) || isVarcharWidening(before, after))) continue;
      if (before && (before.dataType === 'ENUM' || before.dataType === 'SET') && before.dataType === after.dataType) continue;
      const profile = actionProfile(context, op, action);
      if (before && profile.rebuildsTable === false && profile.blocksWrites === false) continue;
      const facts = context.table(op.table);
      const alternatives = [
        ...onlineFor(context, statement, op),
        ...oscFor(context, statement, op),
      ];
      if (before) {
        alternatives.push(
          changeColumnTypePlan({
            table: op.table,
            column: m.from,
            target: after,
            primaryKey: primaryKeyOf(facts?.definition ?? null),
            addClause: clauseFor(context, op.table, { type: 'add-column', column: { ...after, name: `${after.name}_new`, position: null, nullable: true, defaultValue: null }, ifNotExists: false }),
            dropClause: null,
            dependents: [
              ...(facts?.definition?.indexes ?? []).filter((i) => i.columns.some((c) => c.name.toLowerCase() === m.from.toLowerCase())).map((i) => `index ${i.name ?? 'PRIMARY'}`),
              ...(facts?.definition?.foreignKeys ?? []).filter((fk) => fk.columns.some((c) => c.toLowerCase() === m.from.toLowerCase())).map((fk) => `foreign key ${fk.name ?? '(unnamed)'}`),
            ],
          }),
        );
      }
      const values = {
        table: op.table.name,
        column: m.from,
        from: before ? typeLabel(before) : 'unknown',
        to: typeLabel(after),
        size: rowsPhrase(context, op.table),
        server: serverName(context.server.version),
        lock: describeLock(profile),
        copy: context.server.supportsOnlineCopy
          ? ` (on ${serverName(context.server.version)} as an online copy: writes continue)`
          : `, and on ${serverName(context.server.version)} writes wait for the whole copy`,
      };
      reports.push({
        messageId: before ? 'changeType' : 'unknownBefore',
        values,
        severity: before ? sizeSeverity(context, op.table, impactOf(profile)) : 'warning',
        table: op.table.name,
        column: m.from,
        alternatives,
      });
    }
    return reports;
  },
});
