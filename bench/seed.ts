// Seeding benchmark: drydock's path (generate rows from the table definition and stream them
// through LOAD DATA LOCAL) against the ceiling, LOAD DATA LOCAL of a ready-made file holding the
// very same rows, on the same server and table. Three runs each, alternating; medians reported.
//
//   npx tsx bench/seed.ts                      (MariaDB on 127.0.0.1:3306, MySQL on :3308 if it answers)
//   BENCH_ROWS=200000 npx tsx bench/seed.ts    (smaller run)
//   DRYDOCK_BENCH_URLS=mysql://root@host:3306,mysql://root@host:3308 npx tsx bench/seed.ts
//   DRYDOCK_BENCH_PRIVATE=1 npx tsx bench/seed.ts   (also on private servers as --shadow auto starts
//                                                    them; MySQL too when DRYDOCK_TEST_MYSQL_BINDIR is set)
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type mysql from 'mysql2/promise';
import { connect, detectServer, formatServerUrl, parseServerUrl, type Connection } from '../src/db/connection.js';
import { parseSql } from '../src/parser/parse.js';
import type { CreateTableOperation } from '../src/parser/statement.js';
import { loadDataStatement, tsvChunks } from '../src/shadow/load.js';
import { seedShadow } from '../src/shadow/seed.js';
import { startPrivateServer } from '../src/shadow/server.js';
import { planTables } from '../src/shadow/synthesize.js';

const ROWS = Number(process.env['BENCH_ROWS'] ?? 1_000_000);
const RUNS = 3;
const DB = 'drydock_bench_seed';
const TABLE_SQL = `CREATE TABLE orders (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  user_id INT UNSIGNED NOT NULL,
  status ENUM('new','paid','shipped','cancelled','refunded') NOT NULL DEFAULT 'new',
  amount DECIMAL(12,2) NOT NULL,
  created_at DATETIME NOT NULL,
  email VARCHAR(100) NOT NULL,
  note VARCHAR(64) NULL,
  PRIMARY KEY (id),
  KEY idx_user (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`;

interface Outcome {
  readonly server: string;
  readonly seedRates: number[];
  readonly ceilingRates: number[];
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function relax(conn: Connection): Promise<void> {
  // The same session settings drydock's load uses, so the ceiling is measured under equal terms.
  await conn.query('SET SESSION unique_checks = 0');
  await conn.query('SET SESSION foreign_key_checks = 0');
  await conn.query('SET SESSION sql_log_bin = 0').catch(() => {});
}

async function benchServer(baseUrl: string, label = ''): Promise<Outcome | null> {
  let admin: Connection;
  try {
    admin = await connect(baseUrl, { connectTimeoutMs: 3000 });
  } catch {
    console.error(`skipping ${baseUrl}: no answer`);
    return null;
  }
  const version = await detectServer(admin);
  await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
  const conn = await connect(formatServerUrl(parseServerUrl(baseUrl), DB));
  const file = join(tmpdir(), `drydock-bench-seed-${process.pid}.tsv`);
  try {
    await conn.query(TABLE_SQL);
    const definition = parseSql(TABLE_SQL, 'bench.sql')[0]!.operation as CreateTableOperation;
    const plan = planTables([{ definition, rows: ROWS }], { seed: 42 })[0]!;

    // The ceiling's input: the very rows drydock generates, written once to a file (not timed).
    const out = createWriteStream(file);
    for (const chunk of tsvChunks(plan.columns, 0, plan.rows, 20_000)) if (!out.write(chunk)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');

    const seedRates: number[] = [];
    const ceilingRates: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await conn.query('TRUNCATE TABLE orders');
      await relax(conn);
      let t0 = process.hrtime.bigint();
      const [header] = await conn.query<mysql.ResultSetHeader>({ sql: loadDataStatement(plan), infileStreamFactory: () => createReadStream(file) });
      let ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (header.affectedRows !== ROWS || header.warningStatus) throw new Error(`ceiling load: ${header.info}`);
      ceilingRates.push((ROWS * 1000) / ms);

      await conn.query('TRUNCATE TABLE orders');
      t0 = process.hrtime.bigint();
      const result = await seedShadow(conn, [{ definition, createSql: TABLE_SQL, rows: ROWS, stats: null, snapshot: null }], { seed: 42, analyze: false });
      ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (result.rows !== ROWS || result.tables[0]?.method !== 'load-data') throw new Error('seeding did not use LOAD DATA');
      seedRates.push((ROWS * 1000) / ms);
      console.error(`${version.raw} run ${run + 1}: ceiling ${Math.round(ceilingRates.at(-1)!)} rows/s, drydock ${Math.round(seedRates.at(-1)!)} rows/s`);
    }
    const [check] = await conn.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n, COUNT(DISTINCT user_id) AS u FROM orders');
    console.error(`check: ${check[0]?.['n']} rows, ${check[0]?.['u']} distinct user_id`);
    return { server: `${version.flavor === 'mysql' ? 'MySQL' : 'MariaDB'} ${version.raw}${label}`, seedRates, ceilingRates };
  } finally {
    rmSync(file, { force: true });
    await conn.query(`DROP DATABASE IF EXISTS ${DB}`).catch(() => {});
    await conn.end().catch(() => {});
  }
}

const urls = (process.env['DRYDOCK_BENCH_URLS'] ?? 'mysql://root@127.0.0.1:3306,mysql://root@127.0.0.1:3308').split(',');
const outcomes: Outcome[] = [];
for (const url of urls) {
  const o = await benchServer(url.trim());
  if (o) outcomes.push(o);
}
if (process.env['DRYDOCK_BENCH_PRIVATE']) {
  const bindir = process.env['DRYDOCK_TEST_MYSQL_BINDIR'];
  const flavors: ['mariadb' | 'mysql', string][] = [['mariadb', process.env['PATH'] ?? '']];
  if (bindir) flavors.push(['mysql', `${bindir}${delimiter}${process.env['PATH'] ?? ''}`]);
  for (const [flavor, searchPath] of flavors) {
    const server = await startPrivateServer({ flavor, searchPath });
    try {
      const o = await benchServer(server.url, ' (private, as --shadow auto starts it)');
      if (o) outcomes.push(o);
    } finally {
      await server.stop();
    }
  }
}
const k = (n: number): string => Math.round(n).toLocaleString('en-US');
console.log(`| server | rows | drydock seeding (median of ${RUNS}) | LOAD DATA LOCAL of a ready file (median of ${RUNS}) | ratio |`);
console.log('|---|---|---|---|---|');
for (const o of outcomes) {
  const s = median(o.seedRates);
  const c = median(o.ceilingRates);
  console.log(`| ${o.server} | ${k(ROWS)} | ${k(s)} rows/s (runs: ${o.seedRates.map(k).join(', ')}) | ${k(c)} rows/s (runs: ${o.ceilingRates.map(k).join(', ')}) | **${(s / c).toFixed(2)}** |`);
}
