// H10: an index on a TEXT/BLOB column needs a prefix length. Without one MySQL refuses the statement
// (error 1170), so the migration fails after the statements before it already ran. MariaDB accepts it
// and silently picks the longest prefix (3072 bytes; note 1071) — or, for UNIQUE, a hidden hash
// index — measured on MariaDB 10.11.
import { defineAnalyzer, type Report } from '../src/analysis/analyzer.js';
import { quoteTable, renderIndex } from '../src/analysis/alternatives/online-ddl.js';
import type { ColumnDefinition, IndexDefinition, TableRef } from '../src/parser/statement.js';

type Messages = 'noPrefix' | 'silentPrefix';

const LOBS = new Set(['TINYTEXT', 'TEXT', 'MEDIUMTEXT', 'LONGTEXT', 'TINYBLOB', 'BLOB', 'MEDIUMBLOB', 'LONGBLOB']);
/** 255 characters: at 4 bytes each, well inside InnoDB's 3072-byte key limit. */
const PREFIX = 255;

export const textBlobIndexWithoutPrefix = defineAnalyzer<Messages>({
  id: 'text-blob-index-without-prefix',
  title: 'Index on a TEXT/BLOB column without a prefix length',
  category: 'hygiene',
  severity: 'error',
  appliesTo: ['create-table', 'alter-table', 'create-index'],
  messages: {
    noPrefix:
      'Index {index} on {table} covers {column}, a {type} column, without a prefix length. The server refuses it (error 1170, "BLOB/TEXT column used in key specification without a key length"), so the migration fails at this statement — after the statements before it already ran.',
    silentPrefix:
      'Index {index} on {table} covers {column}, a {type} column, without a prefix length. MariaDB accepts it without an error: {what}. MySQL refuses the same statement (error 1170).',
  },
  check(statement, context) {
    const op = statement.operation;
    let table: TableRef;
    let indexes: readonly IndexDefinition[];
    let columns: ColumnDefinition[];
    if (op.kind === 'create-table') {
      table = op.table;
      indexes = op.indexes;
      columns = [...op.columns];
    } else if (op.kind === 'alter-table' || op.kind === 'create-index') {
      table = op.table;
      columns = [...(context.table(op.table)?.definition?.columns ?? [])];
      if (op.kind === 'alter-table') {
        for (const a of op.actions) if (a.type === 'add-column' || a.type === 'modify-column' || a.type === 'change-column') columns.unshift(a.column);
        indexes = op.actions.flatMap((a) => (a.type === 'add-index' ? [a.index] : []));
      } else indexes = [op.index];
    } else return [];
    const reports: Report<Messages>[] = [];
    for (const index of indexes) {
      if (index.kind === 'fulltext' || index.kind === 'spatial') continue;
      for (const part of index.columns) {
        if (part.expression !== null || part.length !== null) continue;
        const col = columns.find((c) => c.name.toLowerCase() === part.name.toLowerCase());
        if (!col || !LOBS.has(col.dataType)) continue;
        const fixed: IndexDefinition = { ...index, columns: index.columns.map((p) => (p === part ? { ...p, length: PREFIX } : p)) };
        const mariadb = context.server.isMariaDb;
        reports.push({
          messageId: mariadb ? 'silentPrefix' : 'noPrefix',
          values: {
            index: index.name ?? '(unnamed)',
            table: table.name,
            column: col.name,
            type: col.dataType,
            what:
              index.kind === 'unique' || index.kind === 'primary'
                ? 'it builds a hidden hash of the whole value instead (USING HASH), which can check uniqueness and find exact values but serves no range, prefix or ORDER BY lookup'
                : 'it silently indexes the longest prefix that fits, 3072 bytes (768 utf8mb4 characters) per entry, with only a note (1071) — an index far larger than intended',
          },
          ...(mariadb ? { severity: 'warning' as const } : {}),
          table: table.name,
          column: col.name,
          alternatives: [
            Object.freeze({
              kind: 'rewrite' as const,
              title: `Index the first ${PREFIX} characters of ${col.name}`,
              sql: Object.freeze([
                op.kind === 'create-table' ? `-- in the CREATE TABLE, declare the index as: ${renderIndex(fixed)}` : `ALTER TABLE ${quoteTable(table)} ADD ${renderIndex(fixed)};`,
              ]),
              notes: Object.freeze([
                'A prefix index cannot enforce uniqueness of the whole value; for a UNIQUE rule on long text, index a STORED hash column instead (e.g. SHA2(col, 256)).',
              ]),
              replacesStatement: false,
            }),
          ],
        });
      }
    }
    return reports;
  },
});
