// Issue 5 §8e: the connection password never appears in events, results, errors, the state
// tables, or the output of an apply process.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type mysql from 'mysql2/promise';
import { describeOnServers } from '../helpers/servers.js';
import { applyMigrations } from '../../src/executor/apply-migrations.js';
import type { ApplyEvent } from '../../src/executor/apply-types.js';
import { formatServerUrl, parseServerUrl } from '../../src/db/connection.js';
import { prepareScenario } from '../fixtures/kill-scenarios.js';
import { approval, migration, op, t } from './migration-builder.js';

type Row = mysql.RowDataPacket;

describeOnServers('apply: passwords stay secret', (db) => {
  const user = `dd_pw_${randomBytes(3).toString('hex')}`;
  const password = `Pw-${randomBytes(6).toString('hex')}`;
  let url = '';
  beforeAll(async () => {
    const c = db().conn;
    await c.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
    await c.query(`GRANT ALL ON \`${db().database}\`.* TO '${user}'@'%'`);
    await c.query(`GRANT PROCESS ON *.* TO '${user}'@'%'`);
    // Like root, the user may write even when someone left the shared server read_only.
    await c.query(`GRANT ${db().version.flavor === 'mariadb' ? 'READ_ONLY ADMIN' : 'CONNECTION_ADMIN'} ON *.* TO '${user}'@'%'`);
    url = formatServerUrl({ ...parseServerUrl(db().url), user, password });
    expect(url).toContain(password);
  });
  afterAll(async () => {
    await db().conn.query(`DROP USER IF EXISTS '${user}'@'%'`);
  });

  it('keeps it out of events, results, errors and the bookkeeping tables', async () => {
    await db().conn.query('CREATE TABLE sec (id INT PRIMARY KEY, k INT NOT NULL)');
    await db().conn.query('INSERT INTO sec VALUES (1, 1), (2, 2), (3, 1)');
    const events: ApplyEvent[] = [];
    const ok = migration('300_ok', [
      ['ALTER TABLE sec ADD COLUMN note INT', op.addColumn('sec', 'note')],
      ['DELETE FROM sec WHERE k = 1', op.delete('sec', 'k = 1')],
    ]);
    const bad = migration('301_bad', [['INSERT INTO missing_table VALUES (1)', op.insert('missing_table')]]);
    const choices = [{ kind: 'as-written' }, { kind: 'alternative', alternative: { kind: 'batched', title: 'b', sql: [], notes: [], replacesStatement: true, batched: { verb: 'delete', table: t('sec'), primaryKey: ['id'], where: 'k = 1', set: null, chunkRows: 1 } } }] as const;
    const r = await applyMigrations(
      [
        { migration: ok, choices, approval },
        { migration: bad, choices: [], approval },
      ],
      { url, onEvent: (e) => events.push(e), throttle: { replicaUrls: [url.replace(/:\d+\//, ':1/')], maxWaitMs: 300 } },
    );
    expect(r.migrations.map((m) => m.status)).toEqual(['interrupted', 'not-executed']);
    expect(r.migrations[0]!.error).toMatch(/lag unreadable/);
    const r2 = await applyMigrations([{ migration: ok, choices, approval }, { migration: bad, choices: [], approval }], { url, onEvent: (e) => events.push(e) });
    expect(r2.migrations[1]!.status).toBe('failed');
    expect(r2.migrations[1]!.error).toMatch(/missing_table/);
    // A refused second runner names the holder, not the credentials.
    const { acquireRunnerLock } = await import('../../src/state/runner-lock.js');
    const held = await acquireRunnerLock(url, db().database);
    await held.recordHolder();
    const refused = (await applyMigrations([], { url }).then(
      () => new Error('not refused'),
      (e: unknown) => e as Error,
    ));
    await held.release();
    expect(refused.message).toMatch(/held by connection/);

    const everything = [JSON.stringify(events), JSON.stringify(r), JSON.stringify(r2), refused.message];
    for (const table of ['drydock_history', 'drydock_checkpoints', 'drydock_runner']) {
      const [rows] = await db().conn.query<Row[]>(`SELECT * FROM ${table}`);
      expect(rows.length).toBeGreaterThan(0);
      everything.push(JSON.stringify(rows));
    }
    for (const text of everything) expect(text).not.toContain(password);
  });

  it('keeps it out of an apply process\'s output', async () => {
    await prepareScenario(db().conn, 'batched-delete', 'sec');
    const out = spawnSync(process.execPath, ['--import', 'tsx', 'test/fixtures/apply-worker.ts', url, 'batched-delete', 'sec'], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('"status":"success"');
    expect(out.stdout + out.stderr).not.toContain(password);
    const wrong = spawnSync(process.execPath, ['--import', 'tsx', 'test/fixtures/apply-worker.ts', url.replace(/:\d+\//, ':1/'), 'batched-delete', 'sec'], { encoding: 'utf8' });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toMatch(/cannot connect/);
    expect(wrong.stdout + wrong.stderr).not.toContain(password);
  });
});
