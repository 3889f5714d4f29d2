// foreign_key_checks=0: writes made while it is off are not checked against their parents, so
// orphans get in silently; and left off at the end of a migration, it stays off on that connection —
// in a pooled runner, for whatever runs next.
import { defineAnalyzer } from '../src/analysis/analyzer.js';

type Messages = 'leftOff' | 'uncheckedWrites';

const isFkSet = (a: { scope: string; name: string }): boolean => a.scope === 'session' && a.name === 'foreign_key_checks';
const truthy = (v: string): boolean => !/^'?(0|off|false)'?$/i.test(v.trim());

export const foreignKeyChecksDisabled = defineAnalyzer<Messages>({
  id: 'foreign-key-checks-disabled',
  title: 'foreign_key_checks turned off',
  category: 'runner-safety',
  severity: 'warning',
  appliesTo: ['set-variable', 'insert', 'update', 'delete'],
  messages: {
    leftOff:
      'SET foreign_key_checks = {value} turns foreign key checks off, and no later statement in this migration turns them back on. The setting stays on the connection after the migration: with a pooled or reused connection, whatever runs next writes without foreign key checks.',
    uncheckedWrites:
      'This {verb} on {table} runs while foreign_key_checks is off: rows it writes are not checked against their parent tables (and ON DELETE/UPDATE actions do not run), so orphans get in silently.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind === 'set-variable') {
      const off = op.assignments.find((a) => isFkSet(a) && !truthy(a.value));
      if (!off) return [];
      const restored = context.migration.statements.some(
        (s) => s.index > statement.index && s.operation.kind === 'set-variable' && s.operation.assignments.some((a) => isFkSet(a) && truthy(a.value)),
      );
      if (restored) return [];
      return [
        {
          messageId: 'leftOff',
          values: { value: off.value },
          alternatives: [
            Object.freeze({
              kind: 'rewrite' as const,
              title: 'Turn the checks back on at the end of the migration',
              sql: Object.freeze([`${statement.sql};`, '-- … the statements that need the checks off …', 'SET SESSION foreign_key_checks = 1;']),
              notes: Object.freeze([]),
              replacesStatement: false,
            }),
          ],
        },
      ];
    }
    if (context.session.foreignKeyChecks) return [];
    if (op.kind !== 'insert' && op.kind !== 'update' && op.kind !== 'delete') return [];
    const table = op.kind === 'insert' ? op.table : op.kind === 'update' ? op.tables[0] : op.targets[0];
    if (!table) return [];
    return [
      {
        messageId: 'uncheckedWrites',
        values: { verb: op.kind.toUpperCase(), table: table.name },
        table: table.name,
        alternatives: [
          Object.freeze({
            kind: 'rewrite' as const,
            title: 'Write with the checks on',
            sql: Object.freeze(['SET SESSION foreign_key_checks = 1;', `${statement.sql};`]),
            notes: Object.freeze(['If the checks were turned off to load rows in dependency-breaking order, load parents first instead.']),
            replacesStatement: false,
          }),
        ],
      },
    ];
  },
});
