// X03: the statement should go through an online schema change tool, but the table has foreign
// keys or is referenced by them. gh-ost refuses such tables; pt-osc needs
// --alter-foreign-keys-method for referencing tables and renames the child's constraints.
import { defineAnalyzer, type Alternative } from '../src/analysis/analyzer.js';
import { oscCandidate } from '../src/analysis/alternatives/alter-facts.js';
import { ptOscAlternative } from '../src/analysis/alternatives/osc-tools.js';
import { sizeSeverity } from '../src/analysis/size-severity.js';

type Messages = 'foreignKeys';

export const oscTableWithForeignKeys = defineAnalyzer<Messages>({
  id: 'osc-table-with-foreign-keys',
  title: 'Table with foreign keys limits the OSC tools',
  category: 'osc-compatibility',
  severity: 'warning',
  appliesTo: ['alter-table', 'create-index', 'optimize-table'],
  messages: {
    foreignKeys:
      '{table} {relation}. This statement {why}, so it should run through an online schema change tool, but gh-ost refuses tables with foreign keys and pt-online-schema-change must rebuild or swap the constraints ({method}).',
  },
  check(statement, context) {
    const candidate = oscCandidate(statement, context);
    if (!candidate) return [];
    const { target, facts } = candidate;
    const own = facts?.definition?.foreignKeys ?? [];
    const referencing = facts?.referencedBy ?? [];
    if (own.length === 0 && referencing.length === 0) return [];
    const relation = [
      own.length > 0
        ? `has foreign key${own.length === 1 ? '' : 's'} to ${[...new Set(own.map((f) => f.referencedTable.name))].join(', ')}`
        : null,
      referencing.length > 0
        ? `is referenced by ${[...new Set(referencing.map((r) => r.table.name))].join(', ')}`
        : null,
    ]
      .filter(Boolean)
      .join(' and ');
    const alternatives: Alternative[] = [
      ptOscAlternative({
        table: target.table,
        alter: target.clauses,
        facts,
        isMariaDb: context.server.isMariaDb,
        notes:
          referencing.length > 0
            ? [
                "--alter-foreign-keys-method=auto rebuilds the referencing tables' constraints (rebuild_constraints) when they are small, otherwise drops and swaps them (drop_swap: a short window without the table).",
              ]
            : [],
      }),
    ];
    return [
      {
        messageId: 'foreignKeys',
        values: {
          table: target.table.name,
          relation,
          why: context.lock.blocksWrites !== false ? 'blocks writes' : 'rebuilds the table',
          method:
            referencing.length > 0
              ? 'use --alter-foreign-keys-method=auto'
              : 'its copy gets the constraints under new names, prefixed with an underscore',
        },
        severity: sizeSeverity(context, target.table, 'rebuild') === 'info' ? 'info' : 'warning',
        table: target.table.name,
        alternatives,
      },
    ];
  },
});
