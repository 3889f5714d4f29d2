// L20: MODIFY/CHANGE … FIRST/AFTER moves an existing column. MySQL rebuilds the table for it;
// MariaDB 10.4+ does it instantly. Column order only matters to SELECT * and positional INSERTs.
import { defineAnalyzer, type Alternative, type Report } from '../src/analysis/analyzer.js';
import { actionProfile, columnBefore, modifiedColumn, oscFor } from '../src/analysis/alternatives/alter-facts.js';
import { buildAlter, formatClause, onlineDdlSql, quoteIdent, renderColumn } from '../src/analysis/alternatives/online-ddl.js';
import { describeLock, impactOf, isKnownEmpty, rowsPhrase, serverName, sizeSeverity } from '../src/analysis/size-severity.js';
import type { AlterAction } from '../src/parser/statement.js';

type Messages = 'reorder';

export const columnReorder = defineAnalyzer<Messages>({
  id: 'column-reorder',
  title: 'Column moved with FIRST/AFTER',
  category: 'locking',
  severity: 'warning',
  appliesTo: ['alter-table'],
  messages: {
    reorder: '{table}.{column} is moved {where}{size}. On {server} {lock}. The physical column order only matters to SELECT * and INSERTs without a column list.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || isKnownEmpty(context, op.table)) return [];
    const reports: Report<Messages>[] = [];
    for (const action of op.actions) {
      const m = modifiedColumn(action);
      if (!m?.column.position) continue;
      const before = columnBefore(context, op.table, m.from);
      // Without the old definition the position may already be right; only existing columns count.
      if (!before && context.table(op.table)?.definition) continue;
      const profile = actionProfile(context, op, action);
      if (profile.rebuildsTable === false && profile.blocksWrites === false) continue;
      const unmoved: AlterAction = action.type === 'change-column' ? { ...action, column: { ...m.column, position: null } } : { type: 'modify-column', column: { ...m.column, position: null } };
      const unmovedProfile = context.server.profileAlterAction(unmoved, context.table(op.table), context.session);
      // The rest of the MODIFY rebuilds or copies anyway (a type change): the move costs nothing extra.
      if (unmovedProfile.rebuildsTable === true) continue;
      const alternatives: Alternative[] = [];
      // Nothing but the move: then leaving it out leaves nothing to run.
      const onlyMove = before !== null && renderColumn({ ...before, position: null }) === renderColumn({ ...m.column, position: null });
      if (!onlyMove) {
        const head = action.type === 'change-column' ? `CHANGE COLUMN ${quoteIdent(m.from)}` : 'MODIFY COLUMN';
        alternatives.push(onlineDdlSql(`Leave ${m.from} where it is${unmovedProfile.clause ? ` and assert ${formatClause(unmovedProfile.clause)}` : ''}`, [buildAlter(op.table, [`${head} ${renderColumn(m.column, { position: null })}`], unmovedProfile.clause)]));
      }
      alternatives.push(...oscFor(context, statement, op));
      const p = m.column.position;
      reports.push({
        messageId: 'reorder',
        values: { table: op.table.name, column: m.from, where: p.kind === 'first' ? 'to the first position' : `after ${p.column}`, size: rowsPhrase(context, op.table), server: serverName(context.server.version), lock: describeLock(profile) },
        severity: sizeSeverity(context, op.table, impactOf(profile)),
        table: op.table.name,
        column: m.from,
        alternatives,
      });
    }
    return reports;
  },
});
