// D09: dropping a CHECK constraint lets values in that the constraint rejected until now. Also
// covers DROP CONSTRAINT of a name drydock cannot resolve (no schema): it may be a check, a foreign
// key or a unique key, and each of those removes a guarantee.
import { defineAnalyzer, type Report } from '../src/analysis/analyzer.js';

type Messages = 'dropCheck' | 'dropConstraintUnknown';

export const dropCheck = defineAnalyzer<Messages>({
  id: 'drop-check',
  title: 'CHECK constraint dropped: invalid values are no longer rejected',
  category: 'destructive',
  severity: 'warning',
  appliesTo: ['alter-table'],
  messages: {
    dropCheck:
      'CHECK constraint {name} on {table}{expression} is dropped. From now on the server stores values it rejected until now; whatever reads {table} and relied on the rule must validate for itself.',
    dropConstraintUnknown:
      'DROP CONSTRAINT {name} on {table}: drydock does not know what {name} is (no target schema). It may be a CHECK, a FOREIGN KEY or a UNIQUE key; each removes a guarantee about the data (valid values, existing parents, no duplicates). Unknown — needs approval.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table') return [];
    const def = context.table(op.table)?.definition ?? null;
    const reports: Report<Messages>[] = [];
    for (const action of op.actions) {
      if (action.type !== 'drop-constraint') continue;
      const lower = action.name.toLowerCase();
      if (op.actions.some((a) => a.type === 'add-check' && a.name?.toLowerCase() === lower)) continue; // redefinition
      const check = def?.checks.find((c) => c.name?.toLowerCase() === lower);
      if (action.constraintKind === 'check' || check) {
        reports.push({ messageId: 'dropCheck', values: { name: action.name, table: op.table.name, expression: check ? ` (${check.expression})` : '' }, table: op.table.name });
      } else if (!def) {
        reports.push({ messageId: 'dropConstraintUnknown', values: { name: action.name, table: op.table.name }, table: op.table.name });
      }
      // A known foreign key is drop-foreign-key's; a known UNIQUE key dropped this way is not reported here.
    }
    return reports;
  },
});
