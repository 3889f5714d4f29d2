// L19: ADD CHECK validates every existing row through a table copy (MySQL 8.0.16+, MariaDB), with
// writes blocked on MySQL and MariaDB before 11.2, and fails at the end on the first violating row.
import { defineAnalyzer, type Alternative, type Report } from '../src/analysis/analyzer.js';
import { actionProfile, oscFor } from '../src/analysis/alternatives/alter-facts.js';
import { expandContract } from '../src/analysis/alternatives/expand-contract.js';
import { buildAlter, onlineDdlSql, quoteIdent, quoteTable } from '../src/analysis/alternatives/online-ddl.js';
import { describeLock, impactOf, isKnownEmpty, rowsPhrase, serverName, sizeSeverity } from '../src/analysis/size-severity.js';

type Messages = 'check';

export const addCheckConstraint = defineAnalyzer<Messages>({
  id: 'add-check-constraint',
  title: 'CHECK constraint added to existing data',
  category: 'locking',
  severity: 'error',
  appliesTo: ['alter-table'],
  messages: {
    check:
      'CHECK {name} ({expression}) is added to {table}{size}. On {server} {lock}: every existing row is validated by copying the table, and one violating row fails the ALTER at the end.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || isKnownEmpty(context, op.table)) return [];
    const reports: Report<Messages>[] = [];
    for (const action of op.actions) {
      if (action.type !== 'add-check') continue;
      const profile = actionProfile(context, op, action);
      // MySQL before 8.0.16 ignores CHECK: metadata only, nothing to report here.
      if (profile.blocksWrites === false && profile.rebuildsTable === false) continue;
      const name = action.name ? quoteIdent(action.name) : null;
      const alternatives: Alternative[] = [
        expandContract('Find violating rows first', [
          `SELECT COUNT(*) FROM ${quoteTable(op.table)} WHERE NOT (${action.expression});  -- expect 0`,
          '-- fix those rows, make the application respect the rule, then add the constraint (through an online schema change tool on a big table)',
        ]),
      ];
      if (!context.server.isMariaDb) {
        // MySQL accepts NOT ENFORCED constraints without validating rows (metadata only).
        alternatives.push(
          onlineDdlSql('Add it NOT ENFORCED now (no validation, metadata only); enforce it later through an online schema change tool', [
            `${buildAlter(op.table, [`ADD ${name ? `CONSTRAINT ${name} ` : ''}CHECK (${action.expression}) NOT ENFORCED`])};`,
          ], ['A NOT ENFORCED constraint documents the rule but does not stop bad writes; ALTER CHECK … ENFORCED validates every row again.'], false),
        );
      }
      alternatives.push(...oscFor(context, statement, op));
      reports.push({
        messageId: 'check',
        values: { name: action.name ?? '(unnamed)', expression: action.expression, table: op.table.name, size: rowsPhrase(context, op.table), server: serverName(context.server.version), lock: describeLock(profile) },
        severity: sizeSeverity(context, op.table, impactOf(profile)),
        table: op.table.name,
        alternatives,
      });
    }
    return reports;
  },
});
