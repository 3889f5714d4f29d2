// H07: an index that another index already provides: the same columns, or a leftmost prefix of a
// wider index. It costs every write, buffer-pool space and optimizer time, and answers no query the
// other index cannot.
import { defineAnalyzer, type Report } from '../src/analysis/analyzer.js';
import { quoteIdent, quoteTable } from '../src/analysis/alternatives/online-ddl.js';
import type { IndexDefinition, TableRef } from '../src/parser/statement.js';

type Messages = 'duplicate' | 'prefix';

const key = (i: IndexDefinition): string[] | null =>
  i.columns.some((c) => c.expression !== null) ? null : i.columns.map((c) => `${c.name.toLowerCase()}(${c.length ?? ''})${c.descending ? ' desc' : ''}`);
const label = (i: IndexDefinition): string => (i.kind === 'primary' ? 'the PRIMARY KEY' : `index ${i.name ?? '(unnamed)'}`);
const isBtree = (i: IndexDefinition): boolean => i.kind !== 'fulltext' && i.kind !== 'spatial' && i.using !== 'HASH';

export const duplicateIndex = defineAnalyzer<Messages>({
  id: 'duplicate-index',
  title: 'Index that another index already provides',
  category: 'hygiene',
  severity: 'warning',
  appliesTo: ['create-table', 'alter-table', 'create-index'],
  messages: {
    duplicate: 'Index {index} on {table} ({columns}) has exactly the columns of {other}. The server maintains both on every write and keeps both in memory, for no query benefit.',
    prefix:
      'Index {index} on {table} ({columns}) is a leftmost prefix of {other} ({otherColumns}), which already serves every lookup {index} could. It costs every write and buffer-pool space for nothing.',
  },
  check(statement, context) {
    const op = statement.operation;
    let table: TableRef;
    let existing: IndexDefinition[];
    let added: readonly IndexDefinition[];
    if (op.kind === 'create-table') {
      table = op.table;
      existing = op.columns.filter((c) => c.primaryKey).map((c) => ({ name: 'PRIMARY', kind: 'primary' as const, columns: [{ name: c.name, length: null, descending: false, expression: null }], using: null }));
      added = op.indexes;
    } else if (op.kind === 'alter-table' || op.kind === 'create-index') {
      table = op.table;
      const dropped = new Set(op.kind === 'alter-table' ? op.actions.flatMap((a) => (a.type === 'drop-index' ? [a.name.toLowerCase()] : a.type === 'drop-primary-key' ? ['primary'] : [])) : []);
      existing = (context.table(op.table)?.definition?.indexes ?? []).filter((i) => !dropped.has((i.name ?? (i.kind === 'primary' ? 'primary' : '')).toLowerCase()));
      added = op.kind === 'alter-table' ? op.actions.flatMap((a) => (a.type === 'add-index' ? [a.index] : [])) : [op.index];
    } else return [];
    const reports: Report<Messages>[] = [];
    const seen = [...existing];
    for (const index of added) {
      const mine = key(index);
      if (!mine || !isBtree(index) || index.kind === 'primary') {
        seen.push(index);
        continue;
      }
      for (const other of seen) {
        const theirs = key(other);
        if (!theirs || !isBtree(other) || theirs.length < mine.length || !mine.every((c, k) => theirs[k] === c)) continue;
        const exact = theirs.length === mine.length;
        // A UNIQUE index is a constraint: only an identical unique (or primary) key makes it redundant.
        if (index.kind === 'unique' && !(exact && (other.kind === 'unique' || other.kind === 'primary'))) continue;
        const values = { index: index.name ?? '(unnamed)', table: table.name, columns: index.columns.map((c) => c.name).join(', '), other: label(other), otherColumns: other.columns.map((c) => c.name).join(', ') };
        reports.push({
          messageId: exact ? 'duplicate' : 'prefix',
          values,
          table: table.name,
          alternatives: [
            Object.freeze({
              kind: 'rewrite' as const,
              title: `Do not add ${values.index}: ${label(other)} already covers it`,
              sql: Object.freeze(op.kind === 'create-table' || !index.name ? [`-- leave ${values.index} out of the statement`] : [`-- leave ${values.index} out; if it already exists: ALTER TABLE ${quoteTable(table)} DROP INDEX ${quoteIdent(index.name)};`]),
              notes: Object.freeze(['Keep it only if it exists to satisfy a foreign key that the wider index does not start with.']),
              replacesStatement: false,
            }),
          ],
        });
        break;
      }
      seen.push(index);
    }
    return reports;
  },
});
