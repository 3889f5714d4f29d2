import { describe, expect, it } from 'vitest';
import { rowsFromExplainJson } from '../../src/pipeline/explain-rows.js';

// Shapes copied from EXPLAIN FORMAT=JSON on MariaDB 10.11 and MySQL 9.7 (explain_json_format_version = 1).
const mariaRange = { query_block: { select_id: 1, table: { delete: 1, table_name: 't', access_type: 'range', key: 'a', rows: 2, attached_condition: 't.a > 1' } } };
const mariaAll = { query_block: { select_id: 1, table: { message: 'Deleting all rows' } } };
const mariaScan = { query_block: { select_id: 1, table: { delete: 1, table_name: 't', access_type: 'ALL', rows: 5063, attached_condition: 't.kind = 2' } } };
const mysqlRange = { query_block: { select_id: 1, table: { delete: true, table_name: 't', access_type: 'range', rows_examined_per_scan: 2, filtered: '100.00' } } };
const mysqlFiltered = { query_block: { select_id: 1, table: { update: true, table_name: 't', access_type: 'ALL', rows_examined_per_scan: 1000, filtered: '25.00', attached_condition: '(t.k = 2)' } } };
const mysqlSelect = { query_block: { select_id: 1, nested_loop: [{ table: { table_name: 't', access_type: 'range', rows_examined_per_scan: 40, filtered: '50.00' } }] } };

describe('rowsFromExplainJson', () => {
  it('reads MariaDB DML nodes', () => {
    expect(rowsFromExplainJson(mariaRange, 't', 3)).toEqual({ rows: 2, guessed: false });
    expect(rowsFromExplainJson(mariaAll, 't', 9000)).toEqual({ rows: 9000, guessed: false });
    expect(rowsFromExplainJson(mariaAll, 't', null)).toBeNull();
  });

  it('marks a full scan with a condition as a guess', () => {
    expect(rowsFromExplainJson(mariaScan, 't', 5063)).toEqual({ rows: 5063, guessed: true });
  });

  it('reads MySQL version-1 nodes, applying filtered', () => {
    expect(rowsFromExplainJson(mysqlRange, 't', 3)).toEqual({ rows: 2, guessed: false });
    expect(rowsFromExplainJson(mysqlFiltered, 't', 1000)).toEqual({ rows: 250, guessed: true });
    expect(rowsFromExplainJson(mysqlSelect, 'T', null)).toEqual({ rows: 20, guessed: false });
  });

  it('gives null for documents without a table node (MySQL version-2 DML)', () => {
    expect(rowsFromExplainJson({ query_plan: { operation: '<not executable by iterator executor>' }, query_type: 'delete' }, 't', 10)).toBeNull();
  });
});
