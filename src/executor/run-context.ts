// What a statement runner needs from the apply run it belongs to.
import type { RunnerLock } from '../state/runner-lock.js';
import type { StateStore } from '../state/state-store.js';
import type { ApplyEvent } from './apply-types.js';
import type { ExecSession } from './exec-session.js';
import type { ThrottleLimits } from './throttle.js';

export interface ResolvedOptions {
  readonly lockWaitTimeoutSec: number;
  readonly ddlRetry: { readonly maxTotalMs: number; readonly baseDelayMs: number };
  readonly chunkTargetMs: number;
  readonly chunkTimeoutMs: number;
  readonly statementTimeoutMs: number;
  readonly throttle: ThrottleLimits & { readonly replicaUrls: readonly string[]; readonly maxWaitMs: number; readonly niceRatio: number };
}

export interface ServerTraits {
  readonly isMariaDb: boolean;
  readonly supportsAlterWait: boolean;
  readonly useMetadataLocks: boolean;
  /** READ COMMITTED is safe for chunks unless the binary log is statement-based. */
  readonly readCommittedOk: boolean;
}

export interface RunContext {
  readonly session: ExecSession;
  readonly store: StateStore;
  readonly lock: RunnerLock;
  readonly options: ResolvedOptions;
  readonly traits: ServerTraits;
  readonly signal: AbortSignal | undefined;
  emit(event: ApplyEvent): void;
}

export interface StatementRef {
  readonly migration: string;
  readonly index: number;
}

/** Thrown by runners when the run must stop but the work done so far is consistent and resumable. */
export class StopRun extends Error {
  constructor(
    readonly status: 'interrupted' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

export function assertLockHeld(ctx: RunContext): void {
  if (ctx.lock.lost()) {
    throw new StopRun('interrupted', `lost the runner lock ${ctx.lock.name} (its connection ended); stopped so that no second runner overlaps — run apply again to resume`);
  }
}
