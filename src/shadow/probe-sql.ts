// The probe's statements, derived from the table's key so they work on any table drydock is given:
// reads are a key point lookup and a short key range; writes are key-addressed UPDATEs that set
// the key to itself. Such an UPDATE takes the same metadata lock and row lock as a real write
// (so it waits exactly when a real write would) yet changes no data, so the probe needs no rows
// of its own and no knowledge of the other columns' constraints.
import type { RowDataPacket } from 'mysql2/promise';
import type { Connection } from '../db/connection.js';
import { quoteId } from '../db/connection.js';

export interface ProbeStatement {
  readonly sql: string;
  readonly values: readonly unknown[];
}

export interface ProbeStatements {
  /** Called for every operation: rotates over a few existing keys. */
  nextRead(): ProbeStatement;
  nextWrite(): ProbeStatement;
  /** What the probe does, for logs and reports. */
  readonly description: string;
}

/** How many existing keys the probe rotates over. */
const KEY_SAMPLE = 50;

export function splitTableName(table: string): { schema: string | null; name: string } {
  const dot = table.indexOf('.');
  return dot > 0 ? { schema: table.slice(0, dot), name: table.slice(dot + 1) } : { schema: null, name: table };
}

export async function deriveProbeStatements(conn: Connection, table: string): Promise<ProbeStatements> {
  const { schema, name } = splitTableName(table);
  const qualified = schema ? `${quoteId(schema)}.${quoteId(name)}` : quoteId(name);
  const [keyRows] = await conn.query<RowDataPacket[]>(
    `SELECT s.INDEX_NAME AS idx, s.COLUMN_NAME AS col
       FROM information_schema.STATISTICS s
      WHERE s.TABLE_SCHEMA = COALESCE(?, DATABASE()) AND s.TABLE_NAME = ? AND s.NON_UNIQUE = 0
      ORDER BY s.INDEX_NAME = 'PRIMARY' DESC, s.INDEX_NAME, s.SEQ_IN_INDEX`,
    [schema, name],
  );
  const firstIndex = keyRows[0]?.['idx'] as string | undefined;
  const key = keyRows.filter((r) => r['idx'] === firstIndex).map((r) => String(r['col']));
  if (key.length === 0) return keylessStatements(conn, qualified);

  const cols = key.map(quoteId).join(', ');
  const [sample] = await conn.query<RowDataPacket[]>(`SELECT ${cols} FROM ${qualified} ORDER BY ${cols} LIMIT ${KEY_SAMPLE}`);
  const keys = sample.map((r) => key.map((k) => r[k]));
  if (keys.length === 0) keys.push(key.map(() => 0)); // empty table: the statements still take their locks
  const where = key.map((k) => `${quoteId(k)} = ?`).join(' AND ');
  const tuple = key.length === 1 ? quoteId(key[0]!) : `(${cols})`;
  const tupleParam = key.length === 1 ? '?' : `(${key.map(() => '?').join(', ')})`;
  let r = 0;
  let w = 0;
  return Object.freeze({
    nextRead(): ProbeStatement {
      const k = keys[r++ % keys.length]!;
      return r % 2 === 0
        ? { sql: `SELECT * FROM ${qualified} WHERE ${tuple} >= ${tupleParam} ORDER BY ${cols} LIMIT 10`, values: k }
        : { sql: `SELECT * FROM ${qualified} WHERE ${where}`, values: k };
    },
    nextWrite(): ProbeStatement {
      const k = keys[w++ % keys.length]!;
      return { sql: `UPDATE ${qualified} SET ${quoteId(key[0]!)} = ${quoteId(key[0]!)} WHERE ${where}`, values: k };
    },
    description: `key (${key.join(', ')}): point and range reads, no-op key UPDATEs over ${keys.length} rows`,
  });
}

async function keylessStatements(conn: Connection, qualified: string): Promise<ProbeStatements> {
  // No unique key: read the first row; write by updating the first row's first column to itself.
  const [, fields] = await conn.query<RowDataPacket[]>(`SELECT * FROM ${qualified} LIMIT 0`);
  const first = fields[0]?.name;
  if (!first) throw new Error(`probe: table ${qualified} has no columns`);
  return Object.freeze({
    nextRead: () => ({ sql: `SELECT * FROM ${qualified} LIMIT 1`, values: [] }),
    nextWrite: () => ({ sql: `UPDATE ${qualified} SET ${quoteId(first)} = ${quoteId(first)} LIMIT 1`, values: [] }),
    description: 'no unique key: first-row reads and no-op first-row UPDATEs',
  });
}

/** Replaces the derived reads and/or writes with the caller's fixed statements. */
export function withFixedStatements(base: ProbeStatements | null, readSql: string | undefined, writeSql: string | undefined): ProbeStatements {
  if (!base && (readSql === undefined || writeSql === undefined)) throw new Error('probe: give both readSql and writeSql, or let the probe derive them');
  const read = readSql === undefined ? null : { sql: readSql, values: [] };
  const write = writeSql === undefined ? null : { sql: writeSql, values: [] };
  return Object.freeze({
    nextRead: () => read ?? base!.nextRead(),
    nextWrite: () => write ?? base!.nextWrite(),
    description: [read ? 'caller-supplied reads' : null, write ? 'caller-supplied writes' : null, base ? base.description : null].filter(Boolean).join('; '),
  });
}
