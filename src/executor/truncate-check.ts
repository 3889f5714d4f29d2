// TRUNCATE instead of DELETE-everything is only equivalent when nothing else reacts to the
// deleted rows: no foreign keys from other tables (TRUNCATE would fail or skip their actions)
// and no DELETE triggers (TRUNCATE does not fire them).
import type mysql from 'mysql2/promise';
import type { Connection } from '../db/connection.js';
import type { TableRef } from '../parser/statement.js';

type Row = mysql.RowDataPacket;

/** Reasons TRUNCATE would not do what the DELETE does; empty when it is safe. */
export async function truncateRefusals(conn: Connection, table: TableRef): Promise<readonly string[]> {
  const reasons: string[] = [];
  const [fks] = await conn.query<Row[]>(
    `SELECT CONSTRAINT_SCHEMA AS s, TABLE_NAME AS t, CONSTRAINT_NAME AS c FROM information_schema.REFERENTIAL_CONSTRAINTS
      WHERE UNIQUE_CONSTRAINT_SCHEMA = COALESCE(?, DATABASE()) AND REFERENCED_TABLE_NAME = ?
        AND NOT (CONSTRAINT_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?)`,
    [table.schema, table.name, table.schema, table.name],
  );
  for (const r of fks) {
    reasons.push(`foreign key ${String(r['c'])} on ${String(r['s'])}.${String(r['t'])} references ${table.name}`);
  }
  const [triggers] = await conn.query<Row[]>(
    `SELECT TRIGGER_NAME AS n, ACTION_TIMING AS w FROM information_schema.TRIGGERS
      WHERE EVENT_OBJECT_SCHEMA = COALESCE(?, DATABASE()) AND EVENT_OBJECT_TABLE = ? AND EVENT_MANIPULATION = 'DELETE'`,
    [table.schema, table.name],
  );
  for (const r of triggers) {
    reasons.push(`${String(r['w']).toLowerCase()} delete trigger ${String(r['n'])} on ${table.name} would not fire`);
  }
  return Object.freeze(reasons);
}
