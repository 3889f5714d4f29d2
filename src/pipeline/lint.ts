// The lint pipeline: load + parse migrations, judge them against a server's capabilities (and the
// target's table sizes when given), and build the impact report. No writes anywhere.
import type { Analyzer } from '../analysis/analyzer.js';
import { runAnalyzers, type AnalysisResult } from '../analysis/run-analyzers.js';
import type { TableFactsMap } from '../analysis/table-facts.js';
import type { Config } from '../config/config.js';
import { createCapabilities } from '../db/capabilities/index.js';
import type { ServerVersion } from '../db/capabilities/types.js';
import { readTargetFacts, type TargetFacts } from './target-facts.js';
import { factsFromSchema, readSchemaSource, type SchemaFactsInput } from './schema-facts.js';
import { parseServerSpec } from '../db/connection.js';
import { ConfigError } from '../errors.js';
import { loadMigrations } from '../migrations/load-migrations.js';
import type { Migration } from '../parser/statement.js';

export const DEFAULT_SERVER_SPEC = 'mysql:8.0';

export interface LintInput {
  readonly paths: readonly string[];
  readonly config: Config;
  readonly analyzers: readonly Analyzer[];
  readonly cwd: string;
  /** Offline sizes: a schema file plus `--rows t=N` / a sizes file (ignored when a target is given). */
  readonly schema?: SchemaFactsInput;
}

export interface LintOutcome {
  readonly server: ServerVersion;
  readonly assumedServer: boolean;
  readonly migrations: readonly Migration[];
  readonly analysis: AnalysisResult;
  /** What was read from the target (config.target), if one was given. */
  readonly target: TargetFacts | null;
}

export function migrationPaths(paths: readonly string[], config: Config): readonly string[] {
  if (paths.length > 0) return paths;
  if (config.migrations) return [config.migrations];
  throw new ConfigError('no migrations given: pass files or folders, --migrations DIR, or set "migrations" in drydock.config.json');
}

export async function lintMigrations(input: LintInput): Promise<LintOutcome> {
  const migrations = await loadMigrations(migrationPaths(input.paths, input.config), { cwd: input.cwd });
  const target = input.config.target ? await readTargetFacts(input.config.target, migrations) : null;
  const schema = !target && input.schema ? factsFromSchema(await readSchemaSource(input.schema)) : null;
  return analyzeMigrations(migrations, input, target, schema);
}

/** Judges loaded migrations: against the target's facts, or given table facts (plan's --schema + sizes). */
export function analyzeMigrations(
  migrations: readonly Migration[],
  input: Pick<LintInput, 'config' | 'analyzers'>,
  target: TargetFacts | null,
  tables: TableFactsMap | null,
): LintOutcome {
  const server = target?.server ?? parseServerSpec(input.config.server ?? DEFAULT_SERVER_SPEC);
  const facts = target?.tables ?? tables;
  const analysis = runAnalyzers(migrations, input.analyzers, {
    server: createCapabilities(server),
    thresholds: input.config.thresholds,
    rules: input.config.rules,
    ...(facts ? { tables: facts, hasSizes: true } : {}),
  });
  return Object.freeze({ server, assumedServer: target === null && input.config.server === null, migrations, analysis, target });
}
