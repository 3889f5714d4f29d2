// D08: DROP PRIMARY KEY without adding another in the same statement. The table loses its
// uniqueness guarantee; InnoDB clusters it on a hidden 6-byte row id, row-based replicas must scan
// the table for every changed row, and online schema change tools refuse it. (The lock and rebuild
// side of the change is primary-key-change.)
import { defineAnalyzer, type Alternative } from '../src/analysis/analyzer.js';
import { buildAlter, quoteIdent } from '../src/analysis/alternatives/online-ddl.js';
import { isKnownEmpty } from '../src/analysis/size-severity.js';

type Messages = 'dropPrimaryKey';

export const dropPrimaryKey = defineAnalyzer<Messages>({
  id: 'drop-primary-key',
  title: 'PRIMARY KEY dropped without a replacement',
  category: 'destructive',
  severity: 'error',
  appliesTo: ['alter-table'],
  messages: {
    dropPrimaryKey:
      '{table} loses its PRIMARY KEY{columns} and gets no new one in this statement. Duplicate rows become possible; InnoDB clusters the table on a hidden row id instead; with row-based replication a replica finds each changed row by scanning the table (replicas fall behind on every UPDATE/DELETE); and pt-online-schema-change and gh-ost refuse the table.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || isKnownEmpty(context, op.table)) return [];
    const drops = op.actions.some((a) => a.type === 'drop-primary-key' || (a.type === 'drop-index' && /^primary$/i.test(a.name)));
    const adds = op.actions.some((a) => (a.type === 'add-index' && a.index.kind === 'primary') || ((a.type === 'add-column' || a.type === 'modify-column' || a.type === 'change-column') && a.column.primaryKey));
    if (!drops || adds) return [];
    const def = context.table(op.table)?.definition ?? null;
    const old = def?.indexes.find((i) => i.kind === 'primary')?.columns.map((c) => c.name) ?? def?.columns.filter((c) => c.primaryKey).map((c) => c.name) ?? [];
    const notNull = new Set(def?.columns.filter((c) => c.nullable === false || c.primaryKey).map((c) => c.name.toLowerCase()) ?? []);
    const candidate = def?.indexes.find((i) => i.kind === 'unique' && i.columns.every((c) => c.expression === null && c.length === null && notNull.has(c.name.toLowerCase())));
    const alternatives: Alternative[] = [];
    if (candidate) {
      alternatives.push(
        Object.freeze({
          kind: 'rewrite' as const,
          title: `Replace the key in the same statement: promote ${candidate.name ?? 'the NOT NULL unique key'} (${candidate.columns.map((c) => c.name).join(', ')})`,
          sql: Object.freeze([`${buildAlter(op.table, ['DROP PRIMARY KEY', `ADD PRIMARY KEY (${candidate.columns.map((c) => quoteIdent(c.name)).join(', ')})`], { algorithm: 'INPLACE', lock: 'NONE' })};`]),
          notes: Object.freeze(['DROP + ADD PRIMARY KEY in one statement rebuilds the table once, in place, with writes allowed; DROP alone forces a blocking copy.']),
          replacesStatement: true,
        }),
      );
    }
    return [
      {
        messageId: 'dropPrimaryKey',
        values: { table: op.table.name, columns: old.length > 0 ? ` (${old.join(', ')})` : '' },
        table: op.table.name,
        alternatives,
      },
    ];
  },
});
