// The plan pipeline: load and judge the migrations, build a sized shadow from the target (read
// only) or from a schema file with sizes, dry-run every statement and alternative there, and
// extrapolate the measurements to the target's size. The impact report comes out, plus what apply
// needs to execute exactly this plan. Never writes to the target.
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DOCS_BASE, type Analyzer, type Finding } from '../analysis/analyzer.js';
import { ENGINE_RULES, runAnalyzers, type AnalysisResult } from '../analysis/run-analyzers.js';
import { emptyFacts, type TableFactsMap } from '../analysis/table-facts.js';
import type { Config } from '../config/config.js';
import { createCapabilities } from '../db/capabilities/index.js';
import type { LockProfile, ServerVersion, TableFacts } from '../db/capabilities/types.js';
import { parseServerSpec, redactUrl } from '../db/connection.js';
import { connectTarget, type TargetSession } from '../db/introspect.js';
import { ConfigError } from '../errors.js';
import { extrapolateDuration, metadataPoolWeight, scaleRows, SHORTFALL_MIN, withFileRemoval, type DurationEstimate } from '../estimate/extrapolate.js';
import { indexMaintenanceGrowth, type IndexGrowth } from '../estimate/index-growth.js';
import { loadMigrations } from '../migrations/load-migrations.js';
import type { Migration, ParsedStatement } from '../parser/statement.js';
import { tableKey } from '../parser/statement.js';
import {
  buildImpactReport,
  type AlternativeResult,
  type ImpactReport,
  type MeasuredLock,
  type ReportRule,
  type StatementEstimate,
  type StatementMeasurement,
} from '../report/impact-report.js';
import { formatDuration } from '../report/format-duration.js';
import { acceptedInstant, dryRun, outgrowsPool, productionPoolBytes, type DryRunProgress, type DryRunResult, type RunMeasurement, type ShadowTableSize, type StatementRun } from '../shadow/dry-run.js';
import { measureFileRemoval, type FileRemovalCost } from '../shadow/file-removal.js';
import { schemaFromFile, schemaFromTarget, withProductionSizes, type SchemaSource } from '../shadow/schema-source.js';
import { createShadow, serverIdentity, type ServerIdentity, type Shadow } from '../shadow/shadow-database.js';
import { migrationPaths } from './lint.js';
import { explainAffectedRows, explainBiased, explainable, type ExplainedRows } from './explain-rows.js';
import { transactionGroups } from './transaction-groups.js';

export const DEFAULT_SHADOW_ROWS = 1_000_000;

/** Finding ids the planner itself raises from measurements. */
export const PLAN_RULES = Object.freeze({
  'fails-on-production-data': {
    title: 'Statement fails on production-shaped data',
    severity: 'error',
    category: 'data-dependent',
  },
  'measured-lock-disagrees': {
    title: 'Measured lock behaviour differs from the expected one',
    severity: 'warning',
    category: 'locking',
  },
} as const);

export type PlanProgress =
  | { readonly phase: 'load' }
  | { readonly phase: 'shadow'; readonly detail: string }
  | DryRunProgress
  | { readonly phase: 'report' };

export interface PlanInput {
  readonly paths: readonly string[];
  readonly config: Config;
  readonly analyzers: readonly Analyzer[];
  readonly cwd: string;
  readonly toolVersion: string;
  /** Schema file (offline planning); sizes come from `sizes`. */
  readonly schemaFile?: string | null;
  readonly sizes?: ReadonlyMap<string, number>;
  /** Most rows per shadow table; default config.shadowRows. */
  readonly shadowRows?: number;
  /** Runs per short full-size measurement and its memory-bound run, median kept (default DEFAULT_MEASURE_RUNS, 3). */
  readonly measureRuns?: number;
  /** PATH to find mysqld/mariadbd on for `--shadow auto`. */
  readonly searchPath?: string;
  readonly seed?: number;
  readonly onProgress?: (event: PlanProgress) => void;
  /** Catalogue facts for rule titles in the report. */
  readonly rules?: readonly ReportRule[];
}

/** What `apply --plan` needs beyond the report: where the plan was made and what it assumed. */
export interface PlanDetails {
  readonly createdAt: string;
  readonly target: { readonly url: string; readonly database: string | null; readonly server: string; readonly identity: ServerIdentity | null } | null;
  readonly shadow: { readonly kind: 'private' | 'url'; readonly server: string; readonly budgetRows: number };
  readonly source: SchemaSource['origin'];
  readonly tables: readonly { readonly table: string; readonly sourceRows: number; readonly shadowRows: number; readonly reducedRows: number | null }[];
  readonly statements: readonly PlannedStatement[];
  readonly failure: DryRunResult['failure'];
  readonly seed: DryRunResult['seed'];
  readonly dryRunMs: number;
}

export interface PlannedStatement {
  readonly migration: string;
  readonly index: number;
  readonly status: StatementRun['status'];
  /** The explicit clause the shadow accepted for it (apply adds it so the server refuses anything slower). */
  readonly clause: { readonly algorithm: string; readonly lock: string | null } | null;
  readonly clauseRefused: string | null;
  readonly estimate: { readonly model: DurationEstimate['model'] | null; readonly explanation: string | null };
  /** Each alternative as run on the shadow, with how its estimate came about when it has one. */
  readonly alternatives: readonly { readonly kind: string; readonly measured: boolean; readonly error: string | null; readonly explanation?: string | null }[];
}

export interface PlanOutcome {
  readonly server: ServerVersion;
  readonly migrations: readonly Migration[];
  readonly analysis: AnalysisResult;
  readonly dryRun: DryRunResult;
  readonly report: ImpactReport;
  readonly details: PlanDetails;
}

export async function planMigrations(input: PlanInput): Promise<PlanOutcome> {
  const config = input.config;
  input.onProgress?.({ phase: 'load' });
  const migrations = await loadMigrations(migrationPaths(input.paths, config), { cwd: input.cwd });
  const touched = uniqueTables(migrations);
  const target = config.target;
  if (!target && !input.schemaFile) {
    throw new ConfigError('plan needs the tables to rehearse on: pass --target URL (read-only), or --schema FILE with --rows TABLE=N / --sizes FILE');
  }

  let session: TargetSession | null = null;
  let shadow: Shadow | null = null;
  try {
    let source: SchemaSource;
    let server: ServerVersion | null = config.server ? parseServerSpec(config.server) : null;
    let identity: ServerIdentity | null = null;
    const notes: string[] = [];
    if (target) {
      session = await connectTarget(target);
      server = session.version;
      identity = await serverIdentity(session.conn);
      input.onProgress?.({ phase: 'shadow', detail: 'reading the target (read-only)' });
      source = withProductionSizes(await schemaFromTarget(session, touched), input.sizes ?? new Map());
    } else {
      const file = input.schemaFile!;
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new ConfigError(`cannot read the schema file ${file}: ${(error as Error).message}`);
      }
      source = schemaFromFile(text, file, input.sizes ?? new Map(), { touched });
    }

    input.onProgress?.({ phase: 'shadow', detail: config.shadow === 'auto' ? 'starting a private server' : 'creating a scratch database' });
    shadow = await createShadow({ shadow: config.shadow || 'auto', target: target ?? null, flavor: server?.flavor ?? null, ...(input.searchPath !== undefined ? { searchPath: input.searchPath } : {}) });
    if (!server) {
      server = shadow.settings.version;
      notes.push(`no --target or --server given: judged as the shadow's ${server.raw}; pass --server to match your production server`);
    }

    const capabilities = createCapabilities(server);
    const analysis = runAnalyzers(migrations, input.analyzers, {
      server: capabilities,
      tables: factsFrom(source),
      hasSizes: true,
      thresholds: config.thresholds,
      rules: config.rules,
    });
    const budgetRows = input.shadowRows ?? config.shadowRows ?? DEFAULT_SHADOW_ROWS;
    const dry = await dryRun({
      shadow,
      source,
      budgetRows,
      migrations: analysis.migrations.map((m) => ({ migration: m.migration, statements: m.statements })),
      server: { isMariaDb: shadow.settings.version.flavor === 'mariadb', supportsAlterWait: capabilities.supportsAlterWait },
      homeSchemas: source.homeSchemas,
      ...(input.measureRuns !== undefined ? { measureRuns: input.measureRuns } : {}),
      ...(input.seed !== undefined ? { seed: input.seed } : {}),
      ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    });

    // Rows of DML on the target, from its optimizer.
    const explained = new Map<string, ExplainedRows>();
    if (session) {
      for (const m of migrations) {
        for (const st of m.statements) {
          if (!explainable(st)) continue;
          const table = source.tables.find((t) => t.definition.table.name.toLowerCase() === st.tables[0]?.name.toLowerCase());
          // The optimizer counts the target's rows: scale them when production is said to be bigger.
          const onTarget = table?.snapshot?.rows ?? table?.rows ?? null;
          const e = await explainAffectedRows(session, st, onTarget).catch(() => null);
          const factor = table && onTarget && table.rows !== onTarget ? table.rows / onTarget : 1;
          if (e) explained.set(`${m.name}#${st.index}`, factor === 1 ? e : { ...e, rows: Math.round(e.rows * factor) });
        }
      }
    }

    // Removing a tablespace file grows with it; the shadow's files are too small to show that, so
    // a private shadow measures its file system's cost per MiB directly (under a second).
    const fileRemoval = shadow.kind === 'private' && shadow.privateServer && removesLargerFile(analysis, dry) ? await measureFileRemoval(dirname(shadow.privateServer.dataDir)).catch(() => null) : null;

    input.onProgress?.({ phase: 'report' });
    const built = buildPlanReport({ input, server, shadow, source, analysis, dry, explained, targetUrl: target ?? null, budgetRows, identity, notes, fileRemoval });
    return Object.freeze({ server, migrations, analysis, dryRun: dry, report: built.report, details: built.details });
  } finally {
    await shadow?.dispose().catch(() => {});
    await session?.conn.end().catch(() => {});
  }
}

/** The dry run's sizes for `table` (any case), or null. */
function shadowSize(dry: DryRunResult, table: string | null): ShadowTableSize | null {
  return table ? (dry.tables.find((t) => t.table.toLowerCase() === table.toLowerCase()) ?? null) : null;
}

/** Statements whose last step removes their table's tablespace file. */
const REMOVES_FILE: ReadonlySet<string> = new Set(['truncate-table', 'drop-table']);

/** Whether a measured statement or TRUNCATE alternative removes a file that is larger in production. */
function removesLargerFile(analysis: AnalysisResult, dry: DryRunResult): boolean {
  const larger = (table: string | null): boolean => {
    const size = shadowSize(dry, table);
    return size !== null && size.fullBytes !== null && size.sourceRows > size.fullRows;
  };
  return dry.statements.some((run) => {
    if (run.status !== 'measured' || !larger(run.table)) return false;
    const st = analysis.migrations.find((m) => m.migration.name === run.migration)?.statements.find((s) => s.statement.index === run.index)?.statement;
    return (st !== undefined && REMOVES_FILE.has(st.operation.kind)) || run.alternatives.some((a) => a.alternative.kind === 'truncate' && a.runs.length > 0 && a.error === null);
  });
}

function uniqueTables(migrations: readonly Migration[]): string[] {
  const out = new Map<string, string>();
  for (const m of migrations) for (const st of m.statements) for (const t of st.tables) out.set(t.name.toLowerCase(), t.name);
  return [...out.values()];
}

/** Table facts for the analyzers: definitions, sizes, and who references whom. */
export function factsFrom(source: SchemaSource): TableFactsMap {
  const facts = new Map<string, TableFacts>();
  const referencedBy = new Map<string, TableFacts['referencedBy'][number][]>();
  for (const t of source.tables) {
    for (const fk of t.definition.foreignKeys) {
      const k = fk.referencedTable.name.toLowerCase();
      referencedBy.set(k, [...(referencedBy.get(k) ?? []), { table: t.definition.table, foreignKey: fk }]);
    }
  }
  for (const t of source.tables) {
    const ref = t.definition.table;
    // Rows as planned: a --rows override replaces the target's count.
    const base: TableFacts = t.snapshot ? { ...t.snapshot, rows: t.rows } : emptyFacts(ref, t.definition, t.rows);
    const f: TableFacts = Object.freeze({ ...base, referencedBy: base.referencedBy.length ? base.referencedBy : (referencedBy.get(ref.name.toLowerCase()) ?? []) });
    // Statements usually name tables without a schema: key both ways.
    facts.set(tableKey({ schema: null, name: ref.name }), f);
    if (ref.schema) facts.set(tableKey(ref), f);
  }
  return facts;
}

interface BuildInput {
  readonly input: PlanInput;
  readonly server: ServerVersion;
  readonly shadow: Shadow;
  readonly source: SchemaSource;
  readonly analysis: AnalysisResult;
  readonly dry: DryRunResult;
  readonly explained: ReadonlyMap<string, ExplainedRows>;
  readonly targetUrl: string | null;
  readonly budgetRows: number;
  readonly identity: ServerIdentity | null;
  readonly notes: readonly string[];
  /** The shadow's file system's cost of removing a file, per MiB; null when not measured. */
  readonly fileRemoval: FileRemovalCost | null;
}

function buildPlanReport(b: BuildInput): { report: ImpactReport; details: PlanDetails } {
  const runOf = (m: string, i: number): StatementRun | undefined => b.dry.statements.find((s) => s.migration === m && s.index === i);
  const planned: PlannedStatement[] = [];
  const warnings: string[] = [...b.notes, ...b.shadow.warnings, ...b.dry.warnings];
  const pool = productionPoolBytes(b.shadow);
  const outgrowsMemory = (table: string | null): boolean => {
    const t = shadowSize(b.dry, table);
    return t !== null && outgrowsPool(t, pool);
  };
  if (b.shadow.targetSettings === null && pool !== null && b.dry.tables.some((t) => outgrowsPool(t, pool))) {
    warnings.push(`production's buffer pool is not known without --target: the shadow's (${Math.round(pool / 1048576)} MB) stands in for it when judging which tables outgrow memory`);
  }
  const fullRows = (table: string | null): number | null => shadowSize(b.dry, table)?.fullRows ?? null;
  // TRUNCATE and DROP TABLE end by removing the table's file, which is bigger in production.
  const plusFileRemoval = (e: DurationEstimate, table: string | null): DurationEstimate => {
    const size = shadowSize(b.dry, table);
    if (!size || size.fullRows <= 0 || size.sourceRows <= size.fullRows) return e;
    const ratio = size.sourceRows / size.fullRows;
    const extraMiB = size.fullBytes === null ? null : (size.fullBytes * (ratio - 1)) / 1048576;
    return withFileRemoval(e, b.fileRemoval && extraMiB !== null ? b.fileRemoval.msPerMiB * extraMiB : null, ratio);
  };

  const migrations = b.analysis.migrations.map((ma) => ({
    migration: ma.migration,
    statements: ma.statements.map((sa) => {
      const st = sa.statement;
      const run = runOf(ma.migration.name, st.index);
      const full = run?.runs.find((r) => r.size === 'full') ?? run?.runs[0] ?? null;
      const extra: Finding[] = [];
      let estimate: StatementEstimate | null = null;
      let fit: DurationEstimate | null = null;
      let rowsNote = '';
      if (run && run.status === 'measured' && run.runs.length > 0) {
        const explainedRows = b.explained.get(`${ma.migration.name}#${st.index}`);
        const shadowRows = full?.measurement.affectedRows ?? null;
        const scaledRows = shadowRows === null ? null : run.sourceRows !== null && fullRows(run.table) ? scaleRows(shadowRows, fullRows(run.table)!, run.sourceRows) : shadowRows;
        const isDml = ['delete', 'update', 'insert'].includes(st.operation.kind);
        // For a full scan EXPLAIN's filter is a rule of thumb: the shadow's match rate, on rows
        // shaped like the target's, is the better number then.
        const biased = explainedRows !== undefined && explainBiased(explainedRows, scaledRows);
        const useExplain = explainedRows !== undefined && !(explainedRows.guessed && scaledRows !== null) && !biased;
        if (biased && isDml) {
          rowsNote = `; rows from the shadow (${scaledRows!.toLocaleString('en-US')}), not EXPLAIN's ${explainedRows.rows.toLocaleString('en-US')}: InnoDB ${explainedRows.atCap ? 'caps range estimates at half the table' : 'counts large ranges twice over'}`;
        }
        // DDL works over the whole table (none of it when metadata-only); DML over the rows it matched.
        const rows = !isDml
          ? sa.lock.sizeDependent === false || measuredInstant(run)
            ? 0
            : (run.sourceRows ?? shadowRows)
          : useExplain
            ? explainedRows.rows
            : scaledRows;
        const memoryBoundFactor = run.memoryBound?.factor ?? null;
        const memoryBoundShortfall = shortfallOf(run);
        if (run.memoryBound && memoryBoundShortfall !== null && memoryBoundShortfall > SHORTFALL_MIN) {
          warnings.push(
            `${ma.migration.name} statement ${st.index + 1}: production's table-to-pool ratio asks for a ${mib(run.memoryBound.wantedPoolBytes)} buffer pool on the shadow, but it went no lower than ${mib(run.memoryBound.poolBytes)}: the disk-bound slow-down measured there (×${run.memoryBound.factor.toFixed(2)}) is a floor, and the range's top allows ×${memoryBoundShortfall.toFixed(1)} more`,
          );
        }
        fit = isDml && rows !== null ? dmlFit(run, rows, outgrowsMemory(run.table), false, memoryBoundFactor, memoryBoundShortfall, indexMaintenanceGrowth(st, b.source.tables, run.sourceRows, fullRows(run.table))) : null;
        // What the server did outranks the profile: a copy reports its rows, an accepted INSTANT is metadata-only.
        const copied = (full?.measurement.affectedRows ?? 0) > 0 && DDL_WITH_ALGORITHM.has(st.operation.kind);
        const sizeDependent = copied ? true : measuredInstant(run) ? false : sa.lock.sizeDependent;
        fit ??= extrapolateDuration(
          run.runs.map((r) => ({ rows: r.tableRows, durationMs: r.measurement.durationMs })),
          run.sourceRows ?? full!.tableRows,
          { sizeDependent, outgrowsMemory: outgrowsMemory(run.table), memoryBoundFactor, memoryBoundShortfall, memoryBoundMs: run.memoryBound?.measurement.durationMs ?? null, memoryBoundWeight: metadataPoolWeight(b.server.flavor), sortBased: buildsIndexOnly(st) },
        );
        if (REMOVES_FILE.has(st.operation.kind)) fit = plusFileRemoval(fit, run.table);
        estimate = { rows, durationMs: fit.durationMs, durationRangeMs: [fit.rangeMs[0], fit.rangeMs[1]], basis: isDml && useExplain ? 'explain' : 'shadow' };
      }
      if (run?.status === 'failed') {
        const message = `this migration will fail on production-shaped data: statement ${st.index + 1} failed on the shadow with ${run.reason ?? 'an error'}. Check the data the statement assumes (duplicates, NULLs, values too long) before running it.`;
        extra.push(planFinding('fails-on-production-data', st, message));
        warnings.push(`${ma.migration.name}: ${message}`);
      }
      if (run?.status === 'skipped' && run.reason) warnings.push(`${ma.migration.name} statement ${st.index + 1} was not rehearsed: ${run.reason}`);
      if (run?.clauseCheck && !run.clauseCheck.accepted && run.clauseCheck.error) {
        warnings.push(`${ma.migration.name} statement ${st.index + 1}: the shadow refused the expected ${clauseText(run.clauseCheck)} (${run.clauseCheck.error}); measured as written instead`);
      }
      const measurement = full ? toMeasurement(full.measurement) : null;
      const measuredLock = run && full ? measuredLockOf(st, sa.lock, run, full.measurement) : null;
      const altExplanations: (string | null)[] = [];
      const alternativeResults: AlternativeResult[] = (run?.alternatives ?? []).map((a) => {
        const af = a.runs.find((r) => r.size === 'full') ?? a.runs[0] ?? null;
        const ok = a.runs.length > 0 && a.error === null;
        const instant = a.alternative.sql.some((q) => /ALGORITHM\s*=\s*INSTANT/i.test(q));
        const stmtRows = ['delete', 'update'].includes(st.operation.kind) ? (estimate?.rows ?? null) : null;
        // Chunks of 1,000 grow like the single statement on MySQL (×1.28–1.47 a row from 100,000 to
        // 1,000,000 rows) but not on MariaDB, where they cost the same per row from 30,000 up
        // (bench/delete-growth.ts --batch, docs/plan.md "DELETEs and index-changing UPDATEs from bigger tables").
        const altGrowth = b.server.flavor === 'mysql' && run ? indexMaintenanceGrowth(st, b.source.tables, run.sourceRows, fullRows(run.table)) : null;
        const altDml = ok && stmtRows !== null && a.alternative.kind === 'batched' ? dmlFit({ runs: a.runs }, stmtRows, outgrowsMemory(run?.table ?? null), true, null, null, altGrowth) : null;
        // TRUNCATE drops and recreates the table's storage: its time does not depend on the rows,
        // only on the size of the file it removes (plusFileRemoval).
        // Other rewrites of the statement meet the same table against the same pool: its measured slow-down stands in.
        const altOptions = instant || a.alternative.kind === 'truncate' ? { sizeDependent: false } : { outgrowsMemory: outgrowsMemory(run?.table ?? null), memoryBoundFactor: run?.memoryBound?.factor ?? null, memoryBoundShortfall: run ? shortfallOf(run) : null };
        const altExtrapolated = altDml === null && ok ? extrapolateDuration(a.runs.map((r) => ({ rows: r.tableRows, durationMs: r.measurement.durationMs })), run?.sourceRows ?? af!.tableRows, altOptions) : null;
        const altFit = altDml ?? (altExtrapolated && a.alternative.kind === 'truncate' ? plusFileRemoval(altExtrapolated, run?.table ?? null) : altExtrapolated);
        altExplanations.push(altFit?.explanation ?? null);
        const altRows = af?.measurement.affectedRows ?? null;
        return {
          kind: a.alternative.kind,
          sql: a.alternative.sql,
          estimate: altFit
            ? {
                rows: altRows === null ? null : run?.sourceRows != null && fullRows(run.table) ? scaleRows(altRows, fullRows(run.table)!, run.sourceRows) : altRows,
                durationMs: altFit.durationMs,
                durationRangeMs: [altFit.rangeMs[0], altFit.rangeMs[1]],
                basis: 'shadow',
              }
            : null,
          measurement: af ? toMeasurement(af.measurement) : null,
        };
      });
      planned.push(
        Object.freeze({
          migration: ma.migration.name,
          index: st.index,
          status: run?.status ?? 'not-run',
          clause: run?.clauseCheck?.accepted ? { algorithm: run.clauseCheck.algorithm, lock: run.clauseCheck.lock } : null,
          clauseRefused: run?.clauseCheck && !run.clauseCheck.accepted ? run.clauseCheck.error : null,
          estimate: { model: fit?.model ?? null, explanation: fit ? `${fit.explanation}${repeatedNote(run)}${rowsNote}` : (run?.reason ?? null) },
          alternatives: (run?.alternatives ?? []).map((a, i) => ({ kind: a.alternative.kind, measured: a.runs.length > 0 && a.error === null, error: a.error, explanation: altExplanations[i] ?? null })),
        }),
      );
      return { statement: st, analysis: sa, findings: [...sa.findings, ...extra], lock: sa.lock, measuredLock, estimate, measurement, alternativeResults };
    }),
  }));

  warnings.push(...transactionWarnings(migrations));

  const rules: ReportRule[] = [
    ...(b.input.rules ?? b.input.analyzers.map((a) => ({ id: a.id, title: a.title, category: a.category, severity: a.severity, docs: a.docs }))),
    ...Object.entries(ENGINE_RULES).map(([id, r]) => ({ id, title: r.title, category: r.category, severity: r.severity, docs: `${DOCS_BASE}${id}.md` })),
    ...Object.entries(PLAN_RULES).map(([id, r]) => ({ id, title: r.title, category: r.category, severity: r.severity, docs: `${DOCS_BASE}${id}.md` })),
  ];
  const shadowInfo = {
    url: b.shadow.kind === 'private' ? 'auto' : b.shadow.url,
    server: { flavor: b.shadow.settings.version.flavor, version: versionText(b.shadow.settings.version), raw: b.shadow.settings.version.raw },
    rowsByTable: b.dry.tables.map((t) => ({ table: t.table, rows: t.fullRows })),
  };
  const build = (withDisagreements: ReadonlySet<string>): ImpactReport =>
    buildImpactReport({
      command: 'plan',
      toolVersion: b.input.toolVersion,
      server: b.server,
      targetUrl: b.targetUrl,
      shadow: shadowInfo,
      blockingSeverity: b.input.config.failOn === 'warning' ? 'warning' : 'error',
      rules,
      warnings,
      migrations: migrations.map((m) => ({
        migration: m.migration,
        statements: m.statements.map((s) => ({
          statement: s.statement,
          findings: withDisagreements.has(`${m.migration.name}#${s.statement.index}`) ? [...s.findings, disagreementFinding(s.statement)] : s.findings,
          lock: s.lock,
          measuredLock: s.measuredLock,
          estimate: s.estimate,
          measurement: s.measurement,
          alternativeResults: s.alternativeResults,
        })),
      })),
    });
  // A measurement that contradicts the static verdict is reported as a finding too, so every format shows it.
  const first = build(new Set());
  const disagreements = new Set<string>();
  for (const m of first.migrations) for (const s of m.statements) if (s.lock.disagreement) disagreements.add(`${m.name}#${s.index}`);
  const report = disagreements.size > 0 ? build(disagreements) : first;

  const details: PlanDetails = Object.freeze({
    createdAt: new Date().toISOString(),
    target: b.targetUrl ? { url: redactUrl(b.targetUrl), database: databaseOf(b.targetUrl), server: b.server.raw, identity: b.identity } : null,
    shadow: { kind: b.shadow.kind, server: b.shadow.settings.version.raw, budgetRows: b.budgetRows },
    source: b.source.origin,
    tables: b.dry.tables.map((t) => ({ table: t.table, sourceRows: t.sourceRows, shadowRows: t.fullRows, reducedRows: t.reducedRows })),
    statements: Object.freeze(planned),
    failure: b.dry.failure,
    seed: b.dry.seed,
    dryRunMs: b.dry.ms,
  });
  return { report, details };
}

/** Says which sizes' measurements are medians of repeated runs. */
function repeatedNote(run: StatementRun | undefined): string {
  const repeated = (run?.runs ?? []).filter((r) => (r.repeats ?? 1) > 1);
  const bound = run?.memoryBound && run.memoryBound.runs > 1 ? `; shrunk-pool run: median of ${run.memoryBound.runs}` : '';
  if (repeated.length === 0) return bound;
  return `; ${repeated.map((r) => r.tableRows.toLocaleString('en-US')).join(', ')} rows: median of ${repeated[0]!.repeats} runs on fresh copies (short runs vary)${bound}`;
}

/**
 * The migration's own BEGIN … COMMIT around several data changes: each was measured alone, but on
 * the server the first one's row locks stay held until the group ends.
 */
function transactionWarnings(migrations: readonly { readonly migration: Migration; readonly statements: readonly { readonly statement: ParsedStatement; readonly estimate: StatementEstimate | null }[] }[]): string[] {
  const out: string[] = [];
  for (const m of migrations) {
    for (const g of transactionGroups(m.statements.map((s) => s.statement))) {
      if (g.dml.length < 2) continue;
      const inside = m.statements.filter((s) => g.dml.includes(s.statement.index));
      const known = inside.every((s) => s.estimate !== null);
      const total = inside.reduce((a, s) => a + (s.estimate?.durationMs ?? 0), 0);
      const tables = [...new Set(inside.flatMap((s) => s.statement.tables.map((t) => t.name)))].join(', ');
      const end = g.end === null ? 'nothing in the migration ends it, so they stay held after it' : g.endedBy === 'ddl' ? `until statement ${g.end + 1}, a DDL statement, commits it implicitly` : `until the ${g.endedBy!.toUpperCase()} at statement ${g.end + 1}`;
      out.push(
        `${m.migration.name} statements ${g.dml.map((i) => i + 1).join(', ')} run in one transaction (BEGIN at statement ${g.begin + 1}): each was measured on its own, but the rows each changes stay locked ${end}; writers to ${tables} can wait ${known ? `up to about ${formatDuration(total)} (the sum of their estimates)` : 'for all of them (not every estimate is known)'}`,
      );
    }
  }
  return out;
}

/** How much larger the memory-bound run's pool was than production's ratio asked for (null: no such run). */
function shortfallOf(run: Pick<StatementRun, 'memoryBound'>): number | null {
  const bound = run.memoryBound;
  return bound ? bound.poolBytes / Math.max(1, bound.wantedPoolBytes) : null;
}

/**
 * DML costs by the rows it changes, not by the table's size: a WHERE on a literal key range
 * matches all of a small shadow but a tenth of production. Null when the runs changed no rows.
 */
function dmlFit(
  run: Pick<StatementRun, 'runs'>,
  targetRows: number,
  outgrowsMemory: boolean,
  chunked = false,
  memoryBoundFactor: number | null = null,
  memoryBoundShortfall: number | null = null,
  indexGrowth: IndexGrowth | null = null,
): DurationEstimate | null {
  const samples = run.runs.map((r) => ({ rows: r.measurement.affectedRows ?? 0, durationMs: r.measurement.durationMs }));
  if (samples.length === 0 || samples.some((x) => x.rows <= 0)) return null;
  return extrapolateDuration(samples, targetRows, { sizeDependent: true, outgrowsMemory, chunked, memoryBoundFactor, memoryBoundShortfall, indexGrowth: indexGrowth?.tableRatio ?? null, indexChange: indexGrowth?.change ?? 'delete' });
}

/** A secondary index build and nothing else: the server sorts the rows' keys (n·log n). */
function buildsIndexOnly(st: ParsedStatement): boolean {
  const op = st.operation;
  if (op.kind === 'create-index') return true;
  return op.kind === 'alter-table' && op.actions.length > 0 && op.actions.every((a) => a.type === 'add-index');
}

const measuredInstant = (run: StatementRun): boolean => acceptedInstant(run.clauseCheck);

function databaseOf(url: string): string | null {
  try {
    const p = new URL(url).pathname.replace(/^\//, '');
    return p ? decodeURIComponent(p) : null;
  } catch {
    return null;
  }
}

const mib = (bytes: number): string => `${Math.max(1, Math.round(bytes / 1048576))} MB`;
const versionText = (v: ServerVersion): string => `${v.major}.${v.minor}.${v.patch}`;
const clauseText = (c: { readonly algorithm: string; readonly lock: string | null }): string => (c.lock ? `ALGORITHM=${c.algorithm}, LOCK=${c.lock}` : `ALGORITHM=${c.algorithm}`);

function toMeasurement(m: RunMeasurement): StatementMeasurement {
  return {
    durationMs: m.error ? null : m.durationMs,
    maxReadBlockMs: m.maxReadBlockMs,
    maxWriteBlockMs: m.maxWriteBlockMs,
    rowsAffected: m.affectedRows,
    warnings: [...m.warnings],
    error: m.error ? m.error.message : null,
  };
}

const DDL_WITH_ALGORITHM = new Set(['alter-table', 'create-index', 'drop-index']);

/** What the shadow showed about locking; null fields keep the static answer. */
function measuredLockOf(st: ParsedStatement, lock: LockProfile, run: StatementRun, m: RunMeasurement): MeasuredLock | null {
  if (run.status !== 'measured') return null;
  const reasons: string[] = [];
  let algorithm: MeasuredLock['algorithm'] = null;
  let rebuildsTable: boolean | null = null;
  const check = run.clauseCheck;
  if (check?.accepted) {
    algorithm = check.algorithm as MeasuredLock['algorithm'];
    reasons.push(`the shadow accepted ${clauseText(check)}`);
  } else if (DDL_WITH_ALGORITHM.has(st.operation.kind)) {
    // A table copy reports every copied row as affected; in-place and instant changes report none.
    if ((m.affectedRows ?? 0) > 0) {
      algorithm = 'COPY';
      rebuildsTable = true;
      reasons.push(`the server copied the table (${m.affectedRows!.toLocaleString('en-US')} rows affected)`);
    } else if (check && !check.accepted) {
      algorithm = 'UNKNOWN';
    }
    if (check && !check.accepted) reasons.push(`the shadow refused ${clauseText(check)}${check.error ? `: ${check.error}` : ''}`);
  }
  if (m.readsBlocked !== null || m.writesBlocked !== null) {
    const secs = (ms: number | null): string => (ms === null ? '?' : `${(ms / 1000).toFixed(1)} s`);
    reasons.push(
      `probes on the shadow: writes ${m.writesBlocked ? `waited ${secs(m.writesStalledMs)}` : 'did not wait'}, reads ${m.readsBlocked ? `waited ${secs(m.readsStalledMs)}` : 'did not wait'} during the ${secs(m.durationMs)} run`,
    );
  } else if (m.maxReadBlockMs !== null) {
    reasons.push(`too short on the shadow (${Math.round(m.durationMs)} ms) for the probes to judge blocking: expected behaviour kept`);
  }
  if (algorithm === null && m.readsBlocked === null && m.writesBlocked === null && rebuildsTable === null) {
    return reasons.length ? { algorithm: null, blocksReads: null, blocksWrites: null, rebuildsTable: null, reasons: [...lock.reasons, ...reasons] } : null;
  }
  return { algorithm, blocksReads: m.readsBlocked, blocksWrites: m.writesBlocked, rebuildsTable, reasons };
}

function planFinding(id: keyof typeof PLAN_RULES, st: ParsedStatement, message: string): Finding {
  const rule = PLAN_RULES[id];
  return Object.freeze({
    id,
    severity: rule.severity,
    category: rule.category,
    message,
    docs: `${DOCS_BASE}${id}.md`,
    location: st.location,
    statementIndex: st.index,
    table: st.tables[0]?.name ?? null,
    column: null,
    alternatives: [],
  });
}

function disagreementFinding(st: ParsedStatement): Finding {
  return planFinding(
    'measured-lock-disagrees',
    st,
    'the dry run on the shadow saw different lock behaviour than the server version documents; the report shows the measured verdict. Check the shadow matches the target (flavor, version, settings).',
  );
}
