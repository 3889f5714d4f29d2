// Read-only introspection on real servers, run as a user that holds nothing but SELECT: if any
// statement drydock issues were a write (or needed more than SELECT), these tests would fail.
import { randomBytes } from 'node:crypto';
import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, formatServerUrl, parseServerUrl } from '../../src/db/connection.js';
import { boundedSelect, connectTarget, introspectTables, openTargetSession, sampleColumnStats, type TargetSession } from '../../src/db/introspect.js';
import { describeOnServers } from '../helpers/servers.js';

describeOnServers('read-only target introspection', (db) => {
  const user = `dd_ro_${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  let session: TargetSession;

  beforeAll(async () => {
    const c = db().conn;
    await c.query(`CREATE TABLE customers (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, email VARCHAR(80) NOT NULL UNIQUE, country CHAR(2) NULL)`);
    await c.query(`CREATE TABLE orders (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL, status VARCHAR(12) NOT NULL,
      amount DECIMAL(10,2) NOT NULL, note TEXT NULL, placed DATETIME NOT NULL,
      KEY (customer_id), CONSTRAINT fk_o_c FOREIGN KEY (customer_id) REFERENCES customers (id))`);
    await c.query(`CREATE TABLE order_notes (id INT NOT NULL PRIMARY KEY, order_id BIGINT NOT NULL, CONSTRAINT fk_n_o FOREIGN KEY (order_id) REFERENCES orders (id))`);
    await c.query(`CREATE TABLE unrelated (id INT PRIMARY KEY)`);
    await c.query(`CREATE TRIGGER orders_ai AFTER INSERT ON orders FOR EACH ROW SET @dd_last = NEW.id`);
    await c.query(
      `INSERT INTO customers (email, country) VALUES ${Array.from({ length: 200 }, (_, i) => `('user${i}@example.com', ${i % 4 === 0 ? 'NULL' : `'${['de', 'fr', 'us'][i % 3]}'`})`).join(', ')}`,
    );
    // 1,000 orders: status 70 % 'paid', customer 1 places a third of them, a quarter have no note.
    const rows = Array.from({ length: 1000 }, (_, i) => {
      const status = i % 10 < 7 ? 'paid' : ['new', 'shipped', 'cancelled'][i % 3];
      const customer = i % 3 === 0 ? 1 : 1 + (i % 200);
      const note = i % 4 === 0 ? 'NULL' : `'${'n'.repeat(10 + (i % 21))}'`;
      return `(${customer}, '${status}', ${(i % 500) + 0.5}, ${note}, '2024-01-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00')`;
    });
    await c.query(`INSERT INTO orders (customer_id, status, amount, note, placed) VALUES ${rows.join(', ')}`);
    await c.query(`INSERT INTO order_notes VALUES (1, 1), (2, 5)`);

    await c.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
    await c.query(`GRANT SELECT ON \`${db().database}\`.* TO '${user}'@'%'`);
    const url = formatServerUrl({ ...parseServerUrl(db().url), user, password });
    session = await connectTarget(url);
  });

  afterAll(async () => {
    await session?.conn.end().catch(() => {});
    await db().conn.query(`DROP USER IF EXISTS '${user}'@'%'`);
  });

  it('runs as a user that holds SELECT and nothing else', async () => {
    const [grants] = await session.conn.query<mysql.RowDataPacket[]>('SHOW GRANTS');
    const text = grants.map((g) => String(Object.values(g)[0])).join('\n');
    expect(text).toMatch(/GRANT SELECT ON `dd_test_[0-9a-f]+`\.\* TO/);
    expect(text.replace(/GRANT USAGE ON \*\.\*/, '').replace(/GRANT SELECT ON `[^`]+`\.\*/, '')).not.toMatch(/GRANT/);
    // The session is read-only too, and the user could not write anyway.
    await expect(session.conn.query('INSERT INTO unrelated VALUES (1)')).rejects.toThrow();
    await expect(session.conn.query('CREATE TABLE nope (id INT)')).rejects.toThrow();
  });

  it('snapshots the requested table, its parents and the tables referencing it', async () => {
    const snaps = await introspectTables(session, ['orders']);
    const by = new Map(snaps.map((s) => [s.table.name, s]));
    expect([...by.keys()].sort()).toEqual(['customers', 'order_notes', 'orders']);
    expect(by.get('orders')!.reason).toBe('requested');
    expect(by.get('customers')!.reason).toBe('referenced');
    expect(by.get('order_notes')!.reason).toBe('referencing');
    const orders = by.get('orders')!;
    expect(orders.createSql).toMatch(/^CREATE TABLE `orders`/);
    expect(orders.definition.columns.map((c) => c.name)).toEqual(['id', 'customer_id', 'status', 'amount', 'note', 'placed']);
    expect(orders.definition.foreignKeys[0]!.referencedTable.name).toBe('customers');
    expect(orders.rows).toBe(1000);
    expect(orders.rowsExact).toBe(true);
    expect(orders.dataBytes).toBeGreaterThan(0);
    expect(orders.referencedBy.map((r) => `${r.table.name}:${r.foreignKey.columns.join(',')}`)).toEqual(['order_notes:order_id']);
    expect(by.get('customers')!.referencedBy.map((r) => r.table.name)).toEqual(['orders']);
    // Triggers are visible only with the TRIGGER privilege: none for this user, one for root.
    expect(orders.triggers).toEqual([]);
    const rootSession = await openTargetSession(await db().connect());
    try {
      const asRoot = await introspectTables(rootSession, ['orders'], { includeReferencing: false });
      expect(asRoot.find((s) => s.table.name === 'orders')!.triggers).toEqual([{ name: 'orders_ai', event: 'INSERT', timing: 'AFTER' }]);
    } finally {
      await rootSession.conn.end();
    }
    expect(await introspectTables(session, ['missing_table'])).toEqual([]);
  });

  it('samples column stats within bounds and keeps only frequent values', async () => {
    const [orders] = await introspectTables(session, ['orders'], { includeReferencing: false });
    const stats = await sampleColumnStats(session, orders!, { sampleRows: 600, windows: 6 });
    const by = new Map(stats.map((s) => [s.column, s]));
    const status = by.get('status')!;
    expect(status.sampledRows).toBeGreaterThan(0);
    expect(status.sampledRows).toBeLessThanOrEqual(600);
    expect(status.sampleDistinct).toBe(4);
    expect(status.distinct).toBeLessThanOrEqual(6);
    expect(status.topValues[0]!.value).toBe('paid');
    expect(status.topValues[0]!.fraction).toBeGreaterThan(0.6);
    expect(status.topValues[0]!.fraction).toBeLessThan(0.8);
    const note = by.get('note')!;
    expect(note.nullFraction).toBeGreaterThan(0.15);
    expect(note.nullFraction).toBeLessThan(0.35);
    expect(note.minLength).toBeGreaterThanOrEqual(10);
    expect(note.maxLength).toBeLessThanOrEqual(30);
    expect(note.topValues).toEqual([]); // long text: lengths and hashes only, never the text
    const amount = by.get('amount')!;
    expect(Number(amount.min)).toBeGreaterThanOrEqual(0.5);
    expect(Number(amount.max)).toBeLessThanOrEqual(499.5);
    // The heavy customer shows up as skew of the foreign key column.
    expect(by.get('customer_id')!.topValues[0]).toMatchObject({ value: '1' });
    const id = by.get('id')!;
    expect(id.distinct).toBeGreaterThan(800); // unique in the sample: scaled to the table
    // The key's range is the table's own (MIN/MAX by index), not the sample windows' narrower one.
    const [keys] = await db().conn.query<mysql.RowDataPacket[]>('SELECT MIN(id) AS lo, MAX(id) AS hi FROM orders');
    expect([id.min, id.max]).toEqual([String(keys[0]!['lo']), String(keys[0]!['hi'])]);
    const [customers] = await introspectTables(session, ['customers'], { includeReferencing: false });
    const cstats = await sampleColumnStats(session, customers!, { sampleRows: 1000 });
    const email = cstats.find((s) => s.column === 'email')!;
    expect(email.topValues).toEqual([]); // unique values never leave the target
    expect(cstats.find((s) => s.column === 'country')!.nullFraction).toBeCloseTo(0.25, 2);
  });

  it('makes even a privileged session read-only, and bounds every SELECT on the server', async () => {
    const rootSession = await openTargetSession(await db().connect(), { statementTimeoutMs: 300 });
    try {
      await expect(rootSession.conn.query('INSERT INTO unrelated VALUES (2)')).rejects.toThrow(/READ ONLY/i);
      const t0 = Date.now();
      await rootSession.conn.query(boundedSelect(rootSession, 'SELECT SLEEP(3) AS s')).catch(() => {});
      expect(Date.now() - t0).toBeLessThan(2000);
    } finally {
      await rootSession.conn.end();
    }
    const [rows] = await db().conn.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM unrelated');
    expect(Number(rows[0]!['n'])).toBe(0);
  });

  it('needs a database in the target URL', async () => {
    const conn = await connect(formatServerUrl(parseServerUrl(db().url), null));
    await expect(openTargetSession(conn)).rejects.toThrow(/names no database/);
    await conn.end();
  });
});
