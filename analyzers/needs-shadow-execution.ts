// A Kysely migration that reads data and branches on it: the SQL drydock captured is what it runs
// against an empty database, and on real data it may run other statements. Only executing it on a
// sized shadow shows what it does.
import { defineAnalyzer } from '../src/analysis/analyzer.js';

type Messages = 'dataDependent';

export const needsShadowExecution = defineAnalyzer<Messages>({
  id: 'needs-shadow-execution',
  title: 'Migration whose statements depend on the data',
  category: 'data-dependent',
  severity: 'warning',
  appliesTo: 'any',
  messages: {
    dataDependent:
      '{file} reads data and decides what to run from it, so the {count} statement{s} drydock captured are only what it does on an empty database. Against real data it may run different or more statements, which lint cannot see. Unknown — needs approval: run drydock plan, which executes the migration on a sized shadow and reports what it really ran.',
  },
  check(statement, context) {
    // One finding per migration, on its first statement.
    if (!context.migration.needsShadowExecution || statement.index !== context.migration.statements[0]?.index) return [];
    const count = context.migration.statements.length;
    return [{ messageId: 'dataDependent', values: { file: context.migration.file, count, s: count === 1 ? '' : 's' } }];
  },
});
