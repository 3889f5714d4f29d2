// D06: DROP/TRUNCATE PARTITION and DISCARD PARTITION TABLESPACE delete the rows of those partitions
// at once (that is why partition rotation is fast). Exchanging the partition with an empty table
// first keeps the rows, still in seconds.
import { defineAnalyzer, type Report } from '../src/analysis/analyzer.js';
import { expandContract } from '../src/analysis/alternatives/expand-contract.js';
import { quoteIdent, quoteTable } from '../src/analysis/alternatives/online-ddl.js';
import { isKnownEmpty } from '../src/analysis/size-severity.js';

type Messages = 'dropPartition';

const VERB = { drop: 'DROP PARTITION', truncate: 'TRUNCATE PARTITION', discard: 'DISCARD PARTITION … TABLESPACE' } as const;

export const dropPartition = defineAnalyzer<Messages>({
  id: 'drop-partition',
  title: 'DROP/TRUNCATE PARTITION deletes the partition\'s rows',
  category: 'destructive',
  severity: 'error',
  appliesTo: ['alter-table'],
  messages: {
    dropPartition:
      '{verb} {partitions} on {table} deletes every row stored in {them}, immediately and without a way back (it is DDL: no rollback, no DELETE triggers). If the rows are old data being rotated out, archive them first; if not, this is data loss.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || isKnownEmpty(context, op.table)) return [];
    const reports: Report<Messages>[] = [];
    for (const action of op.actions) {
      if (action.type !== 'partition' || !(action.operation === 'drop' || action.operation === 'truncate' || action.operation === 'discard')) continue;
      const list = /PARTITION\s+(.+?)(?:\s+TABLESPACE)?\s*$/i.exec(action.text)?.[1] ?? '';
      const names = list.split(',').map((n) => n.trim().replace(/^`|`$/g, '')).filter((n) => n !== '' && !/^ALL$/i.test(n));
      const t = quoteTable(op.table);
      const steps = names.flatMap((p) => {
        const archive = quoteIdent(`${op.table.name}_${p}_archive`);
        return [
          `CREATE TABLE ${archive} LIKE ${t};`,
          `ALTER TABLE ${archive} REMOVE PARTITIONING;`,
          `ALTER TABLE ${t} EXCHANGE PARTITION ${quoteIdent(p)} WITH TABLE ${archive};  -- swaps the rows out in seconds; the partition is now empty`,
        ];
      });
      reports.push({
        messageId: 'dropPartition',
        values: {
          verb: VERB[action.operation],
          partitions: names.length > 0 ? names.join(', ') : list || 'ALL',
          table: op.table.name,
          them: names.length === 1 ? 'it' : 'them',
        },
        table: op.table.name,
        alternatives:
          names.length > 0
            ? [
                expandContract(`Exchange ${names.join(', ')} into archive tables first, then ${VERB[action.operation].split(' ')[0]!.toLowerCase()} the empty partition${names.length === 1 ? '' : 's'}`, [...steps, `${statement.sql.trim()};`], [
                  'EXCHANGE PARTITION is a metadata swap (MySQL 5.6+, MariaDB 10.0+): it takes a brief exclusive lock and moves no rows.',
                  'Drop the archive tables once the data is saved elsewhere (or keep them).',
                ]),
              ]
            : [],
      });
    }
    return reports;
  },
});
