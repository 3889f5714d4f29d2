// H06: TIMESTAMP stores seconds since 1970 in 32 bits: it cannot hold a moment after
// 2038-01-19 03:14:07 UTC (MariaDB 11.5+ extends it to 2106 on 64-bit builds). Expiry dates, long
// contracts and "valid until" columns hit the limit first.
import { defineAnalyzer, type Report } from '../src/analysis/analyzer.js';
import { buildAlter, renderColumn } from '../src/analysis/alternatives/online-ddl.js';
import type { ColumnDefinition } from '../src/parser/statement.js';

type Messages = 'timestamp';

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const timestamp2038 = defineAnalyzer<Messages>({
  id: 'timestamp-2038',
  title: 'TIMESTAMP column ends in 2038',
  category: 'hygiene',
  severity: 'info',
  appliesTo: ['create-table', 'alter-table'],
  messages: {
    timestamp:
      '{table}.{column} is a TIMESTAMP, which cannot hold a moment after 2038-01-19 03:14:07 UTC: inserting a later value fails in strict mode or stores 0000-00-00 otherwise. Dates in the future (expiry, "valid until", schedules) reach the limit first. DATETIME covers years 1000–9999.',
  },
  check(statement, context) {
    if (context.server.timestampBeyond2038) return [];
    const op = statement.operation;
    let columns: readonly ColumnDefinition[];
    if (op.kind === 'create-table') columns = op.columns;
    else if (op.kind === 'alter-table') columns = op.actions.flatMap((a) => (a.type === 'add-column' || a.type === 'modify-column' || a.type === 'change-column' ? [a.column] : []));
    else return [];
    const reports: Report<Messages>[] = [];
    for (const c of columns) {
      if (c.dataType !== 'TIMESTAMP') continue;
      const dt = c.typeText.replace(/timestamp/i, 'DATETIME');
      const sql =
        op.kind === 'create-table'
          ? `${statement.sql.replace(new RegExp(`((?:^|[\\s(,])\`?${escapeRe(c.name)}\`?\\s+)${escapeRe(c.typeText)}`, 'i'), `$1${dt}`)};`
          : `${buildAlter(op.table, [`${op.actions.length === 1 && op.actions[0]!.type === 'add-column' ? 'ADD' : 'MODIFY'} COLUMN ${renderColumn({ ...c, typeText: dt, dataType: 'DATETIME' }, op.actions.length === 1 && op.actions[0]!.type === 'add-column' ? {} : { position: null })}`])};`;
      reports.push({
        messageId: 'timestamp',
        values: { table: op.table.name, column: c.name },
        table: op.table.name,
        column: c.name,
        alternatives: [
          Object.freeze({
            kind: 'rewrite' as const,
            title: `Declare ${c.name} as ${dt}`,
            sql: Object.freeze([sql]),
            notes: Object.freeze([
              'DATETIME stores the value as written, without converting through the session time zone: write UTC (e.g. SET time_zone = \'+00:00\' in the application) to keep the meaning TIMESTAMP had.',
              'DEFAULT CURRENT_TIMESTAMP and ON UPDATE CURRENT_TIMESTAMP work on DATETIME too (MySQL 5.6.5+, MariaDB 10.0+).',
            ]),
            replacesStatement: op.kind === 'create-table' || op.actions.length === 1,
          }),
        ],
      });
    }
    return reports;
  },
});
