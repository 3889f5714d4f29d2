// The approval policy: which migrations `apply --yes` may run without a person, and why the
// others need one. Pure: it reads the impact report and the chosen alternatives, nothing else.
// Unknown counts against approval (fail closed): an unknown lock or duration is never "safe".
import { createHash } from 'node:crypto';
import type { AlternativeKind } from '../analysis/analyzer.js';
import type { ApprovalPolicy } from '../config/config.js';
import type { MigrationReport, ReportAlternative, StatementReport } from '../report/impact-report.js';

const SEVERITY_RANK = { info: 0, warning: 1, error: 2 } as const;

/** What will run for one statement. */
export type StatementDecision =
  | { readonly kind: 'as-written' }
  | { readonly kind: 'alternative'; readonly index: number }
  | { readonly kind: 'skip' };

export interface PolicyVerdict {
  readonly approved: boolean;
  /** Why a person must approve; empty when approved. */
  readonly reasons: readonly string[];
}

/** The alternative of `kind` that can stand in for the statement, if the report offers one. */
export function findAlternative(statement: StatementReport, kind: AlternativeKind): number | null {
  // osc-tool alternatives are command lines for other tools: drydock cannot run them itself.
  const i = statement.alternatives.findIndex((a) => a.kind === kind && a.replacesStatement && a.kind !== 'osc-tool');
  return i < 0 ? null : i;
}

/** Default decisions: the first requested alternative kind offered for each statement, else as written. */
export function decideStatements(migration: MigrationReport, useAlternatives: readonly AlternativeKind[]): readonly StatementDecision[] {
  return migration.statements.map((s): StatementDecision => {
    for (const kind of useAlternatives) {
      const i = findAlternative(s, kind);
      if (i !== null) return { kind: 'alternative', index: i };
    }
    return { kind: 'as-written' };
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

function judgeAlternative(s: StatementReport, alt: ReportAlternative, policy: ApprovalPolicy, where: string): string[] {
  const reasons: string[] = [];
  const m = alt.measurement;
  if (alt.kind === 'batched') {
    // Chunks commit one by one and yield to traffic; the longest block a probe saw is what counts.
    if (m && m.maxWriteBlockMs !== null && m.maxWriteBlockMs > policy.maxLockSeconds * 1000) {
      reasons.push(`${where}: the batched alternative blocked writes for ${seconds(m.maxWriteBlockMs)} on the shadow (policy allows ${policy.maxLockSeconds} s)`);
    }
    return reasons;
  }
  if (!m) {
    reasons.push(`${where}: the ${alt.kind} alternative was not measured on a shadow — its locking is unknown`);
    return reasons;
  }
  const block = Math.max(m.maxReadBlockMs ?? Infinity, m.maxWriteBlockMs ?? Infinity);
  if (m.error) reasons.push(`${where}: the ${alt.kind} alternative failed on the shadow: ${m.error}`);
  else if (block > policy.maxLockSeconds * 1000) {
    reasons.push(`${where}: the ${alt.kind} alternative ${Number.isFinite(block) ? `blocked traffic for ${seconds(block)}` : 'has unknown blocking'} (policy allows ${policy.maxLockSeconds} s)`);
  }
  void s;
  return reasons;
}

function judgeAsWritten(s: StatementReport, policy: ApprovalPolicy, where: string): string[] {
  const reasons: string[] = [];
  const { lock, estimate } = s;
  if (s.measurement?.error) reasons.push(`${where}: failed on production-shaped data in the shadow: ${s.measurement.error}`);
  if (lock.blocksReads === null || lock.blocksWrites === null) {
    reasons.push(`${where}: whether it blocks ${lock.blocksWrites === null ? 'writes' : 'reads'} on ${s.tables.join(', ') || 'its table'} is unknown`);
  } else if (lock.blocksReads || lock.blocksWrites) {
    const what = lock.blocksReads ? 'reads and writes' : 'writes';
    if (estimate.durationMs === null) reasons.push(`${where}: blocks ${what} on ${s.tables.join(', ')} for an unknown time`);
    else {
      const hi = estimate.durationRangeMs?.[1] ?? estimate.durationMs;
      if (hi > policy.maxLockSeconds * 1000) {
        reasons.push(`${where}: blocks ${what} on ${s.tables.join(', ')} for about ${seconds(estimate.durationMs)} (up to ${seconds(hi)}; policy allows ${policy.maxLockSeconds} s)`);
      }
    }
  }
  if (['delete', 'update', 'insert'].includes(s.operation)) {
    if (estimate.rows === null) reasons.push(`${where}: the number of rows it touches is unknown`);
    else if (estimate.rows > policy.maxRows) reasons.push(`${where}: touches about ${estimate.rows.toLocaleString('en-US')} rows (policy allows ${policy.maxRows.toLocaleString('en-US')})`);
  }
  return reasons;
}

export function evaluatePolicy(migration: MigrationReport, decisions: readonly StatementDecision[], policy: ApprovalPolicy): PolicyVerdict {
  const reasons: string[] = [];
  if (migration.needsShadowExecution) reasons.push(`${migration.name}: reads data and branches on it; its statements depend on production data`);
  for (const s of migration.statements) {
    const where = `${s.location.file}:${s.location.line}`;
    const decision = decisions[s.index] ?? { kind: 'as-written' };
    if (decision.kind === 'skip') continue;
    const alt = decision.kind === 'alternative' ? s.alternatives[decision.index] : undefined;
    if (decision.kind === 'alternative' && !alt) {
      reasons.push(`${where}: alternative ${decision.index + 1} does not exist`);
      continue;
    }
    reasons.push(...(alt ? judgeAlternative(s, alt, policy, where) : judgeAsWritten(s, policy, where)));
    for (const f of s.findings) {
      // A finding about the statement as written is settled when a replacing alternative runs instead.
      if (alt && f.alternatives.includes(decision.kind === 'alternative' ? decision.index : -1)) continue;
      if (policy.forbiddenRules.includes(f.id)) reasons.push(`${where}: ${f.id} is forbidden by policy`);
      else if (policy.maxSeverity !== 'none' && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[policy.maxSeverity] && !alt) {
        reasons.push(`${where}: ${f.severity} ${f.id}`);
      }
    }
  }
  return Object.freeze({ approved: reasons.length === 0, reasons: Object.freeze(reasons) });
}

/** The hash of what the approver saw: the migration's report, as JSON. */
export function reportHash(migration: MigrationReport): string {
  return createHash('sha256').update(JSON.stringify(migration)).digest('hex');
}
