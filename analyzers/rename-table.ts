// C02: renaming a table breaks every running copy of the application that still uses the old name.
// An updatable view under the old name bridges the deploy; a migration that creates that view
// itself is not reported.
import { defineAnalyzer, type Report } from '../src/analysis/analyzer.js';
import { expandContract } from '../src/analysis/alternatives/expand-contract.js';
import { quoteTable } from '../src/analysis/alternatives/online-ddl.js';
import { createdInMigration } from '../src/analysis/size-severity.js';
import type { TableRef } from '../src/parser/statement.js';

type Messages = 'rename';

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const renameTable = defineAnalyzer<Messages>({
  id: 'rename-table',
  title: 'Table renamed: running code that uses the old name breaks',
  category: 'backward-incompatible',
  severity: 'error',
  appliesTo: ['rename-table', 'alter-table'],
  messages: {
    rename:
      '{from} is renamed to {to}. From the moment the rename commits, every query that names {from} fails with "Table doesn\'t exist"; during a deploy the previous version of the application is still running and still uses {from}, and code that already uses {to} fails until the rename has run.',
  },
  check(statement, context) {
    const op = statement.operation;
    let pairs: readonly { readonly from: TableRef; readonly to: TableRef }[];
    if (op.kind === 'rename-table') pairs = op.pairs;
    else if (op.kind === 'alter-table') pairs = op.actions.flatMap((a) => (a.type === 'rename-table' ? [{ from: op.table, to: a.to }] : []));
    else return [];
    const later = context.migration.statements.filter((s) => s.index > statement.index);
    const reports: Report<Messages>[] = [];
    for (const { from, to } of pairs) {
      if (createdInMigration(context, from)) continue;
      // A compatibility view under the old name, created later in the same migration, bridges the deploy.
      const view = new RegExp(`^\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:ALGORITHM\\s*=\\s*\\w+\\s+)?(?:DEFINER\\s*=\\s*\\S+\\s+)?(?:SQL\\s+SECURITY\\s+\\w+\\s+)?VIEW\\s+(?:\`?\\w+\`?\\.)?\`?${escapeRe(from.name)}\`?\\s`, 'i');
      if (later.some((s) => view.test(s.sql))) continue;
      reports.push({
        messageId: 'rename',
        values: { from: from.name, to: to.name },
        table: from.name,
        alternatives: [
          expandContract(`Rename, and leave an updatable view named ${from.name} until no code uses it`, [
            `RENAME TABLE ${quoteTable(from)} TO ${quoteTable(to)};`,
            `CREATE VIEW ${quoteTable(from)} AS SELECT * FROM ${quoteTable(to)};`,
            `-- deploy: the application uses ${to.name}; then, in a later migration:`,
            `DROP VIEW ${quoteTable(from)};`,
          ], [
            'A single-table view without aggregates is updatable: old code keeps reading, inserting, updating and deleting through it.',
            'Between the RENAME and the CREATE VIEW there is a moment of a few milliseconds without the old name; run both in the same migration, back to back.',
            'SELECT * in a view is expanded when the view is created: columns added to the table later are not visible through it.',
          ]),
        ],
      });
    }
    return reports;
  },
});
