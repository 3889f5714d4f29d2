// How a DELETE's cost per row grows with the table, with the disk and the redo log out of the way:
// a private server with a pool and a redo log of --pool / --redo MB (2 GB each by default: every
// table fits, no checkpoint flushing), the bench's events table (two secondary indexes) at each
// of --sizes rows, and --sql run once per size (--rounds) on a fresh copy `e2`, after the copy's
// dirty pages and purge have settled. Prints time, µs per row of the table, redo written, data
// written and pages read. The default SQL deletes every row; `--sql "DELETE FROM e2 WHERE id <=
// 100000"` with `--sizes 1000000` deletes 100,000 rows of a 1M-row table; an UPDATE of unindexed
// columns shows the growth is the indexes'; `--redo 96` shows what a redo log the statement
// outgrows adds (checkpoint flushing). `--batch N` deletes every row in primary-key chunks of N
// rows instead, each chunk its own transaction, as the batched alternative's runner does (keyset:
// the chunk's last key, then a DELETE of the keys up to it); --sql is then not used.
//
// Run: npx tsx bench/delete-growth.ts [--flavor mysql] [--sizes 30000,100000,300000,1000000] [--sql "…" | --batch 1000] [--pool 2048] [--redo 2048]
// For MySQL: PATH=$(../shared/servers/mysql-from-sid.sh bindir):$PATH npx tsx bench/delete-growth.ts --flavor mysql
import { parseArgs } from 'node:util';
import type mysql from 'mysql2/promise';
import { connect, formatServerUrl, parseServerUrl, type Connection } from '../src/db/connection.js';
import { parseSql } from '../src/parser/parse.js';
import { loadTable } from '../src/shadow/load.js';
import { startPrivateServer } from '../src/shadow/server.js';
import { planTables } from '../src/shadow/synthesize.js';
import { TABLE } from './events-table.js';
import { globalStatus, settle } from './server-state.js';

const { values: args } = parseArgs({
  options: {
    flavor: { type: 'string', default: 'mariadb' },
    sizes: { type: 'string', default: '30000,100000,300000,1000000' },
    sql: { type: 'string', default: 'DELETE FROM e2' },
    pool: { type: 'string', default: '2048' },
    redo: { type: 'string', default: '2048' },
    rounds: { type: 'string', default: '1' },
    batch: { type: 'string' },
  },
});
const MB = 1024 * 1024;
const STATS = ['Innodb_lsn_current', 'Innodb_redo_log_current_lsn', 'Innodb_data_written', 'Innodb_buffer_pool_reads'];

async function main(): Promise<void> {
  const server = await startPrivateServer({
    flavor: args.flavor === 'mysql' ? 'mysql' : 'mariadb',
    bufferPoolBytes: Number(args.pool) * MB,
    redoLogBytes: Number(args.redo) * MB,
    doublewrite: true,
    flushLogAtTrxCommit: 1,
  });
  try {
    const admin = await connect(server.url);
    const def = parseSql(TABLE, 'events.sql')[0]!.operation;
    if (def.kind !== 'create-table') throw new Error('the bench table did not parse');
    process.stdout.write(`${server.binary.flavor} ${server.binary.version.raw}, private server, ${args.pool} MB pool, ${args.redo} MB redo log; ${args.batch ? `every row deleted in chunks of ${args.batch}` : args.sql}\n\n`);
    process.stdout.write('| table rows | run | time | µs per table row | redo MB | data written MB | pages read |\n|---|---|---|---|---|---|---|\n');
    for (const rows of args.sizes!.split(',').map(Number)) {
      await admin.query('DROP DATABASE IF EXISTS src');
      await admin.query('CREATE DATABASE src');
      const db = await connect(formatServerUrl(parseServerUrl(server.url), 'src'));
      try {
        await db.query(TABLE);
        await loadTable(db, planTables([{ definition: def, rows }], { seed: 7 })[0]!);
        for (let round = 1; round <= Number(args.rounds); round++) {
          await db.query('DROP TABLE IF EXISTS e2');
          await db.query('CREATE TABLE e2 LIKE events');
          await db.query('INSERT INTO e2 SELECT * FROM events');
          await settle(server.url);
          const before = await globalStatus(admin, STATS);
          const t0 = performance.now();
          if (args.batch) await deleteInChunks(db, Number(args.batch));
          else await db.query(args.sql!);
          const ms = performance.now() - t0;
          const after = await globalStatus(admin, STATS);
          const d = (name: string): number => (after[name] ?? NaN) - (before[name] ?? NaN);
          // MariaDB counts the redo in Innodb_lsn_current, MySQL 8.0.30+ in Innodb_redo_log_current_lsn.
          const redo = Number.isFinite(d('Innodb_lsn_current')) ? d('Innodb_lsn_current') : d('Innodb_redo_log_current_lsn');
          process.stdout.write(
            `| ${rows.toLocaleString('en-US')} | ${round} | ${Math.round(ms).toLocaleString('en-US')} ms | ${((ms * 1000) / rows).toFixed(2)} | ${Math.round(redo / MB)} | ${Math.round(d('Innodb_data_written') / MB)} | ${d('Innodb_buffer_pool_reads').toLocaleString('en-US')} |\n`,
          );
        }
      } finally {
        await db.end();
      }
    }
    await admin.end();
  } finally {
    await server.stop();
  }
}

/** Deletes every row of e2 in primary-key order, `chunk` rows per autocommitted DELETE. */
async function deleteInChunks(db: Connection, chunk: number): Promise<void> {
  let last = 0;
  for (;;) {
    const [keys] = await db.query<mysql.RowDataPacket[]>('SELECT id FROM e2 WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?', [last, chunk - 1]);
    const upper = keys.length > 0 ? Number(keys[0]!['id']) : null;
    if (upper === null) {
      await db.query('DELETE FROM e2 WHERE id > ?', [last]);
      return;
    }
    await db.query('DELETE FROM e2 WHERE id > ? AND id <= ?', [last, upper]);
    last = upper;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`delete-growth: ${(error as Error).message}\n`);
  process.exit(1);
});
