// Waiting for InnoDB's purge before a measurement, on real servers: the wait ends once the purge of
// a large DELETE is done, and at once on an idle server — also on MySQL, whose history list keeps a
// few entries while idle (a wait for an empty history never ended there: 3 s lost per measurement).
import { expect, it } from 'vitest';
import { purgeIdle, waitForPurge } from '../../src/shadow/buffer-pool.js';
import { describeOnServers } from '../helpers/servers.js';

describeOnServers('waiting for the purge', (db) => {
  it('ends after the purge of a large DELETE, and at once when the purge is idle', async () => {
    const conn = db().conn;
    await conn.query('CREATE TABLE purged (id INT PRIMARY KEY, pad CHAR(100) NOT NULL, KEY pad (pad))');
    await conn.query('SET SESSION cte_max_recursion_depth = 200000').catch(() => {});
    await conn.query('SET SESSION max_recursive_iterations = 200000').catch(() => {});
    await conn.query("INSERT INTO purged WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 100000) SELECT n, REPEAT(CHAR(65 + n % 26), 100) FROM s");
    await waitForPurge(conn, 60_000);

    await conn.query('DELETE FROM purged');
    const afterDelete = await waitForPurge(conn, 60_000);
    expect(afterDelete).toBeLessThan(60_000);
    expect(await purgeIdle(conn)).toBe(true);

    // Nothing left to purge: two polls, not a timeout.
    const idle = await waitForPurge(conn, 10_000);
    expect(idle).toBeLessThan(2_000);
  }, 120_000);
});
