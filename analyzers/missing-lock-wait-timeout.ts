// O01/L28: DDL without a short lock_wait_timeout. Every DDL needs an exclusive metadata lock on its
// table, at least for an instant. If one long transaction holds a shared lock on the table, the DDL
// waits — for lock_wait_timeout, a year on MySQL and a day on MariaDB by default — and every query
// on the table queues behind the waiting DDL. A 2-second ALTER becomes an outage.
import { defineAnalyzer, type Alternative } from '../src/analysis/analyzer.js';
import { isDdl, tableKey, type ParsedStatement, type TableRef } from '../src/parser/statement.js';

type Messages = 'missing' | 'tooLong';

/** A sensible bound: long enough for the brief lock of an online DDL, short enough that a pile-up ends quickly. */
const SUGGESTED_SECONDS = 5;
const LONGEST_REASONABLE = 60;

/** The existing tables a DDL statement needs a metadata lock on (a new table alone needs none worth bounding). */
function lockedTables(s: ParsedStatement): readonly TableRef[] {
  const op = s.operation;
  if (!isDdl(op)) return [];
  if (op.kind === 'create-table') return op.foreignKeys.map((f) => f.referencedTable); // the parents are locked
  return s.tables;
}

/**
 * For each statement of a migration, the first existing table it must lock without a bound of its
 * own (null when none), computed once per migration: tables created earlier in the migration have
 * no readers to wait for, and MariaDB's `ALTER TABLE … WAIT n` / `NOWAIT` is a bound.
 */
const cache = new WeakMap<readonly ParsedStatement[], readonly (TableRef | null)[]>();
function unboundedTables(all: readonly ParsedStatement[]): readonly (TableRef | null)[] {
  let out = cache.get(all);
  if (out) return out;
  const created = new Set<string>();
  out = all.map((s) => {
    const op = s.operation;
    const bounded = op.kind === 'alter-table' && op.wait !== null;
    const table = bounded ? null : (lockedTables(s).find((t) => !created.has(tableKey(t))) ?? null);
    if (op.kind === 'create-table' && !op.asSelect) created.add(tableKey(op.table));
    return table;
  });
  cache.set(all, out);
  return out;
}

export const missingLockWaitTimeout = defineAnalyzer<Messages>({
  id: 'missing-lock-wait-timeout',
  title: 'DDL without a short lock_wait_timeout',
  category: 'runner-safety',
  severity: 'warning',
  appliesTo: 'any',
  messages: {
    missing:
      'This migration runs DDL on {table} without first setting a short lock_wait_timeout (the session default is {default}). Every DDL needs an exclusive metadata lock on the table, if only for an instant: while one long-running transaction or query still uses {table}, the DDL waits, and every later query on {table} — reads included — queues behind the waiting DDL. One forgotten transaction turns a 2-second ALTER into an outage that lasts until it ends.{runner}',
    tooLong:
      'lock_wait_timeout is {seconds} s when this DDL on {table} runs: while it waits for the metadata lock, every query on {table} queues behind it for up to {seconds} s. A few seconds, with retries, bounds the pile-up.',
  },
  check(statement, context) {
    const all = context.migration.statements;
    const unbounded = unboundedTables(all);
    const at = all.indexOf(statement);
    const table = unbounded[at] ?? null;
    if (table === null) return [];
    const timeout = context.session.lockWaitTimeout;
    const alternatives: Alternative[] = [];
    const op = statement.operation;
    const bounded = Object.freeze({
      kind: 'rewrite' as const,
      title: `Set lock_wait_timeout = ${SUGGESTED_SECONDS} at the top of the migration`,
      sql: Object.freeze([`SET SESSION lock_wait_timeout = ${SUGGESTED_SECONDS};`, `${statement.sql};`]),
      notes: Object.freeze([
        'If the DDL times out (error 1205), nothing changed: retry it a little later. drydock apply retries with backoff by itself.',
        'Before running, check for long transactions: SELECT * FROM information_schema.INNODB_TRX ORDER BY trx_started LIMIT 5;',
      ]),
      replacesStatement: false,
    });
    alternatives.push(bounded);
    if (context.server.supportsAlterWait && op.kind === 'alter-table') {
      const head = /^(\s*ALTER\s+(?:(?:ONLINE|IGNORE)\s+)*TABLE\s+(?:`(?:[^`]|``)+`|[\w$]+)(?:\s*\.\s*(?:`(?:[^`]|``)+`|[\w$]+))?)/i.exec(statement.sql);
      if (head) {
        alternatives.push(
          Object.freeze({
            kind: 'rewrite' as const,
            title: `Bound this ALTER alone with MariaDB's WAIT ${SUGGESTED_SECONDS}`,
            sql: Object.freeze([`${head[1]} WAIT ${SUGGESTED_SECONDS}${statement.sql.slice(head[0].length)};`]),
            notes: Object.freeze([]),
            replacesStatement: true,
          }),
        );
      }
    }
    if (timeout !== null) {
      if (timeout <= LONGEST_REASONABLE) return [];
      return [{ messageId: 'tooLong', values: { seconds: timeout, table: table.name }, table: table.name, alternatives }];
    }
    // Once per migration: the first DDL that needs the bound carries the finding.
    if (unbounded.slice(0, at).some((t) => t !== null)) return [];
    return [
      {
        messageId: 'missing',
        values: {
          table: table.name,
          default: `${context.server.defaultLockWaitTimeout.toLocaleString('en-US')} s on ${context.server.isMariaDb ? 'MariaDB' : 'MySQL'}`,
          runner: ' drydock apply sets a short timeout and retries by itself; other runners (Kysely, plain mysql) do not.',
        },
        table: table.name,
        alternatives,
      },
    ];
  },
});
