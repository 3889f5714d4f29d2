// Server capabilities: what a given server flavor and version does with each kind of statement.
// This module is the only place that knows version numbers (see ./version.ts for the boundaries).
import { profileAction, profileAlterTable, profileStatement } from './profile.js';
import type { ServerCapabilities, ServerVersion } from './types.js';
import { mariaAlterWait, mariaHasInstant, mariaIgnoredIndexes, mariaOnlineCopy, mariaTimestampBeyond2038, mysqlHasInstant, mysqlRowVersionLimit } from './version.js';

export { compareVersion } from './version.js';
export * from './types.js';

export function createCapabilities(version: ServerVersion): ServerCapabilities {
  const v = Object.freeze({ ...version });
  const mysql = v.flavor === 'mysql';
  return Object.freeze({
    version: v,
    isMariaDb: !mysql,
    profileAlterAction: (action, table, session) => profileAction(v, action, table, session),
    profileAlter: (op, table, session) => profileAlterTable(v, op, table, session),
    profileOperation: (op, table, session) => profileStatement(v, op, table, session),
    supportsInstant: mysql ? mysqlHasInstant(v) : mariaHasInstant(v),
    instantRowVersionLimit: mysqlRowVersionLimit(v),
    // MySQL's max_execution_time (ms) bounds SELECT only; MariaDB's max_statement_time (s) bounds every statement.
    statementTimeout: Object.freeze(
      mysql
        ? { variable: 'max_execution_time', unit: 'ms' as const, appliesTo: 'select' as const }
        : { variable: 'max_statement_time', unit: 's' as const, appliesTo: 'all' as const },
    ),
    supportsAlterWait: mariaAlterWait(v),
    supportsOnlineCopy: mariaOnlineCopy(v),
    // performance_schema.metadata_locks: MySQL 5.7+ with performance_schema on by default. MariaDB has the
    // table from 10.5.2 but performance_schema is off by default, so it is not counted on.
    hasMetadataLocksTable: mysql,
    defaultLockWaitTimeout: mysql ? 31_536_000 : 86_400,
    supportsIgnoredIndexes: mariaIgnoredIndexes(v),
    timestampBeyond2038: mariaTimestampBeyond2038(v),
  } satisfies ServerCapabilities);
}
