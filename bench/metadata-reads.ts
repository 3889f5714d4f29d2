// How many pages a metadata-only ALTER reads, and how long it takes, on a small and a large copy of
// the bench's events table in the same server: the question behind metadataPoolWeight
// (src/estimate/extrapolate.ts). Each run makes a fresh copy of the first N rows of a source
// table, lets the server write its dirty pages back (as the accuracy bench does before an actual
// run), prints the copy's size and how many of its pages the pool holds per index, then times the
// statement with the plan's probes and prints InnoDB's read counters around it.
//
// Run: npx tsx bench/metadata-reads.ts [--url mysql://root@127.0.0.1:3306] [--sizes 100000,1000000] [--rounds 3] [--kinds widen,dropidx,…]
// Works on a test server (creates and drops the database dd_metadata_reads); reads
// information_schema.INNODB_BUFFER_PAGE, which scans the whole pool: never on production.
import { parseArgs } from 'node:util';
import type mysql from 'mysql2/promise';
import { connect, formatServerUrl, parseServerUrl } from '../src/db/connection.js';
import { parseSql } from '../src/parser/parse.js';
import { flushDirtyPages } from '../src/shadow/dry-run.js';
import { loadTable } from '../src/shadow/load.js';
import { measureStatement } from '../src/shadow/probe.js';
import { planTables } from '../src/shadow/synthesize.js';
import { TABLE } from './events-table.js';
import { globalStatus } from './server-state.js';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'mysql://root@127.0.0.1:3306' },
    rounds: { type: 'string', default: '3' },
    sizes: { type: 'string', default: '100000,1000000' },
    kinds: { type: 'string' },
  },
});

/** The accuracy bench's metadata-only kinds. */
const STATEMENTS: Record<string, string> = {
  widen: "ALTER TABLE events MODIFY status VARCHAR(32) NOT NULL DEFAULT 'new'",
  dropidx: 'ALTER TABLE events DROP INDEX created_at',
  rename: 'ALTER TABLE events RENAME COLUMN title TO headline',
  addcol: 'ALTER TABLE events ADD COLUMN note VARCHAR(20) NULL',
  dropcol: 'ALTER TABLE events DROP COLUMN payload',
};
const DB = 'dd_metadata_reads';
const COUNTERS = ['Innodb_buffer_pool_reads', 'Innodb_buffer_pool_read_requests'];

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const kinds = args.kinds ? args.kinds.split(',') : Object.keys(STATEMENTS);
  const unknown = kinds.filter((k) => !(k in STATEMENTS));
  if (unknown.length > 0) throw new Error(`unknown kind ${unknown.join(', ')}; known: ${Object.keys(STATEMENTS).join(', ')}`);
  const sizes = args.sizes!.split(',').map(Number);
  const admin = await connect(args.url!);
  await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
  await admin.query(`CREATE DATABASE ${DB}`);
  const url = formatServerUrl(parseServerUrl(args.url!), DB);
  const conn = await connect(url);
  try {
    const sourceSql = TABLE.replace(/CREATE TABLE events/i, 'CREATE TABLE source_rows');
    await conn.query(sourceSql);
    const def = parseSql(sourceSql, 'source.sql')[0]!.operation;
    if (def.kind !== 'create-table') throw new Error('bench table did not parse');
    const [plan] = planTables([{ definition: def, rows: Math.max(...sizes) }], { seed: 7 });
    await loadTable(conn, plan!);

    const results = new Map<string, { ms: number[]; reads: number[]; requests: number[] }>();
    for (let round = 0; round < Number(args.rounds); round++) {
      for (const kind of kinds) {
        for (const rows of sizes) {
          await conn.query('DROP TABLE IF EXISTS events');
          await conn.query(TABLE);
          await conn.query(`INSERT INTO events SELECT * FROM source_rows ORDER BY id LIMIT ${rows}`);
          await conn.query('ANALYZE TABLE events');
          await flushDirtyPages(args.url!, 120_000);
          await new Promise((r) => setTimeout(r, 1000));
          const [size] = await conn.query<mysql.RowDataPacket[]>(`SELECT ROUND((data_length + index_length) / 1048576) AS mb FROM information_schema.tables WHERE table_schema = ? AND table_name = 'events'`, [DB]);
          const [cached] = await conn.query<mysql.RowDataPacket[]>(`SELECT index_name, COUNT(*) AS pages FROM information_schema.innodb_buffer_page WHERE table_name LIKE ? GROUP BY index_name ORDER BY index_name`, [`%${DB}%events%`]);
          const before = await globalStatus(admin, COUNTERS);
          const m = await measureStatement({ url, table: 'events', sql: STATEMENTS[kind]! });
          const after = await globalStatus(admin, COUNTERS);
          if (m.error) throw new Error(`${kind} at ${rows} rows: ${m.error.message}`);
          const reads = (after['Innodb_buffer_pool_reads'] ?? 0) - (before['Innodb_buffer_pool_reads'] ?? 0);
          const requests = (after['Innodb_buffer_pool_read_requests'] ?? 0) - (before['Innodb_buffer_pool_read_requests'] ?? 0);
          const r = results.get(`${kind}@${rows}`) ?? { ms: [], reads: [], requests: [] };
          r.ms.push(m.durationMs);
          r.reads.push(reads);
          r.requests.push(requests);
          results.set(`${kind}@${rows}`, r);
          const pool = cached.map((c) => `${String(c['index_name'])} ${String(c['pages'])}`).join(', ');
          process.stderr.write(`${kind} ${rows.toLocaleString('en-US')} rows (${String(size[0]?.['mb'])} MB; cached pages: ${pool}): ${m.durationMs.toFixed(1)} ms, ${reads} pages read from disk, ${requests} page requests\n`);
        }
      }
    }
    const lines = ['| kind | rows | duration (median) | pages read from disk | page requests |', '|---|---|---|---|---|'];
    for (const [key, r] of results) {
      const [kind, rows] = key.split('@');
      lines.push(`| ${kind} | ${Number(rows).toLocaleString('en-US')} | ${median(r.ms).toFixed(1)} ms | ${Math.min(...r.reads)}–${Math.max(...r.reads)} | ${Math.min(...r.requests)}–${Math.max(...r.requests)} |`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await conn.end();
    await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
    await admin.end();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
