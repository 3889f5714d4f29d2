// SET GLOBAL / SET PERSIST in a migration changes the server for every session, not just the
// migration's: it outlives the migration (PERSIST even a restart), differs between environments
// that ran it and those that did not, and needs an administrative privilege.
import { defineAnalyzer } from '../src/analysis/analyzer.js';

type Messages = 'global';

export const setGlobalVariable = defineAnalyzer<Messages>({
  id: 'set-global-variable',
  title: 'SET GLOBAL / PERSIST inside a migration',
  category: 'runner-safety',
  severity: 'warning',
  appliesTo: ['set-variable'],
  messages: {
    global:
      'SET {scope} {name} = {value} changes the server for every session, not only for this migration, and stays changed after it ends{persist}. Environments that ran the migration now differ from those that did not, and the statement needs SUPER / SYSTEM_VARIABLES_ADMIN, which a migration user should not have.',
  },
  check(statement) {
    const op = statement.operation;
    if (op.kind !== 'set-variable') return [];
    return op.assignments
      .filter((a) => a.scope === 'global' || a.scope === 'persist')
      .map((a) => ({
        messageId: 'global' as const,
        values: { scope: a.scope.toUpperCase(), name: a.name, value: a.value, persist: a.scope === 'persist' ? ' — PERSIST even across restarts' : '' },
        alternatives: [
          Object.freeze({
            kind: 'rewrite' as const,
            title: `Set ${a.name} for this session only, or leave server configuration to configuration management`,
            sql: Object.freeze([`SET SESSION ${a.name} = ${a.value};`]),
            notes: Object.freeze(['Only works for variables that have a session scope; server-wide settings belong in my.cnf / your configuration management, reviewed as such.']),
            replacesStatement: true,
          }),
        ],
      }));
  },
});
