// The probe against real locks: a table held with LOCK TABLES by another session for most of a
// statement's run must read as blocked; the same statement without the lock must not.
import { expect, it } from 'vitest';
import { LONG_EXCLUSIVE_MS, measureStatement, startProbe } from '../../src/shadow/probe.js';
import { describeOnServers } from '../helpers/servers.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describeOnServers('probe', (db) => {
  it('derives its statements from the key and reports steady traffic', async () => {
    await db().conn.query('CREATE TABLE pr (a int NOT NULL, b varchar(10) NOT NULL, v int, PRIMARY KEY (a, b))');
    await db().conn.query("INSERT INTO pr VALUES (1,'x',1),(2,'y',2),(3,'z',3)");
    const probe = await startProbe({ url: db().url, table: 'pr', intervalMs: 10 });
    await sleep(400);
    const report = await probe.stop();
    expect(report.reads.count).toBeGreaterThan(5);
    expect(report.writes.count).toBeGreaterThan(5);
    expect(report.reads.errors + report.writes.errors).toBe(0);
    expect(report.writes.maxBlockedMs).toBeLessThan(200);
    // stop() closed both probe connections (the server notices the quit asynchronously).
    let open = -1;
    for (let i = 0; i < 20 && open !== 0; i++) {
      const [rows] = await db().conn.query(`SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID()`);
      open = Number((rows as { n: number }[])[0]!.n);
      if (open !== 0) await sleep(50);
    }
    expect(open).toBe(0);
  });

  it('works on a table without a key', async () => {
    await db().conn.query('CREATE TABLE nk (v int)');
    await db().conn.query('INSERT INTO nk VALUES (1),(2)');
    const probe = await startProbe({ url: db().url, table: 'nk', intervalMs: 10 });
    await sleep(200);
    const report = await probe.stop();
    expect(report.writes.count).toBeGreaterThan(3);
    expect(report.writes.errors).toBe(0);
  });

  it('sees nothing blocked while an unrelated statement runs', async () => {
    const m = await measureStatement({ url: db().url, table: 'pr', sql: 'SELECT SLEEP(1)' });
    expect(m.error).toBeNull();
    expect(m.durationMs).toBeGreaterThan(900);
    expect(m.readsBlocked).toBe(false);
    expect(m.writesBlocked).toBe(false);
    expect(m.probe.writes.count).toBeGreaterThan(10);
  });

  it('sees writes blocked by LOCK TABLES … READ, and everything by a long … WRITE', async () => {
    for (const mode of ['READ', 'WRITE'] as const) {
      // A WRITE lock stalls readers and writers together, which only counts when it is long (LONG_EXCLUSIVE_MS).
      const holdMs = mode === 'READ' ? 1500 : LONG_EXCLUSIVE_MS + 500;
      const holder = await db().connect();
      const measuring = measureStatement({ url: db().url, table: 'pr', sql: `SELECT SLEEP(${(holdMs + 300) / 1000})` });
      await sleep(250); // the probe is running and the statement has started
      await holder.query(`LOCK TABLES pr ${mode}`);
      await sleep(holdMs);
      await holder.query('UNLOCK TABLES');
      await holder.end();
      const m = await measuring;
      expect(m.writesBlocked, JSON.stringify(m)).toBe(true);
      expect(m.readsBlocked, JSON.stringify(m)).toBe(mode === 'WRITE');
      if (mode === 'READ') expect(m.exclusiveMs, JSON.stringify(m)).toBe(0);
      else expect(m.exclusiveMs, JSON.stringify(m)).toBeGreaterThan(0.9 * Math.min(m.readsStalledMs, m.writesStalledMs));
    }
  });

  it('does not call a short LOCK TABLES … WRITE blocking: that is an exclusive phase', async () => {
    const holder = await db().connect();
    const measuring = measureStatement({ url: db().url, table: 'pr', sql: 'SELECT SLEEP(1.2)' });
    await sleep(250);
    await holder.query('LOCK TABLES pr WRITE');
    await sleep(800);
    await holder.query('UNLOCK TABLES');
    await holder.end();
    const m = await measuring;
    expect(m.exclusiveMs, JSON.stringify(m)).toBeGreaterThan(600);
    expect([m.readsBlocked, m.writesBlocked]).toEqual([false, false]);
  });

  it('reports the statement error', async () => {
    const m = await measureStatement({ url: db().url, table: 'pr', sql: 'ALTER TABLE pr ADD INDEX (v), ALGORITHM=INSTANT' });
    // MySQL answers 1845 (not supported), MariaDB 1846 (not supported, with a reason).
    expect([1845, 1846]).toContain(m.error?.errno);
    expect(m.error?.code).toMatch(/^ER_ALTER_OPERATION_NOT_SUPPORTED/);
  });
});
