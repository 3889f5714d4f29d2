// Benchmark: purge 1M of 2M rows by a WHERE on an indexed column while a writer inserts and
// updates rows of the same table every 20 ms. Compares drydock's batched DELETE with
// pt-archiver --purge and a single DELETE, on identical data, reporting wall time, rows/s and
// the writer's latency (p50/p99/max). Results go in docs/benchmarks.md ("Purge").
//
// Usage: npx tsx bench/purge.ts [--url mysql://root@127.0.0.1:3306] [--rows 2000000] [--runs 3]
//          [--methods baseline,drydock@500,drydock@100,pt-archiver,single] [--json out.json]
// `drydock@N` runs drydock's batched DELETE with a chunk target of N ms (default 500);
// `drydock@N/R` also pauses R × the chunk's time after each chunk (nice ratio);
// `baseline` runs only the writer for 10 s (its latency without any purge).
// `--private mariadb|mysql` starts a throwaway server of that flavor (bench-only settings: buffer
// pool `--pool-mb`, default 1024, big enough for the whole table; flush_log_at_trx_commit=1;
// `--server-args "..."` adds raw mysqld options) and runs every method on it; `--url` is then ignored.
// The MySQL binary is looked up first in DRYDOCK_TEST_MYSQL_BINDIR.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { delimiter } from 'node:path';
import type mysql from 'mysql2/promise';
import { applyMigrations } from '../src/executor/apply-migrations.js';
import { connect, formatServerUrl, parseServerUrl, quoteId, redactUrl, type Connection } from '../src/db/connection.js';
import type { Migration } from '../src/parser/statement.js';
import type { ApplyEvent } from '../src/executor/apply-types.js';
import { startPrivateServer, type PrivateServer } from '../src/shadow/server.js';
import { globalStatus } from './server-state.js';

type Row = mysql.RowDataPacket;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

let serverUrl = arg('url', 'mysql://root@127.0.0.1:3306');
const PRIVATE = arg('private', '') as '' | 'mariadb' | 'mysql';
const POOL_MB = Number(arg('pool-mb', '1024'));
const SERVER_ARGS = arg('server-args', '').split(' ').filter((x) => x !== '');
/** Writer operations slower than this count as "slow" in the per-kind breakdown (the goal's p99 bound). */
const SLOW_MS = 50;
const ROWS = Number(arg('rows', '2000000'));
const RUNS = Number(arg('runs', '3'));
const METHODS = arg('methods', 'baseline,drydock@500,drydock@100,pt-archiver,single').split(',') as Method[];
const BASELINE_MS = 10_000;
const JSON_OUT = arg('json', '');
const WRITER_INTERVAL_MS = 20;
const DB = 'drydock_bench_purge';
const TABLE = 'purge_events';
/** Rows 1..ROWS/2 get created_at before this; the purge deletes exactly those. */
const CUTOFF = '2021-01-01 00:00:00';

type Method = 'baseline' | `drydock@${string}` | 'drydock' | 'pt-archiver' | 'single';

const chunkTarget = (m: Method): number => (m.startsWith('drydock@') ? Number(m.slice(8).split('/')[0]) : 500);
const niceRatio = (m: Method): number => (m.startsWith('drydock@') ? Number(m.slice(8).split('/')[1] ?? 0) : 0);

interface RunResult {
  readonly method: Method;
  readonly run: number;
  readonly wallMs: number;
  readonly rowsDeleted: number;
  readonly rowsPerSec: number;
  readonly writer: WriterStats;
  /** Global InnoDB row-lock waits during the run (every session: the writer's waits are most of them). */
  readonly rowLockWaits: number;
  readonly rowLockTimeMs: number;
}

/** What the writer does: INSERT a new row, UPDATE a row the purge deletes, UPDATE a row it keeps. */
type OpKind = 'insert' | 'updPurged' | 'updKept';

interface WriterStats {
  readonly ops: number;
  readonly errors: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** Per kind: ops, p99, max, and how many took longer than SLOW_MS. */
  readonly byKind: Readonly<Record<OpKind, { readonly ops: number; readonly p99: number; readonly max: number; readonly slow: number }>>;
}

function requirePtArchiver(): string {
  const probe = spawnSync('pt-archiver', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    console.error(
      'pt-archiver was not found on PATH. Install Percona Toolkit, e.g. on Debian/Ubuntu:\n' +
        '  sudo apt-get update && sudo apt-get install -y percona-toolkit\n' +
        'or run without it: npx tsx bench/purge.ts --methods drydock,single',
    );
    process.exit(2);
  }
  return probe.stdout.trim();
}

/** Fresh 2M-row table: id, created_at (the indexed purge column), account, status, payload. */
async function seed(admin: Connection): Promise<void> {
  await admin.query(`DROP TABLE IF EXISTS ${TABLE}`);
  await admin.query(`CREATE TABLE ${TABLE} (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    created_at DATETIME NOT NULL,
    account_id INT NOT NULL,
    status VARCHAR(16) NOT NULL,
    payload VARCHAR(100) NOT NULL,
    KEY idx_created (created_at)
  ) ENGINE=InnoDB`);
  await admin.query('CREATE TABLE IF NOT EXISTS nums1k (n INT PRIMARY KEY)');
  const [have] = await admin.query<Row[]>('SELECT COUNT(*) AS c FROM nums1k');
  if (Number(have[0]!['c']) !== 1000) {
    await admin.query('DELETE FROM nums1k');
    await admin.query(`INSERT INTO nums1k VALUES ${Array.from({ length: 1000 }, (_, i) => `(${i})`).join(',')}`);
  }
  const half = ROWS / 2;
  // Rows are old (before the cutoff) for the first half of the ids and new after: as in a real
  // log table, the purge WHERE is an indexed time range that follows the primary key.
  for (let base = 0; base < ROWS; base += 1_000_000) {
    const n = Math.min(1_000_000, ROWS - base);
    await admin.query(
      `INSERT INTO ${TABLE} (id, created_at, account_id, status, payload)
       SELECT x.id,
              IF(x.id <= ?, '2020-01-01' + INTERVAL (x.id * 15) SECOND, '2022-01-01' + INTERVAL (x.id * 15) SECOND),
              x.id % 5000, ELT(1 + x.id % 3, 'new', 'paid', 'shipped'), CONCAT('payload-', x.id, '-', REPEAT('x', 40))
         FROM (SELECT ? + a.n * 1000 + b.n + 1 AS id FROM nums1k a CROSS JOIN nums1k b) x
        WHERE x.id <= ?`,
      [half, base, base + n],
    );
  }
  await admin.query(`ANALYZE TABLE ${TABLE}`);
}

/** Inserts a new row and updates a random existing one, alternately, every 20 ms; records latencies by kind. */
function startWriter(conn: Connection): { stop(): Promise<WriterStats> } {
  const samples: { kind: OpKind; ms: number }[] = [];
  let errors = 0;
  let running = true;
  let i = 0;
  const loop = (async () => {
    while (running) {
      const tick = Date.now();
      let kind: OpKind = 'insert';
      const t0 = performance.now();
      try {
        if (i++ % 2 === 0) {
          await conn.query(`INSERT INTO ${TABLE} (created_at, account_id, status, payload) VALUES (NOW(), ?, 'new', 'writer')`, [i % 5000]);
        } else {
          const id = 1 + Math.floor(Math.random() * ROWS);
          kind = id <= ROWS / 2 ? 'updPurged' : 'updKept';
          await conn.query(`UPDATE ${TABLE} SET status = 'touched', payload = CONCAT('writer-', ?) WHERE id = ?`, [i, id]);
        }
      } catch {
        errors++;
      }
      samples.push({ kind, ms: performance.now() - t0 });
      const wait = WRITER_INTERVAL_MS - (Date.now() - tick);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();
  const stats = (xs: readonly number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
    return { ops: sorted.length, p50: round1(q(0.5)), p99: round1(q(0.99)), max: round1(sorted.at(-1) ?? 0), slow: sorted.filter((x) => x > SLOW_MS).length };
  };
  return {
    async stop() {
      running = false;
      await loop;
      const all = stats(samples.map((x) => x.ms));
      const kind = (k: OpKind) => {
        const st = stats(samples.filter((x) => x.kind === k).map((x) => x.ms));
        return { ops: st.ops, p99: st.p99, max: st.max, slow: st.slow };
      };
      return { ops: all.ops, errors, p50: all.p50, p99: all.p99, max: all.max, byKind: { insert: kind('insert'), updPurged: kind('updPurged'), updKept: kind('updKept') } };
    },
  };
}

async function rowLockStatus(conn: Connection): Promise<{ waits: number; timeMs: number }> {
  const s = await globalStatus(conn, ['Innodb_row_lock_waits', 'Innodb_row_lock_time']);
  return { waits: s['Innodb_row_lock_waits'] ?? 0, timeMs: s['Innodb_row_lock_time'] ?? 0 };
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

function purgeMigration(): Migration {
  const sql = `DELETE FROM ${TABLE} WHERE created_at < '${CUTOFF}'`;
  const table = { schema: null, name: TABLE };
  return {
    name: `bench_purge_${Date.now()}`,
    file: 'bench/purge.ts',
    checksum: 'bench',
    source: 'sql',
    needsShadowExecution: false,
    hasDown: false,
    statements: [
      {
        index: 0, sql, parsedBy: 'fallback', tables: [table], endOffset: sql.length, delimiter: ';', leadingComments: [],
        location: { file: 'bench/purge.ts', line: 1, column: 1, offset: 0 },
        operation: { kind: 'delete', targets: [table], from: [table], where: { sql: `created_at < '${CUTOFF}'`, columns: [{ table: null, column: 'created_at' }], alwaysTrue: false }, orderBy: null, limit: null, hasJoin: false, ignore: false },
      },
    ],
  };
}

async function runDrydock(url: string, chunkTargetMs: number, nice: number): Promise<void> {
  const m = purgeMigration();
  let last = 0;
  const r = await applyMigrations(
    [{
      migration: m,
      approval: { approver: 'bench', reportHash: 'bench', decision: 'batched' },
      choices: [{
        kind: 'alternative',
        alternative: {
          kind: 'batched', title: 'batched purge', sql: [], notes: [], replacesStatement: true,
          batched: { verb: 'delete', table: { schema: null, name: TABLE }, primaryKey: ['id'], where: `created_at < '${CUTOFF}'`, set: null, chunkRows: 1000 },
        },
      }],
    }],
    {
      url,
      chunkTargetMs,
      throttle: { niceRatio: nice },
      onEvent: (e: ApplyEvent) => {
        if (e.type === 'chunk' && Date.now() - last > 5000) {
          last = Date.now();
          const p = e.progress;
          process.stderr.write(`  drydock: ${p.rowsDone}/${p.rowsTotal} rows, ${p.rowsPerSec} rows/s, chunk ${p.chunkRows} rows in ${p.lastChunkMs} ms, eta ${p.etaMs === null ? '?' : Math.round(p.etaMs / 1000) + ' s'}\n`);
        }
      },
    },
  );
  if (!r.ok) throw new Error(`drydock apply failed: ${r.migrations[0]?.error}`);
}

function runPtArchiver(url: string): Promise<void> {
  const u = parseServerUrl(url);
  const dsn = [`h=${u.host}`, `P=${u.port}`, `u=${u.user}`, `D=${DB}`, `t=${TABLE}`, ...(u.password ? [`p=${u.password}`] : [])].join(',');
  // The settings pt-archiver's documentation recommends for fast purges: 1000 rows per
  // fetch, one bulk DELETE and one commit per fetch, only the primary key selected.
  const args = ['--source', dsn, '--where', `created_at < '${CUTOFF}'`, '--purge', '--primary-key-only', '--limit', '1000', '--commit-each', '--bulk-delete', '--no-version-check', '--no-check-charset', '--statistics'];
  return new Promise((resolve, reject) => {
    const child = spawn('pt-archiver', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pt-archiver exited with ${code}: ${out.split(u.password || '\u0000').join('***')}`))));
  });
}

async function runSingle(conn: Connection): Promise<void> {
  await conn.query(`DELETE FROM ${TABLE} WHERE created_at < '${CUTOFF}'`);
}

async function measure(method: Method, run: number, url: string, admin: Connection): Promise<RunResult> {
  process.stderr.write(`seeding ${ROWS} rows for ${method} run ${run}…\n`);
  await seed(admin);
  const writerConn = await connect(url);
  const purgeConn = await connect(url);
  const writer = startWriter(writerConn);
  await new Promise((r) => setTimeout(r, 1000)); // writer warm-up before the purge starts
  const locks0 = await rowLockStatus(admin);
  const t0 = Date.now();
  if (method === 'baseline') await new Promise((r) => setTimeout(r, BASELINE_MS));
  else if (method.startsWith('drydock')) await runDrydock(url, chunkTarget(method), niceRatio(method));
  else if (method === 'pt-archiver') await runPtArchiver(url);
  else await runSingle(purgeConn);
  const wallMs = Date.now() - t0;
  const w = await writer.stop();
  const locks1 = await rowLockStatus(admin);
  await writerConn.end();
  await purgeConn.end();
  let rowsDeleted = 0;
  if (method !== 'baseline') {
    const [left] = await admin.query<Row[]>(`SELECT COUNT(*) AS n FROM ${TABLE} WHERE created_at < '${CUTOFF}'`);
    const [all] = await admin.query<Row[]>(`SELECT COUNT(*) AS n FROM ${TABLE} WHERE id <= ?`, [ROWS]);
    if (Number(left[0]!['n']) !== 0) throw new Error(`${method}: ${left[0]!['n']} rows matching the purge are left`);
    rowsDeleted = ROWS - Number(all[0]!['n']);
    if (rowsDeleted !== ROWS / 2) throw new Error(`${method}: deleted ${rowsDeleted} rows, expected ${ROWS / 2}`);
  }
  const result: RunResult = {
    method, run, wallMs, rowsDeleted, rowsPerSec: Math.round((rowsDeleted * 1000) / wallMs), writer: w,
    rowLockWaits: locks1.waits - locks0.waits, rowLockTimeMs: locks1.timeMs - locks0.timeMs,
  };
  process.stderr.write(`  ${JSON.stringify(result)}\n`);
  return result;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function startBenchServer(): Promise<PrivateServer | null> {
  if (!PRIVATE) return null;
  const bindir = process.env['DRYDOCK_TEST_MYSQL_BINDIR'];
  const searchPath = PRIVATE === 'mysql' && bindir ? `${bindir}${delimiter}${process.env['PATH'] ?? ''}` : (process.env['PATH'] ?? '');
  const server = await startPrivateServer({
    flavor: PRIVATE,
    searchPath,
    bufferPoolBytes: POOL_MB * 1024 * 1024,
    redoLogBytes: 512 * 1024 * 1024,
    flushLogAtTrxCommit: 1,
    extraArgs: SERVER_ARGS,
  });
  if (server.binary.flavor !== PRIVATE) {
    await server.stop();
    throw new Error(`no ${PRIVATE} server binary found (got ${server.binary.flavor}); set DRYDOCK_TEST_MYSQL_BINDIR`);
  }
  for (const n of server.notes) process.stderr.write(`private server: ${n}\n`);
  serverUrl = server.url;
  return server;
}

async function main(): Promise<void> {
  const ptVersion = METHODS.includes('pt-archiver') ? requirePtArchiver() : 'not run';
  const server = await startBenchServer();
  try {
    await benchmark(ptVersion, server);
  } finally {
    await server?.stop();
  }
}

async function benchmark(ptVersion: string, server: PrivateServer | null): Promise<void> {
  const admin0 = await connect(serverUrl, { database: null });
  const [v] = await admin0.query<Row[]>(
    'SELECT VERSION() AS v, @@innodb_buffer_pool_size AS pool, @@innodb_flush_log_at_trx_commit AS flush, @@log_bin AS binlog',
  );
  await admin0.query(`CREATE DATABASE IF NOT EXISTS ${quoteId(DB)}`);
  await admin0.end();
  const url = formatServerUrl(parseServerUrl(serverUrl), DB);
  const admin = await connect(url);
  // drydock keeps its bookkeeping in the target: start each benchmark with none.
  for (const t of ['drydock_checkpoints', 'drydock_history', 'drydock_runner']) await admin.query(`DROP TABLE IF EXISTS ${t}`);
  const serverLine =
    `${String(v[0]!['v'])}${server ? ' (private)' : ''}, buffer pool ${Math.round(Number(v[0]!['pool']) / 1048576)} MiB, ` +
    `flush_log_at_trx_commit=${String(v[0]!['flush'])}, binlog ${Number(v[0]!['binlog']) ? 'on' : 'off'}`;
  process.stderr.write(`server ${serverLine} at ${redactUrl(serverUrl)}; ${ptVersion}\n`);
  const results: RunResult[] = [];
  for (let run = 1; run <= RUNS; run++) {
    // Alternate the order so no method always runs on the warmest buffer pool.
    const order = run % 2 === 1 ? METHODS : [...METHODS].reverse();
    for (const method of order) results.push(await measure(method, run, url, admin));
  }
  await admin.query(`DROP TABLE IF EXISTS ${TABLE}`);
  await admin.end();

  const lines = [
    `server: ${serverLine}; ${ROWS} rows, purge ${ROWS / 2}; writer every ${WRITER_INTERVAL_MS} ms; medians of ${RUNS}`,
    '',
    `| method | wall time | rows/s | writer p50 | writer p99 | writer max | errors | p99 insert / upd purged row / upd kept row | ops > ${SLOW_MS} ms (ins/purged/kept) | row-lock waits |`,
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const method of METHODS) {
    const rs = results.filter((r) => r.method === method);
    lines.push(
      `| ${method} | ${method === 'baseline' ? '(writer only)' : (median(rs.map((r) => r.wallMs)) / 1000).toFixed(1) + ' s'} | ${method === 'baseline' ? '—' : Math.round(median(rs.map((r) => r.rowsPerSec))).toLocaleString('en-US')} | ` +
        `${median(rs.map((r) => r.writer.p50)).toFixed(1)} ms | ${median(rs.map((r) => r.writer.p99)).toFixed(1)} ms | ${median(rs.map((r) => r.writer.max)).toFixed(0)} ms | ${rs.map((r) => r.writer.errors).join('/')} | ` +
        `${(['insert', 'updPurged', 'updKept'] as const).map((k) => median(rs.map((r) => r.writer.byKind[k].p99)).toFixed(1)).join(' / ')} ms | ` +
        `${(['insert', 'updPurged', 'updKept'] as const).map((k) => median(rs.map((r) => r.writer.byKind[k].slow))).join('/')} | ${median(rs.map((r) => r.rowLockWaits))} |`,
    );
  }
  console.log(lines.join('\n'));
  if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify({ server: serverLine, rows: ROWS, methods: METHODS, results }, null, 2));
}

await main();
