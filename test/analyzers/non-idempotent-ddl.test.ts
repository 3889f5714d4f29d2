import { describe, expect, it } from 'vitest';
import { nonIdempotentDdl } from '../../analyzers/non-idempotent-ddl.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('non-idempotent-ddl', () => {
  it('accepts: single-statement migrations, guarded DDL, repeatable changes, fragile DDL only as the last statement', () => {
    expectNoFindings(nonIdempotentDdl, 'ALTER TABLE a ADD COLUMN x INT;');
    expectNoFindings(nonIdempotentDdl, 'CREATE TABLE IF NOT EXISTS a (id INT PRIMARY KEY);\nALTER TABLE a ADD COLUMN IF NOT EXISTS x INT, MODIFY y BIGINT;\nDROP TABLE IF EXISTS old;');
    expectNoFindings(nonIdempotentDdl, 'ALTER TABLE a MODIFY y BIGINT;\nTRUNCATE TABLE b;\nALTER TABLE a ADD COLUMN x INT;');
  });

  it('reports: on MariaDB, once, with IF [NOT] EXISTS rewrites of every fragile statement', () => {
    const fs = expectFindings(
      nonIdempotentDdl,
      'CREATE TABLE t (id INT PRIMARY KEY);\nALTER TABLE a ADD COLUMN x INT, DROP COLUMN y, ADD INDEX idx_x (x), DROP KEY old_k, ALGORITHM=INPLACE;\nCREATE INDEX i2 ON a (z);\nALTER TABLE a RENAME COLUMN p TO q;\nUPDATE a SET x = 1 WHERE id = 1;',
      { server: 'mariadb:10.11' },
    );
    expect(fs).toHaveLength(1);
    expect(fs[0]!.severity).toBe('info');
    expect(fs[0]!.message).toMatch(/^This migration has 4 DDL statements that fail when run a second time \(starting at line 1\)/);
    expect(fs[0]!.alternatives[0]!.sql).toEqual([
      'CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY);',
      'ALTER TABLE a ADD COLUMN IF NOT EXISTS x INT, DROP COLUMN IF EXISTS y, ADD INDEX IF NOT EXISTS idx_x (x), DROP KEY IF EXISTS old_k, ALGORITHM=INPLACE;',
      'CREATE INDEX IF NOT EXISTS i2 ON a (z);',
      '-- line 4 has no IF [NOT] EXISTS form on this server: ALTER TABLE a RENAME COLUMN p TO q',
    ]);
  });

  it('reports: on MySQL only the table statements can be guarded, and the message says what to do instead', () => {
    const [f] = expectFindings(nonIdempotentDdl, 'DROP TABLE old;\nALTER TABLE a ADD COLUMN x INT;\nALTER TABLE a ADD COLUMN y INT;', { server: 'mysql:8.0.35' });
    expect(f!.message).toContain('MySQL has IF [NOT] EXISTS only for CREATE/DROP TABLE');
    expect(f!.alternatives[0]!.sql[0]).toBe('DROP TABLE IF EXISTS old;');
    expect(f!.alternatives[0]!.sql[1]).toMatch(/^-- line 2 has no IF \[NOT\] EXISTS form on this server/);
  });
});
