// H03: an AUTO_INCREMENT column narrower than BIGINT. A signed INT runs out at 2,147,483,647; when it
// does, every INSERT fails with a duplicate-key error until the column is widened — which on a table
// that big is a long blocking copy, at the worst possible moment.
import { defineAnalyzer, type Report, type Severity } from '../src/analysis/analyzer.js';
import { buildAlter, renderColumn } from '../src/analysis/alternatives/online-ddl.js';
import type { ColumnDefinition } from '../src/parser/statement.js';

type Messages = 'narrow';

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const MAX: Readonly<Record<string, readonly [number, number]>> = {
  TINYINT: [127, 255],
  SMALLINT: [32_767, 65_535],
  MEDIUMINT: [8_388_607, 16_777_215],
  INT: [2_147_483_647, 4_294_967_295],
  INTEGER: [2_147_483_647, 4_294_967_295],
};

export const autoIncrementIntHeadroom = defineAnalyzer<Messages>({
  id: 'auto-increment-int-headroom',
  title: 'AUTO_INCREMENT column narrower than BIGINT',
  category: 'hygiene',
  severity: 'warning',
  appliesTo: ['create-table', 'alter-table'],
  messages: {
    narrow:
      '{table}.{column} is an AUTO_INCREMENT {type}: ids run out at {max}. When they do, every INSERT fails with a duplicate-key error, and widening the column then means copying a table that already holds that many rows.{signed}',
  },
  check(statement) {
    const op = statement.operation;
    let columns: readonly ColumnDefinition[];
    if (op.kind === 'create-table') columns = op.columns;
    else if (op.kind === 'alter-table') columns = op.actions.flatMap((a) => (a.type === 'add-column' || a.type === 'modify-column' || a.type === 'change-column' ? [a.column] : []));
    else return [];
    const reports: Report<Messages>[] = [];
    for (const c of columns) {
      const range = MAX[c.dataType];
      if (!c.autoIncrement || !range) continue;
      const max = c.unsigned ? range[1] : range[0];
      const severity: Severity = c.dataType === 'INT' || c.dataType === 'INTEGER' ? (c.unsigned ? 'info' : 'warning') : 'info';
      const wide = { ...c, typeText: 'BIGINT UNSIGNED', dataType: 'BIGINT', unsigned: true, length: null };
      reports.push({
        messageId: 'narrow',
        values: {
          table: op.table.name,
          column: c.name,
          type: c.typeText,
          max: max.toLocaleString('en-US'),
          signed: c.unsigned ? '' : ' A signed type spends half its range on negative ids that AUTO_INCREMENT never uses.',
        },
        severity,
        table: op.table.name,
        column: c.name,
        alternatives: [
          Object.freeze({
            kind: 'rewrite' as const,
            title: 'Use BIGINT UNSIGNED from the start (and the same type in the columns that reference it)',
            sql: Object.freeze(
              op.kind === 'create-table'
                ? [`${statement.sql.replace(new RegExp(`((?:^|[\\s(,])\`?${escapeRe(c.name)}\`?\\s+)${escapeRe(c.typeText)}(?:\\s+UNSIGNED)?`, 'i'), '$1BIGINT UNSIGNED')};`]
                : [`${buildAlter(op.table, [`MODIFY COLUMN ${renderColumn(wide, { position: null })}`])};`],
            ),
            notes: Object.freeze(['Foreign keys that reference the column must have the same type: widen them together.']),
            replacesStatement: op.kind === 'create-table',
          }),
        ],
      });
    }
    return reports;
  },
});
