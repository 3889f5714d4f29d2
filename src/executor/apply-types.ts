// The executor's public vocabulary: what the approval layer hands in (steps with choices and
// approvals), the options, the events the CLI renders, and the result.
import type { Alternative } from '../analysis/analyzer.js';
import type { ServerCapabilities } from '../db/capabilities/types.js';
import type { Migration } from '../parser/statement.js';
import type { ExpectedClause } from './ddl-clause.js';
import type { Blocker } from './preflight.js';
import type { ChunkProgress } from './progress.js';

/** How one statement runs: as written (with the ALGORITHM/LOCK clause the plan expected), an alternative, or not at all. */
export type StatementChoice =
  | { readonly kind: 'as-written'; readonly clause?: ExpectedClause | null }
  | { readonly kind: 'alternative'; readonly alternative: Alternative }
  | { readonly kind: 'skip' };

export interface ApplyStep {
  readonly migration: Migration;
  /** One per statement, by index; a missing entry means as written without a clause. */
  readonly choices: readonly StatementChoice[];
  readonly approval: { readonly approver: string; readonly reportHash: string; readonly decision: string };
}

/**
 * How the operator resolves a refusal, per migration name:
 * - `accept-checksum`: the file was edited after it was applied (or while interrupted); record the new checksum and do not re-run what is done.
 * - `rerun`: run an edited, applied migration again from its first statement.
 * - `restart`: forget an interrupted migration's progress and start it over.
 * - `statement-applied` / `statement-not-applied`: the outcome of the statement in flight when a run died could not be determined; say which it was.
 */
export type Resolution = 'accept-checksum' | 'rerun' | 'restart' | 'statement-applied' | 'statement-not-applied';

export interface ApplyOptions {
  /** Target URL including the database. */
  readonly url: string;
  /** Session lock_wait_timeout for DDL (and innodb_lock_wait_timeout for chunks), seconds. Default 5. */
  readonly lockWaitTimeoutSec?: number;
  /** Retry of a DDL that hit its lock timeout: backoff from baseDelayMs, giving up after maxTotalMs. Defaults 60 s, 500 ms. */
  readonly ddlRetry?: { readonly maxTotalMs: number; readonly baseDelayMs: number };
  /** Target time per batched chunk, ms. Default 500. */
  readonly chunkTargetMs?: number;
  readonly throttle?: {
    readonly maxThreadsRunning?: number;
    readonly maxReplicaLagSec?: number;
    /** Replicas to watch for lag, as URLs (the target's own replication status is always read). */
    readonly replicaUrls?: readonly string[];
    /**
     * After each chunk, pause for this multiple of the chunk's time (gh-ost's nice-ratio): 1 runs
     * chunks half the time. Lowers the I/O pressure concurrent traffic feels. Default 0.
     */
    readonly niceRatio?: number;
    /** Give up (interrupted, resumable) after throttling this long in one stretch. Default 30 min. */
    readonly maxWaitMs?: number;
  };
  /** Deadline for any one statement or chunk, ms (KILL QUERY past it). Default 1 h for statements; chunks get max(20 × target, 10 s). */
  readonly statementTimeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: ApplyEvent) => void;
  readonly resolve?: Readonly<Record<string, Resolution>>;
  /** Server capabilities from the planner (src/db/capabilities); detected from the version when absent. */
  readonly capabilities?: Pick<ServerCapabilities, 'isMariaDb' | 'supportsAlterWait' | 'hasMetadataLocksTable'>;
  /**
   * Wait this long for another runner's lock before refusing. Default 0: refuse at once. Useful
   * right after a runner was killed mid-statement: the server frees its lock only when it notices.
   */
  readonly runnerLockWaitSec?: number;
  /** Kysely's migration table to adopt applied migrations from. Default `kysely_migration`. */
  readonly kyselyTable?: string;
}

export type StatementMode = 'ddl' | 'dml' | 'batched' | 'truncate' | 'session' | 'transaction' | 'alternative' | 'skip';

export type ApplyEvent =
  | { readonly type: 'lock-acquired'; readonly lockName: string; readonly connectionId: number }
  | { readonly type: 'bookkeeping-applied'; readonly migrations: readonly string[] }
  | { readonly type: 'migration-start'; readonly migration: string; readonly statements: number; readonly resumeAt: number | null }
  | { readonly type: 'migration-skipped'; readonly migration: string; readonly reason: string }
  | { readonly type: 'statement-start'; readonly migration: string; readonly index: number; readonly mode: StatementMode; readonly sql: string; readonly note: string | null }
  | { readonly type: 'preflight'; readonly migration: string; readonly index: number; readonly table: string; readonly source: 'metadata_locks' | 'innodb_trx'; readonly blockers: readonly Blocker[] }
  | { readonly type: 'ddl-retry'; readonly migration: string; readonly index: number; readonly attempt: number; readonly delayMs: number; readonly reason: string }
  | { readonly type: 'throttle'; readonly migration: string; readonly index: number; readonly reason: string }
  | { readonly type: 'chunk'; readonly migration: string; readonly index: number; readonly progress: ChunkProgress }
  | { readonly type: 'outcome-check'; readonly migration: string; readonly index: number; readonly outcome: 'applied' | 'not-applied' | 'unknown' }
  | { readonly type: 'statement-done'; readonly migration: string; readonly index: number; readonly durationMs: number; readonly rows: number | null; readonly how: 'executed' | 'verified-applied' | 'already-done' | 'skipped' }
  | { readonly type: 'migration-done'; readonly migration: string; readonly status: MigrationRunStatus; readonly error: string | null };

export type MigrationRunStatus = 'success' | 'failed' | 'interrupted' | 'not-executed' | 'already-applied';

export interface MigrationRunResult {
  readonly name: string;
  readonly status: MigrationRunStatus;
  /** Lower-case, names the object and what to do; never contains a password. */
  readonly error: string | null;
  readonly statementsApplied: number;
  readonly statementsTotal: number;
  readonly durationMs: number;
}

export interface ApplyResult {
  readonly migrations: readonly MigrationRunResult[];
  /** True when every step ended success or already-applied. */
  readonly ok: boolean;
}
