import { describe, expect, it } from 'vitest';
import { buildImpactReport, buildLintReport } from '../../src/report/impact-report.js';
import { codeBlock, escapeMarkdown, inlineCode, renderMarkdown } from '../../src/report/renderers/render-markdown.js';
import { finding, outage, outageInput, planInput } from './report-fixtures.js';

describe('renderMarkdown', () => {
  const md = renderMarkdown(buildLintReport(outageInput()));
  const lines = md.split('\n');

  it('opens with the verdict and the summary line', () => {
    expect(lines[0]).toBe('### drydock lint: blocked');
    expect(lines[2]).toMatch(/^\*\*2 errors, 2 warnings in 4 statements \(2 migrations\) — blocked\*\* · mariadb 10\.11\.19 · target `mysql:\/\/app:\*\*\*@db\.internal:3306\/shop`$/);
    expect(md).not.toContain('s3cret');
  });

  it('has a statement table with location, SQL, lock, rows and duration', () => {
    const header = lines.indexOf('| Location | Statement | Locks | Rows | Duration | Findings |');
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 2]).toBe(
      '| `migrations/001_orders.sql:3:1` | `ALTER TABLE orders …` | **writes BLOCKED**, reads ok · COPY · rebuilds table | 9,000,000 rows | ~12.3 s (8.1–16.0 s, shadow) | 1 error |',
    );
    // Backticks in SQL get a longer code-span fence.
    expect(lines[header + 4]).toContain('``CREATE INDEX idx_created ON `orders` (created_at)``');
    expect(lines[header + 5]).toBe('| `migrations/002 reports/add index.sql:2:1` | `CREATE PROCEDURE purge() DELETE FROM events` | _unknown — needs approval_ | unknown | unknown | 1 note |');
  });

  it('totals lock time per table', () => {
    expect(md).toContain('| `orders` | **writes blocked ~12.3 s** |');
    expect(md).toContain('| `events` | _locking unknown — needs approval_ |');
  });

  it('links each finding to its docs and folds alternatives into <details> with sql blocks', () => {
    expect(md).toContain(
      '- **error** [`delete-all-rows`](https://github.com/drydock-sql/drydock/blob/main/docs/analyzers/delete-all-rows.md): DELETE FROM order\\_items has no WHERE: it deletes every row in one transaction.',
    );
    expect(md).toContain('<details>\n<summary>Alternative 1 (truncate): Empty the table with TRUNCATE</summary>\n\n```sql\nTRUNCATE TABLE order_items;\n```\n\n- TRUNCATE fails when a foreign key references the table\n\n</details>');
    expect(md.match(/<details>/g)).toHaveLength(3);
    expect(md.match(/<\/details>/g)).toHaveLength(3);
  });

  it('escapes text that would become Markdown or HTML, and pipes inside table cells', () => {
    const o = outage();
    const base = o.migrations[0]!.statements[0]!;
    const s = { ...base, sql: 'UPDATE t SET a = b | c' };
    const input = outageInput({
      migrations: [{ ...o.migrations[0]!, statements: [s] }],
      findingsByStatement: () => [finding(s, 'x-rule', 'warning', '<img src=x> *bold* [link](y) | pipe')],
    });
    const out = renderMarkdown(buildLintReport(input));
    expect(out).toContain('`UPDATE t SET a = b \\| c`');
    expect(out).toContain('\\<img src=x\\> \\*bold\\* \\[link\\]\\(y\\) \\| pipe');
    expect(out).not.toMatch(/(^|[^\\])<img/);
  });

  it('inline code and code blocks survive backticks', () => {
    expect(inlineCode('a')).toBe('`a`');
    expect(inlineCode('`t`')).toBe('`` `t` ``');
    expect(codeBlock('SELECT 1;', 'sql')).toBe('```sql\nSELECT 1;\n```');
    expect(codeBlock('x ``` y', 'sql')).toBe('````sql\nx ``` y\n````');
    expect(escapeMarkdown('a_b*c')).toBe('a\\_b\\*c');
  });
});

describe('renderMarkdown for plan', () => {
  const md = renderMarkdown(buildImpactReport(planInput()));

  it('names the shadow and shows report warnings as quotes', () => {
    expect(md.split('\n')[2]).toContain(' · shadow `mysql://root:***@127.0.0.1:3310/shadow` (mariadb 10.11.19)');
    expect(md).toContain('> **warning:** the shadow runs mariadb 10.11.19, the target mariadb 10.11.6');
  });

  it('shows measurements, disagreements and measured alternatives', () => {
    expect(md).toContain('| **writes BLOCKED**, **reads BLOCKED** · COPY · rebuilds table (measured) |');
    expect(md).toContain('- static analysis disagreed with the measurement: reads: expected not blocked, measured blocked');
    expect(md).toContain('- measured: 1.2 s on the shadow, 0 rows affected; writes waited up to 1.2 s, reads up to 1.1 s');
    expect(md).toContain('<summary>Alternative 1 (truncate): Empty the table with TRUNCATE · ~300 ms (200–500 ms, shadow)</summary>');
  });
});
