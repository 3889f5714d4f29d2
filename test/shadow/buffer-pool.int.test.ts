// Shrinking a private shadow's buffer pool for one measurement and giving it back (withShrunkPool), on real servers:
// the pool really holds fewer pages while shrunk, a scan of a table that no longer fits reads from
// disk, the size comes back afterwards, and reading the tables back in warms it again.
import { delimiter } from 'node:path';
import type mysql from 'mysql2/promise';
import { expect, it } from 'vitest';
import { connect } from '../../src/db/connection.js';
import { MIN_LRU_SCAN_DEPTH, MIN_POOL_BYTES, PoolRestoreError, poolBytes, resizeBufferPool, warmSchemas, withShrunkPool } from '../../src/shadow/buffer-pool.js';
import { startPrivateServer } from '../../src/shadow/server.js';
import { describeOnServers } from '../helpers/servers.js';

const MB = 1024 * 1024;

async function status(conn: mysql.Connection, name: string): Promise<number> {
  const [rows] = await conn.query<mysql.RowDataPacket[]>('SHOW GLOBAL STATUS LIKE ?', [name]);
  return Number(rows[0]?.['Value']);
}

describeOnServers('buffer pool resizing on a private shadow', (db) => {
  it('shrinks to a few MB, makes a scan of a bigger table read from disk, and grows back', async () => {
    const bindir = process.env['DRYDOCK_TEST_MYSQL_BINDIR'];
    const path = db().version.flavor === 'mysql' && bindir ? bindir + delimiter + (process.env['PATH'] ?? '') : undefined;
    const server = await startPrivateServer({ flavor: db().version.flavor, bufferPoolBytes: 128 * MB, ...(path ? { searchPath: path } : {}) });
    const conn = await connect(server.url);
    try {
      await conn.query('CREATE DATABASE pool_test');
      await conn.query('USE pool_test');
      // No background statistics recalculation after the load: it reads pages while the test counts reads.
      await conn.query('CREATE TABLE t (id INT PRIMARY KEY, pad CHAR(200) NOT NULL) STATS_AUTO_RECALC = 0');
      // About 40 MB of rows: fits 128 MB, not 8 MB.
      await conn.query('SET SESSION cte_max_recursion_depth = 200000').catch(() => {});
      await conn.query('SET SESSION max_recursive_iterations = 200000').catch(() => {});
      await conn.query("INSERT INTO t WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 160000) SELECT n, REPEAT('x', 200) FROM s");
      await conn.query('SELECT COUNT(*) FROM t FORCE INDEX (PRIMARY) WHERE pad <> ""'); // warm: all in memory
      const pagesFull = await status(conn, 'Innodb_buffer_pool_pages_total');
      const readsBefore = await status(conn, 'Innodb_pages_read');
      await conn.query('SELECT COUNT(*) FROM t FORCE INDEX (PRIMARY) WHERE pad <> ""');
      // Server-wide counter: other work may read some pages meanwhile. Cold, the scan reads over
      // 2,000 of the table's ~2,200 pages.
      expect((await status(conn, 'Innodb_pages_read')) - readsBefore).toBeLessThan(250);

      const depth = async (): Promise<number> => {
        const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT @@GLOBAL.innodb_lru_scan_depth AS d');
        return Number(rows[0]?.['d']);
      };
      const depthBefore = await depth();
      const inside = await withShrunkPool(conn, MIN_POOL_BYTES, async (got) => {
        expect(await poolBytes(conn)).toBe(got);
        const readsShrunk = await status(conn, 'Innodb_pages_read');
        await conn.query('SELECT COUNT(*) FROM t FORCE INDEX (PRIMARY) WHERE pad <> ""');
        return { got, pages: await status(conn, 'Innodb_buffer_pool_pages_total'), depth: await depth(), reads: (await status(conn, 'Innodb_pages_read')) - readsShrunk };
      });
      expect(inside.got).toBeGreaterThanOrEqual(MIN_POOL_BYTES);
      expect(inside.got).toBeLessThan(16 * MB);
      expect(inside.pages).toBeLessThan(pagesFull / 8);
      // The page cleaner's scan depth shrinks with the pool (a page count: left alone it would exceed the whole pool).
      expect(inside.depth).toBe(Math.max(MIN_LRU_SCAN_DEPTH, Math.round((depthBefore * inside.got) / (128 * MB))));
      expect(inside.depth).toBeLessThan(depthBefore);
      // Most of the table's ~2,500 pages had to come from disk.
      expect(inside.reads).toBeGreaterThan(1000);

      // Both come back.
      expect(await poolBytes(conn)).toBe(128 * MB);
      expect(await status(conn, 'Innodb_buffer_pool_pages_total')).toBeGreaterThanOrEqual(pagesFull * 0.95);
      expect(await depth()).toBe(depthBefore);

      // Also when the work inside fails: its error comes out, the pool and the depth are back.
      await expect(
        withShrunkPool(conn, MIN_POOL_BYTES, async () => {
          await conn.query('SELECT * FROM no_such_table');
        }),
      ).rejects.toThrow(/no_such_table/);
      expect(await poolBytes(conn)).toBe(128 * MB);
      expect(await depth()).toBe(depthBefore);
      // A request at or above the current size changes nothing.
      expect(await withShrunkPool(conn, 256 * MB, async (got) => got)).toBe(128 * MB);

      // The connection that shrank the pool is killed meanwhile: the pool comes back through a new one.
      const doomed = await connect(server.url);
      const [[me]] = await doomed.query<mysql.RowDataPacket[]>('SELECT CONNECTION_ID() AS id');
      let reconnected = 0;
      const shrunkTo = await withShrunkPool(
        doomed,
        MIN_POOL_BYTES,
        async (got) => {
          await conn.query(`KILL ${Number(me!['id'])}`);
          return got;
        },
        { reconnect: async () => (reconnected++, connect(server.url)) },
      );
      await doomed.end().catch(() => {});
      expect(shrunkTo).toBeLessThan(16 * MB);
      expect(reconnected).toBe(1);
      expect(await poolBytes(conn)).toBe(128 * MB);
      expect(await depth()).toBe(depthBefore);
      // Without a way to reconnect, that is a PoolRestoreError: every later measurement would be off.
      const doomed2 = await connect(server.url);
      const [[me2]] = await doomed2.query<mysql.RowDataPacket[]>('SELECT CONNECTION_ID() AS id');
      await expect(withShrunkPool(doomed2, MIN_POOL_BYTES, async () => conn.query(`KILL ${Number(me2!['id'])}`))).rejects.toThrow(PoolRestoreError);
      await doomed2.end().catch(() => {});
      expect(await poolBytes(conn)).toBeLessThan(16 * MB);
      expect(await resizeBufferPool(conn, 128 * MB)).toBe(128 * MB);
      await conn.query(`SET GLOBAL innodb_lru_scan_depth = ${depthBefore}`);

      // The grown pool is empty of the table until it is read back in; after that a scan reads little from disk.
      await warmSchemas(conn, ['pool_test']);
      const readsWarmed = await status(conn, 'Innodb_pages_read');
      // Not always none: 0–141 pages in 2026-12-07's runs on both servers, whether the scan depth
      // came back before or after the pool grew (not located); cold it reads over 2,000.
      await conn.query('SELECT COUNT(*) FROM t FORCE INDEX (PRIMARY) WHERE pad <> ""');
      expect((await status(conn, 'Innodb_pages_read')) - readsWarmed).toBeLessThan(250);
    } finally {
      await conn.end().catch(() => {});
      await server.stop();
    }
  }, 120_000);
});
