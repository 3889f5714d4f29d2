import { describe, expect, it } from 'vitest';
import { buildImpactReport, buildLintReport } from '../../src/report/impact-report.js';
import { shouldUseColor } from '../../src/report/render-report.js';
import { describeLock, shortSql } from '../../src/report/renderers/describe-report.js';
import { renderText } from '../../src/report/renderers/render-text.js';
import { finding, outage, outageInput, planInput } from './report-fixtures.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const SUMMARY = /^(\d+) errors?, (\d+) warnings? in (\d+) statements? \((\d+) migrations?\) — (blocked|ok)$/;

describe('renderText', () => {
  const report = buildLintReport(outageInput());
  const text = renderText(report);
  const lines = text.split('\n');

  it('prints no escape codes unless colour is asked for', () => {
    expect(text).not.toMatch(ANSI);
    const coloured = renderText(report, { color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(ANSI, '')).toBe(text);
    // BLOCKED is red and bold.
    expect(coloured).toContain('\u001b[1m\u001b[31mwrites BLOCKED\u001b[39m\u001b[22m');
  });

  it('shows each statement at file:line:col with its short SQL, lock verdict and estimate', () => {
    const at = lines.findIndex((l) => l.includes('migrations/001_orders.sql:3:1'));
    expect(lines[at]).toBe('  migrations/001_orders.sql:3:1  ALTER TABLE orders …');
    expect(lines[at + 1]).toBe('    locks: writes BLOCKED, reads ok · COPY · rebuilds table');
    expect(lines[at + 2]).toBe('    estimate: 9,000,000 rows · ~12.3 s (8.1–16.0 s, shadow)');
    expect(lines[at + 3]).toBe('    error    alter-table-copy  ALTER TABLE orders copies the table: writes wait for the whole copy.');
    expect(lines[at + 4]).toContain('docs/analyzers/alter-table-copy.md');
  });

  it('says "unknown — needs approval" for an unknown verdict', () => {
    const at = lines.findIndex((l) => l.includes('CREATE PROCEDURE purge()'));
    expect(lines[at + 1]).toBe('    locks: unknown — needs approval');
    expect(text).toContain('1 statement with unknown locking — needs approval');
  });

  it('lists alternatives with their SQL indented and notes', () => {
    const at = lines.indexOf('    alternative 1 · truncate · Empty the table with TRUNCATE');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('        TRUNCATE TABLE order_items;');
    expect(lines[at + 2]).toBe('      note: TRUNCATE fails when a foreign key references the table');
    expect(lines[at + 3]).toBe('    alternative 2 · batched · Delete in primary-key chunks');
  });

  it('totals the lock time per table', () => {
    const at = lines.indexOf('lock time by table');
    expect(lines.slice(at + 1, at + 4)).toEqual([
      '  orders       writes blocked ~12.3 s',
      '  order_items  writes blocked ~4 min 05 s',
      '  events       locking unknown — needs approval',
    ]);
  });

  it('closes with the summary line in its fixed form', () => {
    expect(text.endsWith('\n')).toBe(true);
    const last = lines.at(-2)!;
    expect(last).toBe('2 errors, 2 warnings in 4 statements (2 migrations) — blocked');
    expect(last).toMatch(SUMMARY);
    const clean = renderText(buildLintReport(outageInput({ findingsByStatement: () => [] })));
    expect(clean.trimEnd().split('\n').at(-1)).toBe('0 errors, 0 warnings in 4 statements (2 migrations) — ok');
    const one = renderText(buildImpactReport({ command: 'lint', toolVersion: '0', server: null, migrations: [], blockingSeverity: 'error' }));
    expect(one.trimEnd().split('\n').at(-1)).toMatch(SUMMARY);
  });

  it('mentions missing sizes once instead of "duration unknown" on every statement', () => {
    const { estimates: _e, ...input } = outageInput();
    const noSizes = renderText(buildLintReport(input));
    expect(noSizes).not.toContain('estimate:');
    // The outage fixture names a target: sizes are known, durations need a plan.
    expect(noSizes).toContain('durations not estimated: run drydock plan to measure them on a sized shadow');
    const { targetUrl: _t, ...offline } = input;
    expect(renderText(buildLintReport(offline))).toContain('durations not estimated: give --target for table sizes, or run drydock plan');
    expect(text).not.toContain('durations not estimated');
  });

  it('never prints the target password', () => {
    expect(text).toContain('target mysql://app:***@db.internal:3306/shop');
    expect(text).not.toContain('s3cret');
  });
});

describe('describeLock', () => {
  const base = { algorithm: 'INSTANT', blocksReads: false, blocksWrites: false, rebuildsTable: false, basis: 'static', reasons: [] } as const;
  it('words every shape of verdict', () => {
    expect(describeLock(base)).toBe('writes ok, reads ok · INSTANT');
    expect(describeLock({ ...base, algorithm: 'COPY', blocksWrites: true, blocksReads: true, rebuildsTable: true })).toBe('writes BLOCKED, reads BLOCKED · COPY · rebuilds table');
    expect(describeLock({ ...base, algorithm: 'COPY', blocksReads: null, blocksWrites: true })).toBe('writes BLOCKED, reads unknown · COPY — needs approval');
    expect(describeLock({ ...base, algorithm: 'UNKNOWN', blocksReads: null, blocksWrites: null })).toBe('unknown — needs approval');
    expect(describeLock({ ...base, algorithm: 'NONE', blocksWrites: true })).toBe('writes BLOCKED, reads ok');
    expect(describeLock({ ...base, algorithm: 'INPLACE', basis: 'measured' })).toBe('writes ok, reads ok · INPLACE (measured)');
  });
});

describe('shortSql', () => {
  it('keeps the first line, collapses blanks and cuts long text', () => {
    expect(shortSql('DELETE   FROM t')).toBe('DELETE FROM t');
    expect(shortSql('ALTER TABLE t\n  ADD c INT')).toBe('ALTER TABLE t …');
    expect(shortSql(`UPDATE t SET ${'x = 1, '.repeat(30)}`, 40)).toHaveLength(40);
    expect(shortSql(`UPDATE t SET ${'x = 1, '.repeat(30)}`, 40).endsWith('…')).toBe(true);
  });
});

describe('shouldUseColor', () => {
  it('colours only a TTY, and NO_COLOR wins', () => {
    expect(shouldUseColor(true, {})).toBe(true);
    expect(shouldUseColor(false, {})).toBe(false);
    expect(shouldUseColor(true, { NO_COLOR: '1' })).toBe(false);
    expect(shouldUseColor(true, { NO_COLOR: '' })).toBe(true);
    expect(shouldUseColor(true, { TERM: 'dumb' })).toBe(false);
    expect(shouldUseColor(false, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldUseColor(false, { FORCE_COLOR: '0' })).toBe(false);
    expect(shouldUseColor(true, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
  });
});

describe('renderText for plan', () => {
  const text = renderText(buildImpactReport(planInput()));
  const lines = text.split('\n');

  it('names the shadow (redacted) with its sizes, and report-level warnings', () => {
    expect(lines[1]).toBe('shadow mysql://root:***@127.0.0.1:3310/shadow (mariadb 10.11.19) · rows: orders 100,000');
    expect(lines[2]).toBe('warning: the shadow runs mariadb 10.11.19, the target mariadb 10.11.6');
    expect(text).not.toContain(':pw@');
  });

  it('shows the measured verdict, the disagreement and what the probes saw', () => {
    const at = lines.findIndex((l) => l.includes('migrations/001_orders.sql:3:1'));
    expect(lines.slice(at + 1, at + 4)).toEqual([
      '    locks: writes BLOCKED, reads BLOCKED · COPY · rebuilds table (measured)',
      '    static analysis disagreed: reads: expected not blocked, measured blocked',
      '    estimate: 9,000,000 rows · ~12.3 s (8.1–16.0 s, shadow)',
    ]);
    expect(lines[at + 4]).toBe('    measured: 1.2 s on the shadow, 0 rows affected; writes waited up to 1.2 s, reads up to 1.1 s');
  });

  it('puts the measured numbers next to the alternative they belong to', () => {
    expect(lines).toContain('    alternative 1 · truncate · Empty the table with TRUNCATE  ~300 ms (200–500 ms, shadow)');
    expect(lines).toContain('    alternative 2 · batched · Delete in primary-key chunks');
  });
});

describe('renderText with hostile input', () => {
  it('shows control characters from SQL and messages as escapes, never raw', () => {
    const o = outage();
    const base = o.migrations[0]!.statements[0]!;
    const s = { ...base, sql: 'DROP TABLE t\u001b[2J\rboom' };
    const report = buildLintReport(
      outageInput({
        migrations: [{ ...o.migrations[0]!, statements: [s] }],
        findingsByStatement: () => [finding(s, 'x-rule', 'error', 'bad\u001b]0;title\u0007 thing')],
      }),
    );
    const text = renderText(report);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    // The CR is whitespace to shortSql; the ESC is escaped.
    expect(text).toContain('DROP TABLE t\\u001b[2J boom');
    expect(text).toContain('bad\\u001b]0;title\\u0007 thing');
  });
});
