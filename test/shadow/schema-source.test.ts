import { describe, expect, it } from 'vitest';
import { parseServerVersion } from '../../src/db/connection.js';
import { boundedSelect } from '../../src/db/introspect.js';
import { registerCleanup, runCleanups } from '../../src/shadow/cleanup.js';
import { schemaFromFile } from '../../src/shadow/schema-source.js';

describe('schemaFromFile', () => {
  const dump = `
    SET NAMES utf8mb4;
    DROP TABLE IF EXISTS \`app\`.\`orders\`;
    CREATE TABLE \`app\`.\`orders\` (id INT PRIMARY KEY, user_id INT NOT NULL);
    CREATE TABLE IF NOT EXISTS app.users (id INT PRIMARY KEY);
    CREATE TABLE copy LIKE users;
    INSERT INTO users VALUES (1);`;

  it('takes CREATE TABLE statements, drops schema qualifiers and sizes tables', () => {
    const src = schemaFromFile(dump, 'dump.sql', new Map([['orders', 9_000_000], ['ghost', 5]]), { defaultRows: 10 });
    expect(src.tables.map((t) => [t.definition.table, t.rows])).toEqual([
      [{ schema: null, name: 'orders' }, 9_000_000],
      [{ schema: null, name: 'users' }, 10],
    ]);
    expect(src.tables[0]!.createSql).toMatch(/^CREATE TABLE `orders` \(/);
    expect(src.tables[1]!.createSql).toMatch(/^CREATE TABLE IF NOT EXISTS users \(/);
    const w = src.warnings.join('\n');
    expect(w).toMatch(/no size given for table users: using 10 rows/);
    expect(w).toMatch(/a size is given for ghost/);
    expect(w).toMatch(/CREATE TABLE copy LIKE is not used/);
  });

  it('builds only the tables the migrations touch, their children and, transitively, their parents', () => {
    const shop = `
      CREATE TABLE country (id INT PRIMARY KEY);
      CREATE TABLE users (id INT PRIMARY KEY, country_id INT, FOREIGN KEY (country_id) REFERENCES country (id));
      CREATE TABLE orders (id INT PRIMARY KEY, user_id INT, FOREIGN KEY (user_id) REFERENCES users (id));
      CREATE TABLE order_items (id INT PRIMARY KEY, order_id INT, FOREIGN KEY (order_id) REFERENCES orders (id));
      CREATE TABLE item_notes (id INT PRIMARY KEY, item_id INT, FOREIGN KEY (item_id) REFERENCES order_items (id));
      CREATE TABLE audit (id INT PRIMARY KEY);
      CREATE TABLE sessions (id INT PRIMARY KEY, user_id INT, FOREIGN KEY (user_id) REFERENCES users (id));`;
    const sizes = new Map([['audit', 5_000_000], ['orders', 1000]]);
    const src = schemaFromFile(shop, 'shop.sql', sizes, { touched: ['Orders'], defaultRows: 10 });
    // orders; order_items references it; users and country are what orders references in turn.
    // sessions references users and item_notes order_items, which the migrations do not touch: not needed.
    expect(src.tables.map((t) => t.definition.table.name).sort()).toEqual(['country', 'order_items', 'orders', 'users']);
    // A size for a table left out is not a mistake; no size for one left out is not worth a warning.
    expect(src.warnings.join('\n')).not.toMatch(/audit|sessions|item_notes/);
    expect(schemaFromFile(shop, 'shop.sql', sizes, { defaultRows: 10 }).tables).toHaveLength(7);
  });

  it('refuses a file without tables', () => {
    expect(() => schemaFromFile('SELECT 1;', 'x.sql', new Map())).toThrow(/has no CREATE TABLE/);
  });
});

describe('boundedSelect', () => {
  it('writes the time limit into the statement for each flavor', () => {
    const maria = { version: parseServerVersion('10.11.19-MariaDB'), statementTimeoutMs: 5000 };
    const mysql = { version: parseServerVersion('8.0.36'), statementTimeoutMs: 5000 };
    expect(boundedSelect(maria, 'SELECT 1')).toBe('SET STATEMENT max_statement_time=5.000 FOR SELECT 1');
    expect(boundedSelect(mysql, ' select 1', 250)).toBe('SELECT /*+ MAX_EXECUTION_TIME(250) */ 1');
    expect(() => boundedSelect(mysql, 'DELETE FROM t')).toThrow(/takes a SELECT/);
  });
});

describe('cleanup registry', () => {
  it('runs async then sync cleanups once; unregistered entries are skipped', async () => {
    const log: string[] = [];
    registerCleanup({ async: async () => void log.push('async'), sync: () => void log.push('sync') });
    const off = registerCleanup({ sync: () => void log.push('never') });
    off();
    await runCleanups();
    await runCleanups();
    expect(log).toEqual(['async', 'sync']);
  });

  it('does not wait forever for a hung async cleanup', async () => {
    const log: string[] = [];
    registerCleanup({ async: () => new Promise<void>(() => {}), sync: () => void log.push('sync') });
    const t0 = Date.now();
    await runCleanups(200);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(log).toEqual(['sync']);
  });
});
