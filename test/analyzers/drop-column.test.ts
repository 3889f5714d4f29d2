import { describe, expect, it } from 'vitest';
import { dropColumn } from '../../analyzers/drop-column.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

const USERS = { create: 'CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(100), legacy INT, full_name VARCHAR(200) AS (email) VIRTUAL, KEY idx_legacy_email (legacy, email))', rows: 2_000_000 };

describe('drop-column', () => {
  it('accepts: virtual columns, DROP+ADD redefinitions, tables created in this migration', () => {
    expectNoFindings(dropColumn, 'ALTER TABLE users DROP COLUMN full_name;', { tables: { users: USERS } });
    expectNoFindings(dropColumn, 'ALTER TABLE users DROP COLUMN legacy, ADD COLUMN legacy BIGINT;', { tables: { users: USERS } });
    expectNoFindings(dropColumn, 'CREATE TABLE t (a INT, b INT);\nALTER TABLE t DROP COLUMN b;');
  });

  it('reports: DROP COLUMN names the indexes it changes; MySQL 8.0.23+ gets an INVISIBLE step', () => {
    const [f] = expectFindings(dropColumn, 'ALTER TABLE users DROP COLUMN legacy;', { server: 'mysql:8.0.35', tables: { users: USERS } });
    expect(f!.severity).toBe('error');
    expect(f!.column).toBe('legacy');
    expect(f!.message).toContain('part of index idx_legacy_email');
    expect(f!.alternatives[0]!.sql).toContain('ALTER TABLE `users` ALTER COLUMN `legacy` SET INVISIBLE, ALGORITHM=INSTANT;  -- SELECT * stops returning it; stragglers show up while the data is still there');
    expect(f!.alternatives[0]!.sql.at(-1)).toBe('ALTER TABLE `users` DROP COLUMN `legacy`;');
  });

  it('reports: on MariaDB without the INVISIBLE step; small tables are a warning', () => {
    const [f] = expectFindings(dropColumn, 'ALTER TABLE users DROP email;', { tables: { users: { ...USERS, rows: 300 } } });
    expect(f!.severity).toBe('warning');
    expect(f!.alternatives[0]!.sql.some((s) => s.includes('INVISIBLE'))).toBe(false);
  });
});
