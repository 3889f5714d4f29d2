// Helpers the benches share for a server they own: let it settle before a timed statement, read
// InnoDB's counters around it, and read back a table's definition as the server has it now.
import type mysql from 'mysql2/promise';
import { connect, type Connection } from '../src/db/connection.js';
import { parseSql } from '../src/parser/parse.js';
import type { CreateTableOperation } from '../src/parser/statement.js';
import { waitForPurge } from '../src/shadow/buffer-pool.js';
import { flushDirtyPages } from '../src/shadow/dry-run.js';

/** Waits for the purge and the write-back of dirty pages (2 min each at most), as the shadow does before a measurement. */
export async function settle(url: string): Promise<void> {
  const conn = await connect(url);
  try {
    await waitForPurge(conn, 120_000);
  } finally {
    await conn.end();
  }
  await flushDirtyPages(url, 120_000);
}

/** `SHOW CREATE TABLE` of a table in the connection's database: the statement and its parse. */
export async function tableDefinition(conn: Connection, table: string): Promise<{ readonly sql: string; readonly definition: CreateTableOperation }> {
  const [rows] = await conn.query<mysql.RowDataPacket[]>(`SHOW CREATE TABLE ${table}`);
  const sql = String(rows[0]!['Create Table']);
  const op = parseSql(sql, `${table}.sql`)[0]!.operation;
  if (op.kind !== 'create-table') throw new Error(`SHOW CREATE TABLE ${table} did not parse as CREATE TABLE`);
  return { sql, definition: op };
}

/** The named global status counters (a name the server does not have is absent from the result). */
export async function globalStatus(conn: Connection, names: readonly string[]): Promise<Record<string, number>> {
  const [rows] = await conn.query<mysql.RowDataPacket[]>('SHOW GLOBAL STATUS WHERE Variable_name IN (?)', [names]);
  return Object.fromEntries(rows.map((r) => [String(r['Variable_name']), Number(r['Value'])]));
}
