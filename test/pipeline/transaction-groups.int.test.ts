// The rule behind plan's BEGIN … COMMIT warning, measured: a row changed by an earlier statement of
// an open transaction stays locked while later statements run, until the COMMIT.
import { expect, it } from 'vitest';
import { describeOnServers } from '../helpers/servers.js';

describeOnServers('transaction groups', (db) => {
  it('rows changed by the first statement stay locked through the second, until COMMIT', async () => {
    await db().conn.query('CREATE TABLE tg (id INT PRIMARY KEY, n INT NOT NULL DEFAULT 0)');
    await db().conn.query('INSERT INTO tg VALUES (1, 0), (2, 0)');
    const migration = await db().connect();
    const writer = await db().connect();
    try {
      await writer.query('SET SESSION innodb_lock_wait_timeout = 1');
      await migration.query('START TRANSACTION');
      await migration.query('UPDATE tg SET n = 1 WHERE id = 1');
      await migration.query('UPDATE tg SET n = 1 WHERE id = 2');
      // Both statements are done; the first one's row is still locked.
      const t0 = Date.now();
      await expect(writer.query('UPDATE tg SET n = 9 WHERE id = 1')).rejects.toMatchObject({ errno: 1205 });
      expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
      await migration.query('COMMIT');
      await writer.query('UPDATE tg SET n = 9 WHERE id = 1');
    } finally {
      await migration.end().catch(() => {});
      await writer.end().catch(() => {});
    }
  });
});
