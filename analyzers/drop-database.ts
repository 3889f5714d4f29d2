// D02: DROP DATABASE / DROP SCHEMA deletes every table, view, routine and trigger of a schema in
// one statement. Nothing in a migration should do that to a live database.
import { defineAnalyzer } from '../src/analysis/analyzer.js';

type Messages = 'dropDatabase';

export const dropDatabase = defineAnalyzer<Messages>({
  id: 'drop-database',
  title: 'DROP DATABASE deletes a whole schema',
  category: 'destructive',
  severity: 'error',
  appliesTo: ['opaque'],
  messages: {
    dropDatabase:
      '{verb} {database} deletes every table, view, stored routine and event of that schema, with all their data, in one statement that cannot be rolled back. Take it out of the migration: if the schema really must go, back it up and drop it by hand after checking that nothing connects to it.',
  },
  check(statement) {
    const op = statement.operation;
    if (op.kind !== 'opaque' || !/^DROP (DATABASE|SCHEMA)$/.test(op.verb)) return [];
    const name = /^\s*DROP\s+(?:DATABASE|SCHEMA)\s+(?:IF\s+EXISTS\s+)?(`(?:[^`]|``)+`|[\w$]+)/i.exec(statement.sql)?.[1] ?? '(unnamed)';
    return [
      {
        messageId: 'dropDatabase',
        values: { verb: op.verb, database: name.replace(/^`|`$/g, '').replace(/``/g, '`') },
        alternatives: [
          Object.freeze({
            kind: 'rewrite' as const,
            title: 'Back the schema up and drop it by hand, outside the migrations',
            sql: Object.freeze([
              `-- mysqldump --single-transaction --routines --events --triggers --databases ${name.replace(/`/g, '')} > backup.sql`,
              `SELECT user, host, db, command, time FROM information_schema.PROCESSLIST WHERE db = '${name.replace(/`/g, '').replace(/'/g, "''")}';  -- expect no rows before dropping`,
            ]),
            notes: Object.freeze(['A migration runs on every environment, production included: a schema drop belongs in an operator runbook, not in the migration history.']),
            replacesStatement: false,
          }),
        ],
      },
    ];
  },
});
