// L03: a type change that can lose data: shorter strings, smaller integers, fewer digits,
// signed → unsigned. In strict mode the copy fails on the first value that does not fit (after
// copying part of the table); without strict mode values are silently truncated.
import { defineAnalyzer, type Alternative, type Report } from '../src/analysis/analyzer.js';
import { columnBefore, modifiedColumn, oscFor } from '../src/analysis/alternatives/alter-facts.js';
import { isIntegerType, narrowingReason, typeLabel } from '../src/analysis/alternatives/column-types.js';
import { expandContract } from '../src/analysis/alternatives/expand-contract.js';
import { quoteIdent, quoteTable } from '../src/analysis/alternatives/online-ddl.js';
import type { ColumnDefinition, TableRef } from '../src/parser/statement.js';
import { createdInMigration, rowsPhrase } from '../src/analysis/size-severity.js';

type Messages = 'narrowing';

const INT_BOUNDS: Readonly<Record<string, readonly [string, string, string]>> = {
  // [signed min, signed max, unsigned max]
  TINYINT: ['-128', '127', '255'],
  SMALLINT: ['-32768', '32767', '65535'],
  MEDIUMINT: ['-8388608', '8388607', '16777215'],
  INT: ['-2147483648', '2147483647', '4294967295'],
  BIGINT: ['-9223372036854775808', '9223372036854775807', '18446744073709551615'],
};

/** A query counting the rows whose value would not survive the new type. */
function offendingRowsQuery(table: TableRef, column: string, to: ColumnDefinition): string {
  const t = quoteTable(table);
  const c = quoteIdent(column);
  if (isIntegerType(to.dataType)) {
    const [min, max, umax] = INT_BOUNDS[to.dataType]!;
    const where = to.unsigned ? `${c} < 0 OR ${c} > ${umax}` : `${c} < ${min} OR ${c} > ${max}`;
    return `SELECT COUNT(*) FROM ${t} WHERE ${where};  -- expect 0`;
  }
  if (to.dataType === 'DECIMAL') {
    const p = to.length ?? 10;
    const s = to.scale ?? 0;
    return `SELECT COUNT(*) FROM ${t} WHERE ABS(${c}) >= POW(10, ${p - s}) OR ${c} <> ROUND(${c}, ${s});  -- expect 0`;
  }
  if (to.length !== null && ['CHAR', 'VARCHAR', 'BINARY', 'VARBINARY'].includes(to.dataType)) {
    const fn = to.dataType.endsWith('BINARY') ? 'LENGTH' : 'CHAR_LENGTH';
    return `SELECT COUNT(*), MAX(${fn}(${c})) FROM ${t} WHERE ${fn}(${c}) > ${to.length};  -- expect 0`;
  }
  if (['TINYTEXT', 'TEXT', 'MEDIUMTEXT', 'TINYBLOB', 'BLOB', 'MEDIUMBLOB'].includes(to.dataType)) {
    const max = { TINYTEXT: 255, TINYBLOB: 255, TEXT: 65535, BLOB: 65535, MEDIUMTEXT: 16777215, MEDIUMBLOB: 16777215 }[to.dataType]!;
    return `SELECT COUNT(*) FROM ${t} WHERE LENGTH(${c}) > ${max};  -- expect 0`;
  }
  const cast = ['DATE', 'TIME', 'DATETIME'].includes(to.dataType) ? `${to.dataType}${to.scale ? `(${to.scale})` : ''}` : 'CHAR';
  return `SELECT ${c} FROM ${t} WHERE ${c} IS NOT NULL AND ${c} <> CAST(${c} AS ${cast}) LIMIT 20;  -- review the values this finds`;
}

export const narrowingColumnType = defineAnalyzer<Messages>({
  id: 'narrowing-column-type',
  title: 'Narrowing column type can lose data',
  category: 'data-dependent',
  severity: 'error',
  appliesTo: ['alter-table'],
  messages: {
    narrowing:
      '{table}.{column} narrows from {from} to {to}: {reason}. In strict mode the ALTER fails on the first value that does not fit, after copying part of the table{size}; without strict mode (or with ALTER IGNORE) those values are silently changed.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || createdInMigration(context, op.table)) return [];
    if (context.table(op.table)?.rows === 0) return [];
    const reports: Report<Messages>[] = [];
    for (const action of op.actions) {
      const m = modifiedColumn(action);
      if (!m) continue;
      const before = columnBefore(context, op.table, m.from);
      if (!before) continue;
      const reason = narrowingReason(before, m.column);
      if (!reason) continue;
      const check = offendingRowsQuery(op.table, m.from, m.column);
      const precheck: Alternative = expandContract(
        `Measure the values that do not fit ${typeLabel(m.column)} first, fix them, then run the change`,
        [check, '-- fix or archive those rows in batches, then run the ALTER (through an online schema change tool on a big table)'],
        ['Run the check on a replica or the shadow, not on a busy primary: it scans the table.'],
      );
      reports.push({
        messageId: 'narrowing',
        values: { table: op.table.name, column: m.from, from: typeLabel(before), to: typeLabel(m.column), reason, size: rowsPhrase(context, op.table) },
        table: op.table.name,
        column: m.from,
        alternatives: [precheck, ...oscFor(context, statement, op, ['pt-osc copies with INSERT IGNORE / gh-ost converts values: rows that do not fit are changed, not rejected. Run the check first.'])],
      });
    }
    return reports;
  },
});
