// The apply pipeline: what is pending → its impact (a reviewed plan file, or static analysis of the
// live target) → approval (policy or a person) → the executor. Nothing runs unless every pending
// migration in the run is approved: a deploy never stops half-way because of a missing approval.
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import type { Alternative, AlternativeKind, Analyzer } from '../analysis/analyzer.js';
import { decideStatements, evaluatePolicy, reportHash, type StatementDecision } from '../approval/policy.js';
import type { Prompter } from '../approval/prompt.js';
import type { Config } from '../config/config.js';
import { connect, parseServerUrl, redactUrl } from '../db/connection.js';
import type { ExpectedClause } from '../executor/ddl-clause.js';
import { sameServer, serverIdentity, type ServerIdentity } from '../shadow/shadow-database.js';
import { ApprovalRequiredError, ConfigError } from '../errors.js';
import { applyMigrations } from '../executor/apply-migrations.js';
import type { ApplyEvent, ApplyResult, ApplyStep, Resolution, StatementChoice } from '../executor/apply-types.js';
import type { Migration } from '../parser/statement.js';
import type { ImpactReport, MigrationReport, ReportAlternative } from '../report/impact-report.js';
import { readMigrationStatus } from '../state/migration-status.js';
import { analyzeMigrations, migrationPaths, type LintOutcome } from './lint.js';
import { readTargetFacts } from './target-facts.js';
import { loadMigrations } from '../migrations/load-migrations.js';

export interface ApplyInput {
  readonly paths: readonly string[];
  readonly config: Config;
  readonly analyzers: readonly Analyzer[];
  readonly cwd: string;
  /** A reviewed plan (`drydock plan --out`): its numbers are shown and it must still match. */
  readonly planFile?: string;
  readonly useAlternatives: readonly AlternativeKind[];
  /** Apply what the policy approves without asking. */
  readonly yes: boolean;
  /** A prompter when a person is at a terminal; null otherwise. */
  readonly prompter: Prompter | null;
  readonly approver: string;
  readonly resolve: Readonly<Record<string, Resolution>>;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: ApplyEvent) => void;
  /** Builds the impact report from a static analysis (the CLI supplies the report builder). */
  readonly buildReport: (outcome: LintOutcome) => ImpactReport;
  /**
   * Rehearses the pending migrations on a sized shadow (drydock plan) and returns its report and
   * record; without it (and without a plan file) the impact is static and unknowns need a person.
   */
  readonly rehearse?: (pendingFiles: readonly string[]) => Promise<{ readonly report: ImpactReport; readonly details: NonNullable<PlanFile['plan']> }>;
}

export interface PreparedApply {
  /** Approved migrations with their choices, in order. */
  readonly steps: readonly ApplyStep[];
  /** Migrations the operator skipped. */
  readonly skipped: readonly string[];
  readonly nothingToDo: boolean;
}

/** How far a table may have grown or shrunk since the plan before the plan is stale (×1.5 either way). */
export const PLAN_SIZE_TOLERANCE = 1.5;

/** What `drydock plan --out` writes: the report plus the plan's own record (src/pipeline/plan.ts PlanDetails). */
interface PlanFile extends ImpactReport {
  readonly plan?: {
    readonly target?: { readonly url: string; readonly database: string | null; readonly identity: ServerIdentity | null } | null;
    readonly tables?: readonly { readonly table: string; readonly sourceRows: number }[];
    readonly statements?: readonly { readonly migration: string; readonly index: number; readonly clause: { readonly algorithm: string; readonly lock: string | null } | null; readonly clauseRefused: string | null }[];
  };
}

function readPlanFile(file: string, cwd: string): PlanFile {
  const path = resolvePath(cwd, file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read plan ${file}: ${(error as Error).message}. Make one with drydock plan --out ${file}`);
  }
  const p = parsed as Partial<PlanFile>;
  if (p.schemaVersion !== 1 || !Array.isArray(p.migrations)) {
    throw new ConfigError(`${file} is not a drydock plan (schemaVersion 1 with migrations): make one with drydock plan --out ${file}`);
  }
  return p as PlanFile;
}

const endpoint = (url: string) => {
  const u = parseServerUrl(url);
  return `${u.host}:${u.port}/${u.database ?? ''}`.toLowerCase();
};

/** Refuses a plan made for other migration files, another target, or tables whose size moved. */
export function checkPlanStillHolds(
  plan: PlanFile,
  pending: readonly Migration[],
  target: { readonly url: string; readonly identity: ServerIdentity | null },
  currentRows: ReadonlyMap<string, number | null>,
): readonly string[] {
  const problems: string[] = [];
  const planned = plan.plan?.target;
  if (!planned) problems.push('the plan was made without a target (offline); plan against the target first');
  else if (planned.identity && target.identity && !sameServer(planned.identity, target.identity)) {
    problems.push(`the plan was made for another server (${planned.url}) than ${redactUrl(target.url)}`);
  } else if (endpoint(planned.url.replace('***', 'x')) !== endpoint(target.url)) {
    problems.push(`the plan was made for ${planned.url}, not ${redactUrl(target.url)}`);
  }
  for (const m of pending) {
    const p = plan.migrations.find((x) => x.name === m.name);
    if (!p) problems.push(`${m.name} is pending but not in the plan`);
    else if (p.checksum !== m.checksum) problems.push(`${m.file} changed since the plan (checksum ${m.checksum.slice(0, 12)}, planned ${p.checksum.slice(0, 12)})`);
  }
  for (const t of plan.plan?.tables ?? []) {
    const now = currentRows.get(t.table.toLowerCase());
    if (now === undefined || now === null) continue;
    const ratio = Math.max(now, 1) / Math.max(t.sourceRows, 1);
    if (ratio > PLAN_SIZE_TOLERANCE || ratio < 1 / PLAN_SIZE_TOLERANCE) {
      problems.push(`${t.table} has ${now.toLocaleString('en-US')} rows now; the plan assumed ${t.sourceRows.toLocaleString('en-US')}`);
    }
  }
  return problems;
}

/** Per-statement decisions a plan file carries (`"choice": "skip" | "as-written" | {"alternative": kind}`). */
function planDecisions(planned: MigrationReport): readonly StatementDecision[] | null {
  let any = false;
  const out = planned.statements.map((s): StatementDecision => {
    const choice = (s as { choice?: unknown }).choice;
    if (choice === undefined) return { kind: 'as-written' };
    any = true;
    if (choice === 'skip') return { kind: 'skip' };
    if (choice === 'as-written') return { kind: 'as-written' };
    const kind = (choice as { alternative?: string }).alternative;
    const index = s.alternatives.findIndex((a) => a.kind === kind && a.replacesStatement && a.kind !== 'osc-tool');
    if (index < 0) throw new ConfigError(`plan: ${s.location.file}:${s.location.line} chooses alternative ${String(kind)}, which the plan does not offer for it`);
    return { kind: 'alternative', index };
  });
  return any ? out : null;
}

const ALGORITHMS = ['INSTANT', 'NOCOPY', 'INPLACE', 'COPY'];
const LOCKS = ['NONE', 'SHARED', 'EXCLUSIVE'];
/** A clause from a plan file, checked: anything else is refused rather than spliced into SQL. */
function asClause(c: { readonly algorithm: string; readonly lock: string | null } | null): ExpectedClause | null {
  if (!c) return null;
  if (!ALGORITHMS.includes(c.algorithm) || (c.lock !== null && !LOCKS.includes(c.lock))) {
    throw new ConfigError(`plan: ALGORITHM=${c.algorithm} LOCK=${String(c.lock)} is not a clause drydock emits`);
  }
  return c as ExpectedClause;
}

const toAlternative = (a: ReportAlternative): Alternative => ({
  kind: a.kind,
  title: a.title,
  sql: a.sql,
  notes: a.notes,
  replacesStatement: a.replacesStatement,
  ...(a.batched ? { batched: a.batched } : {}),
});

/** Everything before execution: what is pending, its impact, and the approvals. Writes nothing. */
export async function prepareApply(input: ApplyInput): Promise<PreparedApply> {
  const target = input.config.target;
  if (!target) throw new ConfigError('drydock apply needs --target URL (or DRYDOCK_TARGET_URL): the database to migrate');
  const migrations = await loadMigrations(migrationPaths(input.paths, input.config), { cwd: input.cwd });
  const status = await readMigrationStatus(target, migrations);
  const todo = new Set(status.entries.filter((e) => e.state === 'pending' || e.state === 'interrupted' || e.state === 'drifted').map((e) => e.name));
  const pending = migrations.filter((m) => todo.has(m.name));
  if (pending.length === 0) return { steps: [], skipped: [], nothingToDo: true };
  const dataDependent = pending.filter((m) => m.needsShadowExecution);
  if (dataDependent.length > 0) {
    // Its captured statements are what an empty database gives; running them would not be the migration.
    throw new ConfigError(
      `${dataDependent.map((m) => m.file).join(', ')} read data and branch on it, so drydock cannot know their statements in advance; run them with Kysely's own Migrator (drydock status will then show them as applied)`,
    );
  }

  // Static analysis of the live target gives the clauses to emit (for the real server version).
  const facts = await readTargetFacts(target, pending);
  const outcome = analyzeMigrations(pending, input, facts, null);
  let report = input.buildReport(outcome);
  let planClauses: NonNullable<PlanFile['plan']>['statements'] | null = null;
  if (input.planFile) {
    const plan = readPlanFile(input.planFile, input.cwd);
    const rows = new Map([...facts.tables.values()].map((t) => [t.table.name.toLowerCase(), t.rows]));
    const conn = await connect(target);
    const identity = await serverIdentity(conn).finally(() => conn.end().catch(() => {}));
    const problems = checkPlanStillHolds(plan, pending, { url: target, identity }, rows);
    if (problems.length > 0) {
      throw new ConfigError(`the plan ${input.planFile} no longer matches: ${problems.join('; ')}. Run drydock plan again and review it.`);
    }
    report = plan;
    planClauses = plan.plan?.statements ?? null;
  } else if (input.rehearse) {
    const rehearsal = await input.rehearse(pending.map((m) => m.file));
    report = rehearsal.report;
    planClauses = rehearsal.details.statements ?? null;
  }

  const steps: ApplyStep[] = [];
  const needsApproval: string[] = [];
  const skipped: string[] = [];
  for (const [mi, migration] of pending.entries()) {
    const shown = report.migrations.find((r) => r.name === migration.name);
    if (!shown) throw new ConfigError(`no impact report for ${migration.name}`);
    let decisions = (input.planFile ? planDecisions(shown) : null) ?? decideStatements(shown, input.useAlternatives);
    const verdict = evaluatePolicy(shown, decisions, input.config.policy);
    let decisionText = verdict.approved ? 'auto-approved by policy' : '';
    if (!verdict.approved) {
      if (input.prompter && !input.yes) {
        const d = await input.prompter.decide(shown, verdict.reasons, decisions);
        if (d.kind === 'skip') {
          skipped.push(migration.name);
          continue;
        }
        decisions = d.statements;
        decisionText = d.summary;
      } else {
        needsApproval.push(...verdict.reasons.map((r) => `${migration.name}: ${r}`));
        continue;
      }
    } else if (input.prompter && !input.yes) {
      // Approved by policy: a person at the terminal still sees what runs, but is not asked.
      decisionText = 'auto-approved by policy';
    }
    const analysis = outcome.analysis.migrations[mi]!;
    const choices = migration.statements.map((st, i): StatementChoice => {
      const d = decisions[i] ?? { kind: 'as-written' };
      if (d.kind === 'skip') return { kind: 'skip' };
      if (d.kind === 'alternative') return { kind: 'alternative', alternative: toAlternative(shown.statements[i]!.alternatives[d.index]!) };
      // A reviewed plan says which clause the shadow accepted; without one, the static profile's clause.
      const planned = planClauses?.find((p) => p.migration === migration.name && p.index === st.index);
      const clause = planned ? asClause(planned.clause) : (analysis.statements.find((s) => s.statement.index === st.index)?.lock.clause ?? null);
      return { kind: 'as-written', clause };
    });
    steps.push({ migration, choices, approval: { approver: input.approver, reportHash: reportHash(shown), decision: decisionText } });
  }
  if (needsApproval.length > 0) {
    throw new ApprovalRequiredError(
      `${needsApproval.length} reason(s) need a person's approval; nothing was applied. Run drydock apply at a terminal, choose alternatives (--use-alternative), or change the policy in drydock.config.json`,
      needsApproval,
    );
  }
  return { steps, skipped, nothingToDo: false };
}

export async function executeApply(
  steps: readonly ApplyStep[],
  input: Pick<ApplyInput, 'config' | 'resolve' | 'signal' | 'onEvent'>,
): Promise<ApplyResult> {
  const target = input.config.target;
  if (!target) throw new ConfigError('drydock apply needs --target URL');
  const e = input.config.execution;
  return applyMigrations(steps, {
    url: target,
    lockWaitTimeoutSec: e.lockWaitTimeoutSeconds,
    ddlRetry: { maxTotalMs: e.ddlRetryTotalSeconds * 1000, baseDelayMs: 500 },
    chunkTargetMs: e.chunkTargetMs,
    throttle: { maxThreadsRunning: e.maxThreadsRunning, maxReplicaLagSec: e.maxReplicaLagSeconds, replicaUrls: e.replicaUrls },
    resolve: input.resolve,
    ...(input.signal ? { signal: input.signal } : {}),
    ...(input.onEvent ? { onEvent: input.onEvent } : {}),
  });
}
