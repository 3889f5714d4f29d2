// The acceptance scenario, through the whole catalogue: `ALTER TABLE big MODIFY col BIGINT`
// and `DELETE FROM big` against a target where big has 1M rows fail the gate with both findings,
// each with alternative SQL that names the real table and columns.
import { describe, expect, it } from 'vitest';
import { ANALYZERS } from '../../analyzers/index.js';
import { lintSql } from './lint-sql.js';

const MIGRATION = 'ALTER TABLE big MODIFY col BIGINT;\nDELETE FROM big;';
const BIG = { create: 'CREATE TABLE big (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, col INT NULL, note VARCHAR(50))', rows: 1_000_000 };

describe('acceptance: MODIFY + DELETE on a 1M-row table, all analyzers', () => {
  for (const server of ['mysql:8.0.35', 'mysql:8.4', 'mysql:9.1', 'mariadb:10.11', 'mariadb:11.4']) {
    it(`fails the gate with both findings and their alternatives on ${server}`, () => {
      const findings = lintSql(MIGRATION, ANALYZERS, { server, tables: { big: BIG } });
      const errors = findings.filter((f) => f.severity === 'error');
      // The gate: errors on both statements.
      expect(new Set(errors.map((f) => f.location.line))).toEqual(new Set([1, 2]));

      const modify = findings.find((f) => f.id === 'change-column-type');
      expect(modify?.severity).toBe('error');
      expect(modify!.location.line).toBe(1);
      expect(modify!.alternatives.some((a) => a.sql.some((s) => s.includes('`big`') || s.includes('t=big')))).toBe(true);

      const del = findings.find((f) => f.id === 'delete-all-rows');
      expect(del?.severity).toBe('error');
      expect(del!.location.line).toBe(2);
      expect(del!.message).toContain('all 1,000,000 rows of big');
      const truncate = del!.alternatives.find((a) => a.kind === 'truncate');
      const batched = del!.alternatives.find((a) => a.kind === 'batched');
      expect(truncate?.sql).toEqual(['TRUNCATE TABLE `big`;']);
      expect(truncate!.notes.join(' ')).toMatch(/AUTO_INCREMENT restarts from 1.*commits any open transaction implicitly.*DROP privilege/s);
      expect(batched?.batched).toEqual({ verb: 'delete', table: { schema: null, name: 'big' }, primaryKey: ['id'], where: null, set: null, chunkRows: 1000 });
      expect(batched!.sql).toContain('DELETE FROM `big` WHERE `id` > @last_id AND `id` <= @end_id;');

      // The runner-level findings that come with such a migration.
      expect(findings.filter((f) => f.id === 'mixed-ddl-and-dml').map((f) => f.location.line)).toEqual([2]);
      expect(findings.filter((f) => f.id === 'missing-lock-wait-timeout').map((f) => f.location.line)).toEqual([1]);
      // The plain DELETE is reported once as "all rows", not again as "no WHERE" or "large".
      expect(findings.filter((f) => ['delete-without-where', 'large-dml-unbatched'].includes(f.id))).toEqual([]);
      expect(findings.filter((f) => f.id === 'analyzer-crashed')).toEqual([]);
    });
  }

  it('without TRUNCATE when another table references big: the finding says why and keeps the batched delete', () => {
    const referencedBy = [{ table: { schema: null, name: 'child' }, foreignKey: { name: 'fk_big', columns: ['big_id'], referencedTable: { schema: null, name: 'big' }, referencedColumns: ['id'], onDelete: null, onUpdate: null } }];
    const findings = lintSql(MIGRATION, ANALYZERS, { server: 'mariadb:10.11', tables: { big: { ...BIG, referencedBy } } });
    const del = findings.find((f) => f.id === 'delete-all-rows')!;
    expect(del.severity).toBe('error');
    expect(del.alternatives.map((a) => a.kind)).toEqual(['batched']);
    expect(del.message).toMatch(/TRUNCATE is not safe here: child references big by foreign key/);
  });
});
