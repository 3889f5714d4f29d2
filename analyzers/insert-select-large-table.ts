// M08: INSERT … SELECT reading a large table. Under REPEATABLE READ InnoDB puts shared next-key locks
// on every source row it reads (so a replica replaying the statement gets the same rows) — measured on
// MySQL 9.7 and on MariaDB 10.11 without a binary log: writes to the source wait for the whole copy,
// and the target grows in one long transaction.
import { defineAnalyzer } from '../src/analysis/analyzer.js';
import { formatRows, knownRows, sizeSeverity } from '../src/analysis/size-severity.js';
import type { TableRef } from '../src/parser/statement.js';

type Messages = 'largeSource' | 'unknownSource';

export const insertSelectLargeTable = defineAnalyzer<Messages>({
  id: 'insert-select-large-table',
  title: 'INSERT … SELECT from a large table',
  category: 'dml',
  severity: 'warning',
  appliesTo: ['insert'],
  messages: {
    largeSource:
      '{verb} INTO {target} … SELECT reads {source} ({rows} rows) in one statement. Under REPEATABLE READ (the default) InnoDB takes a shared lock on every source row it reads, so UPDATE and DELETE on {source} wait until the copy commits; the copy itself is one long transaction and one large binary-log event.',
    unknownSource:
      '{verb} INTO {target} … SELECT reads {source}, whose size drydock does not know (no target). Unknown — needs approval: on a large table the shared locks it takes on every source row block writes to {source} until it commits.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'insert' || op.source !== 'select' || op.sourceTables.length === 0) return [];
    const verb = op.replace ? 'REPLACE' : 'INSERT';
    let worst: { table: TableRef; rows: number } | null = null;
    let unknown: TableRef | null = null;
    for (const t of op.sourceTables) {
      const rows = knownRows(context, t);
      if (rows === null) unknown ??= t;
      else if (!worst || rows > worst.rows) worst = { table: t, rows };
    }
    const alternatives = [
      Object.freeze({
        kind: 'rewrite' as const,
        title: 'Read the source without locking it: run the copy under READ COMMITTED',
        sql: Object.freeze(['SET TRANSACTION ISOLATION LEVEL READ COMMITTED;', `${statement.sql};`]),
        notes: Object.freeze([
          'Under READ COMMITTED the SELECT is a consistent read without row locks; this needs binlog_format=ROW (or MIXED), which is the default. SET TRANSACTION without SESSION applies to the next transaction only, so the runner\'s session keeps its isolation level.',
          'The copy is still one transaction: for a very large source, copy it in primary-key ranges (add `AND <key> > @last AND <key> <= @end` to the SELECT and repeat), committing after each range.',
        ]),
        replacesStatement: true,
      }),
    ];
    if (worst && worst.rows >= context.thresholds.batchRows) {
      return [
        {
          messageId: 'largeSource',
          values: { verb, target: op.table.name, source: worst.table.name, rows: formatRows(worst.rows) },
          severity: sizeSeverity(context, worst.table, 'blocking'),
          table: worst.table.name,
          alternatives,
        },
      ];
    }
    if (unknown && !worst) {
      return [{ messageId: 'unknownSource', values: { verb, target: op.table.name, source: unknown.name }, severity: 'warning', table: unknown.name, alternatives }];
    }
    return [];
  },
});
