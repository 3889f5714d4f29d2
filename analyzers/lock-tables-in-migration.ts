// LOCK TABLES in a migration: a WRITE lock stops every read and write of the tables from other
// sessions until UNLOCK TABLES (or the connection ends), and LOCK TABLES commits implicitly.
import { defineAnalyzer } from '../src/analysis/analyzer.js';

type Messages = 'lockWrite' | 'lockRead';

export const lockTablesInMigration = defineAnalyzer<Messages>({
  id: 'lock-tables-in-migration',
  title: 'LOCK TABLES inside a migration',
  category: 'runner-safety',
  severity: 'warning',
  appliesTo: ['lock-tables'],
  messages: {
    lockWrite:
      'LOCK TABLES {tables} … WRITE: until UNLOCK TABLES (or the connection closes) no other session can read or write {tables}; everything the migration does in between runs with the application locked out.{unlock}',
    lockRead:
      'LOCK TABLES {tables} … READ: until UNLOCK TABLES no session can write {tables}, and this session can touch no other table.{unlock}',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'lock-tables') return [];
    const tables = op.tables.map((t) => t.name).join(', ');
    const unlocked = context.migration.statements.some((s) => s.index > statement.index && s.operation.kind === 'unlock-tables');
    const write = /\bWRITE\b/i.test(statement.sql);
    return [
      {
        messageId: write ? 'lockWrite' : 'lockRead',
        values: { tables, unlock: unlocked ? '' : ' No UNLOCK TABLES follows in this migration: the lock lasts until the runner\'s connection closes.' },
        severity: write ? 'error' : 'warning',
        ...(op.tables[0] ? { table: op.tables[0].name } : {}),
        alternatives: [
          Object.freeze({
            kind: 'rewrite' as const,
            title: 'Remove LOCK TABLES: use online DDL and short batched transactions instead',
            sql: Object.freeze(['SET SESSION lock_wait_timeout = 5;']), // instead of the LOCK TABLES
            notes: Object.freeze(['InnoDB row locks and the metadata locks DDL takes are enough for consistency; an explicit table lock only adds an outage window.']),
            replacesStatement: true,
          }),
        ],
      },
    ];
  },
});
