// X02: the statement should go through an online schema change tool, but the table has triggers.
// pt-osc itself works through triggers (it needs --preserve-triggers, MySQL 5.7.2+ / MariaDB 10.2.3+),
// gh-ost needs --include-triggers to recreate them on the new table.
import { defineAnalyzer } from '../src/analysis/analyzer.js';
import { oscCandidate } from '../src/analysis/alternatives/alter-facts.js';
import { oscAlternatives } from '../src/analysis/alternatives/osc-tools.js';
import { sizeSeverity } from '../src/analysis/size-severity.js';

type Messages = 'triggers';

export const oscTableWithTriggers = defineAnalyzer<Messages>({
  id: 'osc-table-with-triggers',
  title: 'Table with triggers needs special OSC flags',
  category: 'osc-compatibility',
  severity: 'warning',
  appliesTo: ['alter-table', 'create-index', 'optimize-table'],
  messages: {
    triggers:
      '{table} has trigger{plural} {names}. This statement {why}, so it should run through an online schema change tool: pt-online-schema-change needs --preserve-triggers (or it refuses), gh-ost needs --include-triggers, and the triggers fire on the copy too — check they are safe to run twice.',
  },
  check(statement, context) {
    const candidate = oscCandidate(statement, context);
    if (!candidate) return [];
    const { target, facts } = candidate;
    const names = new Set((facts?.triggers ?? []).map((t) => t.name));
    // Triggers created earlier in this migration count too.
    for (const s of context.previous) {
      const o = s.operation;
      if (
        o.kind === 'create-trigger' &&
        o.table &&
        o.table.name.toLowerCase() === target.table.name.toLowerCase()
      )
        names.add(o.name);
      if (o.kind === 'drop-trigger') names.delete(o.name);
    }
    if (names.size === 0) return [];
    return [
      {
        messageId: 'triggers',
        values: {
          table: target.table.name,
          plural: names.size === 1 ? '' : 's',
          names: [...names].join(', '),
          why: context.lock.blocksWrites !== false ? 'blocks writes' : 'rebuilds the table',
        },
        severity: sizeSeverity(context, target.table, 'rebuild') === 'info' ? 'info' : 'warning',
        table: target.table.name,
        alternatives: oscAlternatives({
          table: target.table,
          alter: target.clauses,
          facts,
          isMariaDb: context.server.isMariaDb,
          hasTriggers: true,
        }),
      },
    ];
  },
});
