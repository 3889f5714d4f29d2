import { expect, it } from 'vitest';
import type mysql from 'mysql2/promise';
import { describeOnServers } from '../helpers/servers.js';
import { applyMigrations } from '../../src/executor/apply-migrations.js';
import type { ApplyEvent, ApplyStep, StatementChoice } from '../../src/executor/apply-types.js';
import { StateStore } from '../../src/state/state-store.js';
import type { Migration } from '../../src/parser/statement.js';
import { approval, migration, op } from './migration-builder.js';

type Row = mysql.RowDataPacket;
const step = (m: Migration, choices: StatementChoice[] = []): ApplyStep => ({ migration: m, choices, approval });

describeOnServers('apply: statements, DDL clauses, resume', (db) => {
  const events: ApplyEvent[] = [];
  const apply = (steps: ApplyStep[], extra: Partial<Parameters<typeof applyMigrations>[1]> = {}) =>
    applyMigrations(steps, { url: db().url, onEvent: (e) => events.push(e), lockWaitTimeoutSec: 2, ...extra });

  const m1 = migration('001_orders', [
    ['CREATE TABLE orders (id INT PRIMARY KEY, amount INT NOT NULL)', op.createTable('orders')],
    ['INSERT INTO orders VALUES (1, 10), (2, 20), (3, 30)', op.insert('orders')],
    ['ALTER TABLE orders ADD COLUMN note VARCHAR(20)', op.addColumn('orders', 'note', 'VARCHAR(20)')],
    ["UPDATE orders SET note = 'x' WHERE amount > 15", op.update('orders', 'amount > 15')],
    ['ALTER TABLE orders ADD INDEX idx_amount (amount)', op.addIndex('orders', 'idx_amount', ['amount'])],
  ]);

  it('runs a multi-statement migration with the expected clauses and records it', async () => {
    const r = await apply([
      step(m1, [
        { kind: 'as-written' },
        { kind: 'as-written' },
        { kind: 'as-written', clause: { algorithm: 'INSTANT', lock: null } },
        { kind: 'as-written' },
        { kind: 'as-written', clause: { algorithm: 'INPLACE', lock: 'NONE' } },
      ]),
    ]);
    expect(r.migrations).toEqual([expect.objectContaining({ name: '001_orders', status: 'success', statementsApplied: 5, error: null })]);
    const starts = events.filter((e) => e.type === 'statement-start').map((e) => (e as { sql: string }).sql);
    expect(starts[2]).toMatch(/^ALTER TABLE orders (WAIT 2 )?ALGORITHM=INSTANT, ADD COLUMN note/);
    expect(starts[4]).toMatch(/^ALTER TABLE orders (WAIT 2 )?ALGORITHM=INPLACE, LOCK=NONE, ADD INDEX/);
    const [rows] = await db().conn.query<Row[]>('SELECT id, note FROM orders ORDER BY id');
    expect(rows.map((x) => x['note'])).toEqual([null, 'x', 'x']);
    const h = await new StateStore(db().conn).historyOf('001_orders');
    expect(h).toMatchObject({ status: 'success', statementsApplied: 5, statementsTotal: 5, approvedBy: 'tester', reportHash: 'sha256:test' });
    expect(JSON.parse(h!.decision!)).toEqual({ decision: 'approved', statements: ['as-written', 'as-written', 'as-written ALGORITHM=INSTANT', 'as-written', 'as-written ALGORITHM=INPLACE LOCK=NONE'] });
    const again = await apply([step(m1)]);
    expect(again.migrations[0]!.status).toBe('already-applied');
  });

  it('stops when the server refuses the expected algorithm, and resumes at that statement without repeating earlier ones', async () => {
    const m2 = migration('002_widen', [
      ['INSERT INTO orders VALUES (4, 40, NULL)', op.insert('orders')],
      ['ALTER TABLE orders MODIFY amount BIGINT NOT NULL', op.modifyColumn('orders', 'amount', 'BIGINT')],
      ['INSERT INTO orders VALUES (5, 50, NULL)', op.insert('orders')],
    ]);
    const m3 = migration('003_after', [['INSERT INTO orders VALUES (6, 60, NULL)', op.insert('orders')]]);
    const r = await apply([step(m2, [{ kind: 'as-written' }, { kind: 'as-written', clause: { algorithm: 'INSTANT', lock: null } }]), step(m3)]);
    expect(r.ok).toBe(false);
    expect(r.migrations.map((x) => x.status)).toEqual(['failed', 'not-executed']);
    expect(r.migrations[0]!.statementsApplied).toBe(1);
    expect(r.migrations[0]!.error).toMatch(/ALGORITHM=INSTANT is not supported|not supported/i);
    const [cols] = await db().conn.query<Row[]>("SELECT DATA_TYPE AS t FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'orders' AND COLUMN_NAME = 'amount'");
    expect(cols[0]!['t']).toBe('int');
    // The operator accepts a rebuild: statement 2 runs as written, statement 1 is not repeated.
    const r2 = await apply([step(m2, [{ kind: 'as-written' }, { kind: 'as-written', clause: null }]), step(m3)]);
    expect(r2.migrations.map((x) => x.status)).toEqual(['success', 'success']);
    const [rows] = await db().conn.query<Row[]>('SELECT COUNT(*) AS n, SUM(id = 4) AS fours FROM orders');
    expect(Number(rows[0]!['n'])).toBe(6);
    expect(Number(rows[0]!['fours'])).toBe(1);
    expect((await new StateStore(db().conn).historyOf('002_widen'))!.attempts).toBe(2);
  });

  it('refuses an applied migration that was edited until the operator resolves it', async () => {
    const edited = { ...m1, checksum: 'f'.repeat(64) };
    const m4 = migration('004_next', [['INSERT INTO orders VALUES (7, 70, NULL)', op.insert('orders')]]);
    const r = await apply([step(edited), step(m4)]);
    expect(r.migrations.map((x) => x.status)).toEqual(['failed', 'not-executed']);
    expect(r.migrations[0]!.error).toContain('was edited after it was applied');
    expect(r.migrations[0]!.error).toContain('--resolve 001_orders=accept-checksum');
    const r2 = await apply([step(edited), step(m4)], { resolve: { '001_orders': 'accept-checksum' } });
    expect(r2.migrations.map((x) => x.status)).toEqual(['already-applied', 'success']);
    expect((await new StateStore(db().conn).historyOf('001_orders'))!.checksum).toBe('f'.repeat(64));
  });

  it('after a run died mid-DDL, checks the schema instead of assuming', async () => {
    // A run that died after the server applied statement 1 but before it recorded it. Its
    // connection must be one of its own: drydock settles (kills) the dead run's session.
    const dead = await db().connect();
    const store = new StateStore(dead);
    const m5 = migration('005_verify', [
      ['ALTER TABLE orders ADD COLUMN flag INT', op.addColumn('orders', 'flag')],
      ['ALTER TABLE orders ADD COLUMN flag2 INT', op.addColumn('orders', 'flag2')],
    ]);
    await db().conn.query('ALTER TABLE orders ADD COLUMN flag INT');
    await store.beginMigration({ name: '005_verify', checksum: m5.checksum, statementsTotal: 2, approval, runner: 'dead' });
    await store.markStatement('005_verify', 0, { sqlHash: 'old', mode: 'ddl', status: 'running' });
    await dead.end();
    events.length = 0;
    const r = await apply([step(m5)]);
    expect(r.migrations[0]).toMatchObject({ status: 'success', statementsApplied: 2 });
    expect(events).toContainEqual(expect.objectContaining({ type: 'outcome-check', index: 0, outcome: 'applied' }));

    // An operation whose effect the schema cannot show: stop and ask.
    const m6 = migration('006_unknown', [['ALTER TABLE orders MODIFY note VARCHAR(40)', op.modifyColumn('orders', 'note', 'VARCHAR(40)')]]);
    const dead2 = await db().connect();
    const store2 = new StateStore(dead2);
    await store2.beginMigration({ name: '006_unknown', checksum: m6.checksum, statementsTotal: 1, approval, runner: 'dead' });
    await store2.markStatement('006_unknown', 0, { sqlHash: 'old', mode: 'ddl', status: 'running' });
    // This one is still connected and idle: drydock must kill it before deciding.
    const live = new StateStore(db().conn);
    const r2 = await apply([step(m6)]);
    expect(r2.migrations[0]!.status).toBe('failed');
    expect(r2.migrations[0]!.error).toMatch(/^outcome of statement 1 of 006_unknown is unknown.*--resolve 006_unknown=statement-applied/);
    await expect(dead2.query('SELECT 1')).rejects.toThrow();
    expect((await live.checkpoint('006_unknown', 0))!.status).toBe('running');
    const r3 = await apply([step(m6)], { resolve: { '006_unknown': 'statement-not-applied' } });
    expect(r3.migrations[0]!.status).toBe('success');
    const [cols] = await db().conn.query<Row[]>("SELECT CHARACTER_MAXIMUM_LENGTH AS l FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'orders' AND COLUMN_NAME = 'note'");
    expect(Number(cols[0]!['l'])).toBe(40);
  });

  it('adopts migrations Kysely already applied instead of running them again', async () => {
    await db().conn.query('CREATE TABLE kysely_migration (name VARCHAR(255) PRIMARY KEY, timestamp VARCHAR(255) NOT NULL)');
    await db().conn.query("INSERT INTO kysely_migration VALUES ('010_kysely_done', '2024-01-01T00:00:00.000Z')");
    const done = migration('010_kysely_done', [['CREATE TABLE orders (id INT PRIMARY KEY)', op.createTable('orders')]]);
    const next = migration('011_kysely_next', [['INSERT INTO orders (id, amount) VALUES (100, 1)', op.insert('orders')]]);
    const r = await apply([step(done), step(next)]);
    expect(r.migrations.map((x) => x.status)).toEqual(['already-applied', 'success']);
    expect((await new StateStore(db().conn).historyOf('010_kysely_done'))!.status).toBe('adopted');
  });

  it('replays the migration\'s session SETs when it resumes on a new connection, and keeps them out of the next migration', async () => {
    await db().conn.query('CREATE TABLE owner_t (id INT PRIMARY KEY)');
    await db().conn.query('CREATE TABLE pet_t (id INT PRIMARY KEY, owner_id INT, FOREIGN KEY (owner_id) REFERENCES owner_t (id))');
    const m = migration('012_session', [
      ['SET SESSION foreign_key_checks = 0', op.set('foreign_key_checks', '0')],
      ['INSERT INTO pet_t VALUES (1, 999)', op.insert('pet_t')],
    ]);
    const after = migration('013_after_session', [['INSERT INTO pet_t VALUES (2, 998)', op.insert('pet_t')]]);
    const controller = new AbortController();
    const first = await apply([step(m)], {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'statement-done' && e.index === 0) controller.abort();
      },
    });
    expect(first.migrations[0]).toMatchObject({ status: 'interrupted', statementsApplied: 1 });
    const second = await apply([step(m), step(after)]);
    expect(second.migrations.map((x) => x.status)).toEqual(['success', 'failed']);
    expect(second.migrations[1]!.error).toMatch(/foreign key constraint fails/i);
    const [rows] = await db().conn.query<Row[]>('SELECT id FROM pet_t');
    expect(rows.map((x) => x['id'])).toEqual([1]);
  });

  it('refuses TRUNCATE in place of a DELETE when a foreign key references the table or a delete trigger exists', async () => {
    await db().conn.query('CREATE TABLE parent (id INT PRIMARY KEY)');
    await db().conn.query('CREATE TABLE child (id INT PRIMARY KEY, p INT, FOREIGN KEY fk_p (p) REFERENCES parent (id))');
    await db().conn.query('CREATE TABLE logged (id INT PRIMARY KEY)');
    await db().conn.query('CREATE TABLE audit (id INT)');
    await db().conn.query('CREATE TRIGGER logged_del AFTER DELETE ON logged FOR EACH ROW INSERT INTO audit VALUES (OLD.id)');
    await db().conn.query('CREATE TABLE plain (id INT PRIMARY KEY)');
    await db().conn.query('INSERT INTO plain VALUES (1), (2)');
    const truncate = { kind: 'alternative' as const, alternative: { kind: 'truncate' as const, title: 'TRUNCATE', sql: [], notes: [], replacesStatement: true } };
    const fk = await apply([step(migration('007_fk', [['DELETE FROM parent', op.delete('parent', null)]]), [truncate])]);
    expect(fk.migrations[0]!.error).toMatch(/refusing TRUNCATE of parent.*foreign key \S+ on \S+\.child references parent/);
    const trg = await apply([step(migration('008_trg', [['DELETE FROM logged', op.delete('logged', null)]]), [truncate])]);
    expect(trg.migrations[0]!.error).toMatch(/after delete trigger logged_del on logged would not fire/);
    const ok = await apply([step(migration('009_ok', [['DELETE FROM plain', op.delete('plain', null)]]), [truncate])]);
    expect(ok.migrations[0]!.status).toBe('success');
    const [rows] = await db().conn.query<Row[]>('SELECT COUNT(*) AS n FROM plain');
    expect(Number(rows[0]!['n'])).toBe(0);
  });
});
