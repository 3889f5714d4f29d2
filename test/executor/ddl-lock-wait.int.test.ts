// Issue 5 §8b and §8c: one runner at a time, and DDL that never piles traffic up behind it.
import { expect, it } from 'vitest';
import type mysql from 'mysql2/promise';
import { describeOnServers } from '../helpers/servers.js';
import { applyMigrations } from '../../src/executor/apply-migrations.js';
import type { ApplyEvent } from '../../src/executor/apply-types.js';
import { LockNotAcquiredError } from '../../src/errors.js';
import type { Connection } from '../../src/db/connection.js';
import { approval, migration, op } from './migration-builder.js';

type Row = mysql.RowDataPacket;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads the table every 50 ms from its own connection; returns the worst single-query latency. */
function startProbe(conn: Connection, table: string): { stop(): Promise<number> } {
  let running = true;
  let worst = 0;
  const loop = (async () => {
    while (running) {
      const t0 = Date.now();
      await conn.query(`SELECT COUNT(*) FROM ${table}`);
      worst = Math.max(worst, Date.now() - t0);
      await sleep(50);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return worst;
    },
  };
}

describeOnServers('apply: runner lock and metadata-lock waits', (db) => {
  it('refuses a second concurrent apply at once, naming the holder; the first proceeds', async () => {
    const slow = migration('100_slow', [['SELECT SLEEP(1.5)', { kind: 'select', tables: [] }]]);
    let lockConn = -1;
    const first = applyMigrations([{ migration: slow, choices: [], approval }], {
      url: db().url,
      onEvent: (e) => {
        if (e.type === 'lock-acquired') lockConn = e.connectionId;
      },
    });
    while (lockConn < 0) await sleep(20);
    await sleep(300); // let it record itself as the holder
    const t0 = Date.now();
    const second = await applyMigrations([{ migration: slow, choices: [], approval }], { url: db().url }).catch((e: unknown) => e);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(second).toBeInstanceOf(LockNotAcquiredError);
    expect((second as Error).message).toMatch(new RegExp(`held by connection ${lockConn} \\(host .+, pid ${process.pid}, user .+\\) since .+ UTC`));
    const r = await first;
    expect(r.migrations[0]!.status).toBe('success');
  });

  it('gives up on a blocked ALTER within lock_wait_timeout, retries, and never blocks readers longer than that', async () => {
    await db().conn.query('CREATE TABLE hot (id INT PRIMARY KEY, v INT)');
    await db().conn.query('INSERT INTO hot VALUES (1, 1), (2, 2)');
    const holder = await db().connect();
    const probeConn = await db().connect();
    await holder.query('BEGIN');
    await holder.query('SELECT * FROM hot'); // shared metadata lock until COMMIT
    await sleep(1100); // old enough for the INNODB_TRX fallback to name it
    const events: ApplyEvent[] = [];
    const probe = startProbe(probeConn, 'hot');
    const m = migration('101_hot', [['ALTER TABLE hot ADD COLUMN w INT', op.addColumn('hot', 'w')]]);
    const started = Date.now();
    const run = applyMigrations([{ migration: m, choices: [{ kind: 'as-written', clause: { algorithm: 'INSTANT', lock: null } }], approval }], {
      url: db().url,
      lockWaitTimeoutSec: 1,
      ddlRetry: { maxTotalMs: 20_000, baseDelayMs: 300 },
      onEvent: (e) => events.push(e),
    });
    await sleep(3500);
    await holder.query('COMMIT');
    const r = await run;
    const worst = await probe.stop();
    expect(r.migrations[0]!.status).toBe('success');
    expect(Date.now() - started).toBeLessThan(10_000);
    const retries = events.filter((e) => e.type === 'ddl-retry');
    expect(retries.length).toBeGreaterThanOrEqual(1);
    const pre = events.find((e) => e.type === 'preflight');
    expect(pre && pre.type === 'preflight' && pre.blockers.map((b) => b.connectionId)).toContain(holder.threadId);
    // Readers queue behind the waiting ALTER for at most its lock_wait_timeout (1 s) plus slack.
    expect(worst).toBeLessThan(1600);

    // The same ALTER run plainly (server default lock_wait_timeout) blocks the reader until the transaction ends.
    await holder.query('BEGIN');
    await holder.query('SELECT * FROM hot');
    const plain = await db().connect();
    const alter = plain.query('ALTER TABLE hot ADD COLUMN z INT');
    await sleep(300);
    const t0 = Date.now();
    const blockedRead = probeConn.query('SELECT COUNT(*) FROM hot');
    await sleep(2500);
    await holder.query('COMMIT');
    await blockedRead;
    const plainWorst = Date.now() - t0;
    await alter;
    console.info(`[${db().server.name}] reader worst wait: drydock ALTER ${worst} ms, plain ALTER ${plainWorst} ms`);
    expect(plainWorst).toBeGreaterThan(2000);
    for (const c of [holder, probeConn, plain]) await c.end();
  });

  it('stops with the blockers named when the lock never comes within the retry budget', async () => {
    const holder = await db().connect();
    await holder.query('BEGIN');
    await holder.query('SELECT * FROM hot');
    await sleep(1100);
    const m = migration('102_blocked', [['ALTER TABLE hot ADD COLUMN q INT', op.addColumn('hot', 'q')]]);
    const t0 = Date.now();
    const r = await applyMigrations([{ migration: m, choices: [], approval }], {
      url: db().url,
      lockWaitTimeoutSec: 1,
      ddlRetry: { maxTotalMs: 4000, baseDelayMs: 200 },
    });
    const took = Date.now() - t0;
    await holder.query('COMMIT');
    await holder.end();
    expect(r.migrations[0]!.status).toBe('failed');
    expect(r.migrations[0]!.error).toMatch(new RegExp(`could not get its metadata lock on hot in \\d+ attempts.*connection ${holder.threadId}`));
    expect(took).toBeLessThan(6000);
    const [cols] = await db().conn.query<Row[]>("SELECT COUNT(*) AS n FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'hot' AND COLUMN_NAME = 'q'");
    expect(Number(cols[0]!['n'])).toBe(0);
  });
});
