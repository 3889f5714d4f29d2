// Where a DELETE of every row stops scaling with the rows, and how well a shrunk buffer pool
// stands in for it. The demo's `DELETE FROM watchdog` (examples/outage) on a private server set up
// like the offline shadow (256 MB pool, no doublewrite, innodb_flush_log_at_trx_commit = 1):
//
//   --mode scale (default): a fresh table of --rows rows per index variant (`all` as in the schema,
//     `no-uid`, `no-secondary`), the DELETE once against the whole pool: time, µs per row, pages
//     read from disk, MB read and written, index sizes.
//   --mode pools: one table of --rows rows; the DELETE on fresh copies with the pool at each of
//     --pools MB (resized at run time with the page cleaner's scan depth scaled, as the plan's
//     memory-bound run does; 256 is the whole pool), --rounds runs each, median.
//
// Run: npx tsx bench/delete-scale.ts --mode scale --rows 3000000
//      npx tsx bench/delete-scale.ts --mode pools --rows 100000 --pools 256,8,6
// For MySQL add --flavor mysql with PATH=$(../shared/servers/mysql-from-sid.sh bindir):$PATH.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type mysql from 'mysql2/promise';
import { connect, formatServerUrl, parseServerUrl, type Connection } from '../src/db/connection.js';
import { parseSql } from '../src/parser/parse.js';
import { poolBytes, warmSchemas, withShrunkPool } from '../src/shadow/buffer-pool.js';
import { loadTable } from '../src/shadow/load.js';
import { startPrivateServer } from '../src/shadow/server.js';
import { planTables } from '../src/shadow/synthesize.js';
import { globalStatus, settle, tableDefinition } from './server-state.js';

const { values: args } = parseArgs({
  options: {
    mode: { type: 'string', default: 'scale' },
    flavor: { type: 'string', default: 'mariadb' },
    rows: { type: 'string', default: '3000000' },
    variants: { type: 'string', default: 'all,no-uid,no-secondary' },
    pools: { type: 'string', default: '256,8,6' },
    rounds: { type: 'string', default: '3' },
  },
});
const MB = 1024 * 1024;
const ROWS = Number(args.rows);
const SQL = 'DELETE FROM watchdog';
const STATS = ['Innodb_buffer_pool_reads', 'Innodb_data_read', 'Innodb_data_written'] as const;
const DROPS: Readonly<Record<string, string | null>> = {
  all: null,
  'no-uid': 'ALTER TABLE watchdog DROP INDEX uid',
  'no-secondary': 'ALTER TABLE watchdog DROP INDEX uid, DROP INDEX type, DROP INDEX severity',
};

const schema = parseSql(readFileSync('examples/outage/schema.sql', 'utf8'), 'schema.sql').find((s) => s.operation.kind === 'create-table' && s.operation.table.name === 'watchdog')!;

/** Creates watchdog (minus the variant's indexes) and fills it with ROWS rows. */
async function fill(conn: Connection, variant: string): Promise<void> {
  await conn.query('DROP TABLE IF EXISTS watchdog');
  await conn.query(schema.sql);
  const drop = DROPS[variant];
  if (drop === undefined) throw new Error(`unknown variant ${variant}: use ${Object.keys(DROPS).join(', ')}`);
  if (drop) await conn.query(drop);
  const { definition: def } = await tableDefinition(conn, 'watchdog');
  await loadTable(conn, planTables([{ definition: def, rows: ROWS }], { seed: 7 })[0]!);
  await conn.query('ANALYZE TABLE watchdog');
}

async function scale(admin: Connection, url: string, db: Connection): Promise<void> {
  process.stdout.write('| rows | indexes | table MB | index MB | DELETE | µs/row | pages read | MB read | MB written |\n|---|---|---|---|---|---|---|---|---|\n');
  for (const variant of args.variants!.split(',')) {
    await fill(db, variant);
    const [sizes] = await db.query<mysql.RowDataPacket[]>("SELECT data_length AS d, index_length AS i FROM information_schema.TABLES WHERE table_schema = DATABASE() AND table_name = 'watchdog'");
    await settle(url);
    const before = await globalStatus(admin, STATS);
    const t0 = performance.now();
    await db.query(SQL);
    const ms = performance.now() - t0;
    const after = await globalStatus(admin, STATS);
    const d = (name: (typeof STATS)[number]): number => after[name]! - before[name]!;
    process.stdout.write(
      `| ${ROWS.toLocaleString('en-US')} | ${variant} | ${Math.round(Number(sizes[0]!['d']) / MB)} | ${Math.round(Number(sizes[0]!['i']) / MB)} | ${(ms / 1000).toFixed(1)} s | ${((ms * 1000) / ROWS).toFixed(2)} | ${d('Innodb_buffer_pool_reads').toLocaleString('en-US')} | ${Math.round(d('Innodb_data_read') / MB)} | ${Math.round(d('Innodb_data_written') / MB)} |\n`,
    );
  }
}

async function pools(admin: Connection, url: string, db: Connection, runDb: Connection): Promise<void> {
  await fill(db, 'all');
  const full = await poolBytes(admin);
  process.stdout.write('| rows | pool asked | pool got | DELETE runs | median | µs/row | × in memory | pages read (median run) |\n|---|---|---|---|---|---|---|---|\n');
  let inMemory: number | null = null;
  for (const mb of args.pools!.split(',').map(Number)) {
    const runs: { ms: number; reads: number }[] = [];
    let got = full;
    for (let i = 0; i < Number(args.rounds); i++) {
      await runDb.query('DROP TABLE IF EXISTS watchdog');
      await runDb.query('CREATE TABLE watchdog LIKE src.watchdog');
      await runDb.query('INSERT INTO watchdog SELECT * FROM src.watchdog');
      await settle(url);
      try {
        const run = await withShrunkPool(admin, mb * MB, async (pool) => {
          got = pool;
          const before = await globalStatus(admin, STATS);
          const t0 = performance.now();
          await runDb.query(SQL);
          const ms = performance.now() - t0;
          return { ms, reads: (await globalStatus(admin, STATS))['Innodb_buffer_pool_reads']! - before['Innodb_buffer_pool_reads']! };
        });
        runs.push(run);
      } finally {
        await warmSchemas(admin, ['src']);
      }
    }
    const median = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
    inMemory ??= median.ms;
    process.stdout.write(
      `| ${ROWS.toLocaleString('en-US')} | ${mb} MB | ${(got / MB).toFixed(0)} MB | ${runs.map((r) => `${Math.round(r.ms)} ms`).join(', ')} | ${Math.round(median.ms)} ms | ${((median.ms * 1000) / ROWS).toFixed(2)} | ×${(median.ms / inMemory).toFixed(2)} | ${median.reads.toLocaleString('en-US')} |\n`,
    );
  }
}

async function main(): Promise<void> {
  const flavor = args.flavor === 'mysql' ? 'mysql' : 'mariadb';
  const server = await startPrivateServer({ flavor, bufferPoolBytes: 256 * MB, flushLogAtTrxCommit: 1, doublewrite: false });
  try {
    const admin = await connect(server.url);
    await admin.query('CREATE DATABASE src');
    await admin.query('CREATE DATABASE run');
    const db = await connect(formatServerUrl(parseServerUrl(server.url), 'src'));
    const runDb = await connect(formatServerUrl(parseServerUrl(server.url), 'run'));
    process.stdout.write(`${server.binary.flavor} ${server.binary.version.raw}, private server, 256 MB pool; ${SQL}\n\n`);
    if (args.mode === 'pools') await pools(admin, server.url, db, runDb);
    else await scale(admin, server.url, db);
    await Promise.all([admin.end(), db.end(), runDb.end()]);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`delete-scale: ${(error as Error).message}\n`);
  process.exit(1);
});
