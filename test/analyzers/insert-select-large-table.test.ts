import { describe, expect, it } from 'vitest';
import { insertSelectLargeTable } from '../../analyzers/insert-select-large-table.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('insert-select-large-table', () => {
  it('accepts: INSERT … VALUES, and INSERT … SELECT from a small table', () => {
    expectNoFindings(insertSelectLargeTable, 'INSERT INTO archive (id) VALUES (1);');
    expectNoFindings(insertSelectLargeTable, 'INSERT INTO archive (id) SELECT id FROM orders;', { tables: { orders: { rows: 2_000 } } });
  });

  it('reports: INSERT … SELECT from 1M rows is an error with a READ COMMITTED rewrite', () => {
    const [f] = expectFindings(insertSelectLargeTable, "INSERT INTO archive (id) SELECT id FROM orders WHERE status = 'done';", { tables: { orders: { rows: 1_000_000 } } });
    expect(f!.severity).toBe('error');
    expect(f!.alternatives[0]!.sql).toEqual(['SET TRANSACTION ISOLATION LEVEL READ COMMITTED;', "INSERT INTO archive (id) SELECT id FROM orders WHERE status = 'done';"]);
  });

  it('reports: an unknown source size is a warning that says unknown', () => {
    const [f] = expectFindings(insertSelectLargeTable, 'REPLACE INTO archive (id) SELECT id FROM orders;');
    expect(f!.severity).toBe('warning');
    expect(f!.message).toMatch(/^REPLACE INTO archive … SELECT reads orders, whose size drydock does not know/);
  });
});
