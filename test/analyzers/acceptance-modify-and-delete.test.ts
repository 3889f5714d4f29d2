// The acceptance scenario: `ALTER TABLE big MODIFY col BIGINT` and `DELETE FROM big` against a
// target where big has 1M rows fail the gate with both findings, each with its alternative SQL.
// (delete-all-rows belongs to the DML analyzers; it is imported here only to check the pair.)
import { describe, expect, it } from 'vitest';
import { changeColumnType } from '../../analyzers/change-column-type.js';
import { deleteAllRows } from '../../analyzers/delete-all-rows.js';
import { lintSql } from './lint-sql.js';

describe('acceptance: MODIFY + DELETE on a 1M-row table', () => {
  for (const server of ['mysql:8.0.35', 'mysql:8.4', 'mariadb:10.11', 'mariadb:11.4']) {
    it(`fails the gate with both findings on ${server}`, () => {
      const findings = lintSql('ALTER TABLE big MODIFY col BIGINT;\nDELETE FROM big;', [changeColumnType, deleteAllRows], {
        server,
        tables: { big: { create: 'CREATE TABLE big (id INT NOT NULL PRIMARY KEY, col INT NULL)', rows: 1_000_000 } },
      });
      const modify = findings.find((f) => f.id === 'change-column-type');
      const del = findings.find((f) => f.id === 'delete-all-rows');
      expect(modify?.severity).toBe('error');
      expect(del?.severity).toBe('error');
      expect(modify!.location.line).toBe(1);
      expect(del!.location.line).toBe(2);
      expect(modify!.alternatives.map((a) => a.kind)).toEqual(expect.arrayContaining(['osc-tool', 'expand-contract']));
      expect(modify!.alternatives.find((a) => a.kind === 'expand-contract')!.sql[0]).toMatch(/^ALTER TABLE `big` ADD COLUMN `col_new` BIGINT NULL/);
      expect(del!.alternatives.length).toBeGreaterThan(0);
      expect(del!.alternatives.every((a) => a.sql.length > 0)).toBe(true);
    });
  }
});
