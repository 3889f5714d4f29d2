// Before a DDL statement: who would make it wait? Sessions holding metadata locks on the table
// (performance_schema.metadata_locks where it is on) or, failing that, every open transaction
// (information_schema.INNODB_TRX), any of which may hold one. Reported by connection id, user, age.
import type mysql from 'mysql2/promise';
import type { Connection } from '../db/connection.js';
import type { TableRef } from '../parser/statement.js';

type Row = mysql.RowDataPacket;

export interface Blocker {
  readonly connectionId: number;
  readonly user: string;
  readonly host: string | null;
  /** Seconds its transaction has been open (or the thread has been in its state, without one). */
  readonly ageSec: number;
  /** `SHARED_READ` etc. when known from metadata_locks; null from INNODB_TRX. */
  readonly lock: string | null;
  /** The thread's COMMAND/STATE, e.g. `Sleep`, `Query: Waiting for table metadata lock`. */
  readonly state: string;
}

export interface PreflightReport {
  readonly table: TableRef;
  /** `metadata_locks`: exact holders of locks on this table; `innodb_trx`: open transactions that may hold one. */
  readonly source: 'metadata_locks' | 'innodb_trx';
  readonly blockers: readonly Blocker[];
}

/** Open transactions younger than this are ignored in the INNODB_TRX fallback (normal traffic). */
export const PREFLIGHT_MIN_TRX_AGE_SEC = 1;

export async function metadataLocksUsable(conn: Connection): Promise<boolean> {
  try {
    const [rows] = await conn.query<Row[]>('SELECT @@performance_schema AS on_');
    if (Number(rows[0]?.['on_']) !== 1) return false;
    const [instr] = await conn.query<Row[]>(
      "SELECT ENABLED FROM performance_schema.setup_instruments WHERE NAME = 'wait/lock/metadata/sql/mdl'",
    );
    if (instr[0] && String(instr[0]['ENABLED']) !== 'YES') return false;
    await conn.query('SELECT 1 FROM performance_schema.metadata_locks LIMIT 1');
    return true;
  } catch {
    return false;
  }
}

export function describeBlockers(report: PreflightReport): string {
  if (report.blockers.length === 0) return 'no blocking sessions found';
  const list = report.blockers
    .map((b) => `connection ${b.connectionId} (${b.user}${b.host ? '@' + b.host : ''}, ${b.ageSec} s${b.lock ? ', ' + b.lock : ''}, ${b.state})`)
    .join(', ');
  return report.source === 'metadata_locks' ? `held by ${list}` : `open transactions that may hold it: ${list}`;
}

export async function findBlockers(conn: Connection, table: TableRef, useMetadataLocks: boolean): Promise<PreflightReport> {
  if (useMetadataLocks) {
    try {
      const [rows] = await conn.query<Row[]>(
        `SELECT t.PROCESSLIST_ID AS id, t.PROCESSLIST_USER AS user, t.PROCESSLIST_HOST AS host,
                ml.LOCK_TYPE AS lock_type, ml.LOCK_STATUS AS lock_status,
                t.PROCESSLIST_COMMAND AS command, t.PROCESSLIST_STATE AS state, t.PROCESSLIST_TIME AS time,
                TIMESTAMPDIFF(SECOND, trx.trx_started, NOW()) AS trx_age
           FROM performance_schema.metadata_locks ml
           JOIN performance_schema.threads t ON t.THREAD_ID = ml.OWNER_THREAD_ID
           LEFT JOIN information_schema.INNODB_TRX trx ON trx.trx_mysql_thread_id = t.PROCESSLIST_ID
          WHERE ml.OBJECT_TYPE = 'TABLE' AND ml.OBJECT_SCHEMA = COALESCE(?, DATABASE()) AND ml.OBJECT_NAME = ?
            AND t.PROCESSLIST_ID IS NOT NULL AND t.PROCESSLIST_ID <> CONNECTION_ID()
          ORDER BY t.PROCESSLIST_ID`,
        [table.schema, table.name],
      );
      const byId = new Map<number, Blocker>();
      for (const r of rows) {
        const id = Number(r['id']);
        const lock = `${String(r['lock_type'])} ${String(r['lock_status'])}`;
        const prev = byId.get(id);
        if (prev) {
          byId.set(id, { ...prev, lock: `${prev.lock}; ${lock}` });
          continue;
        }
        byId.set(id, {
          connectionId: id,
          user: String(r['user'] ?? ''),
          host: r['host'] === null ? null : String(r['host']),
          ageSec: Number(r['trx_age'] ?? r['time'] ?? 0),
          lock,
          state: [r['command'], r['state']].filter((x) => x !== null && x !== '').map(String).join(': '),
        });
      }
      return Object.freeze({ table, source: 'metadata_locks', blockers: Object.freeze([...byId.values()]) });
    } catch {
      // Fall through to the transaction list.
    }
  }
  const [rows] = await conn.query<Row[]>(
    `SELECT trx.trx_mysql_thread_id AS id, p.USER AS user, p.HOST AS host, p.COMMAND AS command, p.STATE AS state,
            TIMESTAMPDIFF(SECOND, trx.trx_started, NOW()) AS age
       FROM information_schema.INNODB_TRX trx
       LEFT JOIN information_schema.PROCESSLIST p ON p.ID = trx.trx_mysql_thread_id
      WHERE trx.trx_mysql_thread_id <> CONNECTION_ID()
        AND trx.trx_started <= NOW() - INTERVAL ? SECOND
      ORDER BY trx.trx_started`,
    [PREFLIGHT_MIN_TRX_AGE_SEC],
  );
  const blockers = rows.map((r) => ({
    connectionId: Number(r['id']),
    user: String(r['user'] ?? ''),
    host: r['host'] === null || r['host'] === undefined ? null : String(r['host']),
    ageSec: Number(r['age'] ?? 0),
    lock: null,
    state: [r['command'], r['state']].filter((x) => x !== null && x !== undefined && x !== '').map(String).join(': '),
  }));
  return Object.freeze({ table, source: 'innodb_trx', blockers: Object.freeze(blockers) });
}
