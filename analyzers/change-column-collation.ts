// L16 for one column: MODIFY/CHANGE that keeps the type but changes CHARACTER SET or COLLATE.
// MySQL copies the table; MariaDB 10.4+ can do it instantly for non-indexed columns with a
// compatible charset. Under the new collation a UNIQUE index on the column can start to collide.
import { defineAnalyzer, type Alternative, type Report } from '../src/analysis/analyzer.js';
import { actionProfile, columnBefore, modifiedColumn, onlineFor, oscFor } from '../src/analysis/alternatives/alter-facts.js';
import { sameType } from '../src/analysis/alternatives/column-types.js';
import { expandContract } from '../src/analysis/alternatives/expand-contract.js';
import { quoteIdent, quoteTable } from '../src/analysis/alternatives/online-ddl.js';
import { describeLock, impactOf, isKnownEmpty, rowsPhrase, serverName, sizeSeverity } from '../src/analysis/size-severity.js';

type Messages = 'collation';

const norm = (s: string | null): string => (s ?? '').toLowerCase();

export const changeColumnCollation = defineAnalyzer<Messages>({
  id: 'change-column-collation',
  title: 'Column character set or collation change',
  category: 'locking',
  severity: 'warning',
  appliesTo: ['alter-table'],
  messages: {
    collation:
      '{table}.{column} changes character set or collation ({from} → {to}){size}. On {server} {lock}.{unique}',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || isKnownEmpty(context, op.table)) return [];
    const reports: Report<Messages>[] = [];
    const def = context.table(op.table)?.definition ?? null;
    for (const action of op.actions) {
      const m = modifiedColumn(action);
      if (!m) continue;
      const before = columnBefore(context, op.table, m.from);
      if (!before || !sameType(before, m.column)) continue;
      const after = m.column;
      const changed = (after.charset !== null && norm(after.charset) !== norm(before.charset)) || (after.collation !== null && norm(after.collation) !== norm(before.collation));
      if (!changed) continue;
      const profile = actionProfile(context, op, action);
      if (profile.blocksWrites === false && profile.rebuildsTable === false) continue;
      const uniques = def?.indexes.filter((i) => (i.kind === 'unique' || i.kind === 'primary') && i.columns.some((c) => c.name.toLowerCase() === m.from.toLowerCase())) ?? [];
      const alternatives: Alternative[] = [...onlineFor(context, statement, op), ...oscFor(context, statement, op)];
      if (uniques.length > 0 && after.collation) {
        const c = `${quoteIdent(m.from)} COLLATE ${after.collation}`;
        alternatives.unshift(expandContract(`Check ${m.from} for values that collide under ${after.collation} first`, [`SELECT ${c}, COUNT(*) FROM ${quoteTable(op.table)} GROUP BY ${c} HAVING COUNT(*) > 1 LIMIT 10;  -- expect no rows`, '-- fix the duplicates, then run the change']));
      }
      reports.push({
        messageId: 'collation',
        values: {
          table: op.table.name,
          column: m.from,
          from: [before.charset, before.collation].filter(Boolean).join(' / ') || 'table default',
          to: [after.charset, after.collation].filter(Boolean).join(' / '),
          size: rowsPhrase(context, op.table),
          server: serverName(context.server.version),
          lock: describeLock(profile),
          unique: uniques.length > 0 ? ` ${m.from} is in unique index ${uniques.map((i) => i.name ?? 'PRIMARY').join(', ')}: values that were different can compare equal under the new collation and fail the ALTER with a duplicate-key error.` : '',
        },
        severity: sizeSeverity(context, op.table, impactOf(profile)),
        table: op.table.name,
        column: m.from,
        alternatives,
      });
    }
    return reports;
  },
});
