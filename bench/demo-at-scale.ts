// The README's demo checked at production size: plan examples/outage as the quick start does
// (offline, shadow capped at 100,000 rows, estimates extrapolated to 9,000,000 watchdog rows), then
// load the real sizes (node 400,000, watchdog 9,000,000 rows, drydock's generator with another seed)
// into a second private server configured as the plan's offline shadow assumes production is
// (its 256 MB buffer pool, no doublewrite, innodb_flush_log_at_trx_commit = 1), run the migration's
// statements there in order with the same probes, and compare each with its estimate. Then the
// watchdog table is filled again and the TRUNCATE alternative timed on it.
//
// Before each statement the server writes its dirty pages back and finishes its purge, as the
// shadow does before each of its measurements. Needs a mariadbd or mysqld on PATH, ~6 GB of disk
// in the temp folder, and 9–15 minutes (MariaDB, this machine: 9 min 15 s).
//
// Run: npx tsx bench/demo-at-scale.ts [--flavor mariadb|mysql] [--watchdog-rows 9000000] [--record out.json]
// For MySQL: PATH=$(../shared/servers/mysql-from-sid.sh bindir):$PATH npx tsx bench/demo-at-scale.ts --flavor mysql
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../src/config/config.js';
import { connect, formatServerUrl, parseServerUrl } from '../src/db/connection.js';
import { parseSql } from '../src/parser/parse.js';
import { ANALYZERS } from '../src/cli/catalogue.js';
import { planMigrations } from '../src/pipeline/plan.js';
import { loadTable } from '../src/shadow/load.js';
import { measureStatement } from '../src/shadow/probe.js';
import { readSizesFile } from '../src/shadow/schema-source.js';
import { startPrivateServer } from '../src/shadow/server.js';
import { planTables } from '../src/shadow/synthesize.js';
import { settle, tableDefinition } from './server-state.js';

const { values: args } = parseArgs({
  options: {
    flavor: { type: 'string', default: 'mariadb' },
    'watchdog-rows': { type: 'string' },
    'shadow-rows': { type: 'string', default: '100000' },
    record: { type: 'string' },
  },
});
const EXAMPLE = resolve('examples/outage');
const MIGRATIONS = resolve(EXAMPLE, 'migrations');
const DB = 'site';
const MB = 1024 * 1024;

const fmt = (ms: number | null): string => (ms === null ? '—' : ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

interface Row {
  readonly what: string;
  readonly predicted: number | null;
  readonly range: readonly [number, number] | null;
  readonly actual: number | null;
  readonly rows: number | null;
  readonly note: string;
}

async function main(): Promise<void> {
  const flavor = args.flavor === 'mysql' ? 'mysql' : 'mariadb';
  const sizes = new Map(await readSizesFile(resolve(EXAMPLE, 'sizes.txt')));
  if (args['watchdog-rows']) sizes.set('watchdog', Number(args['watchdog-rows']));
  const started = Date.now();

  // 1. The plan, as the quick start makes it.
  const outcome = await planMigrations({
    paths: [MIGRATIONS],
    config: { ...DEFAULT_CONFIG, shadow: 'auto' },
    analyzers: ANALYZERS,
    cwd: process.cwd(),
    toolVersion: 'bench',
    schemaFile: resolve(EXAMPLE, 'schema.sql'),
    sizes,
    shadowRows: Number(args['shadow-rows']),
  });
  const statements = outcome.report.migrations.flatMap((m) => m.statements);
  process.stderr.write(`plan: ${statements.length} statements in ${Math.round((Date.now() - started) / 1000)} s on ${outcome.report.server?.raw ?? 'the shadow'}\n`);

  // 2. Production: the real sizes on a server set up like the offline shadow.
  const server = await startPrivateServer({ flavor, bufferPoolBytes: 256 * MB, flushLogAtTrxCommit: 1, doublewrite: false });
  const results: Row[] = [];
  try {
    const admin = await connect(server.url);
    await admin.query(`CREATE DATABASE ${DB}`);
    await admin.end();
    const url = formatServerUrl(parseServerUrl(server.url), DB);
    const conn = await connect(url);
    const schema = parseSql(readFileSync(resolve(EXAMPLE, 'schema.sql'), 'utf8'), 'schema.sql');
    const tables = new Set(statements.flatMap((s) => s.tables.map((t) => t.toLowerCase())));
    for (const st of schema) {
      const op = st.operation;
      if (op.kind !== 'create-table' || !tables.has(op.table.name.toLowerCase())) continue;
      await conn.query(st.sql);
      const rows = sizes.get(op.table.name) ?? 0;
      const t0 = Date.now();
      await loadTable(conn, planTables([{ definition: op, rows }], { seed: 7 })[0]!);
      await conn.query(`ANALYZE TABLE ${op.table.name}`);
      process.stderr.write(`${op.table.name}: ${rows.toLocaleString('en-US')} rows loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    }

    // 3. The migration in order, each statement timed with the plan's probes.
    for (const s of statements) {
      await settle(server.url);
      const m = await measureStatement({ url, table: s.tables[0]!, sql: s.sql, statementTimeoutMs: 3_600_000 });
      const actual = m.error ? null : m.durationMs;
      results.push({ what: s.sql, predicted: s.estimate.durationMs, range: s.estimate.durationRangeMs, actual, rows: m.affectedRows, note: m.error ? `error: ${m.error.message}` : '' });
      process.stderr.write(`${s.sql.slice(0, 60).padEnd(60)} predicted ${fmt(s.estimate.durationMs).padStart(11)}  actual ${fmt(actual).padStart(11)}\n`);
    }

    // 4. The TRUNCATE alternative of the DELETE, on the table filled again.
    const del = statements.find((s) => s.operation === 'delete');
    const truncate = del?.alternatives.find((a) => a.kind === 'truncate');
    if (del && truncate) {
      const table = del.tables[0]!;
      const t0 = Date.now();
      // Into a new table: loading into the emptied one maintains its secondary indexes row by row
      // (over ten minutes for MariaDB's 9M rows), where an empty new table gets them built in bulk.
      const { sql: created, definition } = await tableDefinition(conn, table);
      await conn.query(`DROP TABLE ${table}`);
      await conn.query(created);
      await loadTable(conn, planTables([{ definition, rows: sizes.get(table) ?? 0 }], { seed: 8 })[0]!);
      await conn.query(`ANALYZE TABLE ${table}`);
      process.stderr.write(`${table}: filled again in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
      await settle(server.url);
      const sql = truncate.sql.join('\n');
      const m = await measureStatement({ url, table, sql, statementTimeoutMs: 3_600_000 });
      results.push({ what: `${sql} (alternative)`, predicted: truncate.estimate?.durationMs ?? null, range: truncate.estimate?.durationRangeMs ?? null, actual: m.error ? null : m.durationMs, rows: m.affectedRows, note: m.error ? `error: ${m.error.message}` : '' });
    }
    await conn.end();
  } finally {
    await server.stop();
  }

  const pct = (r: Row): string => (r.predicted !== null && r.actual ? (r.predicted / r.actual).toFixed(2) : '—');
  const lines = [
    `${server.binary.flavor} ${server.binary.version.raw}; sizes ${[...sizes].map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`).join(', ')}; shadow rows ${args['shadow-rows']}; wall time ${fmt(Date.now() - started)}`,
    '',
    '| statement | predicted | range | actual | rows | predicted/actual |',
    '|---|---|---|---|---|---|',
    ...results.map((r) => `| \`${r.what}\` | ${fmt(r.predicted)} | ${r.range ? `${fmt(r.range[0])}–${fmt(r.range[1])}` : '—'} | ${fmt(r.actual)} | ${r.rows?.toLocaleString('en-US') ?? '—'} | ${pct(r)} ${r.note} |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (args.record) writeFileSync(args.record, `${JSON.stringify({ sizes: Object.fromEntries(sizes), results }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo-at-scale: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
