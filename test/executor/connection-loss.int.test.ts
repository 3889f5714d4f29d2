// Issue 5 §6 and §7: a lost connection mid-statement leaves its outcome unknown — drydock
// reconnects, lets the old session finish or die, and looks before deciding; and every
// statement has a deadline enforced with KILL QUERY.
import { expect, it } from 'vitest';
import type mysql from 'mysql2/promise';
import { describeOnServers } from '../helpers/servers.js';
import { applyMigrations } from '../../src/executor/apply-migrations.js';
import type { ApplyEvent } from '../../src/executor/apply-types.js';
import { approval, migration, op } from './migration-builder.js';

type Row = mysql.RowDataPacket;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Kills the connection running a statement whose text contains `marker`, once it shows up. */
async function killWhenRunning(conn: mysql.Connection, marker: string): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const [rows] = await conn.query<Row[]>(
      "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE INFO LIKE ? AND INFO NOT LIKE '%PROCESSLIST%'",
      [`%${marker}%`],
    );
    if (rows[0]) {
      await conn.query(`KILL CONNECTION ${Number(rows[0]['id'])}`);
      return Number(rows[0]['id']);
    }
    await sleep(20);
  }
  throw new Error(`no statement with ${marker} showed up`);
}

describeOnServers('apply: lost connections and deadlines', (db) => {
  it('re-runs a DML statement whose transaction died with the connection, exactly once', async () => {
    await db().conn.query('CREATE TABLE lossy (id INT PRIMARY KEY, n INT NOT NULL)');
    await db().conn.query(`INSERT INTO lossy VALUES ${Array.from({ length: 3000 }, (_, i) => `(${i + 1}, 0)`).join(',')}`);
    // SLEEP per row keeps the UPDATE running long enough to be killed mid-way.
    const m = migration('400_lossy', [['UPDATE lossy SET n = n + 1 + 0 * SLEEP(IF(id % 3 = 0, 0.001, 0)) /* marker400 */', op.update('lossy', null)]]);
    const events: ApplyEvent[] = [];
    const run = applyMigrations([{ migration: m, choices: [], approval }], { url: db().url, onEvent: (e) => events.push(e) });
    await killWhenRunning(db().conn, 'marker400');
    const r = await run;
    expect(r.migrations[0]).toMatchObject({ status: 'success', statementsApplied: 1 });
    expect(events).toContainEqual(expect.objectContaining({ type: 'outcome-check', outcome: 'not-applied' }));
    const [rows] = await db().conn.query<Row[]>('SELECT MIN(n) AS lo, MAX(n) AS hi FROM lossy');
    expect([Number(rows[0]!['lo']), Number(rows[0]!['hi'])]).toEqual([1, 1]);
  });

  it('after losing the connection during an ALTER, checks the schema and re-runs it only if it did not happen', async () => {
    // 48,000 rows: a copy of 12,000 could finish between two looks at the process list (CI saw it).
    for (const offset of [3000, 6000, 12000, 24000]) await db().conn.query(`INSERT INTO lossy SELECT id + ${offset}, 0 FROM lossy`);
    const m = migration('401_alter', [['ALTER TABLE lossy ADD COLUMN extra INT /* marker401 */, ALGORITHM=COPY', op.addColumn('lossy', 'extra')]]);
    const events: ApplyEvent[] = [];
    const run = applyMigrations([{ migration: m, choices: [], approval }], { url: db().url, onEvent: (e) => events.push(e) });
    await killWhenRunning(db().conn, 'marker401');
    const r = await run;
    expect(r.migrations[0]).toMatchObject({ status: 'success', statementsApplied: 1 });
    const check = events.find((e) => e.type === 'outcome-check');
    expect(check).toBeDefined();
    const [cols] = await db().conn.query<Row[]>("SELECT COUNT(*) AS n FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'lossy' AND COLUMN_NAME = 'extra'");
    expect(Number(cols[0]!['n'])).toBe(1);
  });

  it('cancels a statement that passes its deadline with KILL QUERY, and says so', async () => {
    const holder = await db().connect();
    await holder.query('BEGIN');
    await holder.query('SELECT * FROM lossy WHERE id = 1 FOR UPDATE');
    const m = migration('402_slow', [['UPDATE lossy SET n = n + 1 WHERE id = 1', op.update('lossy', 'id = 1')]]);
    const t0 = Date.now();
    const r = await applyMigrations([{ migration: m, choices: [], approval }], { url: db().url, lockWaitTimeoutSec: 30, statementTimeoutMs: 1000 });
    const took = Date.now() - t0;
    await holder.query('ROLLBACK');
    await holder.end();
    expect(r.migrations[0]!.status).toBe('failed');
    expect(r.migrations[0]!.error).toMatch(/ran longer than its 1 s deadline and was cancelled with KILL QUERY/);
    expect(took).toBeLessThan(5000);
    const [rows] = await db().conn.query<Row[]>('SELECT n FROM lossy WHERE id = 1');
    expect(Number(rows[0]!['n'])).toBe(1);
    // Nothing was applied, so the next run does the statement.
    const r2 = await applyMigrations([{ migration: m, choices: [], approval }], { url: db().url });
    expect(r2.migrations[0]!.status).toBe('success');
  });
});
