// L07: ADD COLUMN that the server cannot do instantly: a FIRST/AFTER position on servers that
// only add instantly at the end, a server without INSTANT, a table with FULLTEXT indexes or
// ROW_FORMAT=COMPRESSED, or another clause in the same statement that needs a rebuild.
import { defineAnalyzer, type Alternative, type Report } from '../src/analysis/analyzer.js';
import { actionLabel, actionProfile, bestProfile } from '../src/analysis/alternatives/alter-facts.js';
import { buildAlter, formatClause, onlineDdlSql, renderAction } from '../src/analysis/alternatives/online-ddl.js';
import { describeLock, impactOf, isKnownEmpty, serverName, sizeNote, sizeSeverity } from '../src/analysis/size-severity.js';
import type { AlterAction } from '../src/parser/statement.js';

type Messages = 'position' | 'otherClauses' | 'notInstant';

export const addColumnNotInstant = defineAnalyzer<Messages>({
  id: 'add-column-not-instant',
  title: 'ADD COLUMN is not instant',
  category: 'locking',
  severity: 'warning',
  appliesTo: ['alter-table'],
  messages: {
    position:
      'Adding {table}.{column} {where} is not instant on {server}: {lock}{size}. Added as the last column it would be instant.',
    otherClauses:
      'Adding {table}.{column} could be instant on {server}, but the same statement also does {others}, so for the whole statement {lock}{size}.',
    notInstant: 'Adding {table}.{column} is not instant on {server} ({reasons}): {lock}{size}.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || isKnownEmpty(context, op.table)) return [];
    const statementProfile = bestProfile(context, op);
    const reports: Report<Messages>[] = [];
    for (const action of op.actions) {
      if (action.type !== 'add-column') continue;
      const c = action.column;
      // AUTO_INCREMENT and STORED generated columns have their own rules.
      if (c.autoIncrement || c.generated?.stored) continue;
      // DROP + ADD of the same column is drop-add-same-column's finding.
      if (op.actions.some((a) => a.type === 'drop-column' && a.column.toLowerCase() === c.name.toLowerCase())) continue;
      const alone = actionProfile(context, op, action);
      const values = { table: op.table.name, column: c.name, server: serverName(context.server.version), size: sizeNote(context, op.table) };
      if (alone.algorithm === 'INSTANT') {
        if (statementProfile.algorithm === 'INSTANT' || op.actions.length === 1) continue;
        const others = op.actions.filter((a) => a !== action && actionProfile(context, op, a).algorithm !== 'INSTANT');
        const instantOnes = op.actions.filter((a) => a.type === 'add-column' && actionProfile(context, op, a).algorithm === 'INSTANT');
        const rest = op.actions.filter((a) => !instantOnes.includes(a));
        const sql = [buildAlter(op.table, instantOnes.map(renderAction), alone.clause) + ';', buildAlter(op.table, rest.map(renderAction), bestProfile(context, op, rest).clause) + ';'];
        reports.push({
          messageId: 'otherClauses',
          values: { ...values, others: others.map(actionLabel).join(', '), lock: describeLock(statementProfile) },
          severity: sizeSeverity(context, op.table, impactOf(statementProfile)),
          table: op.table.name,
          column: c.name,
          alternatives: [onlineDdlSql('Add the columns instantly in their own statement, then run the rest', sql, [], true)],
        });
        continue;
      }
      if (alone.algorithm === null) continue; // unknown: alter-blocks-writes reports unknown profiles
      const alternatives: Alternative[] = [];
      let messageId: Messages = 'notInstant';
      let where = '';
      if (c.position) {
        const atEnd: AlterAction = { ...action, column: { ...c, position: null } };
        const endProfile = actionProfile(context, op, atEnd);
        if (endProfile.algorithm === 'INSTANT' && endProfile.clause) {
          messageId = 'position';
          where = c.position.kind === 'first' ? 'FIRST' : `AFTER ${c.position.column}`;
          alternatives.push(onlineDdlSql(`Add ${c.name} as the last column with ${formatClause(endProfile.clause)}`, [buildAlter(op.table, [renderAction(atEnd)], endProfile.clause)], ['Column order only matters for SELECT * and positional INSERTs; name the columns instead.']));
        }
      }
      if (alternatives.length === 0 && alone.clause) {
        alternatives.push(onlineDdlSql(`Assert ${formatClause(alone.clause)} so a slower plan fails fast`, [buildAlter(op.table, [renderAction(action)], alone.clause)]));
      }
      reports.push({
        messageId,
        values: { ...values, where, lock: describeLock(alone), reasons: alone.reasons.join('; ') || 'no instant algorithm' },
        severity: sizeSeverity(context, op.table, impactOf(alone)),
        table: op.table.name,
        column: c.name,
        alternatives,
      });
    }
    return reports;
  },
});
