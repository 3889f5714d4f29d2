// M02/M07 companion: a DELETE or UPDATE whose WHERE no index can bound. InnoDB then reads the whole
// table, and under REPEATABLE READ it locks every row it reads (next-key locks), not only the rows it
// changes: for the statement's whole run, writes anywhere in the table wait.
import { defineAnalyzer } from '../src/analysis/analyzer.js';
import { quoteIdent, quoteTable } from '../src/analysis/alternatives/online-ddl.js';
import { isKnownEmpty, knownRows, sizeNote, sizeSeverity } from '../src/analysis/size-severity.js';
import { leadingIndexColumns } from '../src/analysis/index-columns.js';

type Messages = 'notIndexed' | 'unknownIndexes';

export const dmlWhereNotIndexed = defineAnalyzer<Messages>({
  id: 'dml-where-not-indexed',
  title: 'DELETE/UPDATE whose WHERE no index bounds',
  category: 'dml',
  severity: 'warning',
  appliesTo: ['delete', 'update'],
  messages: {
    notIndexed:
      'The WHERE of this {verb} on {table} ({columns}) constrains no column that leads an index of {table}{size}. InnoDB scans the whole table, and under REPEATABLE READ it locks every row it scans, not only the ones it changes: until the statement commits, writes anywhere in {table} wait.',
    unknownIndexes:
      'drydock does not know the indexes of {table} (no target schema), so it cannot tell whether the WHERE of this {verb} ({columns}) is bounded by an index. Unknown — needs approval: without a usable index the statement scans and locks the whole table.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'delete' && op.kind !== 'update') return [];
    const tables = op.kind === 'delete' ? op.targets : op.tables;
    // Joins and multi-table statements: which column belongs to which table is not known here.
    if (op.hasJoin || tables.length !== 1 || op.where === null || op.where.alwaysTrue || op.where.columns.length === 0) return [];
    const table = tables[0]!;
    if (isKnownEmpty(context, table)) return [];
    const verb = op.kind === 'delete' ? 'DELETE' : 'UPDATE';
    const names = [...new Set(op.where.columns.map((c) => c.column))];
    const columns = names.join(', ');
    const def = context.table(table)?.definition ?? null;
    if (!def) return [{ messageId: 'unknownIndexes', values: { verb, table: table.name, columns }, severity: 'warning', table: table.name }];
    const lead = leadingIndexColumns(def);
    if (names.some((n) => lead.has(n.toLowerCase()))) return [];
    const rows = knownRows(context, table);
    const indexable = names.filter((n) => def.columns.some((c) => c.name.toLowerCase() === n.toLowerCase() && !/BLOB|TEXT|JSON|GEOMETRY/.test(c.dataType)));
    const column = indexable[0];
    return [
      {
        messageId: 'notIndexed',
        values: { verb, table: table.name, columns, size: sizeNote(context, table) },
        severity: rows === null ? 'warning' : sizeSeverity(context, table, 'blocking'),
        table: table.name,
        ...(names.length === 1 ? { column: names[0]! } : {}),
        alternatives: column
          ? [
              Object.freeze({
                kind: 'online-ddl' as const,
                title: `Index ${column} first (online), in its own migration, then run the ${verb}`,
                sql: Object.freeze([
                  `ALTER TABLE ${quoteTable(table)} ADD INDEX ${quoteIdent(`idx_${table.name}_${column}`)} (${quoteIdent(column)}), ALGORITHM=INPLACE, LOCK=NONE;`,
                  `EXPLAIN ${statement.sql};  -- expect type=range or ref on the new index, not ALL`,
                ]),
                notes: Object.freeze(['An index build reads the whole table once but does not block writes; the DML then reads and locks only the matching rows.', 'Or rewrite the WHERE to go through an existing index (for example a primary-key range).']),
                replacesStatement: false,
              }),
            ]
          : [],
      },
    ];
  },
});
