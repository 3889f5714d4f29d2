// M01 for DELETE: a DELETE without a WHERE clause that is not a plain "empty this table" (that one is
// delete-all-rows, with its TRUNCATE and batched alternatives). What remains: DELETE … LIMIT n without
// WHERE removes n rows the server picks, and a multi-table DELETE without WHERE removes every row the
// join produces, from every target table.
import { defineAnalyzer, type Alternative } from '../src/analysis/analyzer.js';
import { primaryKeyFor } from '../src/analysis/alternatives/batched-dml.js';
import { quoteIdent, quoteTable } from '../src/analysis/alternatives/online-ddl.js';
import { createdInMigration, sizeNote, sizeSeverity } from '../src/analysis/size-severity.js';

type Messages = 'limitNoWhere' | 'joinNoWhere';

export const deleteWithoutWhere = defineAnalyzer<Messages>({
  id: 'delete-without-where',
  title: 'DELETE without WHERE',
  category: 'dml',
  severity: 'warning',
  appliesTo: ['delete'],
  messages: {
    limitNoWhere:
      'DELETE FROM {table} … LIMIT {limit} has no WHERE clause{size}: it removes {limit} rows chosen by the server{order}. Which rows go is not stated anywhere a reviewer can check, and with statement-based replication a replica may remove different ones.',
    joinNoWhere:
      'This multi-table DELETE has no WHERE clause: it removes every row the join of {from} produces from {targets}{size}, in one transaction. A forgotten WHERE here empties several tables at once.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'delete') return [];
    if (op.where !== null && !op.where.alwaysTrue) return [];
    const table = op.targets[0];
    if (!table || op.targets.every((t) => createdInMigration(context, t))) return [];
    if (op.hasJoin || op.targets.length > 1) {
      return [
        {
          messageId: 'joinNoWhere',
          values: { from: op.from.map((t) => t.name).join(', '), targets: op.targets.map((t) => t.name).join(', '), size: sizeNote(context, table) },
          severity: sizeSeverity(context, table, 'rebuild'),
          table: table.name,
          alternatives: [],
        },
      ];
    }
    if (op.limit === null) return []; // a plain DELETE of every row: delete-all-rows
    const alternatives: Alternative[] = [];
    const key = primaryKeyFor(context, table);
    if (op.orderBy === null && key) {
      alternatives.push(
        Object.freeze({
          kind: 'rewrite',
          title: `State which rows go: oldest first by the primary key (${key.join(', ')})`,
          sql: Object.freeze([`DELETE FROM ${quoteTable(table)} ORDER BY ${key.map(quoteIdent).join(', ')} LIMIT ${op.limit};`]),
          notes: Object.freeze(['Better still, add the WHERE that describes the rows meant to go.']),
          replacesStatement: true,
        }),
      );
    }
    return [
      {
        messageId: 'limitNoWhere',
        values: { table: table.name, limit: op.limit, order: op.orderBy === null ? ' in no stated order' : ` in ORDER BY ${op.orderBy} order`, size: sizeNote(context, table) },
        table: table.name,
        alternatives,
      },
    ];
  },
});
