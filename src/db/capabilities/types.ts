// The vocabulary of server capabilities: what a server version does with each operation.
// The answers live in ./index.ts (createCapabilities); nobody else compares version strings.
import type {
  AlterAction,
  AlterTableOperation,
  CreateTableOperation,
  ForeignKeyDefinition,
  Operation,
  TableRef,
} from '../../parser/statement.js';

export type Flavor = 'mysql' | 'mariadb';

export interface ServerVersion {
  readonly flavor: Flavor;
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** As the server reported it, e.g. `10.11.19-MariaDB-0+deb12u1`, or as given (`mariadb:10.11`). */
  readonly raw: string;
}

/** Best algorithm, cheapest first. NOCOPY exists only on MariaDB. */
export type Algorithm = 'INSTANT' | 'NOCOPY' | 'INPLACE' | 'COPY';
export type LockClause = 'NONE' | 'SHARED' | 'EXCLUSIVE';

/** What running one statement (or one ALTER action) does to concurrent traffic on its table. */
export interface LockProfile {
  /** The best algorithm the server can use; null when drydock does not know. */
  readonly algorithm: Algorithm | null;
  /** The clustered index is rebuilt (time grows with table size). null = unknown. */
  readonly rebuildsTable: boolean | null;
  /** Concurrent writes wait for the whole statement (not just the brief MDL at its ends). null = unknown. */
  readonly blocksWrites: boolean | null;
  /** Concurrent reads wait for the whole statement. null = unknown. */
  readonly blocksReads: boolean | null;
  /** Duration grows with the table's rows (false for metadata-only changes). null = unknown. */
  readonly sizeDependent: boolean | null;
  /**
   * The explicit clause drydock would add so the server refuses instead of silently doing
   * something slower (`ALGORITHM=INSTANT`, or `ALGORITHM=INPLACE, LOCK=NONE`). null when no
   * clause applies (non-ALTER statements, or COPY where nothing better exists).
   */
  readonly clause: { readonly algorithm: Algorithm; readonly lock: LockClause | null } | null;
  /** Short reasons for the answer, naming the conditions that decided it. */
  readonly reasons: readonly string[];
  /** `documented`: from the vendor manuals; `measured`: a test on a real server overrode the docs. */
  readonly basis: 'documented' | 'measured' | 'unknown';
}

/** What drydock knows about a table, from the target or from earlier statements of the migrations. */
export interface TableFacts {
  readonly table: TableRef;
  /** The table's definition (SHOW CREATE TABLE parsed, or a CREATE TABLE seen earlier). */
  readonly definition: CreateTableOperation | null;
  /** Row count (information_schema estimate or COUNT(*)); null when unknown. */
  readonly rows: number | null;
  readonly dataBytes: number | null;
  readonly indexBytes: number | null;
  /** Foreign keys in other tables that reference this one. */
  readonly referencedBy: readonly { readonly table: TableRef; readonly foreignKey: ForeignKeyDefinition }[];
  /** Triggers on the table, by event. */
  readonly triggers: readonly { readonly name: string; readonly event: 'INSERT' | 'UPDATE' | 'DELETE'; readonly timing: 'BEFORE' | 'AFTER' }[];
  /** MySQL INNODB_TABLES.TOTAL_ROW_VERSIONS; null when unknown or not MySQL. */
  readonly totalRowVersions: number | null;
}

/** Session state at a statement, as set by earlier SET statements of the migration. */
export interface SessionState {
  readonly foreignKeyChecks: boolean;
  readonly uniqueChecks: boolean;
  /** Seconds, when the migration set it; null = server default (1 year on MySQL, 1 day on MariaDB). */
  readonly lockWaitTimeout: number | null;
  readonly sqlMode: string | null;
}

export const DEFAULT_SESSION: SessionState = Object.freeze({
  foreignKeyChecks: true,
  uniqueChecks: true,
  lockWaitTimeout: null,
  sqlMode: null,
});

export interface ServerCapabilities {
  readonly version: ServerVersion;
  readonly isMariaDb: boolean;
  /** Profile of one ALTER action on a table, given what is known about the table. */
  profileAlterAction(action: AlterAction, table: TableFacts | null, session: SessionState): LockProfile;
  /** Profile of a whole ALTER TABLE: the worst of its actions, honouring explicit ALGORITHM=/LOCK=. */
  profileAlter(op: AlterTableOperation, table: TableFacts | null, session: SessionState): LockProfile;
  /** Profile of any statement; DML and statements drydock does not model get an honest answer or unknown. */
  profileOperation(op: Operation, table: TableFacts | null, session: SessionState): LockProfile;
  /** Whether the server accepts ALGORITHM=INSTANT at all. */
  readonly supportsInstant: boolean;
  /** Max instant ADD/DROP COLUMN row versions per table before a rebuild is needed; null = no such limit. */
  readonly instantRowVersionLimit: number | null;
  /** Server-side statement timeout: MySQL `max_execution_time` (ms, SELECT only), MariaDB `max_statement_time` (s). */
  readonly statementTimeout: { readonly variable: string; readonly unit: 'ms' | 's'; readonly appliesTo: 'select' | 'all' };
  /** MariaDB `ALTER TABLE t WAIT n`. */
  readonly supportsAlterWait: boolean;
  /** MariaDB 11.2+: COPY with LOCK=NONE. */
  readonly supportsOnlineCopy: boolean;
  /** performance_schema.metadata_locks is usable for pre-flight checks. */
  readonly hasMetadataLocksTable: boolean;
  /** Default lock_wait_timeout, seconds. */
  readonly defaultLockWaitTimeout: number;
  /** MariaDB's IGNORED indexes (maintained, not used by the optimizer): the trial before a DROP INDEX. */
  readonly supportsIgnoredIndexes: boolean;
  /** TIMESTAMP holds moments after 2038-01-19 03:14:07 UTC. */
  readonly timestampBeyond2038: boolean;
}
