// Before each measurement the dry run lets the server write its dirty pages back, so a statement is
// not timed against the write-back of what ran before it. On real servers: the wait ends, the pages
// go out, and the server's own setting is put back.
import type mysql from 'mysql2/promise';
import { expect, it } from 'vitest';
import { waitForPurge } from '../../src/shadow/buffer-pool.js';
import { flushDirtyPages } from '../../src/shadow/dry-run.js';
import { describeOnServers } from '../helpers/servers.js';

describeOnServers('flushDirtyPages', (db) => {
  const value = async (sql: string): Promise<number> => {
    const [rows] = await db().conn.query<mysql.RowDataPacket[]>(sql);
    const row = rows[0]!;
    return Number(row['Value'] ?? Object.values(row)[0]);
  };

  it('writes back a bulk insert of 65,536 rows within the limit and restores innodb_max_dirty_pages_pct', async () => {
    // The purge of earlier test files' DELETEs dirties pages too, and the wait stops early when the
    // count stops falling: let it finish first, as the dry run does before every flush.
    await waitForPurge(db().conn, 60_000);
    const before = await value('SELECT @@GLOBAL.innodb_max_dirty_pages_pct');
    await db().conn.query('CREATE TABLE fd (id INT PRIMARY KEY AUTO_INCREMENT, pad VARCHAR(200) NOT NULL)');
    await db().conn.query("INSERT INTO fd (pad) VALUES (REPEAT('x', 200))");
    for (let i = 0; i < 16; i++) await db().conn.query('INSERT INTO fd (pad) SELECT pad FROM fd');
    const waited = await flushDirtyPages(db().url, 20_000);
    expect(waited).toBeGreaterThanOrEqual(0);
    expect(waited).toBeLessThan(25_000);
    expect(await value('SELECT @@GLOBAL.innodb_max_dirty_pages_pct')).toBe(before);
    // Other tests may dirty pages meanwhile; what our 65,536 rows dirtied (~900 pages) is gone.
    const total = await value("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_total'");
    expect(await value("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'")).toBeLessThan(Math.max(400, total * 0.01));
  });

  it('stops waiting at the limit', async () => {
    const started = Date.now();
    await flushDirtyPages(db().url, 0);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
