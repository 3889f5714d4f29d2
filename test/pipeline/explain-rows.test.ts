import { describe, expect, it } from 'vitest';
import { explainBiased, rowsFromExplainJson } from '../../src/pipeline/explain-rows.js';

// Shapes copied from EXPLAIN FORMAT=JSON on MariaDB 10.11 and MySQL 9.7 (explain_json_format_version = 1).
const mariaRange = { query_block: { select_id: 1, table: { delete: 1, table_name: 't', access_type: 'range', key: 'a', rows: 2, attached_condition: 't.a > 1' } } };
const mariaAll = { query_block: { select_id: 1, table: { message: 'Deleting all rows' } } };
const mariaScan = { query_block: { select_id: 1, table: { delete: 1, table_name: 't', access_type: 'ALL', rows: 5063, attached_condition: 't.kind = 2' } } };
const mysqlRange = { query_block: { select_id: 1, table: { delete: true, table_name: 't', access_type: 'range', rows_examined_per_scan: 2, filtered: '100.00' } } };
const mysqlFiltered = { query_block: { select_id: 1, table: { update: true, table_name: 't', access_type: 'ALL', rows_examined_per_scan: 1000, filtered: '25.00', attached_condition: '(t.k = 2)' } } };
const mysqlSelect = { query_block: { select_id: 1, nested_loop: [{ table: { table_name: 't', access_type: 'range', rows_examined_per_scan: 40, filtered: '50.00' } }] } };

describe('rowsFromExplainJson', () => {
  it('reads MariaDB DML nodes', () => {
    expect(rowsFromExplainJson(mariaRange, 't', 3)).toEqual({ rows: 2, guessed: false, range: true });
    expect(rowsFromExplainJson(mariaAll, 't', 9000)).toEqual({ rows: 9000, guessed: false, range: false });
    expect(rowsFromExplainJson(mariaAll, 't', null)).toBeNull();
  });

  it('marks a full scan with a condition as a guess', () => {
    expect(rowsFromExplainJson(mariaScan, 't', 5063)).toEqual({ rows: 5063, guessed: true, range: false });
  });

  it('reads MySQL version-1 nodes, applying filtered', () => {
    expect(rowsFromExplainJson(mysqlRange, 't', 3)).toEqual({ rows: 2, guessed: false, range: true });
    expect(rowsFromExplainJson(mysqlFiltered, 't', 1000)).toEqual({ rows: 250, guessed: true, range: true });
    expect(rowsFromExplainJson(mysqlSelect, 'T', null)).toEqual({ rows: 20, guessed: false, range: true });
  });

  it('gives null for documents without a table node (MySQL version-2 DML)', () => {
    expect(rowsFromExplainJson({ query_plan: { operation: '<not executable by iterator executor>' }, query_type: 'delete' }, 't', 10)).toBeNull();
  });
});

describe('known biases of InnoDB range estimates', () => {
  it('prefers the shadow over an estimate counted twice for a large range', () => {
    // MariaDB 10.11 estimated 209,972 rows for `id <= 100000` on a 1M-row table (100,000 match).
    expect(explainBiased({ rows: 209_972, range: true, atCap: false }, 100_500)).toBe(true);
    // Agreement, a small range, or a non-range plan: EXPLAIN stands.
    expect(explainBiased({ rows: 209_972, range: true, atCap: false }, 190_000)).toBe(false);
    expect(explainBiased({ rows: 4_000, range: true, atCap: false }, 2_000)).toBe(false);
    expect(explainBiased({ rows: 209_972, range: false, atCap: false }, 100_500)).toBe(false);
    expect(explainBiased({ rows: 209_972, range: true, atCap: false }, null)).toBe(false);
  });

  it('treats an estimate at the cap of half the table as a floor', () => {
    expect(explainBiased({ rows: 494_495, range: true, atCap: true }, 601_130)).toBe(true);
    expect(explainBiased({ rows: 494_495, range: true, atCap: true }, 300_000)).toBe(false);
  });
});
