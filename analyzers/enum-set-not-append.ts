// L06: ENUM/SET changes other than appending members at the end (removing, reordering, inserting
// in the middle, or growing past a storage-size boundary) copy the table with writes blocked, and
// renumber the members: numeric comparisons and ORDER BY on the column change meaning.
import { defineAnalyzer, type Alternative, type Report } from '../src/analysis/analyzer.js';
import { actionProfile, columnBefore, modifiedColumn, oscFor } from '../src/analysis/alternatives/alter-facts.js';
import { enumSetStorageBytes, isAppendOnly } from '../src/analysis/alternatives/column-types.js';
import { buildAlter, onlineDdlSql, quoteIdent, quoteString, renderColumn } from '../src/analysis/alternatives/online-ddl.js';
import { describeLock, impactOf, isKnownEmpty, rowsPhrase, serverName, sizeSeverity } from '../src/analysis/size-severity.js';
import type { AlterAction } from '../src/parser/statement.js';

type Messages = 'notAppend' | 'storage';

export const enumSetNotAppend = defineAnalyzer<Messages>({
  id: 'enum-set-not-append',
  title: 'ENUM/SET change other than appending members',
  category: 'locking',
  severity: 'error',
  appliesTo: ['alter-table'],
  messages: {
    notAppend:
      '{table}.{column} {how}{size}. On {server} {lock}: only appending members at the end is metadata-only. Members are stored as numbers, so existing rows are renumbered{removed}.',
    storage:
      '{table}.{column} grows to {count} members, which needs {bytes} bytes per value instead of {oldBytes}: every row is rewritten{size}. On {server} {lock}.',
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
      if (!before || (before.dataType !== 'ENUM' && before.dataType !== 'SET') || before.dataType !== after.dataType) continue;
      const oldValues = before.values ?? [];
      const newValues = after.values ?? [];
      const append = isAppendOnly(before, after);
      const oldBytes = enumSetStorageBytes(before.dataType, oldValues.length);
      const newBytes = enumSetStorageBytes(after.dataType, newValues.length);
      if (append && oldBytes === newBytes) continue;
      const profile = actionProfile(context, op, action);
      if (profile.blocksWrites === false && profile.rebuildsTable === false) continue;
      const removed = oldValues.filter((v) => !newValues.includes(v));
      const values = { table: op.table.name, column: m.from, size: rowsPhrase(context, op.table), server: serverName(context.server.version), lock: describeLock(profile) };
      const alternatives: Alternative[] = [];
      if (!append && removed.length === 0) {
        const appended = [...oldValues, ...newValues.filter((v) => !oldValues.includes(v))];
        const typeText = `${after.dataType}(${appended.map(quoteString).join(',')})`;
        const rewritten: AlterAction =
          action.type === 'change-column' ? { ...action, column: { ...after, values: appended, typeText } } : { type: 'modify-column', column: { ...after, values: appended, typeText } };
        const clause = context.server.profileAlterAction(rewritten, context.table(op.table), context.session).clause;
        const head = action.type === 'change-column' ? `CHANGE COLUMN ${quoteIdent(m.from)}` : 'MODIFY COLUMN';
        alternatives.push(onlineDdlSql(`Append the new members at the end instead (metadata only)`, [buildAlter(op.table, [`${head} ${renderColumn({ ...after, values: appended, typeText })}`], clause)], ['Order the members in the application (ORDER BY FIELD(...)) rather than by their position in the ENUM.']));
      }
      alternatives.push(...oscFor(context, statement, op));
      if (append) {
        reports.push({ messageId: 'storage', values: { ...values, count: newValues.length, bytes: newBytes, oldBytes }, severity: sizeSeverity(context, op.table, impactOf(profile)), table: op.table.name, column: m.from, alternatives });
        continue;
      }
      const how = removed.length > 0 ? `loses member${removed.length === 1 ? '' : 's'} ${removed.map((v) => `'${v}'`).join(', ')}` : 'reorders or inserts members before the end';
      reports.push({
        messageId: 'notAppend',
        values: { ...values, how, removed: removed.length > 0 ? `; rows holding a removed member fail the ALTER in strict mode or silently become '' without it` : '' },
        severity: sizeSeverity(context, op.table, impactOf(profile)),
        table: op.table.name,
        column: m.from,
        alternatives,
      });
    }
    return reports;
  },
});
