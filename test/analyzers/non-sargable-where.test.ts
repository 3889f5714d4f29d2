import { describe, expect, it } from 'vitest';
import { nonSargableWhere } from '../../analyzers/non-sargable-where.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('non-sargable-where', () => {
  it('accepts: bare columns, functions on constants, IN lists, wildcards only at the end, IS NULL', () => {
    expectNoFindings(nonSargableWhere, "DELETE FROM t WHERE created_at < NOW() - INTERVAL 30 DAY AND id IN (1, 2) AND name LIKE 'abc%' AND x IS NULL;");
    expectNoFindings(nonSargableWhere, "UPDATE t SET a = 1 WHERE note = 'lower(note) = x';");
  });

  it('reports: a function around a column, with a range rewrite for YEAR()', () => {
    const [f] = expectFindings(nonSargableWhere, 'DELETE FROM events WHERE YEAR(created) = 2020;');
    expect(f!.message).toMatch(/has YEAR\(\) around created: no index can be used for it/);
    expect(f!.alternatives[0]!.sql).toEqual(["DELETE FROM events WHERE created >= '2020-01-01' AND created < '2021-01-01';"]);
  });

  it('reports: leading-wildcard LIKE and arithmetic, listed together', () => {
    const [f] = expectFindings(nonSargableWhere, "UPDATE users SET flagged = 1 WHERE email LIKE '%@spam.example' OR score + 1 > 10;");
    expect(f!.message).toContain("a LIKE on email that starts with %, arithmetic on score");
    expect(f!.alternatives).toEqual([]);
  });

  it('reports: = NULL, which matches nothing, rewritten with IS NULL', () => {
    const fs = expectFindings(nonSargableWhere, 'DELETE FROM sessions WHERE user_id = NULL;');
    expect(fs[0]!.message).toMatch(/compares with NULL using = \(user_id = NULL\)\. That comparison is never true/);
    expect(fs[0]!.alternatives[0]!.sql).toEqual(['DELETE FROM sessions WHERE user_id IS NULL;']);
  });
});
