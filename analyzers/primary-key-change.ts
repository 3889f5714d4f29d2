// L12: adding, dropping or redefining the primary key rebuilds the clustered index and every
// secondary index. DROP PRIMARY KEY alone is copy-only (writes blocked); DROP + ADD in one
// statement is an in-place rebuild.
import { defineAnalyzer, type Alternative } from '../src/analysis/analyzer.js';
import { bestProfile, clauseFor, oscFor } from '../src/analysis/alternatives/alter-facts.js';
import { buildAlter, onlineDdlAlternative, onlineDdlSql } from '../src/analysis/alternatives/online-ddl.js';
import { describeLock, impactOf, isKnownEmpty, rowsPhrase, serverName, sizeSeverity } from '../src/analysis/size-severity.js';

type Messages = 'dropOnly' | 'replace' | 'add';

export const primaryKeyChange = defineAnalyzer<Messages>({
  id: 'primary-key-change',
  title: 'Primary key added, dropped or replaced',
  category: 'locking',
  severity: 'error',
  appliesTo: ['alter-table'],
  messages: {
    dropOnly:
      'The primary key of {table} is dropped without a replacement{size}. On {server} {lock}; the table then has no key for row-based replication to find rows by (replicas full-scan per changed row), and online schema change tools refuse it.',
    replace: 'The primary key of {table} is replaced{size}. On {server} {lock}: the clustered index and every secondary index are rebuilt.',
    add: 'A primary key is added to {table}{size}. On {server} {lock}: the clustered index and every secondary index are rebuilt, and the build fails on duplicate or NULL values.',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'alter-table' || isKnownEmpty(context, op.table)) return [];
    const drops = op.actions.some((a) => a.type === 'drop-primary-key' || (a.type === 'drop-index' && /^primary$/i.test(a.name)));
    const add = op.actions.find((a) => a.type === 'add-index' && a.index.kind === 'primary');
    if (!drops && !add) return [];
    const profile = bestProfile(context, op);
    const values = { table: op.table.name, size: rowsPhrase(context, op.table), server: serverName(context.server.version), lock: describeLock(profile) };
    const alternatives: Alternative[] = [];
    if (profile.clause && op.algorithm === null) {
      const alt = onlineDdlAlternative(statement, profile.clause);
      if (alt) alternatives.push(alt);
    }
    const messageId: Messages = drops && !add ? 'dropOnly' : drops ? 'replace' : 'add';
    if (messageId === 'dropOnly') {
      const pk = context.table(op.table)?.definition?.indexes.find((i) => i.kind === 'primary');
      alternatives.push(
        onlineDdlSql('Replace the primary key in the same statement (in-place rebuild, writes continue) instead of dropping it alone', [
          `${buildAlter(op.table, ['DROP PRIMARY KEY', 'ADD PRIMARY KEY (<new key columns>)'], clauseFor(context, op.table, { type: 'add-index', index: pk ?? { name: null, kind: 'primary', columns: [], using: null }, ifNotExists: false }))};`,
        ], ['Name the new primary key columns; every table needs one for replication and online schema changes.'], false),
      );
    }
    alternatives.push(...oscFor(context, statement, op, ['The tools need a unique key that exists both before and after the change to copy rows by.']));
    return [{ messageId, values, severity: sizeSeverity(context, op.table, impactOf(profile)), table: op.table.name, alternatives }];
  },
});
