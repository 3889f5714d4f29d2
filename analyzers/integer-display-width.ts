// H11: INT(11) and friends: the number is a display width, not a size or a limit. MySQL deprecated
// it in 8.0.17 and no longer shows it in SHOW CREATE TABLE, so schemas written with it drift from
// what the server reports. TINYINT(1), the conventional boolean, is exempt.
import { defineAnalyzer } from '../src/analysis/analyzer.js';
import type { ColumnDefinition } from '../src/parser/statement.js';

type Messages = 'displayWidth';

const INTEGER_TYPES = new Set(['TINYINT', 'SMALLINT', 'MEDIUMINT', 'INT', 'INTEGER', 'BIGINT']);
const WIDTH = /\b(TINYINT|SMALLINT|MEDIUMINT|INTEGER|INT|BIGINT)\s*\(\s*(\d+)\s*\)/gi;

export const integerDisplayWidth = defineAnalyzer<Messages>({
  id: 'integer-display-width',
  title: 'Integer display width such as INT(11)',
  category: 'hygiene',
  severity: 'info',
  appliesTo: ['create-table', 'alter-table'],
  messages: {
    displayWidth:
      '{list} on {table}: the number in INT(n) is only a display width — it does not limit the values or the storage. MySQL deprecated it in 8.0.17 and leaves it out of SHOW CREATE TABLE, so a schema written with it never matches what the server reports.',
  },
  check(statement, context) {
    if (context.server.isMariaDb) return []; // MariaDB keeps display widths without deprecation
    const op = statement.operation;
    let columns: readonly ColumnDefinition[];
    if (op.kind === 'create-table') columns = op.columns;
    else if (op.kind === 'alter-table') columns = op.actions.flatMap((a) => (a.type === 'add-column' || a.type === 'modify-column' || a.type === 'change-column' ? [a.column] : []));
    else return [];
    const widths = columns.filter((c) => INTEGER_TYPES.has(c.dataType) && c.length !== null && !(c.dataType === 'TINYINT' && c.length === 1));
    if (widths.length === 0) return [];
    const fixed = statement.sql.replace(WIDTH, (m, type: string, n: string) => (type.toUpperCase() === 'TINYINT' && n === '1' ? m : type));
    return [
      {
        messageId: 'displayWidth',
        values: { list: widths.map((c) => `${c.name} ${c.typeText}`).join(', '), table: op.table.name },
        table: op.table.name,
        ...(widths.length === 1 ? { column: widths[0]!.name } : {}),
        alternatives: [Object.freeze({ kind: 'rewrite' as const, title: 'Leave the display widths out', sql: Object.freeze([`${fixed};`]), notes: Object.freeze([]), replacesStatement: true })],
      },
    ];
  },
});
