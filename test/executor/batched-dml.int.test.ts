// Issue 5 §5 and §8d: keyset-batched DML, checkpoints, Ctrl-C and resume, throttling.
import { expect, it } from 'vitest';
import type mysql from 'mysql2/promise';
import { describeOnServers } from '../helpers/servers.js';
import { applyMigrations } from '../../src/executor/apply-migrations.js';
import type { ApplyEvent, ApplyOptions, StatementChoice } from '../../src/executor/apply-types.js';
import type { BatchedDml } from '../../src/analysis/analyzer.js';
import { StateStore } from '../../src/state/state-store.js';
import { readLockWaiters } from '../../src/executor/lock-waiters.js';
import { approval, migration, op, t } from './migration-builder.js';

type Row = mysql.RowDataPacket;

const batched = (b: BatchedDml): StatementChoice => ({
  kind: 'alternative',
  alternative: { kind: 'batched', title: 'batched', sql: [], notes: [], replacesStatement: true, batched: b },
});

/** n rows: id 1..n, kind = id % 4, n = 0. */
async function seed(conn: mysql.Connection, table: string, rows: number): Promise<void> {
  await conn.query(`CREATE TABLE ${table} (id INT PRIMARY KEY, kind INT NOT NULL, n INT NOT NULL DEFAULT 0, KEY idx_kind (kind))`);
  const values: string[] = [];
  for (let i = 1; i <= rows; i++) values.push(`(${i}, ${i % 4}, 0)`);
  for (let i = 0; i < values.length; i += 5000) await conn.query(`INSERT INTO ${table} VALUES ${values.slice(i, i + 5000).join(',')}`);
}

describeOnServers('apply: batched DML', (db) => {
  const run = (name: string, sql: string, choice: StatementChoice, extra: Partial<ApplyOptions> = {}, events: ApplyEvent[] = []) => {
    const m = migration(name, [[sql, sql.startsWith('DELETE') ? op.delete('ev', null) : op.update('ev', null)]]);
    return applyMigrations([{ migration: m, choices: [choice], approval }], { url: db().url, chunkTargetMs: 50, onEvent: (e) => events.push(e), ...extra });
  };

  it('deletes exactly the matching rows in keyset chunks, with progress and a final checkpoint', async () => {
    await seed(db().conn, 'ev', 20_000);
    const events: ApplyEvent[] = [];
    const r = await run('200_purge', 'DELETE FROM ev WHERE kind = 1', batched({ verb: 'delete', table: t('ev'), primaryKey: ['id'], where: 'kind = 1', set: null, chunkRows: 200 }), {}, events);
    expect(r.migrations[0]!.status).toBe('success');
    const [rows] = await db().conn.query<Row[]>('SELECT COUNT(*) AS n, SUM(kind = 1) AS k1 FROM ev');
    expect(Number(rows[0]!['n'])).toBe(15_000);
    expect(Number(rows[0]!['k1'])).toBe(0);
    const chunks = events.flatMap((e) => (e.type === 'chunk' ? [e.progress] : []));
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.at(-1)!.rowsDone).toBe(5000);
    expect(chunks.at(-1)!.rowsTotal).toBe(5000);
    // The chunk size adapts: not stuck at the initial 200 rows.
    expect(new Set(chunks.map((c) => c.chunkRows)).size).toBeGreaterThan(1);
    const cp = await new StateStore(db().conn).checkpoint('200_purge', 0);
    expect(cp).toMatchObject({ status: 'done', mode: 'batched', rowsDone: 5000, rowsTotal: 5000 });
    expect(cp!.lastKey).toEqual([19_997]);
  });

  it('stops after the current chunk on Ctrl-C, records where, and resumes there: each row updated exactly once', async () => {
    const controller = new AbortController();
    const events: ApplyEvent[] = [];
    const choice = batched({ verb: 'update', table: t('ev'), primaryKey: ['id'], where: 'kind <> 0', set: 'n = n + 1', chunkRows: 300 });
    const first = await run('201_bump', 'UPDATE ev SET n = n + 1 WHERE kind <> 0', choice, {
      signal: controller.signal,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'chunk' && e.progress.chunks === 3) controller.abort();
      },
    });
    expect(first.migrations[0]!.status).toBe('interrupted');
    expect(first.migrations[0]!.error).toMatch(/stopped on request after \d+ rows .* run apply again to resume/);
    const cp = await new StateStore(db().conn).checkpoint('201_bump', 0);
    expect(cp!.status).toBe('running');
    expect(cp!.chunks).toBe(3);
    const [mid] = await db().conn.query<Row[]>('SELECT SUM(n) AS s, MAX(CASE WHEN n = 1 THEN id END) AS last FROM ev');
    expect(Number(mid[0]!['s'])).toBe(cp!.rowsDone);
    expect(cp!.lastKey).toEqual([Number(mid[0]!['last'])]);
    const status = await new StateStore(db().conn).historyOf('201_bump');
    expect(status!.status).toBe('interrupted');

    const second = await run('201_bump', 'UPDATE ev SET n = n + 1 WHERE kind <> 0', choice);
    expect(second.migrations[0]!.status).toBe('success');
    const [after] = await db().conn.query<Row[]>('SELECT SUM(n = 1) AS once, SUM(n > 1) AS twice, SUM(kind <> 0 AND n = 0) AS missed FROM ev');
    expect(Number(after[0]!['once'])).toBe(10_000); // kinds 2 and 3 (kind 1 was purged above)
    expect(Number(after[0]!['twice'])).toBe(0);
    expect(Number(after[0]!['missed'])).toBe(0);
  });

  it('walks a composite primary key', async () => {
    await db().conn.query('CREATE TABLE pairs (a INT, b INT, v INT NOT NULL DEFAULT 0, PRIMARY KEY (a, b))');
    const values: string[] = [];
    for (let a = 1; a <= 30; a++) for (let b = 1; b <= 100; b++) values.push(`(${a}, ${b}, 0)`);
    await db().conn.query(`INSERT INTO pairs VALUES ${values.join(',')}`);
    const m = migration('202_pairs', [['UPDATE pairs SET v = v + 1 WHERE b % 3 = 0', op.update('pairs', 'b % 3 = 0')]]);
    const r = await applyMigrations(
      [{ migration: m, choices: [batched({ verb: 'update', table: t('pairs'), primaryKey: ['a', 'b'], where: 'b % 3 = 0', set: 'v = v + 1', chunkRows: 70 })], approval }],
      { url: db().url, chunkTargetMs: 20 },
    );
    expect(r.migrations[0]!.status).toBe('success');
    const [rows] = await db().conn.query<Row[]>('SELECT SUM(v = 1 AND b % 3 = 0) AS hit, SUM(v <> (b % 3 = 0)) AS wrong FROM pairs');
    expect(Number(rows[0]!['hit'])).toBe(30 * 33);
    expect(Number(rows[0]!['wrong'])).toBe(0);
  });

  it('throttles while a signal is over its limit or unreadable, and gives up resumably', async () => {
    const choice = batched({ verb: 'delete', table: t('ev'), primaryKey: ['id'], where: 'kind = 2', set: null, chunkRows: 100 });
    const events: ApplyEvent[] = [];
    const r = await run('203_throttled', 'DELETE FROM ev WHERE kind = 2', choice, { throttle: { maxThreadsRunning: 0, maxWaitMs: 1200 } }, events);
    expect(r.migrations[0]!.status).toBe('interrupted');
    expect(r.migrations[0]!.error).toMatch(/throttled for more than 1 s .*Threads_running \d+ > 0/);
    expect(events.filter((e) => e.type === 'throttle').length).toBeGreaterThan(1);
    const [rows] = await db().conn.query<Row[]>('SELECT COUNT(*) AS n FROM ev WHERE kind = 2');
    expect(Number(rows[0]!['n'])).toBe(5000);

    const r2 = await run('203_throttled', 'DELETE FROM ev WHERE kind = 2', choice, { throttle: { replicaUrls: ['mysql://root:hunter2@127.0.0.1:1/x'], maxWaitMs: 800 } }, events);
    expect(r2.migrations[0]!.error).toMatch(/replica mysql:\/\/root:\*\*\*@127\.0\.0\.1:1\/x lag unreadable/);
    expect(JSON.stringify(events)).not.toContain('hunter2');

    const r3 = await run('203_throttled', 'DELETE FROM ev WHERE kind = 2', choice);
    expect(r3.migrations[0]!.status).toBe('success');
    const [gone] = await db().conn.query<Row[]>('SELECT COUNT(*) AS n FROM ev WHERE kind = 2');
    expect(Number(gone[0]!['n'])).toBe(0);
  });
  it('counts the sessions waiting on a transaction\'s row locks, live (MySQL: only that transaction\'s)', async () => {
    await db().conn.query('CREATE TABLE held (id INT PRIMARY KEY, n INT NOT NULL DEFAULT 0)');
    await db().conn.query('INSERT INTO held VALUES (1, 0), (2, 0)');
    const mariadb = db().version.flavor === 'mariadb';
    const holder = await db().connect();
    const waiter = await db().connect();
    const other = await db().connect();
    const read = (threadId: number) => readLockWaiters(db().conn, mariadb, threadId);
    try {
      // Read once before anything waits: a cached source would keep answering with this moment.
      expect(await read(holder.threadId!)).toMatchObject({ ok: true, waiters: 0 });
      await holder.query('START TRANSACTION');
      await holder.query('UPDATE held SET n = 1 WHERE id = 1');
      await waiter.query('SET SESSION innodb_lock_wait_timeout = 5');
      const blocked = waiter.query('UPDATE held SET n = 2 WHERE id = 1');
      let seen = await read(holder.threadId!);
      for (let i = 0; i < 50 && seen.ok && seen.waiters === 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
        seen = await read(holder.threadId!);
      }
      expect(seen).toMatchObject({ ok: true, waiters: 1, source: mariadb ? 'server-wide' : 'lock-waits' });
      // MySQL tells whose locks are waited on; MariaDB's count is server-wide.
      if (!mariadb) expect(await read(other.threadId!)).toMatchObject({ ok: true, waiters: 0 });
      await holder.query('COMMIT');
      await blocked;
      expect(await read(holder.threadId!)).toMatchObject({ ok: true, waiters: 0 });
    } finally {
      for (const c of [holder, waiter, other]) await c.end().catch(() => {});
    }
  });

  it('yields to a writer waiting on a chunk\'s row locks: reports it and shortens the next chunks', async () => {
    await db().conn.query('DROP TABLE IF EXISTS ev');
    await seed(db().conn, 'ev', 40_000);
    // Rows of kind 1 spread over the whole table: whichever chunk is open holds some of them.
    const ids = Array.from({ length: 80 }, (_, i) => 1 + 4 * Math.floor((i * 10_000) / 80));
    const writer = await db().connect();
    let stop = false;
    let writes = 0;
    const loop = (async () => {
      await writer.query('SET SESSION innodb_lock_wait_timeout = 10');
      while (!stop) {
        await writer.query(`UPDATE ev SET n = n + 1 WHERE id IN (${ids.join(',')})`);
        writes++;
      }
    })();
    const events: ApplyEvent[] = [];
    try {
      const choice = batched({ verb: 'delete', table: t('ev'), primaryKey: ['id'], where: 'kind = 1', set: null, chunkRows: 2000 });
      const r = await run('204_yield', 'DELETE FROM ev WHERE kind = 1', choice, { chunkTargetMs: 400 }, events);
      expect(r.migrations[0]!.status).toBe('success');
    } finally {
      stop = true;
      await loop.catch(() => {});
      await writer.end().catch(() => {});
    }
    expect(writes).toBeGreaterThan(0);
    const chunks = events.flatMap((e) => (e.type === 'chunk' ? [e.progress] : []));
    const waited = chunks.findIndex((c) => c.lockWaiters > 0);
    expect(waited, JSON.stringify(chunks.map((c) => [c.chunkRows, c.lastChunkMs, c.lockWaiters, c.chunkTargetMs]))).toBeGreaterThanOrEqual(0);
    // The chunk that made the writer wait ran at the configured target; later ones at less.
    expect(chunks[waited]!.chunkTargetMs).toBeLessThanOrEqual(400);
    if (waited + 1 < chunks.length) expect(chunks[waited + 1]!.chunkTargetMs).toBeLessThan(chunks[waited]!.chunkTargetMs);
    const [rows] = await db().conn.query<Row[]>('SELECT COUNT(*) AS n, SUM(kind = 1) AS k1 FROM ev');
    expect(Number(rows[0]!['n'])).toBe(30_000);
    expect(Number(rows[0]!['k1'])).toBe(0);
  });
});
