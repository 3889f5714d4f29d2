import { expect, it } from 'vitest';
import { describeOnServers } from '../helpers/servers.js';
import { StateStore } from '../../src/state/state-store.js';
import { acquireRunnerLock } from '../../src/state/runner-lock.js';
import { readMigrationStatus } from '../../src/state/migration-status.js';
import { LockNotAcquiredError } from '../../src/errors.js';
import type mysql from 'mysql2/promise';
import { migration, op } from '../executor/migration-builder.js';

describeOnServers('state store', (db) => {
  it('creates its bookkeeping tables from migrations/*.sql once, recording them in its own history', async () => {
    const store = new StateStore(db().conn);
    expect(await store.exists()).toBe(false);
    expect(await store.ensure()).toEqual(['0001_drydock_history', '0002_drydock_checkpoints']);
    expect(await store.ensure()).toEqual([]);
    const own = await store.bookkeepingHistory();
    expect(own.map((h) => [h.name, h.status])).toEqual([
      ['0001_drydock_history', 'success'],
      ['0002_drydock_checkpoints', 'success'],
    ]);
    expect(await store.history()).toEqual([]);
  });

  it('records history with approval, and checkpoints per statement', async () => {
    const store = new StateStore(db().conn);
    await store.ensure();
    await store.beginMigration({ name: 'm1', checksum: 'a'.repeat(64), statementsTotal: 3, approval: { approver: 'ana', reportHash: 'h1', decision: 'approved' }, runner: 'box pid 1' });
    await store.markStatement('m1', 0, { sqlHash: 'x', mode: 'ddl', status: 'done' });
    await store.markStatement('m1', 1, { sqlHash: 'y', mode: 'batched', status: 'running', rowsTotal: 10 });
    await store.recordChunk('m1', 1, [5, 'k'], 4);
    await store.finishMigration('m1', { status: 'interrupted', statementsApplied: 1, error: 'stopped' });
    const h = await store.historyOf('m1');
    expect(h).toMatchObject({ status: 'interrupted', statementsApplied: 1, statementsTotal: 3, approvedBy: 'ana', reportHash: 'h1', attempts: 1, error: 'stopped' });
    const cps = await store.checkpoints('m1');
    expect(cps.map((c) => [c.statementIndex, c.status, c.lastKey, c.rowsDone, c.rowsTotal, c.chunks])).toEqual([
      [0, 'done', null, 0, null, 0],
      [1, 'running', [5, 'k'], 4, 10, 1],
    ]);
    expect(cps[1]!.connectionId).toBe(db().conn.threadId);
  });

  it('reports status: applied, pending, interrupted, drifted, and Kysely-applied', async () => {
    await db().conn.query('CREATE TABLE kysely_migration (name VARCHAR(255) PRIMARY KEY, timestamp VARCHAR(255) NOT NULL)');
    await db().conn.query("INSERT INTO kysely_migration VALUES ('k1', '2024-01-01T00:00:00Z')");
    const store = new StateStore(db().conn);
    await store.beginMigration({ name: 'done1', checksum: 'c-done', statementsTotal: 1, approval: { approver: 'a', reportHash: 'h', decision: 'd' }, runner: 'r' });
    await store.finishMigration('done1', { status: 'success', statementsApplied: 1, error: null });
    await store.beginMigration({ name: 'edited', checksum: 'c-old', statementsTotal: 1, approval: { approver: 'a', reportHash: 'h', decision: 'd' }, runner: 'r' });
    await store.finishMigration('edited', { status: 'success', statementsApplied: 1, error: null });
    const ms = [
      { ...migration('done1', [['SELECT 1', op.insert('x')]]), checksum: 'c-done' },
      { ...migration('edited', [['SELECT 1', op.insert('x')]]), checksum: 'c-new' },
      migration('m1', [['SELECT 1', op.insert('x')]]),
      migration('k1', [['SELECT 1', op.insert('x')]]),
      migration('new1', [['SELECT 1', op.insert('x')]]),
    ];
    const status = await readMigrationStatus(db().url, ms);
    expect(status.entries.map((e) => [e.name, e.state])).toEqual([
      ['done1', 'applied'],
      ['edited', 'drifted'],
      ['m1', 'interrupted'],
      ['k1', 'applied'],
      ['new1', 'pending'],
    ]);
    expect(status.runner).toBeNull();
  });

  it('lets one runner hold the lock; a second is refused at once, naming the holder; a killed holder frees it', async () => {
    const first = await acquireRunnerLock(db().url, db().database);
    await first.recordHolder();
    const t0 = Date.now();
    const second = await acquireRunnerLock(db().url, db().database).then(
      () => null,
      (e: unknown) => e,
    );
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(second).toBeInstanceOf(LockNotAcquiredError);
    const msg = (second as Error).message;
    expect(msg).toContain(`held by connection ${first.connectionId}`);
    expect(msg).toMatch(/host \S+, pid \d+, user \S+\) since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    // The holder's connection dies (as with a killed process): the lock goes with it.
    await db().conn.query(`KILL ${first.connectionId}`);
    for (let i = 0; i < 50 && !first.lost(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(first.lost()).toBe(true);
    const third = await acquireRunnerLock(db().url, db().database);
    const [rows] = await db().conn.query<mysql.RowDataPacket[]>('SELECT IS_USED_LOCK(?) AS id', [third.name]);
    expect(Number(rows[0]!['id'])).toBe(third.connectionId);
    await third.release();
    const [after] = await db().conn.query<mysql.RowDataPacket[]>('SELECT IS_FREE_LOCK(?) AS free', [third.name]);
    expect(Number(after[0]!['free'])).toBe(1);
  });
});

