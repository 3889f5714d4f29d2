import { describe, expect, it } from 'vitest';
import { buildImpactReport, buildLintReport, isLockUnknown } from '../../src/report/impact-report.js';
import type { StatementEstimate } from '../../src/report/impact-report.js';
import { BATCHED, ESTIMATES, MARIADB, ONLINE_DDL, TRUNCATE, UNKNOWN_LOCK, finding, lock, migration, outage, outageInput, planInput, statement } from './report-fixtures.js';

describe('buildLintReport', () => {
  it('carries per statement the SQL, location, tables, operation, lock, estimate and findings', () => {
    const r = buildLintReport(outageInput());
    expect(r.schemaVersion).toBe(1);
    expect(r.tool).toEqual({ name: 'drydock', version: '0.1.0' });
    expect(r.command).toBe('lint');
    expect(r.server).toEqual({ flavor: 'mariadb', version: '10.11.19', raw: '10.11.19-MariaDB-0+deb12u1' });
    expect(r.migrations.map((m) => m.name)).toEqual(['001_orders', '002_reports']);
    const alter = r.migrations[0]!.statements[0]!;
    expect(alter.sql).toBe('ALTER TABLE orders\n  ADD COLUMN note TEXT NOT NULL');
    expect(alter.location).toEqual({ file: 'migrations/001_orders.sql', line: 3, column: 1 });
    expect(alter.tables).toEqual(['orders']);
    expect(alter.operation).toBe('alter-table');
    expect(alter.lock).toMatchObject({ algorithm: 'COPY', blocksWrites: true, blocksReads: false, rebuildsTable: true, basis: 'static' });
    expect(alter.lock.reasons).toEqual(['NOT NULL without default needs a copy']);
    expect(alter.estimate).toEqual(ESTIMATES[0]![0]);
    expect(alter.measurement).toBeNull();
    expect(alter.findings.map((f) => [f.id, f.severity, f.alternatives])).toEqual([['alter-table-copy', 'error', [0]]]);
    expect(alter.alternatives).toEqual([
      { ...ONLINE_DDL, sql: [...ONLINE_DDL.sql], notes: [...ONLINE_DDL.notes], batched: null, estimate: null, measurement: null },
    ]);
  });

  it('redacts the target password', () => {
    const r = buildLintReport(outageInput());
    expect(r.target).toEqual({ url: 'mysql://app:***@db.internal:3306/shop' });
    expect(JSON.stringify(r)).not.toContain('s3cret');
    expect(buildLintReport(outageInput({ targetUrl: null })).target).toBeNull();
  });

  it('maps a missing algorithm to NONE for DML and UNKNOWN for ALTER or unmodelled statements', () => {
    const r = buildLintReport(outageInput());
    expect(r.migrations[0]!.statements[1]!.lock.algorithm).toBe('NONE');
    expect(r.migrations[1]!.statements[1]!.lock.algorithm).toBe('UNKNOWN');
    const alterNoAlgorithm = buildLintReport(
      outageInput({ lockByStatement: () => lock({ algorithm: null, blocksReads: true, blocksWrites: true }) }),
    );
    expect(alterNoAlgorithm.migrations[0]!.statements[0]!.lock.algorithm).toBe('UNKNOWN');
    expect(alterNoAlgorithm.migrations[0]!.statements[1]!.lock.algorithm).toBe('NONE');
  });

  it('dedupes alternatives by kind and SQL, and findings point at them by position', () => {
    const del = buildLintReport(outageInput()).migrations[0]!.statements[1]!;
    expect(del.alternatives.map((a) => a.kind)).toEqual(['truncate', 'batched']);
    expect(del.findings.map((f) => f.alternatives)).toEqual([[0, 1], [1]]);
    expect(del.alternatives[1]!.batched).toEqual(BATCHED.batched);
    // Same kind, different SQL: two alternatives.
    const other = { ...TRUNCATE, sql: ['TRUNCATE TABLE order_items_archive'] };
    const o = outage();
    const r = buildLintReport(
      outageInput({
        findingsByStatement: (mi, si) =>
          mi === 0 && si === 1 ? [finding(o.migrations[0]!.statements[1]!, 'x', 'warning', 'm', [TRUNCATE, other, TRUNCATE])] : [],
      }),
    );
    const s = r.migrations[0]!.statements[1]!;
    expect(s.alternatives.map((a) => a.sql[0])).toEqual(['TRUNCATE TABLE order_items', 'TRUNCATE TABLE order_items_archive']);
    expect(s.findings[0]!.alternatives).toEqual([0, 1, 0]);
  });

  it('orders findings of a statement by severity, keeping engine order within a severity', () => {
    const o = outage();
    const s = o.migrations[0]!.statements[0]!;
    const r = buildLintReport(
      outageInput({
        findingsByStatement: (mi, si) =>
          mi === 0 && si === 0
            ? [finding(s, 'a-info', 'info', 'i'), finding(s, 'b-warn', 'warning', 'w'), finding(s, 'c-err', 'error', 'e'), finding(s, 'd-warn', 'warning', 'w2')]
            : [],
      }),
    );
    expect(r.migrations[0]!.statements[0]!.findings.map((f) => f.id)).toEqual(['c-err', 'b-warn', 'd-warn', 'a-info']);
  });

  it('counts findings and blocks on findings at or above the blocking severity', () => {
    const r = buildLintReport(outageInput());
    expect(r.summary).toMatchObject({ blocked: true, blockingSeverity: 'error', errors: 2, warnings: 2, infos: 1, migrations: 2, statements: 4, unknowns: 1 });

    const o = outage();
    const onlyWarnings = (mi: number, si: number) => (o.findings[mi]?.[si] ?? []).filter((f) => f.severity !== 'error');
    expect(buildLintReport(outageInput({ findingsByStatement: onlyWarnings })).summary.blocked).toBe(false);
    expect(buildLintReport(outageInput({ findingsByStatement: onlyWarnings, blockingSeverity: 'warning' })).summary.blocked).toBe(true);
    const onlyInfos = (mi: number, si: number) => (o.findings[mi]?.[si] ?? []).filter((f) => f.severity === 'info');
    expect(buildLintReport(outageInput({ findingsByStatement: onlyInfos, blockingSeverity: 'warning' })).summary.blocked).toBe(false);
    expect(buildLintReport(outageInput({ findingsByStatement: () => [] })).summary).toMatchObject({ blocked: false, errors: 0, warnings: 0, infos: 0 });
  });

  it('sums expected lock time per table over the statements that block it', () => {
    const byTable = buildLintReport(outageInput()).summary.lockTimeByTable;
    expect(byTable).toEqual([
      // ALTER (COPY, 12.3 s) blocks writes; CREATE INDEX (INPLACE) blocks nothing.
      { table: 'orders', expectedLockMs: 12_345, blocksWrites: true, blocksReads: false, statements: 2 },
      { table: 'order_items', expectedLockMs: 245_000, blocksWrites: true, blocksReads: false, statements: 1 },
      // Unknown locking: the total is unknown, never 0.
      { table: 'events', expectedLockMs: null, blocksWrites: null, blocksReads: null, statements: 1 },
    ]);
  });

  it('adds up several blocking statements on one table, case-insensitively, and knows when nothing blocks', () => {
    const f = 'm.sql';
    const op = { kind: 'truncate-table', table: { schema: null, name: 'T' } } as const;
    const stmts = [
      statement(f, 0, 1, 'TRUNCATE TABLE T', op, [{ schema: null, name: 'T' }]),
      statement(f, 1, 2, 'TRUNCATE TABLE t', op, [{ schema: null, name: 't' }]),
      statement(f, 2, 3, 'TRUNCATE TABLE u', op, [{ schema: null, name: 'u' }]),
    ];
    const est = (ms: number | null): StatementEstimate => ({ rows: 10, durationMs: ms, durationRangeMs: null, basis: 'static' });
    const base = {
      toolVersion: '0.1.0',
      server: MARIADB,
      migrations: [migration('m', f, stmts)],
      findingsByStatement: () => [],
      blockingSeverity: 'error' as const,
    };
    const durations = [1_000, 2_500, 700];
    const blocking = buildLintReport({
      ...base,
      lockByStatement: (_mi, si) => lock({ blocksWrites: true, blocksReads: si === 1 ? true : false, rebuildsTable: false }),
      estimates: (_mi, si) => est(durations[si]!),
    });
    expect(blocking.summary.lockTimeByTable).toEqual([
      { table: 'T', expectedLockMs: 3_500, blocksWrites: true, blocksReads: true, statements: 2 },
      { table: 'u', expectedLockMs: 700, blocksWrites: true, blocksReads: false, statements: 1 },
    ]);
    const noDuration = buildLintReport({
      ...base,
      lockByStatement: () => lock({ blocksWrites: true, blocksReads: false }),
      estimates: (_mi, si) => est(si === 1 ? null : 1_000),
    });
    expect(noDuration.summary.lockTimeByTable.map((t) => t.expectedLockMs)).toEqual([null, 1_000]);
    const nonBlocking = buildLintReport({ ...base, lockByStatement: () => lock({ blocksWrites: false, blocksReads: false }), estimates: () => est(null) });
    expect(nonBlocking.summary.lockTimeByTable.map((t) => [t.expectedLockMs, t.blocksWrites])).toEqual([
      [0, false],
      [0, false],
    ]);
  });

  it('defaults the estimate to unknown/static without sizes', () => {
    const { estimates: _drop, ...input } = outageInput();
    const s = buildLintReport(input).migrations[0]!.statements[0]!;
    expect(s.estimate).toEqual({ rows: null, durationMs: null, durationRangeMs: null, basis: 'static' });
  });

  it('is deeply frozen and survives a JSON round trip unchanged', () => {
    const r = buildLintReport(outageInput());
    expect(Object.isFrozen(r)).toBe(true);
    expect(Object.isFrozen(r.migrations[0]!.statements[0]!.lock)).toBe(true);
    expect(Object.isFrozen(r.summary.lockTimeByTable[0])).toBe(true);
    expect(Object.isFrozen(r.migrations[0]!.statements[0]!.estimate.durationRangeMs)).toBe(true);
    expect(() => {
      (r.summary as { blocked: boolean }).blocked = false;
    }).toThrow(TypeError);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('does not freeze or alias the caller’s values', () => {
    const estimate = { rows: 1, durationMs: 2, durationRangeMs: [1, 3] as [number, number], basis: 'shadow' as const };
    const r = buildLintReport(outageInput({ estimates: () => estimate }));
    expect(Object.isFrozen(estimate)).toBe(false);
    expect(Object.isFrozen(estimate.durationRangeMs)).toBe(false);
    expect(r.migrations[0]!.statements[0]!.estimate).not.toBe(estimate);
  });

  it('lists the rules that fired, with catalogue titles where given', () => {
    const r = buildLintReport(
      outageInput({
        rules: [{ id: 'alter-table-copy', title: 'ALTER TABLE that copies the table', category: 'locking', severity: 'warning', docs: 'https://example.test/a' }],
      }),
    );
    expect(r.rules.map((x) => x.id)).toEqual(['alter-table-copy', 'delete-all-rows', 'unbatched-dml', 'lock-wait-timeout-unset', 'opaque-statement']);
    expect(r.rules[0]).toEqual({ id: 'alter-table-copy', title: 'ALTER TABLE that copies the table', category: 'locking', severity: 'warning', docs: 'https://example.test/a' });
    expect(r.rules[1]!.title).toBe('Delete all rows');
  });
});

describe('buildImpactReport (plan)', () => {
  it('overrides the static verdict with the measured one and says where they disagree', () => {
    const r = buildImpactReport(planInput());
    const alter = r.migrations[0]!.statements[0]!;
    expect(alter.lock).toMatchObject({ algorithm: 'COPY', blocksReads: true, blocksWrites: true, rebuildsTable: true, basis: 'measured' });
    expect(alter.lock.disagreement).toBe('reads: expected not blocked, measured blocked');
    expect(alter.lock.reasons).toEqual(['read probe waited 1.1 s']);
    expect(alter.measurement).toMatchObject({ durationMs: 1_200, maxReadBlockMs: 1_100 });
    // A measurement that settles an unknown is not a disagreement.
    const proc = r.migrations[1]!.statements[1]!;
    expect(proc.lock).toMatchObject({ algorithm: 'NONE', blocksReads: false, blocksWrites: false, basis: 'measured' });
    expect(proc.lock.disagreement).toBeUndefined();
    expect(isLockUnknown(proc.lock)).toBe(false);
    expect(r.summary.unknowns).toBe(0);
    // Reads now blocked by the ALTER: the table total says so; events is now known not blocked.
    expect(r.summary.lockTimeByTable.find((t) => t.table === 'orders')).toMatchObject({ blocksReads: true, expectedLockMs: 12_345 });
    expect(r.summary.lockTimeByTable.find((t) => t.table === 'events')).toMatchObject({ blocksReads: false, blocksWrites: false, expectedLockMs: 0 });
  });

  it('attaches measured numbers to the matching alternative only', () => {
    const del = buildImpactReport(planInput()).migrations[0]!.statements[1]!;
    expect(del.alternatives[0]!.estimate).toEqual({ rows: 9_000_000, durationMs: 300, durationRangeMs: [200, 500], basis: 'shadow' });
    expect(del.alternatives[1]!.estimate).toBeNull();
  });

  it('redacts the shadow URL and keeps report-level warnings', () => {
    const r = buildImpactReport(planInput());
    expect(r.command).toBe('plan');
    expect(r.shadow?.url).toBe('mysql://root:***@127.0.0.1:3310/shadow');
    expect(r.warnings).toEqual(['the shadow runs mariadb 10.11.19, the target mariadb 10.11.6']);
  });

  it('reports an empty run as ok with zero counts', () => {
    const r = buildImpactReport({ command: 'lint', toolVersion: '0.1.0', server: null, migrations: [], blockingSeverity: 'error' });
    expect(r.server).toBeNull();
    expect(r.summary).toEqual({
      blocked: false,
      blockingSeverity: 'error',
      errors: 0,
      warnings: 0,
      infos: 0,
      migrations: 0,
      statements: 0,
      unknowns: 0,
      lockTimeByTable: [],
    });
  });

  it('treats a partly unknown verdict as unknown', () => {
    expect(isLockUnknown({ algorithm: 'COPY', blocksReads: null, blocksWrites: true, rebuildsTable: true, basis: 'static', reasons: [] })).toBe(true);
    expect(isLockUnknown({ algorithm: 'UNKNOWN', blocksReads: false, blocksWrites: false, rebuildsTable: null, basis: 'static', reasons: [] })).toBe(false);
    expect(UNKNOWN_LOCK.basis).toBe('unknown');
  });
});
