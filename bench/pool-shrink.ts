// How well the shrunk-pool run stands in for production: one statement on the bench table at
// 100,000 rows in memory, at 100,000 rows with the pool shrunk to 12 MiB (page cleaner's scan
// depth left at its default, and scaled with the pool as the plan does), and at 1,000,000 rows
// against the full 128 MiB pool — the table-to-pool ratio the shrink imitates. Each run is on a
// fresh copy whose dirty pages and purge were waited for; duration, pages read from disk
// (Innodb_buffer_pool_reads) and read-ahead pages, median of --rounds. Starts its own private
// server (like `--shadow auto`), so it needs a mariadbd or mysqld on PATH.
//
// Run: npx tsx bench/pool-shrink.ts [--flavor mariadb|mysql] [--rounds 3] [--sql "ALTER TABLE events …"]
// For MySQL: PATH=$(../shared/servers/mysql-from-sid.sh bindir):$PATH npx tsx bench/pool-shrink.ts --flavor mysql
import { parseArgs } from 'node:util';
import { connect, formatServerUrl, parseServerUrl } from '../src/db/connection.js';
import { parseSql } from '../src/parser/parse.js';
import { waitForPurge, withShrunkPool } from '../src/shadow/buffer-pool.js';
import { flushDirtyPages } from '../src/shadow/dry-run.js';
import { loadTable } from '../src/shadow/load.js';
import { startPrivateServer } from '../src/shadow/server.js';
import { planTables } from '../src/shadow/synthesize.js';
import { TABLE } from './events-table.js';
import { globalStatus } from './server-state.js';

const { values: args } = parseArgs({
  options: {
    flavor: { type: 'string', default: 'mariadb' },
    rounds: { type: 'string', default: '3' },
    sql: { type: 'string', default: 'DELETE FROM events WHERE kind = 3' },
  },
});
const MB = 1024 * 1024;
const POOL = 128 * MB;
const SHRUNK = 12 * MB;
type Mode = 'in memory' | 'shrunk, default depth' | 'shrunk, scaled depth' | '10× rows, full pool';
const MODES: readonly { readonly mode: Mode; readonly source: 'small' | 'big' }[] = [
  { mode: 'in memory', source: 'small' },
  { mode: 'shrunk, default depth', source: 'small' },
  { mode: 'shrunk, scaled depth', source: 'small' },
  { mode: '10× rows, full pool', source: 'big' },
];

const READS = ['Innodb_buffer_pool_reads', 'Innodb_buffer_pool_read_ahead'];

async function main(): Promise<void> {
  const flavor = args.flavor === 'mysql' ? 'mysql' : 'mariadb';
  const server = await startPrivateServer({ flavor, bufferPoolBytes: POOL, doublewrite: true, flushLogAtTrxCommit: 1 });
  const conn = await connect(server.url);
  try {
    const def = parseSql(TABLE, 'bench.sql')[0]!.operation;
    if (def.kind !== 'create-table') throw new Error('bench table did not parse');
    for (const [db, rows] of [['small', 100_000], ['big', 1_000_000]] as const) {
      await conn.query(`CREATE DATABASE ${db}`);
      await conn.query(`CREATE DATABASE ${db}_run`);
      const c = await connect(formatServerUrl(parseServerUrl(server.url), db));
      await c.query(TABLE);
      await loadTable(c, planTables([{ definition: def, rows }], { seed: 7 })[0]!);
      await c.end();
    }
    const runOnce = async (mode: Mode, source: 'small' | 'big'): Promise<{ ms: number; reads: number; readAhead: number }> => {
      await conn.query(`DROP TABLE IF EXISTS ${source}_run.events`);
      await conn.query(`CREATE TABLE ${source}_run.events LIKE ${source}.events`);
      await conn.query(`INSERT INTO ${source}_run.events SELECT * FROM ${source}.events`);
      await flushDirtyPages(server.url, 60_000);
      await waitForPurge(conn, 5000);
      const measure = async (): Promise<{ ms: number; reads: number; readAhead: number }> => {
        const before = await globalStatus(conn, READS);
        const t0 = performance.now();
        await conn.query(args.sql!.replace(/\bevents\b/, `${source}_run.events`));
        const ms = performance.now() - t0;
        const after = await globalStatus(conn, READS);
        const d = (name: string): number => (after[name] ?? NaN) - (before[name] ?? NaN);
        return { ms, reads: d('Innodb_buffer_pool_reads'), readAhead: d('Innodb_buffer_pool_read_ahead') };
      };
      if (!mode.startsWith('shrunk')) return measure();
      return withShrunkPool(conn, SHRUNK, measure, { scaleScanDepth: mode === 'shrunk, scaled depth' });
    };
    const results = new Map<Mode, { ms: number; reads: number; readAhead: number }[]>();
    for (let r = 0; r < Math.max(1, Number(args.rounds)); r++) {
      for (const { mode, source } of MODES) results.set(mode, [...(results.get(mode) ?? []), await runOnce(mode, source)]);
    }
    const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const inMemory = median(results.get('in memory')!.map((x) => x.ms));
    const lines = [
      `${server.binary.version.raw}; \`${args.sql}\`; ${args.rounds} rounds, medians`,
      '',
      '| run | duration | ×in memory | pages read | read-ahead pages | all durations |',
      '|---|---|---|---|---|---|',
      ...MODES.map(({ mode }) => {
        const xs = results.get(mode)!;
        const ms = median(xs.map((x) => x.ms));
        return `| ${mode} | ${ms.toFixed(1)} ms | ${(ms / inMemory).toFixed(2)} | ${median(xs.map((x) => x.reads))} | ${median(xs.map((x) => x.readAhead))} | ${xs.map((x) => x.ms.toFixed(0)).join(', ')} |`;
      }),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await conn.end().catch(() => {});
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`pool-shrink bench failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
