import { describe, expect, it } from 'vitest';
import { renameTable } from '../../analyzers/rename-table.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('rename-table', () => {
  it('accepts: a rename followed by a compatibility view under the old name, and new tables', () => {
    expectNoFindings(renameTable, 'RENAME TABLE users TO accounts;\nCREATE VIEW users AS SELECT * FROM accounts;');
    expectNoFindings(renameTable, 'ALTER TABLE users RENAME TO accounts;\nCREATE OR REPLACE VIEW `users` AS SELECT * FROM accounts;');
    expectNoFindings(renameTable, 'CREATE TABLE tmp (id INT);\nRENAME TABLE tmp TO real_one;');
  });

  it('reports: RENAME TABLE with the view bridge, one finding per pair', () => {
    const fs = expectFindings(renameTable, 'RENAME TABLE users TO accounts, posts TO articles;');
    expect(fs.map((f) => f.table)).toEqual(['users', 'posts']);
    expect(fs[0]!.severity).toBe('error');
    expect(fs[0]!.alternatives[0]!.sql).toEqual(['RENAME TABLE `users` TO `accounts`;', 'CREATE VIEW `users` AS SELECT * FROM `accounts`;', '-- deploy: the application uses accounts; then, in a later migration:', 'DROP VIEW `users`;']);
  });

  it('reports: ALTER TABLE … RENAME TO, and a view for another table does not count', () => {
    const [f] = expectFindings(renameTable, 'ALTER TABLE users RENAME TO accounts;\nCREATE VIEW users_v AS SELECT * FROM accounts;');
    expect(f!.message).toMatch(/^users is renamed to accounts\./);
  });
});
