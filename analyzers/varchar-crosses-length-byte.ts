// L02: VARCHAR growth is in-place metadata only while the maximum byte length stays on the same
// side of 255 (1-byte vs 2-byte length prefix). Crossing it — 63 characters in utf8mb4, 85 in
// utf8mb3, 255 in latin1 — rewrites every row: a table copy with writes blocked on MySQL.
import { defineAnalyzer, type Alternative, type Report } from '../src/analysis/analyzer.js';
import { actionProfile, columnBefore, modifiedColumn, onlineFor, oscFor, tableCharset } from '../src/analysis/alternatives/alter-facts.js';
import { bytesPerChar, charsetOfCollation, isVarcharWidening, oneBytePrefixMaxChars } from '../src/analysis/alternatives/column-types.js';
import { buildAlter, onlineDdlSql, quoteIdent, renderColumn } from '../src/analysis/alternatives/online-ddl.js';
import { describeLock, impactOf, isKnownEmpty, rowsPhrase, serverName, sizeSeverity } from '../src/analysis/size-severity.js';

type Messages = 'crosses';

export const varcharCrossesLengthByte = defineAnalyzer<Messages>({
  id: 'varchar-crosses-length-byte',
  title: 'VARCHAR growth crosses the 255-byte length prefix',
  category: 'locking',
  severity: 'error',
  appliesTo: ['alter-table'],
  messages: {
    crosses:
      '{table}.{column} grows from {from} to {to} characters, and in {charset} ({bytes} bytes per character) that crosses 255 bytes: each value needs a 2-byte length prefix instead of 1, so every row is rewritten{size}. On {server} {lock}. Up to {limit} characters the change would be metadata-only.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || isKnownEmpty(context, op.table)) return [];
    const reports: Report<Messages>[] = [];
    for (const action of op.actions) {
      const m = modifiedColumn(action);
      if (!m) continue;
      const before = columnBefore(context, op.table, m.from);
      if (!before || !isVarcharWidening(before, m.column)) continue;
      const charset = before.charset ?? (before.collation ? charsetOfCollation(before.collation) : null) ?? tableCharset(context.table(op.table));
      const per = bytesPerChar(charset, before.dataType);
      if (before.length! * per > 255 || m.column.length! * per <= 255) continue;
      const profile = actionProfile(context, op, action);
      // MariaDB 10.4+ can widen instantly in some cases (ROW_FORMAT=REDUNDANT, short originals).
      if (profile.blocksWrites === false && profile.rebuildsTable === false) continue;
      const limit = oneBytePrefixMaxChars(per);
      const alternatives: Alternative[] = [];
      if (limit > before.length!) {
        const within = { ...m.column, length: limit, typeText: m.column.typeText.replace(/\(\s*\d+\s*\)/, `(${limit})`) };
        const clause = context.server.profileAlterAction({ ...action, column: within } as typeof action, context.table(op.table), context.session).clause;
        alternatives.push(onlineDdlSql(`Grow ${m.from} only to ${limit} characters (metadata only)`, [buildAlter(op.table, [`${action.type === 'change-column' ? `CHANGE COLUMN ${quoteIdent(m.from)}` : 'MODIFY COLUMN'} ${renderColumn(within)}`], clause)], [`Only if ${limit} characters are enough for the data.`]));
      }
      alternatives.push(...onlineFor(context, statement, op), ...oscFor(context, statement, op));
      reports.push({
        messageId: 'crosses',
        values: {
          table: op.table.name,
          column: m.from,
          from: before.length!,
          to: m.column.length!,
          charset: charset ?? 'utf8mb4 (assumed: charset unknown)',
          bytes: per,
          size: rowsPhrase(context, op.table),
          server: serverName(context.server.version),
          lock: describeLock(profile),
          limit,
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
