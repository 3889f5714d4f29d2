import { describe, expect, it } from 'vitest';
import { needsShadowExecution } from '../../analyzers/needs-shadow-execution.js';
import { allFindings, runAnalyzers } from '../../src/analysis/run-analyzers.js';
import { createCapabilities } from '../../src/db/capabilities/index.js';
import { parseServerSpec } from '../../src/db/connection.js';
import { migrationOf } from './lint-sql.js';

const server = createCapabilities(parseServerSpec('mariadb:10.11'));
const run = (dataDependent: boolean) => {
  const m = { ...migrationOf('UPDATE users SET plan = 1 WHERE id = 1;\nALTER TABLE users ADD COLUMN x INT;', '20240101_backfill'), source: 'kysely' as const, needsShadowExecution: dataDependent };
  return allFindings(runAnalyzers([m], [needsShadowExecution], { server }));
};

describe('needs-shadow-execution', () => {
  it('accepts: migrations whose statements are known statically', () => {
    expect(run(false)).toEqual([]);
  });

  it('reports: a data-dependent Kysely migration once, on its first statement', () => {
    const fs = run(true);
    expect(fs).toHaveLength(1);
    expect(fs[0]!.severity).toBe('warning');
    expect(fs[0]!.location.line).toBe(1);
    expect(fs[0]!.message).toMatch(/^20240101_backfill\.sql reads data and decides what to run from it, so the 2 statements drydock captured .* run drydock plan/);
  });
});
