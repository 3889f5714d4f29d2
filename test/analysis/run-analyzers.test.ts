import { describe, expect, it } from 'vitest';
import { defineAnalyzer } from '../../src/analysis/analyzer.js';
import { validateCatalogue } from '../../src/analysis/run-analyzers.js';
import { analyzeSql, lintSql } from '../analyzers/lint-sql.js';

const dropColumn = defineAnalyzer({
  id: 'test-drop-column',
  title: 'test rule',
  category: 'destructive',
  severity: 'error',
  appliesTo: ['alter-table'],
  messages: { dropped: '{table}.{column} is dropped' },
  check(statement) {
    const op = statement.operation;
    if (op.kind !== 'alter-table') return [];
    return op.actions.flatMap((a) =>
      a.type === 'drop-column' ? [{ messageId: 'dropped' as const, values: { table: op.table.name, column: a.column }, table: op.table.name, column: a.column }] : [],
    );
  },
});

const crashing = defineAnalyzer({
  id: 'test-crashing',
  title: 'crashes',
  category: 'hygiene',
  severity: 'info',
  appliesTo: 'any',
  messages: { never: 'never' },
  check() {
    throw new Error('boom');
  },
});

describe('runAnalyzers', () => {
  it('renders messages and locates findings at the statement', () => {
    const [f] = lintSql('SELECT 1;\nALTER TABLE t DROP COLUMN c;', [dropColumn]);
    expect(f).toMatchObject({ id: 'test-drop-column', severity: 'error', message: 't.c is dropped', table: 't', column: 'c', location: { line: 2, column: 1 } });
    expect(f!.docs).toMatch(/docs\/analyzers\/test-drop-column\.md$/);
  });

  it('turns a crashing analyzer into an analyzer-crashed finding and still runs the others', () => {
    const findings = lintSql('ALTER TABLE t DROP COLUMN c;', [crashing, dropColumn]);
    expect(findings.map((f) => f.id).sort()).toEqual(['analyzer-crashed', 'test-drop-column']);
    expect(findings.find((f) => f.id === 'analyzer-crashed')!.message).toContain('boom');
  });

  it('honours a suppression with a reason and keeps the silenced finding on record', () => {
    const result = analyzeSql('-- drydock:ignore test-drop-column -- unused since v4\nALTER TABLE t DROP COLUMN c;', [dropColumn]);
    const s = result.migrations[0]!.statements[0]!;
    expect(s.findings).toEqual([]);
    expect(s.suppressed.map((f) => f.id)).toEqual(['test-drop-column']);
  });

  it('reports a suppression without a reason', () => {
    const findings = lintSql('-- drydock:ignore test-drop-column\nALTER TABLE t DROP COLUMN c;', [dropColumn]);
    expect(findings.map((f) => f.id)).toEqual(['ignore-without-reason']);
  });

  it('reports an ignore that silences nothing', () => {
    const findings = lintSql('-- drydock:ignore test-drop-column -- just in case\nALTER TABLE t ADD COLUMN c INT;', [dropColumn]);
    expect(findings.map((f) => f.id)).toEqual(['unused-ignore']);
  });

  it('file-level ignores cover every statement of the migration', () => {
    const findings = lintSql('-- drydock:ignore-file test-drop-column -- legacy cleanup\nALTER TABLE t DROP COLUMN a;\nALTER TABLE t DROP COLUMN b;', [dropColumn]);
    expect(findings).toEqual([]);
  });

  it('applies severity overrides, disabled rules and startAfter from configuration', () => {
    const sql = 'ALTER TABLE t DROP COLUMN c;';
    expect(lintSql(sql, [dropColumn], { rules: { 'test-drop-column': { severity: 'warning' } } })[0]!.severity).toBe('warning');
    expect(lintSql(sql, [dropColumn], { rules: { 'test-drop-column': { enabled: false } } })).toEqual([]);
    expect(lintSql(sql, [dropColumn], { name: '001_old', rules: { 'test-drop-column': { startAfter: '002_x' } } })).toEqual([]);
    expect(lintSql(sql, [dropColumn], { name: '003_new', rules: { 'test-drop-column': { startAfter: '002_x' } } })).toHaveLength(1);
  });

  it('refuses duplicate ids and settings for unknown rules', () => {
    expect(() => validateCatalogue([dropColumn, dropColumn])).toThrow(/duplicate analyzer id/);
    expect(() => validateCatalogue([dropColumn], { 'no-such-rule': { enabled: false } })).toThrow(/unknown rule id/);
  });

  it('tracks session state and table facts through the migration', () => {
    const sql = [
      'SET SESSION foreign_key_checks = 0;',
      'SET lock_wait_timeout = 5;',
      'CREATE TABLE fresh (id INT PRIMARY KEY);',
      'ALTER TABLE big RENAME TO big_old;',
      'ALTER TABLE big_old ADD COLUMN x INT;',
      'ALTER TABLE fresh ADD COLUMN y INT;',
    ].join('\n');
    const result = analyzeSql(sql, [], { tables: { big: { create: 'CREATE TABLE big (id INT PRIMARY KEY, a INT)', rows: 5_000_000 } } });
    const st = result.migrations[0]!.statements;
    expect(st[2]!.session).toMatchObject({ foreignKeyChecks: false, lockWaitTimeout: 5 });
    expect(st[0]!.session.foreignKeyChecks).toBe(true);
    // The renamed table keeps its size and definition under its new name.
    expect(st[4]!.tables[0]).toMatchObject({ table: { name: 'big_old' }, rows: 5_000_000 });
    expect(st[4]!.tables[0]!.definition!.columns.map((c) => c.name)).toEqual(['id', 'a']);
    // A table the migration created is known to be empty.
    expect(st[5]!.tables[0]).toMatchObject({ rows: 0 });
  });
});
