import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSql } from '../../src/parser/parse.js';
import type { CreateTableOperation } from '../../src/parser/statement.js';
import type { ColumnStats } from '../../src/db/introspect.js';
import { literalDefault, planTables, scaleDistinct, type TablePlan } from '../../src/shadow/synthesize.js';
import { base36, base36Width, below, hash, permutation, poolText } from '../../src/shadow/value-space.js';
import { budgetRows } from '../../src/shadow/seed.js';
import { parseRowsArgs, parseSizesText, schemaFromFile } from '../../src/shadow/schema-source.js';
import { loadDataStatement, tsvChunks } from '../../src/shadow/load.js';

const table = (sql: string): CreateTableOperation => {
  const op = parseSql(sql, 't.sql')[0]!.operation;
  if (op.kind !== 'create-table') throw new Error('not a CREATE TABLE');
  return op;
};
const values = (plan: TablePlan, column: string, n = plan.rows): (string | null)[] => {
  const g = plan.columns.find((c) => c.name === column)!;
  return Array.from({ length: n }, (_, i) => g.value(i));
};

describe('value space', () => {
  it('hash is deterministic and spreads', () => {
    expect(hash(7, 123)).toBe(hash(7, 123));
    expect(hash(7, 123)).not.toBe(hash(8, 123));
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) buckets[below(99, i, 10)]++;
    for (const b of buckets) expect(b).toBeGreaterThan(850);
  });

  it('permutation is a bijection', () => {
    for (const n of [1, 2, 7, 1000, 524287 * 2]) {
      const p = permutation(n, 12345);
      const seen = new Set<number>();
      const m = Math.min(n, 5000);
      for (let i = 0; i < m; i++) seen.add(p(i));
      expect(seen.size).toBe(m);
      for (const v of seen) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThan(n);
      }
    }
  });

  it('base36 has fixed width and round-trips', () => {
    expect(base36Width(36)).toBe(1);
    expect(base36Width(37)).toBe(2);
    for (const k of [0, 35, 36, 1295, 1296, 46655, 1_000_000]) {
      const s = base36(k, 5);
      expect(s).toHaveLength(5);
      expect(parseInt(s, 36)).toBe(k);
    }
    expect(base36(40, 1)).toBe(base36(4, 1));
  });

  it('pool text has the asked length and no tab, newline, backslash or leading space', () => {
    for (const len of [0, 1, 5, 64, 3000, 100_000]) {
      const s = poolText(hash(1, len), len);
      expect(s).toHaveLength(len);
      expect(/[\t\n\\]/.test(s)).toBe(false);
      if (len > 0) expect(s[0]).not.toBe(' ');
    }
  });
});

describe('planTables', () => {
  const def = table(`CREATE TABLE t (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code VARCHAR(8) NOT NULL,
    small TINYINT NOT NULL,
    price DECIMAL(6,2) UNSIGNED NOT NULL,
    kind ENUM('a','b','c') NOT NULL,
    tags SET('x','y') NULL,
    day DATE NULL,
    ts TIMESTAMP(2) NOT NULL,
    flag TINYINT(1) NOT NULL,
    bin VARBINARY(10) NULL,
    doc JSON NULL,
    gen INT AS (id * 2) STORED,
    UNIQUE KEY uq_code (code)
  )`);

  it('is deterministic for a seed and differs between seeds', () => {
    const a = planTables([{ definition: def, rows: 500 }], { seed: 1 })[0]!;
    const b = planTables([{ definition: def, rows: 500 }], { seed: 1 })[0]!;
    const c = planTables([{ definition: def, rows: 500 }], { seed: 2 })[0]!;
    expect(values(a, 'code')).toEqual(values(b, 'code'));
    expect(values(a, 'code')).not.toEqual(values(c, 'code'));
  });

  it('skips generated columns and respects types, lengths and ranges', () => {
    const p = planTables([{ definition: def, rows: 2000 }], { seed: 3 })[0]!;
    expect(p.columns.map((c) => c.name)).not.toContain('gen');
    expect(p.skippedColumns.map((s) => s.name)).toEqual(['gen']);
    expect(values(p, 'id').slice(0, 3)).toEqual(['1', '2', '3']);
    const codes = values(p, 'code');
    expect(new Set(codes).size).toBe(2000);
    for (const c of codes) expect(c!.length).toBeLessThanOrEqual(8);
    const small = values(p, 'small').map(Number);
    expect(Math.min(...small)).toBeGreaterThanOrEqual(-128);
    expect(Math.max(...small)).toBeLessThanOrEqual(127);
    for (const v of values(p, 'price')) expect(v).toMatch(/^\d{1,4}\.\d\d$/);
    for (const v of values(p, 'kind')) expect(['a', 'b', 'c']).toContain(v);
    for (const v of values(p, 'tags')) if (v !== null) expect(v.split(',').filter(Boolean).every((x) => ['x', 'y'].includes(x))).toBe(true);
    for (const v of values(p, 'ts')) {
      expect(v).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d\d$/);
      expect(v! >= '1970-01-01 00:00:01' && v! <= '2038-01-19 03:14:07').toBe(true);
    }
    expect(new Set(values(p, 'flag'))).toEqual(new Set(['0', '1']));
    for (const v of values(p, 'bin')) if (v !== null) expect(v).toMatch(/^([0-9a-f]{2}){1,10}$/);
    for (const v of values(p, 'doc')) if (v !== null) expect(() => JSON.parse(v)).not.toThrow();
    expect(p.columns.find((c) => c.name === 'bin')!.wrap).toBe('UNHEX(?)');
    // NOT NULL columns never get NULL; nullable ones do, at about the default share.
    expect(values(p, 'ts').includes(null)).toBe(false);
    const nulls = values(p, 'day').filter((v) => v === null).length / 2000;
    expect(nulls).toBeGreaterThan(0.05);
    expect(nulls).toBeLessThan(0.15);
  });

  it('spreads an integer primary key over the sampled key range, in ascending order', () => {
    const d = table('CREATE TABLE e (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, v INT NOT NULL)');
    const idStats: ColumnStats = { column: 'id', sampledRows: 10_000, nullFraction: 0, distinct: 1_000_000, sampleDistinct: 10_000, min: '1', max: '1000000', avgLength: null, minLength: null, maxLength: null, topValues: [] };
    const p = planTables([{ definition: d, rows: 10_000, stats: [idStats], sourceRows: 1_000_000 }], { seed: 3 })[0]!;
    const ids = values(p, 'id').map(Number);
    expect(ids[0]).toBe(1);
    for (let i = 1; i < ids.length; i++) expect(ids[i]!).toBeGreaterThan(ids[i - 1]!);
    expect(ids[ids.length - 1]!).toBeLessThanOrEqual(1_000_000);
    // A range on the key selects the share of rows it selects in production.
    expect(ids.filter((x) => x <= 100_000).length / ids.length).toBeCloseTo(0.1, 2);
    // Without a sample (offline), or at production size, the keys are 1, 2, 3, …
    const offline = planTables([{ definition: d, rows: 1000 }], { seed: 3 })[0]!;
    expect(values(offline, 'id').slice(0, 3)).toEqual(['1', '2', '3']);
    const full = planTables([{ definition: d, rows: 1_000_000, stats: [idStats], sourceRows: 1_000_000 }], { seed: 3 })[0]!;
    expect(values(full, 'id', 3)).toEqual(['1', '2', '3']);
  });

  it('follows sampled stats: null fraction, distinct count, range, top-value skew', () => {
    const d = table('CREATE TABLE s (id BIGINT NOT NULL PRIMARY KEY, status VARCHAR(12) NULL, qty INT NOT NULL)');
    const stats: ColumnStats[] = [
      { column: 'status', sampledRows: 1000, nullFraction: 0.2, distinct: 6, sampleDistinct: 6, min: null, max: null, avgLength: 5, minLength: 3, maxLength: 9, topValues: [{ value: 'paid', fraction: 0.6 }] },
      { column: 'qty', sampledRows: 1000, nullFraction: 0, distinct: 50, sampleDistinct: 50, min: '10', max: '500', avgLength: null, minLength: null, maxLength: null, topValues: [] },
    ];
    const p = planTables([{ definition: d, rows: 20_000, stats, sourceRows: 1_000_000 }], { seed: 5 })[0]!;
    const status = values(p, 'status');
    const share = (v: string | null): number => status.filter((x) => x === v).length / status.length;
    expect(share(null)).toBeCloseTo(0.2, 1);
    expect(share('paid')).toBeCloseTo(0.6, 1);
    expect(new Set(status.filter((v) => v !== null)).size).toBeLessThanOrEqual(6);
    const qty = values(p, 'qty').map(Number);
    expect(Math.min(...qty)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...qty)).toBeLessThanOrEqual(500);
    expect(new Set(qty).size).toBeLessThanOrEqual(50);
    expect(new Set(qty).size).toBeGreaterThan(40);
  });

  it('children reference generated parents; composite keys stay unique; self-references point back', () => {
    const src = schemaFromFile(readFileSync(new URL('./varied-schema.sql', import.meta.url), 'utf8'), 'varied-schema.sql', new Map([
      ['customers', 300], ['products', 50], ['orders', 800], ['order_lines', 2000], ['favourites', 1000], ['shipments', 700],
    ]));
    const plans = planTables(src.tables.map((t) => ({ definition: t.definition, rows: t.rows })), { seed: 9 });
    expect(plans.map((p) => p.table.name)).toEqual(['customers', 'products', 'orders', 'order_lines', 'favourites', 'shipments']);
    const by = new Map(plans.map((p) => [p.table.name, p]));
    const customerIds = new Set(values(by.get('customers')!, 'id'));
    for (const v of values(by.get('orders')!, 'customer_id')) expect(customerIds.has(v)).toBe(true);
    const ref = values(by.get('customers')!, 'referrer_id');
    ref.forEach((v, i) => v !== null && expect(Number(v)).toBeLessThanOrEqual(i + 1));
    const lines = by.get('order_lines')!;
    const lineNo = values(lines, 'line_no');
    const pairs = values(lines, 'order_id').map((o, i) => `${o}/${lineNo[i]}`);
    expect(new Set(pairs).size).toBe(lines.rows);
    const titles = values(by.get('products')!, 'title');
    expect(new Set(titles.map((t) => t!.slice(0, 6))).size).toBe(titles.length); // unique on a 6-character prefix
    const skus = new Set(values(by.get('products')!, 'sku'));
    for (const v of values(lines, 'sku')) expect(skus.has(v)).toBe(true);
    const fav = by.get('favourites')!;
    const favPairs = values(fav, 'customer_id').map((c, i) => `${c}/${fav.columns.find((g) => g.name === 'sku')!.value(i)}`);
    expect(new Set(favPairs).size).toBe(fav.rows);
    const ship = by.get('shipments')!;
    const linePairs = new Set(pairs);
    values(ship, 'order_id').forEach((o, i) => expect(linePairs.has(`${o}/${ship.columns.find((g) => g.name === 'line_no')!.value(i)}`)).toBe(true));
    const tracking = values(ship, 'carrier').map((c, i) => `${c}/${ship.columns.find((g) => g.name === 'tracking')!.value(i)}`);
    expect(new Set(tracking).size).toBe(ship.rows);
  });

  it('promises unique keys only when it builds them', () => {
    expect(planTables([{ definition: table('CREATE TABLE a (id INT PRIMARY KEY, e VARCHAR(9), UNIQUE KEY (e))'), rows: 10 }])[0]!.keysGuaranteed).toBe(true);
    expect(planTables([{ definition: table('CREATE TABLE b (id INT PRIMARY KEY, e VARCHAR(9), g INT AS (id % 3), UNIQUE KEY (g))'), rows: 10 }])[0]!.keysGuaranteed).toBe(false);
  });

  it('lowers the row count when a unique key cannot hold that many values', () => {
    const d = table("CREATE TABLE tiny (code CHAR(1) NOT NULL PRIMARY KEY, e ENUM('a','b') NOT NULL, UNIQUE KEY (e))");
    const p = planTables([{ definition: d, rows: 100 }])[0]!;
    expect(p.rows).toBe(2);
    expect(p.warnings.join(' ')).toMatch(/holds only 2 distinct values/);
  });

  it('gives a parent at least one row when a child has rows', () => {
    const parent = table('CREATE TABLE p (id INT NOT NULL PRIMARY KEY)');
    const child = table('CREATE TABLE c (id INT NOT NULL PRIMARY KEY, p_id INT NOT NULL, FOREIGN KEY (p_id) REFERENCES p (id))');
    const plans = planTables([{ definition: child, rows: 10 }, { definition: parent, rows: 0 }]);
    expect(plans[0]!.table.name).toBe('p');
    expect(plans[0]!.rows).toBe(1);
    expect(new Set(values(plans[1]!, 'p_id'))).toEqual(new Set(['1']));
  });
});

describe('load format', () => {
  it('escapes tabs, newlines and backslashes from sampled values and writes \\N for NULL', () => {
    const d = table('CREATE TABLE e (id INT NOT NULL PRIMARY KEY, v VARCHAR(20) NULL)');
    const stats: ColumnStats[] = [{ column: 'v', sampledRows: 10, nullFraction: 0.5, distinct: 1, sampleDistinct: 1, min: null, max: null, avgLength: 3, minLength: 3, maxLength: 3, topValues: [{ value: 'a\tb\\', fraction: 0.5 }] }];
    const p = planTables([{ definition: d, rows: 50, stats, sourceRows: 50 }])[0]!;
    const text = Buffer.concat([...tsvChunks(p.columns, 0, p.rows, 7)]).toString('utf8');
    const lines = text.split('\n').filter(Boolean);
    expect(lines).toHaveLength(50);
    expect(lines.some((l) => l.endsWith('\t\\N'))).toBe(true);
    expect(lines.some((l) => l.endsWith('\ta\\tb\\\\'))).toBe(true);
    expect(loadDataStatement(p)).toMatch(/^LOAD DATA LOCAL INFILE .* INTO TABLE `e` .*\(`id`, `v`\)$/);
  });
});

describe('sizes and budget', () => {
  it('parses --rows and sizes files', () => {
    expect(parseRowsArgs(['orders=9000000', 'items=2.5k,users=3M'])).toEqual(new Map([['orders', 9_000_000], ['items', 2500], ['users', 3_000_000]]));
    expect(() => parseRowsArgs(['orders'])).toThrow(/TABLE=N/);
    expect(parseSizesText('{"Orders": 12}', 'f.json')).toEqual(new Map([['orders', 12]]));
    expect(parseSizesText('# sizes\norders = 5 # big\nusers=1k\n', 'f.txt')).toEqual(new Map([['orders', 5], ['users', 1000]]));
    expect(() => parseSizesText('{"a": -1}', 'f.json')).toThrow(/non-negative/);
  });

  it('keeps small tables whole and scales the big ones into the budget', () => {
    const [small, big, mid] = budgetRows([10, 9_000_000, 1_000_000], 100_000);
    expect(small).toBe(10);
    expect(small! + big! + mid!).toBeLessThanOrEqual(100_000);
    expect(small! + big! + mid!).toBeGreaterThan(99_900);
    expect(big! / mid!).toBeCloseTo(9, 2);
    expect(budgetRows([10, 20], 100_000)).toEqual([10, 20]);
    expect(budgetRows([5_000_000], undefined)).toEqual([5_000_000]);
  });

  it('scales distinct counts: near-unique columns with the table, categories not', () => {
    expect(scaleDistinct(900_000, 1_000_000, 10_000)).toBe(9000);
    expect(scaleDistinct(12, 1_000_000, 10_000)).toBe(12);
    expect(scaleDistinct(50, null, 20)).toBe(20);
  });

  it('reads literal defaults only', () => {
    expect(literalDefault("'new'")).toBe('new');
    expect(literalDefault("'it''s'")).toBe("it's");
    expect(literalDefault('0')).toBe('0');
    expect(literalDefault('NULL')).toBeNull();
    expect(literalDefault('current_timestamp()')).toBeNull();
  });
});
