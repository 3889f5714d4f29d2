// Seeding on real servers: a schema with every column kind and key shape loads without a single
// warning, row counts are exact, keys hold, children point at parents, and sampled shapes survive.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { delimiter } from 'node:path';
import mysql2 from 'mysql2/promise';
import type mysql from 'mysql2/promise';
import { beforeAll, expect, it } from 'vitest';
import { formatServerUrl, parseServerUrl, quoteId, type Connection } from '../../src/db/connection.js';
import { connectTarget } from '../../src/db/introspect.js';
import type { ColumnStats } from '../../src/db/introspect.js';
import { loadTable } from '../../src/shadow/load.js';
import { schemaFromFile, schemaFromTarget, type SchemaTable } from '../../src/shadow/schema-source.js';
import { applySchema, buildShadow, seedShadow } from '../../src/shadow/seed.js';
import { withShadow } from '../../src/shadow/shadow-database.js';
import { planTables } from '../../src/shadow/synthesize.js';
import { describeOnServers } from '../helpers/servers.js';

const SIZES = new Map([
  ['customers', 3000],
  ['products', 400],
  ['orders', 6000],
  ['order_lines', 9000],
  ['favourites', 2500],
  ['shipments', 3000],
]);
const NOTE_NULLS = 0.35;

async function scalar(conn: Connection, sql: string): Promise<number> {
  const [rows] = await conn.query<mysql.RowDataPacket[]>(sql);
  return Number(Object.values(rows[0]!)[0]);
}

describeOnServers('seeding synthetic rows', (db) => {
  let tables: readonly SchemaTable[];

  beforeAll(async () => {
    const source = schemaFromFile(readFileSync(new URL('./varied-schema.sql', import.meta.url), 'utf8'), 'varied-schema.sql', SIZES);
    expect(source.warnings).toEqual([]);
    const noteStats: ColumnStats = {
      column: 'note', sampledRows: 1000, nullFraction: NOTE_NULLS, distinct: 600_000, sampleDistinct: 650,
      min: null, max: null, avgLength: 40, minLength: 5, maxLength: 200, topValues: [],
    };
    tables = source.tables.map((t) => (t.definition.table.name === 'orders' ? { ...t, stats: [noteStats] } : t));
    await applySchema(db().conn, tables);
  });

  it('loads every table through LOAD DATA with exact counts and no warnings', async () => {
    const progress: number[] = [];
    const result = await seedShadow(db().conn, tables, { seed: 7, onProgress: (p) => progress.push(p.rowsDone) });
    expect(result.warnings).toEqual([]);
    expect(result.tables.map((t) => t.method)).toEqual(Array(6).fill('load-data'));
    for (const t of result.tables) {
      expect(t.rows).toBe(SIZES.get(t.table.name));
      expect(await scalar(db().conn, `SELECT COUNT(*) FROM ${quoteId(t.table.name)}`)).toBe(t.rows);
    }
    expect(progress.at(-1)).toBe([...SIZES.values()].reduce((a, b) => a + b, 0));
    expect(result.tables.find((t) => t.table.name === 'order_lines')!.skippedColumns.map((s) => s.name)).toEqual(['line_total']);
  });

  it('children reference existing parents', async () => {
    const orphans: Record<string, string> = {
      orders: 'SELECT COUNT(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE c.id IS NULL',
      referrer: 'SELECT COUNT(*) FROM customers o LEFT JOIN customers c ON c.id = o.referrer_id WHERE o.referrer_id IS NOT NULL AND c.id IS NULL',
      lines: 'SELECT COUNT(*) FROM order_lines l LEFT JOIN orders o ON o.id = l.order_id WHERE o.id IS NULL',
      lineSku: 'SELECT COUNT(*) FROM order_lines l LEFT JOIN products p ON p.sku = l.sku WHERE p.sku IS NULL',
      favCustomer: 'SELECT COUNT(*) FROM favourites f LEFT JOIN customers c ON c.id = f.customer_id WHERE c.id IS NULL',
      favSku: 'SELECT COUNT(*) FROM favourites f LEFT JOIN products p ON p.sku = f.sku WHERE p.sku IS NULL',
      ship: 'SELECT COUNT(*) FROM shipments s LEFT JOIN order_lines l ON l.order_id = s.order_id AND l.line_no = s.line_no WHERE l.order_id IS NULL',
    };
    for (const [name, sql] of Object.entries(orphans)) expect(await scalar(db().conn, sql), name).toBe(0);
    // Not trivially satisfied: children spread over many parents.
    expect(await scalar(db().conn, 'SELECT COUNT(DISTINCT customer_id) FROM orders')).toBeGreaterThan(1000);
  });

  it('primary and unique keys hold', async () => {
    const keys: Record<string, string> = {
      customers: 'id', 'customers ': 'email', products: 'sku', 'products ': 'checksum', 'products  ': 'LEFT(title, 6)',
      order_lines: 'order_id, line_no', favourites: 'customer_id, sku', shipments: 'carrier, tracking',
    };
    for (const [table, cols] of Object.entries(keys)) {
      expect(await scalar(db().conn, `SELECT COUNT(*) FROM (SELECT ${cols} FROM ${table.trim()} GROUP BY ${cols} HAVING COUNT(*) > 1) d`), `${table}(${cols})`).toBe(0);
    }
  });

  it('values fit their types, NOT NULL columns are filled, generated columns are computed', async () => {
    const c = db().conn;
    expect(await scalar(c, "SELECT COUNT(*) FROM customers WHERE tier NOT IN ('free','pro','enterprise') OR CHAR_LENGTH(country) > 2 OR active NOT IN (0, 1)")).toBe(0);
    expect(await scalar(c, 'SELECT COUNT(*) FROM customers WHERE email_domain <> SUBSTRING_INDEX(email, \'@\', -1)')).toBe(0);
    expect(await scalar(c, 'SELECT COUNT(*) FROM products WHERE JSON_VALID(attrs) = 0 OR LENGTH(checksum) <> 16 OR price < 0')).toBe(0);
    expect(await scalar(c, 'SELECT COUNT(*) FROM order_lines WHERE line_total <> qty * 1.5')).toBe(0);
    expect(await scalar(c, 'SELECT COUNT(*) FROM orders WHERE status IS NULL OR placed_at IS NULL OR total IS NULL')).toBe(0);
    const noteNulls = await scalar(c, 'SELECT AVG(note IS NULL) FROM orders');
    expect(noteNulls).toBeGreaterThan(NOTE_NULLS - 0.04);
    expect(noteNulls).toBeLessThan(NOTE_NULLS + 0.04);
    expect(await scalar(c, 'SELECT AVG(CHAR_LENGTH(note)) FROM orders')).toBeGreaterThan(25);
    // Bytes through UNHEX and bits through CAST arrive intact.
    expect(await scalar(c, 'SELECT COUNT(DISTINCT checksum) FROM products')).toBe(400);
    expect(await scalar(c, 'SELECT MAX(bits + 0) FROM products')).toBeLessThanOrEqual(31);
  });

  it('the INSERT fallback writes the same rows as LOAD DATA, and is used when LOCAL is refused', async () => {
    const c = db().conn;
    await c.query("CREATE TABLE fb_a (id INT PRIMARY KEY, v VARCHAR(30) NULL, b VARBINARY(8) NULL, d DECIMAL(8,3) NOT NULL, t DATETIME(2) NOT NULL, e SET('x','y','z') NOT NULL)");
    await c.query('CREATE TABLE fb_b LIKE fb_a');
    const stats: ColumnStats[] = [{ column: 'v', sampledRows: 100, nullFraction: 0.2, distinct: 5, sampleDistinct: 5, min: null, max: null, avgLength: 6, minLength: 2, maxLength: 12, topValues: [{ value: "it's a\ttab\\", fraction: 0.3 }] }];
    const defOf = async (name: string): Promise<SchemaTable> => {
      const [rows] = await c.query<mysql.RowDataPacket[]>(`SHOW CREATE TABLE ${name}`);
      return schemaFromFile(String(rows[0]!['Create Table']), name, new Map([[name, 700]])).tables[0]!;
    };
    const a = planTables([{ definition: (await defOf('fb_a')).definition, rows: 700, stats, sourceRows: 700 }], { seed: 3 })[0]!;
    const b = planTables([{ definition: (await defOf('fb_b')).definition, rows: 700, stats, sourceRows: 700 }], { seed: 3 })[0]!;
    expect((await loadTable(c, a, { method: 'load-data' })).rows).toBe(700);
    // A client that does not offer LOCAL: the server refuses before any row is sent, so auto falls back.
    const u = parseServerUrl(db().url);
    const noLocal = await mysql2.createConnection({ host: u.host, port: u.port, user: u.user, password: u.password, database: u.database!, flags: ['-LOCAL_FILES'], dateStrings: true });
    try {
      const r = await loadTable(noLocal, { ...b, columns: b.columns.map((g, x) => ({ ...g, value: a.columns[x]!.value })) }, { insertRows: 128 });
      expect(r.method).toBe('insert');
      expect(r.fallbackReason).not.toBeNull();
      expect(r.rows).toBe(700);
    } finally {
      await noLocal.end();
    }
    const digest = (t: string): string => `SELECT COUNT(*) AS n, SUM(CRC32(CONCAT_WS('|', id, IFNULL(v, 'NULL'), IFNULL(HEX(b), 'NULL'), d, t, e))) AS h FROM ${t}`;
    const [[ra], [rb]] = [(await c.query<mysql.RowDataPacket[]>(digest('fb_a')))[0], (await c.query<mysql.RowDataPacket[]>(digest('fb_b')))[0]];
    expect(ra).toEqual(rb);
    expect(await scalar(c, "SELECT COUNT(*) FROM fb_a WHERE v = 'it''s a\ttab\\\\'")).toBeGreaterThan(100);
  });

  it('reports rows the server refused instead of passing over them (LOCAL means IGNORE)', async () => {
    const c = db().conn;
    await c.query('CREATE TABLE dup (id INT PRIMARY KEY, g INT AS (id % 3) STORED, UNIQUE KEY (g))');
    const def = schemaFromFile('CREATE TABLE dup (id INT PRIMARY KEY, g INT AS (id % 3) STORED, UNIQUE KEY (g))', 'dup.sql', new Map([['dup', 10]])).tables[0]!;
    const plan = planTables([{ definition: def.definition, rows: 10 }])[0]!;
    expect(plan.keysGuaranteed).toBe(false);
    await expect(loadTable(c, plan)).rejects.toThrow(/gave 3 rows and 7 warnings.*1062/s);
    expect(Number((await c.query<mysql.RowDataPacket[]>('SELECT @@SESSION.unique_checks AS u'))[0][0]!['u'])).toBe(1);
  });

  it('replaces a collation the server does not know, with a warning', async () => {
    const sql = 'CREATE TABLE coll (id INT PRIMARY KEY, v VARCHAR(10)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci';
    const warnings = await applySchema(db().conn, schemaFromFile(sql, 'coll.sql', new Map([['coll', 1]])).tables);
    const [rows] = await db().conn.query<mysql.RowDataPacket[]>("SELECT TABLE_COLLATION AS c FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'coll'");
    if (db().version.flavor === 'mysql') {
      expect(warnings).toEqual([]);
      expect(rows[0]!['c']).toBe('utf8mb4_0900_ai_ci');
    } else {
      expect(warnings.join('\n')).toMatch(/collation utf8mb4_0900_ai_ci does not exist on the shadow's server; utf8mb4_\w+ is used instead/);
      expect(rows[0]!['c']).not.toBe('utf8mb4_0900_ai_ci');
    }
  });

  it('from the target: shapes are sampled, no production value is copied, the shadow is private', async () => {
    const c = db().conn;
    await c.query(`CREATE TABLE accounts (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, email VARCHAR(60) NOT NULL UNIQUE,
      plan VARCHAR(12) NOT NULL, note VARCHAR(40) NULL, KEY (plan))`);
    const rows = Array.from({ length: 4000 }, (_, i) => `('person${i}@corp.example', '${i % 10 < 8 ? 'basic' : i % 2 ? 'gold' : 'silver'}', ${i % 10 < 3 ? 'NULL' : `'note ${i}'`})`);
    await c.query(`INSERT INTO accounts (email, plan, note) VALUES ${rows.join(', ')}`);
    // The target is read through a user that may do nothing but SELECT.
    const user = `dd_ro_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(8).toString('hex');
    await c.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
    await c.query(`GRANT SELECT ON \`${db().database}\`.* TO '${user}'@'%'`);
    const targetUrl = formatServerUrl({ ...parseServerUrl(db().url), user, password });
    const session = await connectTarget(targetUrl);
    try {
      const source = await schemaFromTarget(session, ['accounts'], { sampleOptions: { sampleRows: 2000 } });
      // CI puts MySQL's binaries on PATH for a MySQL target; otherwise the machine's MariaDB serves.
      const bindir = process.env['DRYDOCK_TEST_MYSQL_BINDIR'];
      const searchPath = db().version.flavor === 'mysql' && bindir ? `${bindir}${delimiter}${process.env['PATH'] ?? ''}` : (process.env['PATH'] ?? '');
      await withShadow({ shadow: 'auto', target: targetUrl, searchPath }, async (shadow) => {
        const result = await buildShadow(shadow, source, { budgetRows: 2000, seed: 11 });
        expect(result.tables[0]).toMatchObject({ rows: 2000, sourceRows: 4000, scale: 2, method: 'load-data' });
        const s = await shadow.connect();
        try {
          const basic = await scalar(s, "SELECT AVG(plan = 'basic') FROM accounts");
          expect(basic).toBeGreaterThan(0.75);
          expect(basic).toBeLessThan(0.85);
          expect(await scalar(s, 'SELECT COUNT(DISTINCT plan) FROM accounts')).toBeLessThanOrEqual(3);
          const nulls = await scalar(s, 'SELECT AVG(note IS NULL) FROM accounts');
          expect(nulls).toBeGreaterThan(0.25);
          expect(nulls).toBeLessThan(0.35);
          expect(await scalar(s, 'SELECT COUNT(DISTINCT email) FROM accounts')).toBe(2000);
          // Emails and notes are synthetic: none equals a production value.
          const [emails] = await s.query<mysql.RowDataPacket[]>("SELECT COUNT(*) AS n FROM accounts WHERE email LIKE 'person%@corp.example' OR note LIKE 'note %'");
          expect(Number(emails[0]!['n'])).toBe(0);
        } finally {
          await s.end();
        }
      });
    } finally {
      await session.conn.end();
      await c.query(`DROP USER IF EXISTS '${user}'@'%'`);
    }
  });
});
