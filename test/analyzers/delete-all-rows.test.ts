import { describe, expect, it } from 'vitest';
import { deleteAllRows } from '../../analyzers/delete-all-rows.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

const BIG = 'CREATE TABLE big (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, col INT, status VARCHAR(10))';

describe('delete-all-rows', () => {
  it('accepts: a DELETE with a real WHERE, a LIMIT, or on a table this migration created', () => {
    expectNoFindings(deleteAllRows, "DELETE FROM big WHERE status = 'old';", { tables: { big: { create: BIG, rows: 1_000_000 } } });
    expectNoFindings(deleteAllRows, 'DELETE FROM big LIMIT 1000;', { tables: { big: { create: BIG, rows: 1_000_000 } } });
    expectNoFindings(deleteAllRows, 'CREATE TABLE t (id INT PRIMARY KEY);\nDELETE FROM t;');
  });

  it('reports: DELETE FROM big with 1M rows is an error with TRUNCATE and batched alternatives', () => {
    const [f] = expectFindings(deleteAllRows, 'DELETE FROM big;', { tables: { big: { create: BIG, rows: 1_000_000 } } });
    expect(f!.severity).toBe('error');
    expect(f!.message).toContain('DELETE removes all 1,000,000 rows of big one by one');
    expect(f!.alternatives.map((a) => a.kind)).toEqual(['truncate', 'batched']);
    expect(f!.alternatives[0]!.sql).toEqual(['TRUNCATE TABLE `big`;']);
    expect(f!.alternatives[0]!.notes.join(' ')).toMatch(/AUTO_INCREMENT restarts/);
    expect(f!.alternatives[1]!.sql).toContain('DELETE FROM `big` WHERE `id` > @last_id AND `id` <= @end_id;');
    expect(f!.alternatives[1]!.batched).toEqual({ verb: 'delete', table: { schema: null, name: 'big' }, primaryKey: ['id'], where: null, set: null, chunkRows: 1000 });
  });

  it('reports: WHERE 1=1 counts as no WHERE; size decides the severity', () => {
    expect(expectFindings(deleteAllRows, 'DELETE FROM big WHERE 1=1;', { tables: { big: { create: BIG, rows: 500 } } })[0]!.severity).toBe('info');
    expect(expectFindings(deleteAllRows, 'DELETE FROM big WHERE TRUE;', { tables: { big: { create: BIG, rows: 50_000 } } })[0]!.severity).toBe('warning');
    expect(expectFindings(deleteAllRows, 'DELETE FROM big;')[0]!.severity).toBe('warning');
  });

  it('reports: no TRUNCATE when other tables reference the table; the message says why and batched remains', () => {
    const referencedBy = [{ table: { schema: null, name: 'orders' }, foreignKey: { name: 'fk_big', columns: ['big_id'], referencedTable: { schema: null, name: 'big' }, referencedColumns: ['id'], onDelete: null, onUpdate: null } }];
    const [f] = expectFindings(deleteAllRows, 'DELETE FROM big;', { tables: { big: { create: BIG, rows: 1_000_000, referencedBy } } });
    expect(f!.alternatives.map((a) => a.kind)).toEqual(['batched']);
    expect(f!.message).toMatch(/TRUNCATE is not safe here: orders references big by foreign key.*error 1701/);
  });

  it('reports: DELETE triggers are named as skipped by TRUNCATE', () => {
    const triggers = [{ name: 'big_audit', event: 'DELETE' as const, timing: 'AFTER' as const }];
    const [f] = expectFindings(deleteAllRows, 'DELETE FROM big;', { tables: { big: { create: BIG, rows: 20_000, triggers } } });
    expect(f!.alternatives[0]!.notes[0]).toMatch(/big_audit \(AFTER DELETE\) would be skipped/);
  });

  it('reports: a DELETE trigger created earlier in the migration counts too', () => {
    const [f] = expectFindings(deleteAllRows, 'CREATE TRIGGER big_log AFTER DELETE ON big FOR EACH ROW INSERT INTO log VALUES (OLD.id);\nDELETE FROM big;', { tables: { big: { create: BIG, rows: 20_000 } } });
    expect(f!.alternatives[0]!.notes[0]).toMatch(/big_log \(AFTER DELETE\) would be skipped/);
  });

  it('reports: without a known primary key there is no batched rewrite, and the message says so', () => {
    const [f] = expectFindings(deleteAllRows, 'DELETE FROM big;', { tables: { big: { create: 'CREATE TABLE big (a INT, b INT)', rows: 2_000_000 } } });
    expect(f!.alternatives.map((a) => a.kind)).toEqual(['truncate']);
    expect(f!.message).toContain('No batched rewrite is proposed: the table has no PRIMARY KEY to walk in order.');
    const [g] = expectFindings(deleteAllRows, 'DELETE FROM big;');
    expect(g!.message).toContain("does not know the table's definition");
  });
});
