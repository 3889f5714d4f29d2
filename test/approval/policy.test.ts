import { describe, expect, it } from 'vitest';
import { decideStatements, evaluatePolicy, reportHash } from '../../src/approval/policy.js';
import { DEFAULT_POLICY } from '../../src/config/config.js';
import type { MigrationReport, StatementReport } from '../../src/report/impact-report.js';

function statement(over: Partial<StatementReport>): StatementReport {
  return {
    index: 0,
    sql: 'DELETE FROM watchdog',
    location: { file: 'm.sql', line: 3, column: 1 },
    tables: ['watchdog'],
    operation: 'delete',
    lock: { algorithm: 'NONE', blocksReads: false, blocksWrites: true, rebuildsTable: false, basis: 'measured', reasons: [] },
    estimate: { rows: 9_000_000, durationMs: 600_000, durationRangeMs: [500_000, 700_000], basis: 'shadow' },
    measurement: null,
    findings: [],
    alternatives: [],
    ...over,
  };
}

const migration = (statements: StatementReport[]): MigrationReport => ({
  name: '001_m', file: 'm.sql', checksum: 'abc', source: 'sql', needsShadowExecution: false, statements,
});

const batched = {
  kind: 'batched' as const, title: 'Delete in chunks', sql: ['DELETE …'], notes: [], replacesStatement: true, batched: null, estimate: null,
  measurement: { durationMs: 900_000, maxReadBlockMs: 20, maxWriteBlockMs: 40, rowsAffected: 9_000_000, warnings: [], error: null },
};

describe('approval policy', () => {
  it('approves a quick, known, non-blocking change', () => {
    const s = statement({ operation: 'alter-table', lock: { algorithm: 'INSTANT', blocksReads: false, blocksWrites: false, rebuildsTable: false, basis: 'measured', reasons: [] }, estimate: { rows: null, durationMs: 5, durationRangeMs: [3, 8], basis: 'shadow' } });
    expect(evaluatePolicy(migration([s]), [{ kind: 'as-written' }], DEFAULT_POLICY)).toEqual({ approved: true, reasons: [] });
  });

  it('needs a person for a long write block and too many rows', () => {
    const v = evaluatePolicy(migration([statement({})]), [{ kind: 'as-written' }], DEFAULT_POLICY);
    expect(v.approved).toBe(false);
    expect(v.reasons.join('\n')).toMatch(/blocks writes on watchdog for about 600 s/);
    expect(v.reasons.join('\n')).toMatch(/9,000,000 rows/);
  });

  it('treats unknown locking and unknown duration as needing approval (fail closed)', () => {
    const s = statement({ operation: 'alter-table', lock: { algorithm: 'UNKNOWN', blocksReads: null, blocksWrites: null, rebuildsTable: null, basis: 'static', reasons: [] } });
    expect(evaluatePolicy(migration([s]), [{ kind: 'as-written' }], DEFAULT_POLICY).reasons[0]).toMatch(/unknown/);
    const noDuration = statement({ operation: 'alter-table', estimate: { rows: null, durationMs: null, durationRangeMs: null, basis: 'static' } });
    expect(evaluatePolicy(migration([noDuration]), [{ kind: 'as-written' }], DEFAULT_POLICY).reasons[0]).toMatch(/unknown time/);
  });

  it('judges the chosen batched alternative by what the probes saw', () => {
    const s = statement({ alternatives: [batched] });
    const decisions = decideStatements(migration([s]), ['batched']);
    expect(decisions).toEqual([{ kind: 'alternative', index: 0 }]);
    expect(evaluatePolicy(migration([s]), decisions, DEFAULT_POLICY)).toEqual({ approved: true, reasons: [] });
    const slow = { ...batched, measurement: { ...batched.measurement, maxWriteBlockMs: 4000 } };
    expect(evaluatePolicy(migration([statement({ alternatives: [slow] })]), decisions, DEFAULT_POLICY).approved).toBe(false);
  });

  it('an unmeasured non-batched alternative is unknown, not safe', () => {
    const truncate = { ...batched, kind: 'truncate' as const, measurement: null };
    const v = evaluatePolicy(migration([statement({ alternatives: [truncate] })]), [{ kind: 'alternative', index: 0 }], DEFAULT_POLICY);
    expect(v.reasons[0]).toMatch(/not measured/);
  });

  it('forbidden rule ids always need a person; skipped statements are not judged', () => {
    const finding = { id: 'drop-table', severity: 'info' as const, category: 'destructive' as const, message: 'm', docs: 'd', location: { file: 'm.sql', line: 3, column: 1 }, table: null, column: null, alternatives: [] };
    const s = statement({ operation: 'drop-table', lock: { algorithm: 'NONE', blocksReads: false, blocksWrites: false, rebuildsTable: false, basis: 'static', reasons: [] }, estimate: { rows: null, durationMs: 1, durationRangeMs: null, basis: 'static' }, findings: [finding] });
    const policy = { ...DEFAULT_POLICY, forbiddenRules: ['drop-table'] };
    expect(evaluatePolicy(migration([s]), [{ kind: 'as-written' }], policy).reasons).toEqual(['m.sql:3: drop-table is forbidden by policy']);
    expect(evaluatePolicy(migration([s]), [{ kind: 'skip' }], policy).approved).toBe(true);
  });

  it('hashes what the approver saw', () => {
    const a = reportHash(migration([statement({})]));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(reportHash(migration([statement({ sql: 'DELETE FROM other' })]))).not.toBe(a);
  });
});
