// H01: utf8 / utf8mb3 stores at most 3 bytes per character: emoji and other characters outside the
// Basic Multilingual Plane are rejected (strict mode) or silently cut off. MySQL deprecates utf8mb3;
// utf8mb4 is the default of MySQL 8.0 and MariaDB 11.
import { defineAnalyzer, type Report } from '../src/analysis/analyzer.js';

type Messages = 'utf8mb3';

const IS_MB3 = /^utf8(?:mb3)?(?:_|$)/i;

/** The statement text with utf8/utf8mb3 charset and collation names moved to utf8mb4. */
function toMb4(sql: string): string {
  return sql
    .replace(/\butf8(?:mb3)?_(\w+)/gi, (_m, rest: string) => `utf8mb4_${rest}`)
    .replace(/\b(CHARSET|CHARACTER\s+SET)(\s*=?\s*)(['"`]?)utf8(?:mb3)?\3(?!\w)/gi, (_m, kw: string, eq: string) => `${kw}${eq}utf8mb4`);
}

export const utf8mb3Charset = defineAnalyzer<Messages>({
  id: 'utf8mb3-charset',
  title: 'utf8 / utf8mb3 character set',
  category: 'hygiene',
  severity: 'warning',
  appliesTo: ['create-table', 'alter-table'],
  messages: {
    utf8mb3:
      '{what} uses {charset}, which stores at most 3 bytes per character: emoji and other characters outside the Basic Multilingual Plane are rejected in strict mode or cut off at the first such character otherwise. utf8mb3 is deprecated in MySQL; use utf8mb4.',
  },
  check(statement) {
    const op = statement.operation;
    const found: { what: string; charset: string; column?: string }[] = [];
    const look = (what: string, charset: string | null | undefined, column?: string): void => {
      if (charset && IS_MB3.test(charset)) found.push({ what, charset, ...(column ? { column } : {}) });
    };
    if (op.kind === 'create-table') {
      look(`Table ${op.table.name}`, op.options['CHARSET'] ?? op.options['DEFAULT CHARSET'] ?? op.options['COLLATE']);
      for (const c of op.columns) look(`Column ${op.table.name}.${c.name}`, c.charset ?? c.collation, c.name);
    } else if (op.kind === 'alter-table') {
      for (const a of op.actions) {
        if (a.type === 'table-options') look(`Table ${op.table.name}`, a.options['CHARSET'] ?? a.options['DEFAULT CHARSET'] ?? a.options['COLLATE']);
        else if (a.type === 'convert-charset') look(`Table ${op.table.name} (CONVERT TO)`, a.charset);
        else if (a.type === 'add-column' || a.type === 'modify-column' || a.type === 'change-column') look(`Column ${op.table.name}.${a.column.name}`, a.column.charset ?? a.column.collation, a.column.name);
      }
    } else return [];
    if (found.length === 0) return [];
    const rewritten = toMb4(statement.sql);
    const alternative = Object.freeze({
      kind: 'rewrite' as const,
      title: 'Use utf8mb4 (and the matching utf8mb4 collation)',
      sql: Object.freeze([`${rewritten};`]),
      notes: Object.freeze(['utf8mb4 needs up to 4 bytes per character: an index on VARCHAR(n) needs 4·n bytes (within the 3072-byte limit of DYNAMIC rows up to VARCHAR(768)).']),
      replacesStatement: true,
    });
    return found.map((f): Report<Messages> => ({
      messageId: 'utf8mb3',
      values: { what: f.what, charset: f.charset },
      table: op.table.name,
      ...(f.column ? { column: f.column } : {}),
      alternatives: rewritten !== statement.sql ? [alternative] : [],
    }));
  },
});
