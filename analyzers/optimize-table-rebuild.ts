// L21: OPTIMIZE TABLE and ALTER TABLE … FORCE rebuild the whole table (InnoDB maps OPTIMIZE to a
// recreate + analyze). In place with writes allowed, except that a FULLTEXT index makes MySQL copy.
import { defineAnalyzer, type Alternative, type Report } from '../src/analysis/analyzer.js';
import { oscAlternatives } from '../src/analysis/alternatives/osc-tools.js';
import { buildAlter, formatClause, onlineDdlSql } from '../src/analysis/alternatives/online-ddl.js';
import { describeLock, impactOf, isKnownEmpty, rowsPhrase, serverName, sizeSeverity } from '../src/analysis/size-severity.js';
import type { TableRef } from '../src/parser/statement.js';

type Messages = 'optimize' | 'force';

export const optimizeTableRebuild = defineAnalyzer<Messages>({
  id: 'optimize-table-rebuild',
  title: 'OPTIMIZE TABLE / ALTER … FORCE rebuilds the table',
  category: 'locking',
  severity: 'warning',
  appliesTo: ['optimize-table', 'alter-table'],
  messages: {
    optimize:
      'OPTIMIZE TABLE {table} rebuilds the whole table{size}. On {server} {lock}. It needs free space for a full copy, churns the buffer pool, and replicas replay it in one piece afterwards.',
    force: 'ALTER TABLE {table} FORCE rebuilds the whole table{size}. On {server} {lock}.',
  },
  check(statement, context) {
    const op = statement.operation;
    let tables: readonly TableRef[];
    let messageId: Messages;
    if (op.kind === 'optimize-table') {
      tables = op.tables;
      messageId = 'optimize';
    } else if (op.kind === 'alter-table' && op.actions.length === 1 && op.actions[0]!.type === 'force') {
      tables = [op.table];
      messageId = 'force';
    } else return [];
    const reports: Report<Messages>[] = [];
    for (const table of tables) {
      if (isKnownEmpty(context, table)) continue;
      const facts = context.table(table);
      const profile = context.server.profileAlterAction({ type: 'force' }, facts, context.session);
      const alternatives: Alternative[] = [];
      if (profile.clause && profile.blocksWrites === false) {
        alternatives.push(
          onlineDdlSql(`Rebuild with an explicit ${formatClause(profile.clause)}, so it fails instead of copying`, [buildAlter(table, ['FORCE'], profile.clause)], [
            'Off-peak; a rebuild is only worth it after large deletes (check DATA_FREE in information_schema.TABLES first).',
          ]),
        );
      }
      alternatives.push(...oscAlternatives({ table, alter: ['ENGINE=InnoDB'], facts, isMariaDb: context.server.isMariaDb, notes: ['A null ALTER (ENGINE=InnoDB) through the tool rebuilds the table in throttled chunks.'] }));
      reports.push({
        messageId,
        values: { table: table.name, size: rowsPhrase(context, table), server: serverName(context.server.version), lock: describeLock(profile) },
        severity: sizeSeverity(context, table, impactOf(profile)),
        table: table.name,
        alternatives,
      });
    }
    return reports;
  },
});
