// L13/F04: ADD FOREIGN KEY while foreign_key_checks=1. The server validates every existing row by
// copying the child table (writes blocked) and holds a metadata lock on the parent too. With
// foreign_key_checks=0 the same change is metadata-only — after checking for orphans yourself.
import { defineAnalyzer, type Alternative, type Report } from '../src/analysis/analyzer.js';
import { actionProfile, oscFor } from '../src/analysis/alternatives/alter-facts.js';
import { buildAlter, formatClause, quoteIdent, quoteTable, renderForeignKey } from '../src/analysis/alternatives/online-ddl.js';
import { describeLock, impactOf, isKnownEmpty, rowsPhrase, serverName, sizeSeverity } from '../src/analysis/size-severity.js';

type Messages = 'checks';

export const addForeignKeyWithChecks = defineAnalyzer<Messages>({
  id: 'add-foreign-key-with-checks',
  title: 'Foreign key added with foreign_key_checks on',
  category: 'locking',
  severity: 'error',
  appliesTo: ['alter-table'],
  messages: {
    checks:
      'Foreign key {fk} on {table} ({columns}) → {parent} is added with foreign_key_checks=1{size}. On {server} {lock}: every row is validated through a table copy, and the parent {parent} is locked against DDL for the whole run. A row without a parent fails the ALTER at the end.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || !context.session.foreignKeyChecks || isKnownEmpty(context, op.table)) return [];
    const reports: Report<Messages>[] = [];
    for (const action of op.actions) {
      if (action.type !== 'add-foreign-key') continue;
      const fk = action.foreignKey;
      const profile = actionProfile(context, op, action);
      if (profile.blocksWrites === false && profile.rebuildsTable === false) continue;
      const offProfile = context.server.profileAlterAction(action, context.table(op.table), { ...context.session, foreignKeyChecks: false });
      const child = quoteTable(op.table);
      const parent = quoteTable(fk.referencedTable);
      const join = fk.columns.map((c, i) => `p.${quoteIdent(fk.referencedColumns[i] ?? c)} = c.${quoteIdent(c)}`).join(' AND ');
      const notNull = fk.columns.map((c) => `c.${quoteIdent(c)} IS NOT NULL`).join(' AND ');
      const orphans = `SELECT COUNT(*) FROM ${child} c WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${parent} p WHERE ${join});  -- expect 0`;
      const alternatives: Alternative[] = [
        Object.freeze({
          kind: 'online-ddl' as const,
          title: `Check for orphans, then add the key with foreign_key_checks=0${offProfile.clause ? ` and ${formatClause(offProfile.clause)}` : ''} (metadata only)`,
          sql: Object.freeze([
            orphans,
            'SET SESSION foreign_key_checks = 0;',
            `${buildAlter(op.table, [`ADD ${renderForeignKey(fk)}`], offProfile.clause)};`,
            'SET SESSION foreign_key_checks = 1;',
          ]),
          notes: Object.freeze([
            'With checks off the server trusts you: rows inserted between the orphan check and the ALTER are not validated. Run the check again afterwards.',
            'The child columns need an index; the server creates one if missing (an index build).',
          ]),
          replacesStatement: false,
        }),
        ...oscFor(context, statement, op),
      ];
      reports.push({
        messageId: 'checks',
        values: {
          fk: fk.name ?? '(unnamed)',
          table: op.table.name,
          columns: fk.columns.join(', '),
          parent: fk.referencedTable.name,
          size: rowsPhrase(context, op.table),
          server: serverName(context.server.version),
          lock: describeLock(profile),
        },
        severity: sizeSeverity(context, op.table, impactOf(profile)),
        table: op.table.name,
        ...(fk.columns.length === 1 ? { column: fk.columns[0]! } : {}),
        alternatives,
      });
    }
    return reports;
  },
});
