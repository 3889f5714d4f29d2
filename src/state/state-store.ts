// drydock's bookkeeping in the target: migration history, per-statement checkpoints and the
// runner record. All SQL on these tables lives here; the store works on the connection it is
// given, so a chunk's checkpoint can commit in the same transaction as the chunk itself.
import type mysql from 'mysql2/promise';
import type { Connection } from '../db/connection.js';
import { loadBookkeepingMigrations, type BookkeepingMigration } from './bookkeeping-migrations.js';

type Row = mysql.RowDataPacket;

export type HistoryStatus = 'running' | 'success' | 'failed' | 'interrupted' | 'adopted';
export type CheckpointStatus = 'running' | 'done' | 'failed' | 'skipped';
/** How a statement is run, which decides how an unknown outcome is resolved on resume. */
export type CheckpointMode = 'ddl' | 'dml' | 'batched' | 'truncate' | 'session' | 'other';

export interface HistoryRow {
  readonly name: string;
  readonly checksum: string;
  readonly status: HistoryStatus;
  readonly statementsApplied: number;
  readonly statementsTotal: number;
  readonly attempts: number;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly error: string | null;
  readonly approvedBy: string | null;
  readonly reportHash: string | null;
  readonly decision: string | null;
}

export interface CheckpointRow {
  readonly statementIndex: number;
  readonly sqlHash: string;
  readonly mode: CheckpointMode;
  readonly status: CheckpointStatus;
  /** JSON array of the last primary key done (batched DML). */
  readonly lastKey: readonly unknown[] | null;
  readonly rowsDone: number;
  readonly rowsTotal: number | null;
  readonly chunks: number;
  /** The server connection that last ran it: on resume, drydock waits until that thread is gone. */
  readonly connectionId: number | null;
  readonly error: string | null;
}

export interface Approval {
  readonly approver: string;
  readonly reportHash: string;
  readonly decision: string;
}

export const HISTORY_TABLE = 'drydock_history';
export const CHECKPOINT_TABLE = 'drydock_checkpoints';
/** Kysely's Migrator default table name. */
export const KYSELY_MIGRATION_TABLE = 'kysely_migration';

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toHistory(r: Row): HistoryRow {
  return Object.freeze({
    name: String(r['name']),
    checksum: String(r['checksum']),
    status: String(r['status']) as HistoryStatus,
    statementsApplied: Number(r['statements_applied']),
    statementsTotal: Number(r['statements_total']),
    attempts: Number(r['attempts']),
    startedAt: str(r['started_at']),
    finishedAt: str(r['finished_at']),
    error: str(r['error']),
    approvedBy: str(r['approved_by']),
    reportHash: str(r['report_hash']),
    decision: str(r['decision']),
  });
}

function toCheckpoint(r: Row): CheckpointRow {
  const lastKey = str(r['last_key']);
  return Object.freeze({
    statementIndex: Number(r['statement_index']),
    sqlHash: String(r['sql_hash']),
    mode: String(r['mode']) as CheckpointMode,
    status: String(r['status']) as CheckpointStatus,
    lastKey: lastKey === null ? null : Object.freeze(JSON.parse(lastKey) as unknown[]),
    rowsDone: Number(r['rows_done']),
    rowsTotal: r['rows_total'] === null ? null : Number(r['rows_total']),
    chunks: Number(r['chunks']),
    connectionId: r['connection_id'] === null ? null : Number(r['connection_id']),
    error: str(r['error']),
  });
}

async function tableExists(conn: Connection, table: string): Promise<boolean> {
  const [rows] = await conn.query<Row[]>(
    'SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
    [table],
  );
  return rows.length > 0;
}

export class StateStore {
  #conn: Connection;
  readonly #bookkeeping: readonly BookkeepingMigration[];

  constructor(conn: Connection, bookkeeping: readonly BookkeepingMigration[] = loadBookkeepingMigrations()) {
    this.#conn = conn;
    this.#bookkeeping = bookkeeping;
  }

  get connection(): Connection {
    return this.#conn;
  }

  /** After a lost connection the executor reconnects and hands the store the new one. */
  useConnection(conn: Connection): void {
    this.#conn = conn;
  }

  /** Whether the bookkeeping tables exist (status never creates them). */
  async exists(): Promise<boolean> {
    return tableExists(this.#conn, HISTORY_TABLE);
  }

  /**
   * Applies drydock's own pending bookkeeping migrations, in order, and records each in the
   * history with scope `drydock`. Call only while holding the runner lock. Returns those applied.
   */
  async ensure(): Promise<readonly string[]> {
    const done = new Map<string, string>();
    if (await this.exists()) {
      const [rows] = await this.#conn.query<Row[]>(
        `SELECT name, checksum FROM ${HISTORY_TABLE} WHERE scope = 'drydock' AND status = 'success'`,
      );
      for (const r of rows) done.set(String(r['name']), String(r['checksum']));
    }
    const applied: string[] = [];
    for (const m of this.#bookkeeping) {
      if (done.has(m.name)) continue;
      // Every statement is CREATE … IF NOT EXISTS, so a bootstrap killed halfway simply repeats.
      for (const sql of m.statements) await this.#conn.query(sql);
      await this.#conn.query(
        `REPLACE INTO ${HISTORY_TABLE} (scope, name, checksum, status, statements_applied, statements_total, attempts, started_at, finished_at)
         VALUES ('drydock', ?, ?, 'success', ?, ?, 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`,
        [m.name, m.checksum, m.statements.length, m.statements.length],
      );
      applied.push(m.name);
    }
    return Object.freeze(applied);
  }

  async history(): Promise<readonly HistoryRow[]> {
    if (!(await this.exists())) return Object.freeze([]);
    const [rows] = await this.#conn.query<Row[]>(
      `SELECT * FROM ${HISTORY_TABLE} WHERE scope = 'project' ORDER BY started_at, name`,
    );
    return Object.freeze(rows.map(toHistory));
  }

  async bookkeepingHistory(): Promise<readonly HistoryRow[]> {
    if (!(await this.exists())) return Object.freeze([]);
    const [rows] = await this.#conn.query<Row[]>(`SELECT * FROM ${HISTORY_TABLE} WHERE scope = 'drydock' ORDER BY name`);
    return Object.freeze(rows.map(toHistory));
  }

  async historyOf(name: string): Promise<HistoryRow | null> {
    const [rows] = await this.#conn.query<Row[]>(
      `SELECT * FROM ${HISTORY_TABLE} WHERE scope = 'project' AND name = ?`,
      [name],
    );
    return rows[0] ? toHistory(rows[0]) : null;
  }

  /** Names Kysely's own Migrator recorded as applied; empty when the table is absent. */
  async kyselyApplied(table: string = KYSELY_MIGRATION_TABLE): Promise<readonly string[]> {
    if (!(await tableExists(this.#conn, table))) return Object.freeze([]);
    const [rows] = await this.#conn.query<Row[]>(`SELECT name FROM \`${table.replace(/`/g, '``')}\` ORDER BY name`);
    return Object.freeze(rows.map((r) => String(r['name'])));
  }

  /** Starts (or resumes) a migration: status running, one more attempt, approval recorded. */
  async beginMigration(p: {
    name: string;
    checksum: string;
    statementsTotal: number;
    approval: Approval;
    runner: string;
  }): Promise<void> {
    await this.#conn.query(
      `INSERT INTO ${HISTORY_TABLE} (scope, name, checksum, status, statements_applied, statements_total, attempts, started_at, approved_by, report_hash, decision, runner)
       VALUES ('project', ?, ?, 'running', 0, ?, 1, UTC_TIMESTAMP(3), ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE checksum = VALUES(checksum), status = 'running', statements_total = VALUES(statements_total),
         attempts = attempts + 1, finished_at = NULL, error = NULL, approved_by = VALUES(approved_by),
         report_hash = VALUES(report_hash), decision = VALUES(decision), runner = VALUES(runner)`,
      [p.name, p.checksum, p.statementsTotal, p.approval.approver, p.approval.reportHash, p.approval.decision, p.runner],
    );
  }

  async finishMigration(name: string, p: { status: HistoryStatus; statementsApplied: number; error: string | null }): Promise<void> {
    await this.#conn.query(
      `UPDATE ${HISTORY_TABLE} SET status = ?, statements_applied = ?, error = ?, finished_at = UTC_TIMESTAMP(3)
       WHERE scope = 'project' AND name = ?`,
      [p.status, p.statementsApplied, p.error, name],
    );
  }

  /** Records a migration Kysely already applied, without running it. */
  async recordAdopted(p: { name: string; checksum: string; statementsTotal: number; approval: Approval | null }): Promise<void> {
    await this.#conn.query(
      `INSERT INTO ${HISTORY_TABLE} (scope, name, checksum, status, statements_applied, statements_total, attempts, started_at, finished_at, approved_by, report_hash, decision, error)
       VALUES ('project', ?, ?, 'adopted', ?, ?, 0, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), ?, ?, ?, 'recorded as applied by kysely_migration; not run by drydock')`,
      [p.name, p.checksum, p.statementsTotal, p.statementsTotal, p.approval?.approver ?? null, p.approval?.reportHash ?? null, p.approval?.decision ?? null],
    );
  }

  /** Accepts an edited migration's new checksum without running it again. */
  async acceptChecksum(name: string, checksum: string): Promise<void> {
    await this.#conn.query(`UPDATE ${HISTORY_TABLE} SET checksum = ? WHERE scope = 'project' AND name = ?`, [checksum, name]);
  }

  async checkpoints(migration: string): Promise<readonly CheckpointRow[]> {
    const [rows] = await this.#conn.query<Row[]>(
      `SELECT * FROM ${CHECKPOINT_TABLE} WHERE migration = ? ORDER BY statement_index`,
      [migration],
    );
    return Object.freeze(rows.map(toCheckpoint));
  }

  async checkpoint(migration: string, index: number): Promise<CheckpointRow | null> {
    const [rows] = await this.#conn.query<Row[]>(
      `SELECT * FROM ${CHECKPOINT_TABLE} WHERE migration = ? AND statement_index = ?`,
      [migration, index],
    );
    return rows[0] ? toCheckpoint(rows[0]) : null;
  }

  async resetCheckpoints(migration: string): Promise<void> {
    await this.#conn.query(`DELETE FROM ${CHECKPOINT_TABLE} WHERE migration = ?`, [migration]);
  }

  /**
   * Sets a statement's status. For 'running' this creates the row (keeping batched progress if
   * it exists); runs on the store's connection, inside whatever transaction is open there.
   */
  async markStatement(
    migration: string,
    index: number,
    p: { sqlHash: string; mode: CheckpointMode; status: CheckpointStatus; error?: string | null; rowsTotal?: number | null },
  ): Promise<void> {
    await this.#conn.query(
      `INSERT INTO ${CHECKPOINT_TABLE} (migration, statement_index, sql_hash, mode, status, rows_total, started_at, updated_at, finished_at, error, connection_id)
       VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), IF(? IN ('done', 'skipped'), UTC_TIMESTAMP(3), NULL), ?, CONNECTION_ID())
       ON DUPLICATE KEY UPDATE sql_hash = VALUES(sql_hash), mode = VALUES(mode), status = VALUES(status),
         rows_total = COALESCE(VALUES(rows_total), rows_total), updated_at = VALUES(updated_at),
         finished_at = VALUES(finished_at), error = VALUES(error), connection_id = VALUES(connection_id)`,
      [migration, index, p.sqlHash, p.mode, p.status, p.rowsTotal ?? null, p.status, p.error ?? null],
    );
  }

  /** One chunk done: call inside the chunk's transaction so both commit or neither does. */
  async recordChunk(migration: string, index: number, lastKey: readonly unknown[], rows: number): Promise<void> {
    await this.#conn.query(
      `UPDATE ${CHECKPOINT_TABLE} SET last_key = ?, rows_done = rows_done + ?, chunks = chunks + 1, updated_at = UTC_TIMESTAMP(3)
       WHERE migration = ? AND statement_index = ?`,
      [JSON.stringify(lastKey), rows, migration, index],
    );
  }

  async setRowsTotal(migration: string, index: number, rowsTotal: number): Promise<void> {
    await this.#conn.query(
      `UPDATE ${CHECKPOINT_TABLE} SET rows_total = ? WHERE migration = ? AND statement_index = ?`,
      [rowsTotal, migration, index],
    );
  }
}
