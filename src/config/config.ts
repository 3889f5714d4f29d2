// One frozen Config from defaults, the config file, environment and flags (flags win).
import type { Severity, Thresholds } from '../analysis/analyzer.js';
import { DEFAULT_THRESHOLDS } from '../analysis/analyzer.js';
import type { RuleSettings } from '../analysis/run-analyzers.js';

/** What `apply --yes` may do without a person approving. */
export interface ApprovalPolicy {
  /** Largest expected lock (writes or reads blocked) per table, seconds. */
  readonly maxLockSeconds: number;
  /** Largest number of rows one statement may touch. */
  readonly maxRows: number;
  /** Findings with these rule ids always need a person. */
  readonly forbiddenRules: readonly string[];
  /** Findings at or above this severity need a person. */
  readonly maxSeverity: Severity | 'none';
}

export interface ExecutionSettings {
  readonly lockWaitTimeoutSeconds: number;
  /** Total time DDL may spend retrying lock-wait timeouts. */
  readonly ddlRetryTotalSeconds: number;
  readonly chunkTargetMs: number;
  readonly maxThreadsRunning: number;
  readonly maxReplicaLagSeconds: number;
  /** Replicas to watch besides the target's own replication channels (their lag throttles batched DML). */
  readonly replicaUrls: readonly string[];
}

export interface Config {
  readonly migrations: string | null;
  readonly server: string | null;
  readonly target: string | null;
  readonly shadow: string;
  readonly shadowRows: number;
  readonly rules: Readonly<Record<string, RuleSettings>>;
  readonly thresholds: Thresholds;
  /** Findings at or above this severity fail `lint` (exit 1). */
  readonly failOn: 'error' | 'warning';
  readonly policy: ApprovalPolicy;
  readonly execution: ExecutionSettings;
}

export const DEFAULT_POLICY: ApprovalPolicy = Object.freeze({
  maxLockSeconds: 1,
  maxRows: 100_000,
  forbiddenRules: Object.freeze([]),
  maxSeverity: 'error',
});

export const DEFAULT_EXECUTION: ExecutionSettings = Object.freeze({
  lockWaitTimeoutSeconds: 5,
  ddlRetryTotalSeconds: 60,
  chunkTargetMs: 500,
  maxThreadsRunning: 25,
  maxReplicaLagSeconds: 5,
  replicaUrls: Object.freeze([]),
});

export const DEFAULT_CONFIG: Config = Object.freeze({
  migrations: null,
  server: null,
  target: null,
  shadow: 'auto',
  shadowRows: 1_000_000,
  rules: Object.freeze({}),
  thresholds: DEFAULT_THRESHOLDS,
  failOn: 'error',
  policy: DEFAULT_POLICY,
  execution: DEFAULT_EXECUTION,
});
