import { describe, expect, it } from 'vitest';
import { buildLintReport } from '../../src/report/impact-report.js';
import { escapeGithubData, escapeGithubProperty, renderGithub, workspacePath } from '../../src/report/renderers/render-github.js';
import { finding, outage, outageInput } from './report-fixtures.js';

describe('GitHub workflow-command escaping', () => {
  it('escapes %, CR and LF in data, and also : and , in properties', () => {
    expect(escapeGithubData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeGithubProperty('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext%3A a%2C b');
    // % first, so an escape sequence in the input is not decoded by the runner.
    expect(escapeGithubData('%0A')).toBe('%250A');
  });
  it('normalizes paths to workspace-relative forward slashes', () => {
    expect(workspacePath('.\\db\\migrations\\001.sql')).toBe('db/migrations/001.sql');
    expect(workspacePath('./db/001.sql')).toBe('db/001.sql');
  });
});

describe('renderGithub', () => {
  const lines = renderGithub(buildLintReport(outageInput())).trimEnd().split('\n');

  it('annotates each finding on its file, line and column, with the rule id as title', () => {
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^::error file=migrations\/001_orders\.sql,line=3,col=1,title=alter-table-copy::ALTER TABLE orders copies the table/);
    expect(lines[2]).toMatch(/^::warning file=migrations\/001_orders\.sql,line=6,col=1,title=unbatched-dml::/);
    expect(lines[4]).toMatch(/^::notice file=migrations\/002 reports\/add index\.sql,line=2,col=1,title=opaque-statement::/);
  });

  it('puts the lock verdict, the safer alternatives and the docs link in the message, one command per line', () => {
    expect(lines[1]).toContain('%0Alocks: writes BLOCKED, reads ok%0Asafer: Empty the table with TRUNCATE (truncate)%0Asafer: Delete in primary-key chunks (batched)%0Ahttps://');
    for (const l of lines.slice(0, 5)) expect(l).not.toMatch(/[\r]/);
  });

  it('ends with the summary line as plain output', () => {
    expect(lines[5]).toBe('drydock lint: 2 errors, 2 warnings in 4 statements (2 migrations) — blocked');
  });

  it('escapes hostile file names and messages so they cannot forge properties or commands', () => {
    const o = outage();
    const s = { ...o.migrations[0]!.statements[0]!, location: { ...o.migrations[0]!.statements[0]!.location, file: 'db/a,line=99:b.sql' } };
    const evil = finding(s, 'rule-x', 'error', '50% of rows\n::error file=x::forged\r');
    const out = renderGithub(buildLintReport(outageInput({ findingsByStatement: (mi, si) => (mi === 0 && si === 0 ? [evil] : []) })));
    const first = out.split('\n')[0]!;
    expect(first).toBe(
      '::error file=db/a%2Cline=99%3Ab.sql,line=3,col=1,title=rule-x::50%25 of rows%0A::error file=x::forged%0D%0Alocks: writes BLOCKED, reads ok · COPY · rebuilds table%0Ahttps://github.com/drydock-sql/drydock/blob/main/docs/analyzers/rule-x.md',
    );
    expect(out.split('\n').filter((l) => l.startsWith('::'))).toHaveLength(1);
  });
});
