// L11: a STORED generated column is computed and written for every row: a table copy with
// writes blocked (MySQL, MariaDB before 11.2). A VIRTUAL column is instant, and can be indexed.
import { defineAnalyzer, type Alternative, type Report } from '../src/analysis/analyzer.js';
import { actionProfile, oscFor } from '../src/analysis/alternatives/alter-facts.js';
import { buildAlter, onlineDdlSql, quoteIdent, renderColumn } from '../src/analysis/alternatives/online-ddl.js';
import { describeLock, impactOf, isKnownEmpty, rowsPhrase, serverName, sizeSeverity } from '../src/analysis/size-severity.js';

type Messages = 'stored';

export const addStoredGeneratedColumn = defineAnalyzer<Messages>({
  id: 'add-stored-generated-column',
  title: 'STORED generated column added or changed',
  category: 'locking',
  severity: 'error',
  appliesTo: ['alter-table'],
  messages: {
    stored:
      'STORED generated column {table}.{column} AS ({expression}) is {verb}{size}. On {server} {lock}: the expression is computed and written for every row. A VIRTUAL column is computed on read and is added instantly.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || isKnownEmpty(context, op.table)) return [];
    const reports: Report<Messages>[] = [];
    for (const action of op.actions) {
      const col = action.type === 'add-column' || action.type === 'modify-column' || action.type === 'change-column' ? action.column : null;
      if (!col?.generated?.stored) continue;
      const profile = actionProfile(context, op, action);
      if (profile.blocksWrites === false && profile.rebuildsTable === false) continue;
      const alternatives: Alternative[] = [];
      if (action.type === 'add-column') {
        const virtual = { ...col, generated: { ...col.generated, stored: false } };
        const addVirtual = { type: 'add-column' as const, column: virtual, ifNotExists: false };
        const clause = context.server.profileAlterAction(addVirtual, context.table(op.table), context.session).clause;
        const index = { name: `idx_${col.name}`, kind: 'index' as const, columns: [{ name: col.name, length: null, descending: false, expression: null }], using: null };
        const indexClause = context.server.profileAlterAction({ type: 'add-index', index, ifNotExists: false }, context.table(op.table), context.session).clause;
        alternatives.push(
          onlineDdlSql(`Add ${col.name} as a VIRTUAL column (instant), and index it if it is searched`, [
            `${buildAlter(op.table, [`ADD COLUMN ${renderColumn(virtual)}`], clause)};`,
            `${buildAlter(op.table, [`ADD INDEX ${quoteIdent(`idx_${col.name}`)} (${quoteIdent(col.name)})`], indexClause)};  -- only if queries filter on it`,
          ], ['A secondary index on a virtual column stores the computed values in the index only; the build is online.'], false),
        );
      }
      alternatives.push(...oscFor(context, statement, op));
      reports.push({
        messageId: 'stored',
        values: { table: op.table.name, column: col.name, expression: col.generated.expression, verb: action.type === 'add-column' ? 'added' : 'redefined', size: rowsPhrase(context, op.table), server: serverName(context.server.version), lock: describeLock(profile) },
        severity: sizeSeverity(context, op.table, impactOf(profile)),
        table: op.table.name,
        column: col.name,
        alternatives,
      });
    }
    return reports;
  },
});
