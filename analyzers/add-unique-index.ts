// F01: a UNIQUE index on a table that already has rows. The build runs to the end and then fails
// on the first duplicate (or on a duplicate inserted concurrently); OSC tools that copy with
// INSERT IGNORE silently drop the duplicate rows instead.
import { defineAnalyzer, type Alternative, type Report } from '../src/analysis/analyzer.js';
import { clauseFor, addedIndexes } from '../src/analysis/alternatives/alter-facts.js';
import { expandContract } from '../src/analysis/alternatives/expand-contract.js';
import {
  buildAlter,
  onlineDdlSql,
  quoteIdent,
  quoteTable,
  renderIndex,
} from '../src/analysis/alternatives/online-ddl.js';
import { isKnownEmpty, rowsPhrase } from '../src/analysis/size-severity.js';

type Messages = 'unique' | 'ignoreDeletes' | 'ignoreRemoved';

export const addUniqueIndex = defineAnalyzer<Messages>({
  id: 'add-unique-index',
  title: 'UNIQUE index added to existing data',
  category: 'data-dependent',
  severity: 'warning',
  appliesTo: ['alter-table', 'create-index'],
  messages: {
    unique:
      'A UNIQUE index {index} on {table} ({columns}) is built over existing rows{size}. If any two rows share a value the build fails — after reading the whole table — with a duplicate-key error, and a duplicate inserted while it runs fails it at the very end. pt-online-schema-change and gh-ost copy rows with INSERT IGNORE / REPLACE semantics and would silently drop the duplicates.',
    ignoreDeletes:
      'ALTER IGNORE adds UNIQUE index {index} on {table} ({columns}){size}: of each group of rows sharing a value MariaDB keeps the first and silently deletes the others. Those rows are gone without a trace.',
    ignoreRemoved:
      'ALTER IGNORE TABLE with a UNIQUE index {index} on {table}: MySQL removed ALTER IGNORE in 5.7, so the statement fails with a syntax error. Deduplicate explicitly instead.',
  },
  check(statement, context) {
    const op = statement.operation;
    const added = addedIndexes(op, ['unique']);
    if (!added) return [];
    const { table, indexes } = added;
    if (indexes.length === 0 || isKnownEmpty(context, table)) return [];
    const reports: Report<Messages>[] = [];
    for (const index of indexes) {
      const cols = index.columns
        .map((c) => (c.expression ? `(${c.expression})` : quoteIdent(c.name)))
        .join(', ');
      const t = quoteTable(table);
      const alternatives: Alternative[] = [
        expandContract(
          `Look for duplicates in (${index.columns.map((c) => c.name).join(', ')}) first, then build the index online`,
          [
            `SELECT ${cols}, COUNT(*) FROM ${t} GROUP BY ${cols} HAVING COUNT(*) > 1 LIMIT 10;  -- expect no rows`,
            '-- resolve the duplicates and stop the application from creating new ones',
            `${buildAlter(table, [`ADD ${renderIndex(index)}`], clauseFor(context, table, { type: 'add-index', index, ifNotExists: false }))};`,
          ],
          [
            'Run the duplicate check on a replica or the shadow: it scans the table.',
            'With an OSC tool, use pt-osc --check-unique-key-change (default on) / gh-ost --panic-on-warnings so duplicates abort instead of vanishing.',
          ],
        ),
      ];
      const clause = clauseFor(context, table, { type: 'add-index', index, ifNotExists: false });
      if (clause)
        alternatives.push(
          onlineDdlSql(
            `Build the index with ${clause.algorithm === 'INSTANT' ? 'ALGORITHM=INSTANT' : `ALGORITHM=${clause.algorithm}, LOCK=${clause.lock ?? 'DEFAULT'}`}`,
            [buildAlter(table, [`ADD ${renderIndex(index)}`], clause)],
          ),
        );
      const ignore = op.kind === 'alter-table' && op.ignore;
      reports.push({
        messageId: ignore ? (context.server.isMariaDb ? 'ignoreDeletes' : 'ignoreRemoved') : 'unique',
        ...(ignore ? { severity: 'error' as const } : {}),
        values: {
          index: index.name ?? '(unnamed)',
          table: table.name,
          columns: index.columns.map((c) => c.expression ?? c.name).join(', '),
          size: rowsPhrase(context, table),
        },
        table: table.name,
        ...(index.columns.length === 1 && index.columns[0]!.expression === null
          ? { column: index.columns[0]!.name }
          : {}),
        alternatives,
      });
    }
    return reports;
  },
});
