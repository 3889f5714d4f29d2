import { describe, expect, it } from 'vitest';
import { mixedDdlAndDml } from '../../analyzers/mixed-ddl-and-dml.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('mixed-ddl-and-dml', () => {
  it('accepts: only DDL, only DML, and seed rows for a table the migration creates', () => {
    expectNoFindings(mixedDdlAndDml, 'ALTER TABLE a ADD COLUMN x INT;\nCREATE INDEX i ON a (x);');
    expectNoFindings(mixedDdlAndDml, 'UPDATE a SET x = 1 WHERE id = 1;\nDELETE FROM b WHERE id = 2;');
    expectNoFindings(mixedDdlAndDml, "CREATE TABLE statuses (id INT PRIMARY KEY, name VARCHAR(20));\nINSERT INTO statuses (id, name) VALUES (1, 'new');");
  });

  it('reports: once, at the first switch, with a split into migrations', () => {
    const fs = expectFindings(mixedDdlAndDml, 'ALTER TABLE big MODIFY col BIGINT;\nDELETE FROM big;\nALTER TABLE big ADD INDEX (col);');
    expect(fs).toHaveLength(1);
    expect(fs[0]!.location.line).toBe(2);
    expect(fs[0]!.message).toMatch(/^This migration mixes schema changes and data changes: this data change follows a DDL statement at line 1\./);
    expect(fs[0]!.alternatives[0]!.sql).toEqual([
      '-- migration 1: schema changes',
      'ALTER TABLE big MODIFY col BIGINT;',
      '-- migration 2: data changes (batched where large)',
      'DELETE FROM big;',
      '-- migration 3: schema changes',
      'ALTER TABLE big ADD INDEX (col);',
    ]);
  });

  it('reports: DDL after a data change', () => {
    const [f] = expectFindings(mixedDdlAndDml, "UPDATE users SET plan = 'free' WHERE plan IS NULL;\nALTER TABLE users MODIFY plan VARCHAR(10) NOT NULL;");
    expect(f!.message).toContain('this DDL statement follows a data change');
  });
});
