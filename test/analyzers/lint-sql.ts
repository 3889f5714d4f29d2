// Test helpers for analyzers: SQL in, findings out, through the real parser and capabilities.
import { expect } from 'vitest';
import { createHash } from 'node:crypto';
import type { Analyzer, Finding } from '../../src/analysis/analyzer.js';
import { runAnalyzers, type AnalysisResult } from '../../src/analysis/run-analyzers.js';
import { emptyFacts } from '../../src/analysis/table-facts.js';
import type { TableFacts } from '../../src/db/capabilities/types.js';
import { createCapabilities } from '../../src/db/capabilities/index.js';
import { parseServerSpec } from '../../src/db/connection.js';
import { parseSql } from '../../src/parser/parse.js';
import { tableKey, type CreateTableOperation, type Migration } from '../../src/parser/statement.js';

export interface LintSqlOptions {
  /** `mariadb:10.11` (default), `mysql:8.0.35`, … */
  readonly server?: string;
  /** Tables as the target has them: CREATE TABLE text and row count. */
  readonly tables?: Readonly<Record<string, { readonly create?: string; readonly rows?: number; readonly referencedBy?: TableFacts['referencedBy']; readonly triggers?: TableFacts['triggers']; readonly totalRowVersions?: number }>>;
  /** Migration name (for startAfter tests). */
  readonly name?: string;
  readonly rules?: Parameters<typeof runAnalyzers>[2]['rules'];
}

export function migrationOf(sql: string, name = '001_test'): Migration {
  return Object.freeze({
    name,
    file: `${name}.sql`,
    checksum: createHash('sha256').update(sql).digest('hex'),
    source: 'sql',
    statements: parseSql(sql, `${name}.sql`),
    needsShadowExecution: false,
    hasDown: false,
  });
}

export function analyzeSql(sql: string, analyzers: readonly Analyzer[], options: LintSqlOptions = {}): AnalysisResult {
  const server = createCapabilities(parseServerSpec(options.server ?? 'mariadb:10.11'));
  const tables = new Map<string, TableFacts>();
  for (const [name, t] of Object.entries(options.tables ?? {})) {
    const ref = { schema: null, name };
    let definition: CreateTableOperation | null = null;
    if (t.create) {
      const op = parseSql(t.create, 'schema.sql')[0]?.operation;
      if (op?.kind !== 'create-table') throw new Error(`not a CREATE TABLE: ${t.create}`);
      definition = op;
    }
    const facts = emptyFacts(ref, definition, t.rows ?? null);
    tables.set(tableKey(ref), {
      ...facts,
      dataBytes: null,
      referencedBy: t.referencedBy ?? [],
      triggers: t.triggers ?? [],
      totalRowVersions: t.totalRowVersions ?? null,
    });
  }
  return runAnalyzers([migrationOf(sql, options.name)], analyzers, {
    server,
    ...(options.tables ? { tables } : {}),
    ...(options.rules ? { rules: options.rules } : {}),
  });
}

export function lintSql(sql: string, analyzers: readonly Analyzer[], options: LintSqlOptions = {}): readonly Finding[] {
  return analyzeSql(sql, analyzers, options).migrations.flatMap((m) => m.statements.flatMap((s) => s.findings));
}

/** Asserts the analyzer reports nothing for `sql` (for the opposite, use expectFindings). */
export function expectNoFindings(analyzer: Analyzer, sql: string, options: LintSqlOptions = {}): void {
  const findings = lintSql(sql, [analyzer], options).filter((f) => f.id === analyzer.id);
  expect(findings, `expected no ${analyzer.id} findings (use expectFindings for the opposite)`).toEqual([]);
}

/** Asserts the analyzer reports at least one finding for `sql` and returns them (for the opposite, use expectNoFindings). */
export function expectFindings(analyzer: Analyzer, sql: string, options: LintSqlOptions = {}): readonly Finding[] {
  const findings = lintSql(sql, [analyzer], options).filter((f) => f.id === analyzer.id);
  expect(findings.length, `expected ${analyzer.id} findings (use expectNoFindings for the opposite)`).toBeGreaterThan(0);
  for (const f of findings) expect(f.message).not.toMatch(/\{\w+\}/); // every placeholder filled
  return findings;
}
