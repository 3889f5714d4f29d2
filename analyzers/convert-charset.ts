// L16: CONVERT TO CHARACTER SET rewrites every string column: a table copy, writes blocked (MySQL,
// MariaDB before 11.2). Equality changes with the collation, so unique indexes can start to collide,
// and wider characters can push index keys over the 3072-byte limit.
import { defineAnalyzer, type Alternative } from '../src/analysis/analyzer.js';
import { bestProfile, onlineFor, oscFor } from '../src/analysis/alternatives/alter-facts.js';
import { quoteIdent, quoteTable } from '../src/analysis/alternatives/online-ddl.js';
import { expandContract } from '../src/analysis/alternatives/expand-contract.js';
import { describeLock, impactOf, isKnownEmpty, rowsPhrase, serverName, sizeSeverity } from '../src/analysis/size-severity.js';

type Messages = 'convert';

export const convertCharset = defineAnalyzer<Messages>({
  id: 'convert-charset',
  title: 'CONVERT TO CHARACTER SET copies the table',
  category: 'locking',
  severity: 'error',
  appliesTo: ['alter-table'],
  messages: {
    convert:
      '{table} is converted to {charset}{size}. On {server} {lock}: every string column is rewritten. Under the new collation values that differed before can compare equal, so a UNIQUE index{uniques} can fail the ALTER at the end with a duplicate-key error.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || isKnownEmpty(context, op.table)) return [];
    const action = op.actions.find((a) => a.type === 'convert-charset');
    if (!action || action.type !== 'convert-charset') return [];
    const profile = bestProfile(context, op);
    const def = context.table(op.table)?.definition ?? null;
    const uniques = def?.indexes.filter((i) => i.kind === 'unique' || i.kind === 'primary') ?? [];
    const charset = action.collation ? `${action.charset} (${action.collation})` : action.charset;
    const alternatives: Alternative[] = [...onlineFor(context, statement, op), ...oscFor(context, statement, op)];
    const stringUniques = uniques.filter((i) => i.columns.some((c) => def?.columns.find((d) => d.name.toLowerCase() === c.name.toLowerCase() && /CHAR|TEXT|ENUM|SET/.test(d.dataType))));
    if (stringUniques.length > 0) {
      const collation = action.collation ?? `${action.charset}_bin`;
      const checks = stringUniques.map((i) => {
        const cols = i.columns.map((c) => `${quoteIdent(c.name)} COLLATE ${action.collation ?? collation}`).join(', ');
        return `SELECT ${cols}, COUNT(*) FROM ${quoteTable(op.table)} GROUP BY ${cols} HAVING COUNT(*) > 1 LIMIT 10;  -- ${i.name ?? 'PRIMARY'}: expect no rows`;
      });
      alternatives.push(expandContract('Find values that collide under the new collation before converting', [...checks, '-- fix the duplicates, then convert (with an online schema change tool on a big table)'], action.collation ? [] : [`No COLLATE was given: use the default collation of ${action.charset} in the checks instead of ${collation}.`]));
    }
    return [
      {
        messageId: 'convert',
        values: {
          table: op.table.name,
          charset,
          size: rowsPhrase(context, op.table),
          server: serverName(context.server.version),
          lock: describeLock(profile),
          uniques: stringUniques.length > 0 ? ` (${stringUniques.map((i) => i.name ?? 'PRIMARY').join(', ')})` : '',
        },
        severity: sizeSeverity(context, op.table, impactOf(profile)),
        table: op.table.name,
        alternatives,
      },
    ];
  },
});
