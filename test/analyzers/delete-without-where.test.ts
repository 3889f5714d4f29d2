import { describe, expect, it } from 'vitest';
import { deleteWithoutWhere } from '../../analyzers/delete-without-where.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

const LOG = { create: 'CREATE TABLE log (id BIGINT PRIMARY KEY, at DATETIME)', rows: 50_000 };

describe('delete-without-where', () => {
  it('accepts: a WHERE, or a plain DELETE of every row (delete-all-rows reports that one)', () => {
    expectNoFindings(deleteWithoutWhere, "DELETE FROM log WHERE at < '2020-01-01' LIMIT 100;", { tables: { log: LOG } });
    expectNoFindings(deleteWithoutWhere, 'DELETE FROM log;', { tables: { log: LOG } });
    expectNoFindings(deleteWithoutWhere, 'DELETE a FROM a JOIN b ON a.id = b.id WHERE b.gone = 1;');
  });

  it('reports: DELETE … LIMIT without WHERE removes rows the server picks; the rewrite orders by the key', () => {
    const [f] = expectFindings(deleteWithoutWhere, 'DELETE FROM log LIMIT 500;', { tables: { log: LOG } });
    expect(f!.severity).toBe('warning');
    expect(f!.message).toMatch(/^DELETE FROM log … LIMIT 500 has no WHERE clause \(log has about 50,000 rows\): it removes 500 rows chosen by the server in no stated order/);
    expect(f!.alternatives[0]!.sql).toEqual(['DELETE FROM `log` ORDER BY `id` LIMIT 500;']);
  });

  it('reports: a multi-table DELETE without WHERE removes every joined row', () => {
    const [f] = expectFindings(deleteWithoutWhere, 'DELETE a, b FROM a JOIN b ON a.id = b.a_id;', { tables: { a: { rows: 2_000_000 } } });
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/removes every row the join of a, b produces from a, b \(a has about 2,000,000 rows\)/);
  });
});
