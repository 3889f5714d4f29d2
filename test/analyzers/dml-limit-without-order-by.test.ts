import { describe, expect, it } from 'vitest';
import { dmlLimitWithoutOrderBy } from '../../analyzers/dml-limit-without-order-by.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

const LOG = { create: 'CREATE TABLE log (id BIGINT PRIMARY KEY, at DATETIME)' };

describe('dml-limit-without-order-by', () => {
  it('accepts: LIMIT with ORDER BY, no LIMIT, and no WHERE (the no-WHERE rules report that)', () => {
    expectNoFindings(dmlLimitWithoutOrderBy, "DELETE FROM log WHERE at < '2020-01-01' ORDER BY id LIMIT 1000;");
    expectNoFindings(dmlLimitWithoutOrderBy, "DELETE FROM log WHERE at < '2020-01-01';");
    expectNoFindings(dmlLimitWithoutOrderBy, 'DELETE FROM log LIMIT 10;');
  });

  it('reports: DELETE … LIMIT, rewritten with ORDER BY the primary key', () => {
    const [f] = expectFindings(dmlLimitWithoutOrderBy, "DELETE FROM log WHERE at < '2020-01-01' LIMIT 1000;", { tables: { log: LOG } });
    expect(f!.severity).toBe('warning');
    expect(f!.message).toMatch(/^This DELETE on log stops after LIMIT 1000 rows but has no ORDER BY/);
    expect(f!.alternatives[0]!.sql).toEqual(["DELETE FROM log WHERE at < '2020-01-01' ORDER BY `id` LIMIT 1000;"]);
  });

  it('reports: UPDATE … LIMIT without a known key (no rewrite)', () => {
    const [f] = expectFindings(dmlLimitWithoutOrderBy, "UPDATE log SET at = NULL WHERE at < '2000-01-01' LIMIT 5;");
    expect(f!.alternatives).toEqual([]);
  });
});
