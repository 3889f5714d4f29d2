import { describe, expect, it } from 'vitest';
import { optimizeTableRebuild } from '../../analyzers/optimize-table-rebuild.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('optimize-table-rebuild', () => {
  it('errs on OPTIMIZE of a big table and proposes an asserted online rebuild', () => {
    const [f] = expectFindings(optimizeTableRebuild, 'OPTIMIZE TABLE orders', withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/OPTIMIZE TABLE orders rebuilds the whole table for about 2,000,000 rows/);
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `orders` FORCE, ALGORITHM=INPLACE, LOCK=NONE']);
    expect(f!.alternatives[1]!.sql[0]).toMatch(/^pt-online-schema-change --alter 'ENGINE=InnoDB'/);
  });

  it('with a FULLTEXT index MySQL can only copy: no online clause is offered', () => {
    const tables = { docs: { create: 'CREATE TABLE docs (id INT PRIMARY KEY, body TEXT, FULLTEXT KEY ft (body))', rows: 2_000_000 } };
    const [f] = expectFindings(optimizeTableRebuild, 'ALTER TABLE docs FORCE', { server: 'mysql:8.4', tables });
    expect(f!.message).toMatch(/COPY/);
    expect(f!.alternatives.every((a) => a.kind === 'osc-tool')).toBe(true);
  });

  it('ignores ANALYZE TABLE and small tables are notes', () => {
    expectNoFindings(optimizeTableRebuild, 'ANALYZE TABLE orders', withOrders());
    expect(expectFindings(optimizeTableRebuild, 'OPTIMIZE TABLE orders', withOrders(100))[0]!.severity).toBe('info');
  });
});
