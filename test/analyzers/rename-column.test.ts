import { describe, expect, it } from 'vitest';
import { renameColumn } from '../../analyzers/rename-column.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

const USERS = { create: 'CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL)', rows: 40_000 };

describe('rename-column', () => {
  it('accepts: CHANGE keeping the name, and renames on a table this migration created', () => {
    expectNoFindings(renameColumn, 'ALTER TABLE users CHANGE email email VARCHAR(200) NOT NULL;', { tables: { users: USERS } });
    expectNoFindings(renameColumn, 'CREATE TABLE t (a INT);\nALTER TABLE t RENAME COLUMN a TO b;');
  });

  it('reports: RENAME COLUMN with expand-contract steps using the real type, triggers and batched backfill', () => {
    const [f] = expectFindings(renameColumn, 'ALTER TABLE users RENAME COLUMN email TO mail;', { server: 'mysql:8.0.35', tables: { users: USERS } });
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/^users\.email is renamed to mail\. .*"Unknown column"/);
    const sql = f!.alternatives[0]!.sql;
    expect(sql[0]).toBe('ALTER TABLE `users` ADD COLUMN `mail` VARCHAR(100) NULL, ALGORITHM=INSTANT;');
    expect(sql).toContain('CREATE TRIGGER `users_mail_ins` BEFORE INSERT ON `users` FOR EACH ROW SET NEW.`mail` = COALESCE(NEW.`mail`, NEW.`email`);');
    expect(sql).toContain('UPDATE `users` SET `mail` = `email` WHERE `id` >= 1 AND `id` < 10001 AND `mail` IS NULL AND `email` IS NOT NULL;');
    expect(sql.at(-1)).toBe('ALTER TABLE `users` DROP COLUMN `email`;');
  });

  it('reports: CHANGE old new is a rename too; without a schema the type is a placeholder that says so', () => {
    const [f] = expectFindings(renameColumn, 'ALTER TABLE users CHANGE email mail VARCHAR(100) NOT NULL;');
    expect(f!.column).toBe('email');
    const [g] = expectFindings(renameColumn, 'ALTER TABLE users RENAME COLUMN email TO mail;');
    expect(g!.alternatives[0]!.sql[0]).toContain('<same type as email>');
  });
});
