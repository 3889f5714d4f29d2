// Runs a catalogue of analyzers over migrations. Pure: facts about the target come in as values.
// A crashing analyzer becomes an `analyzer-crashed` finding and the others still run.
import type { LockProfile, ServerCapabilities, SessionState, TableFacts } from '../db/capabilities/types.js';
import { DEFAULT_SESSION } from '../db/capabilities/types.js';
import type { Migration, ParsedStatement } from '../parser/statement.js';
import { DOCS_BASE, DEFAULT_THRESHOLDS, renderMessage } from './analyzer.js';
import type { Analyzer, AnalysisContext, Finding, Report, Severity, Thresholds } from './analyzer.js';
import { applySet } from './session-state.js';
import { parseSuppressions, type Suppression } from './suppressions.js';
import { applyOperation, lookupFacts, type TableFactsMap } from './table-facts.js';

export interface RuleSettings {
  readonly enabled?: boolean;
  readonly severity?: Severity;
  /** The rule applies only to migrations whose name sorts after this one. */
  readonly startAfter?: string;
}

export interface AnalysisOptions {
  readonly server: ServerCapabilities;
  /** Facts about the target's tables (from `--target`, or `--schema` + sizes), keyed by tableKey. */
  readonly tables?: TableFactsMap;
  readonly thresholds?: Thresholds;
  readonly rules?: Readonly<Record<string, RuleSettings>>;
  /** Whether tables' sizes are known (a target or sizes were given). */
  readonly hasSizes?: boolean;
}

export interface StatementAnalysis {
  readonly statement: ParsedStatement;
  readonly lock: LockProfile;
  readonly findings: readonly Finding[];
  /** Findings silenced by a `drydock:ignore`, kept for the record. */
  readonly suppressed: readonly Finding[];
  readonly session: SessionState;
  /** Facts about the statement's tables as they were just before it ran. */
  readonly tables: readonly TableFacts[];
}

export interface MigrationAnalysis {
  readonly migration: Migration;
  readonly statements: readonly StatementAnalysis[];
}

export interface AnalysisResult {
  readonly migrations: readonly MigrationAnalysis[];
}

/** Findings the engine itself produces; each has a doc page like any analyzer. */
export const ENGINE_RULES = Object.freeze({
  'analyzer-crashed': { severity: 'error', category: 'hygiene', title: 'An analyzer crashed' },
  'ignore-without-reason': { severity: 'warning', category: 'hygiene', title: 'drydock:ignore without a reason' },
  'unused-ignore': { severity: 'warning', category: 'hygiene', title: 'drydock:ignore that silences nothing' },
} as const);
export type EngineRuleId = keyof typeof ENGINE_RULES;

/** Throws on duplicate ids and on settings for rules that do not exist (a config typo must not silently disable nothing). */
export function validateCatalogue(analyzers: readonly Analyzer[], rules: Readonly<Record<string, RuleSettings>> = {}): void {
  const ids = new Set<string>();
  for (const a of analyzers) {
    if (ids.has(a.id) || a.id in ENGINE_RULES) throw new Error(`duplicate analyzer id ${a.id}`);
    ids.add(a.id);
  }
  for (const id of Object.keys(rules)) {
    if (!ids.has(id) && !(id in ENGINE_RULES)) throw new Error(`unknown rule id ${JSON.stringify(id)} in configuration`);
  }
}

export function runAnalyzers(
  migrations: readonly Migration[],
  analyzers: readonly Analyzer[],
  options: AnalysisOptions,
): AnalysisResult {
  const rules = options.rules ?? {};
  validateCatalogue(analyzers, rules);
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  let facts: TableFactsMap = options.tables ?? new Map();
  const results: MigrationAnalysis[] = [];

  for (const migration of migrations) {
    let session = DEFAULT_SESSION;
    const statements: StatementAnalysis[] = [];
    const suppressions = migration.statements.flatMap(parseSuppressions);
    const used = new Set<Suppression>();

    for (const [i, statement] of migration.statements.entries()) {
      const op = statement.operation;
      const tables = statement.tables.map((t) => lookupFacts(facts, t)).filter((f): f is TableFacts => f !== null);
      const primary = tables[0] ?? null;
      const lock = options.server.profileOperation(op, primary, session);
      const currentFacts = facts;
      const context: AnalysisContext = {
        server: options.server,
        migration,
        previous: migration.statements.slice(0, i),
        session,
        lock,
        thresholds,
        hasSizes: options.hasSizes ?? options.tables !== undefined,
        table: (ref) => lookupFacts(currentFacts, ref),
      };

      const raw: Finding[] = [];
      for (const analyzer of analyzers) {
        const settings = rules[analyzer.id] ?? {};
        if (settings.enabled === false) continue;
        if (settings.startAfter !== undefined && !(migration.name > settings.startAfter)) continue;
        if (analyzer.appliesTo !== 'any' && !analyzer.appliesTo.includes(op.kind)) continue;
        let reports: readonly Report<string>[];
        try {
          reports = analyzer.check(statement, context);
        } catch (error) {
          raw.push(engineFinding('analyzer-crashed', statement, `analyzer ${analyzer.id} crashed on this statement: ${error instanceof Error ? error.message : String(error)}. The other analyzers still ran; report this as a bug.`));
          continue;
        }
        for (const r of reports) {
          raw.push(
            Object.freeze({
              id: analyzer.id,
              severity: settings.severity ?? r.severity ?? analyzer.severity,
              category: analyzer.category,
              message: renderMessage(analyzer.messages[r.messageId] ?? r.messageId, r.values),
              docs: analyzer.docs,
              location: statement.location,
              statementIndex: statement.index,
              table: r.table ?? null,
              column: r.column ?? null,
              alternatives: Object.freeze(r.alternatives ?? []),
            }),
          );
        }
      }

      const findings: Finding[] = [];
      const suppressed: Finding[] = [];
      for (const f of raw) {
        const s = suppressions.find(
          (x) => x.ruleIds.includes(f.id) && (x.scope === 'file' || x.statementIndex === statement.index),
        );
        if (s && f.id !== 'analyzer-crashed') {
          used.add(s);
          suppressed.push(f);
        } else findings.push(f);
      }
      for (const s of suppressions.filter((x) => x.statementIndex === statement.index && x.reason === null)) {
        findings.push(engineFinding('ignore-without-reason', statement, `\`${s.text}\` gives no reason: write \`-- drydock:ignore ${s.ruleIds.join(', ')} -- <why this is safe>\` so reviewers can judge it.`));
      }

      statements.push(Object.freeze({ statement, lock, findings: Object.freeze(findings), suppressed: Object.freeze(suppressed), session, tables: Object.freeze(tables) }));
      session = applySet(session, op);
      facts = applyOperation(facts, op);
    }

    // Unused ignores are reported on the statement that carries them, once every statement was seen.
    const withUnused = statements.map((sa) => {
      const unused = suppressions.filter((s) => s.statementIndex === sa.statement.index && !used.has(s));
      if (unused.length === 0) return sa;
      const extra = unused.map((s) =>
        engineFinding('unused-ignore', sa.statement, `\`${s.text}\` silences nothing: no finding of ${s.ruleIds.join(', ')} was reported ${s.scope === 'file' ? 'in this migration' : 'on this statement'}. Remove it.`),
      );
      return Object.freeze({ ...sa, findings: Object.freeze([...sa.findings, ...extra]) });
    });
    results.push(Object.freeze({ migration, statements: Object.freeze(withUnused) }));
  }
  return Object.freeze({ migrations: Object.freeze(results) });
}

function engineFinding(id: EngineRuleId, statement: ParsedStatement, message: string): Finding {
  const rule = ENGINE_RULES[id];
  return Object.freeze({
    id,
    severity: rule.severity,
    category: rule.category,
    message,
    docs: `${DOCS_BASE}${id}.md`,
    location: statement.location,
    statementIndex: statement.index,
    table: null,
    column: null,
    alternatives: Object.freeze([]),
  });
}

/** All findings of a result, in order. */
export function allFindings(result: AnalysisResult): readonly Finding[] {
  return result.migrations.flatMap((m) => m.statements.flatMap((s) => s.findings));
}
