// Read-only introspection of a target server: table definitions, sizes, foreign-key neighbours,
// triggers, and column statistics from a bounded sample. Every statement is a SELECT or SHOW,
// runs in a READ ONLY session, and is bounded by a server-side time limit and a short
// lock_wait_timeout, so introspection never writes and never queues behind DDL for long.
import type mysql from 'mysql2/promise';
import { ConnectionError, ShadowError } from '../errors.js';
import { parseSql } from '../parser/parse.js';
import type { CreateTableOperation, ForeignKeyDefinition, TableRef } from '../parser/statement.js';
import type { ServerVersion, TableFacts } from './capabilities/types.js';
import { connect, detectServer, quoteId, type Connection } from './connection.js';

export interface TargetSession {
  readonly conn: Connection;
  readonly version: ServerVersion;
  /** The database tables are looked up in when a name has no schema. */
  readonly database: string;
  readonly statementTimeoutMs: number;
}

export interface TargetSessionOptions {
  /** Server-side limit per statement (default 5 s). */
  readonly statementTimeoutMs?: number;
  /** Seconds to wait for a metadata lock before giving up (default 3). */
  readonly lockWaitTimeoutS?: number;
}

/**
 * Prepares a connection for read-only use: READ ONLY transactions, a statement time limit and a
 * short metadata-lock wait. Works for a user with nothing but SELECT.
 */
export async function openTargetSession(conn: Connection, options: TargetSessionOptions = {}): Promise<TargetSession> {
  const version = await detectServer(conn);
  const timeoutMs = options.statementTimeoutMs ?? 5000;
  await conn.query('SET SESSION TRANSACTION READ ONLY');
  await conn.query(`SET SESSION lock_wait_timeout = ${Math.max(1, Math.floor(options.lockWaitTimeoutS ?? 3))}`);
  if (version.flavor === 'mariadb') await conn.query(`SET SESSION max_statement_time = ${(timeoutMs / 1000).toFixed(3)}`);
  else await conn.query(`SET SESSION max_execution_time = ${Math.ceil(timeoutMs)}`);
  const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT DATABASE() AS db');
  const database = rows[0]?.['db'];
  if (typeof database !== 'string' || database === '') {
    throw new ConnectionError('the target URL names no database: add it to the URL, e.g. mysql://user@host:3306/app');
  }
  return Object.freeze({ conn, version, database, statementTimeoutMs: timeoutMs });
}

/** Connects to `url` and opens a read-only session on it. The caller ends `session.conn`. */
export async function connectTarget(url: string, options: TargetSessionOptions = {}): Promise<TargetSession> {
  const conn = await connect(url);
  try {
    return await openTargetSession(conn, options);
  } catch (error) {
    await conn.end().catch(() => {});
    throw error;
  }
}

/** A SELECT with the server-side time limit written into the statement itself. */
export function boundedSelect(session: Pick<TargetSession, 'version' | 'statementTimeoutMs'>, sql: string, timeoutMs = session.statementTimeoutMs): string {
  const body = sql.trim();
  if (!/^SELECT\b/i.test(body)) throw new Error(`boundedSelect takes a SELECT, got ${body.slice(0, 30)}`);
  if (session.version.flavor === 'mariadb') return `SET STATEMENT max_statement_time=${(timeoutMs / 1000).toFixed(3)} FOR ${body}`;
  return body.replace(/^SELECT\b/i, `SELECT /*+ MAX_EXECUTION_TIME(${Math.ceil(timeoutMs)}) */`);
}

async function select(session: TargetSession, sql: string, params: readonly unknown[] = [], timeoutMs?: number): Promise<mysql.RowDataPacket[]> {
  const [rows] = await session.conn.query<mysql.RowDataPacket[]>(boundedSelect(session, sql, timeoutMs), [...params] as (string | number | null)[]);
  return rows;
}

export interface TableSnapshot extends TableFacts {
  readonly definition: CreateTableOperation;
  /** SHOW CREATE TABLE text, as the server printed it. */
  readonly createSql: string;
  /** `rows` came from COUNT(*), not the information_schema estimate. */
  readonly rowsExact: boolean;
  /** Why the table is in the snapshot: named by the caller, or reached through a foreign key. */
  readonly reason: 'requested' | 'referenced' | 'referencing';
}

export interface IntrospectOptions {
  /** Also take tables whose foreign keys reference the requested ones (default true). */
  readonly includeReferencing?: boolean;
  /** COUNT(*) tables whose estimate is below this (default 100,000 rows). */
  readonly exactCountBelow?: number;
  /** COUNT(*) every table (bounded by the statement time limit; falls back to the estimate). */
  readonly exactCounts?: boolean;
}

const refOf = (name: string | TableRef, database: string): TableRef =>
  typeof name === 'string' ? { schema: database, name } : { schema: name.schema ?? database, name: name.name };
const keyOf = (t: TableRef): string => `${t.schema ?? ''}.${t.name}`.toLowerCase();

/**
 * Snapshots the named tables plus the tables their foreign keys reach (parents, transitively) and,
 * by default, the tables referencing them (and those tables' parents). Missing tables are skipped:
 * a migration may create them.
 */
export async function introspectTables(session: TargetSession, tables: readonly (string | TableRef)[], options: IntrospectOptions = {}): Promise<readonly TableSnapshot[]> {
  const reason = new Map<string, TableSnapshot['reason']>();
  const queue: TableRef[] = [];
  const enqueue = (t: TableRef, why: TableSnapshot['reason']): void => {
    const k = keyOf(t);
    if (reason.has(k)) return;
    reason.set(k, why);
    queue.push(t);
  };
  for (const t of tables) enqueue(refOf(t, session.database), 'requested');

  if (options.includeReferencing ?? true) {
    for (const child of await referencingTables(session, queue)) enqueue(child, 'referencing');
  }

  const defs = new Map<string, { ref: TableRef; createSql: string; definition: CreateTableOperation }>();
  while (queue.length > 0) {
    const ref = queue.shift()!;
    const shown = await showCreateTable(session, ref);
    if (!shown) continue;
    defs.set(keyOf(ref), { ref, ...shown });
    for (const fk of shown.definition.foreignKeys) enqueue(refOf(fk.referencedTable, ref.schema ?? session.database), 'referenced');
  }
  if (defs.size === 0) return Object.freeze([]);

  const refs = [...defs.values()].map((d) => d.ref);
  const sizes = await tableSizes(session, refs);
  const triggers = await tableTriggers(session, refs);
  const versions = await rowVersions(session, refs);
  const referencedBy = await referencingKeys(session, refs);
  const out: TableSnapshot[] = [];
  for (const [k, d] of defs) {
    const size = sizes.get(k);
    let rows = size?.rows ?? null;
    let rowsExact = false;
    if (options.exactCounts || (rows !== null && rows < (options.exactCountBelow ?? 100_000))) {
      const exact = await exactCount(session, d.ref);
      if (exact !== null) {
        rows = exact;
        rowsExact = true;
      }
    }
    out.push(
      deepFreeze({
        table: d.ref,
        definition: d.definition,
        createSql: d.createSql,
        rows,
        rowsExact,
        dataBytes: size?.dataBytes ?? null,
        indexBytes: size?.indexBytes ?? null,
        referencedBy: referencedBy.get(k) ?? [],
        triggers: triggers.get(k) ?? [],
        totalRowVersions: versions.get(k) ?? null,
        reason: reason.get(k) ?? 'requested',
      }),
    );
  }
  return Object.freeze(out);
}

async function showCreateTable(session: TargetSession, ref: TableRef): Promise<{ createSql: string; definition: CreateTableOperation } | null> {
  let rows: mysql.RowDataPacket[];
  try {
    [rows] = await session.conn.query<mysql.RowDataPacket[]>(`SHOW CREATE TABLE ${quoteId(ref.schema ?? session.database)}.${quoteId(ref.name)}`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ER_NO_SUCH_TABLE') return null;
    throw new ShadowError(`cannot read the definition of ${ref.name} on the target: ${(error as Error).message}`, { cause: error });
  }
  const row = rows[0];
  const createSql = row ? String(row['Create Table'] ?? '') : '';
  if (!createSql) return null; // a view: nothing to build
  const parsed = parseSql(createSql, `target:${ref.name}`)[0]?.operation;
  if (!parsed || parsed.kind !== 'create-table') throw new ShadowError(`cannot understand SHOW CREATE TABLE of ${ref.name}`);
  // SHOW CREATE TABLE omits the schema; the snapshot carries the one it was read from.
  return { createSql, definition: { ...parsed, table: ref } };
}

async function referencingTables(session: TargetSession, parents: readonly TableRef[]): Promise<TableRef[]> {
  if (parents.length === 0) return [];
  const rows = await select(
    session,
    `SELECT DISTINCT TABLE_SCHEMA AS s, TABLE_NAME AS t FROM information_schema.KEY_COLUMN_USAGE
      WHERE REFERENCED_TABLE_NAME IS NOT NULL AND (${parents.map(() => '(REFERENCED_TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME = ?)').join(' OR ')})`,
    parents.flatMap((p) => [p.schema, p.name]),
  );
  return rows.map((r) => ({ schema: String(r['s']), name: String(r['t']) }));
}

async function referencingKeys(session: TargetSession, parents: readonly TableRef[]): Promise<Map<string, { table: TableRef; foreignKey: ForeignKeyDefinition }[]>> {
  const rows = await select(
    session,
    `SELECT k.TABLE_SCHEMA AS s, k.TABLE_NAME AS t, k.CONSTRAINT_NAME AS n, k.COLUMN_NAME AS c,
            k.REFERENCED_TABLE_SCHEMA AS rs, k.REFERENCED_TABLE_NAME AS rt, k.REFERENCED_COLUMN_NAME AS rc,
            r.DELETE_RULE AS del, r.UPDATE_RULE AS upd
       FROM information_schema.KEY_COLUMN_USAGE k
       LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS r
         ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
      WHERE k.REFERENCED_TABLE_NAME IS NOT NULL AND (${parents.map(() => '(k.REFERENCED_TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME = ?)').join(' OR ')})
      ORDER BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
    parents.flatMap((p) => [p.schema, p.name]),
  );
  const byConstraint = new Map<string, { parent: string; table: TableRef; fk: { name: string; columns: string[]; referencedTable: TableRef; referencedColumns: string[]; onDelete: string | null; onUpdate: string | null } }>();
  for (const r of rows) {
    const id = `${r['s']}.${r['t']}.${r['n']}`;
    let e = byConstraint.get(id);
    if (!e) {
      const referencedTable = { schema: String(r['rs']), name: String(r['rt']) };
      e = {
        parent: keyOf(referencedTable),
        table: { schema: String(r['s']), name: String(r['t']) },
        fk: { name: String(r['n']), columns: [], referencedTable, referencedColumns: [], onDelete: r['del'] ? String(r['del']) : null, onUpdate: r['upd'] ? String(r['upd']) : null },
      };
      byConstraint.set(id, e);
    }
    e.fk.columns.push(String(r['c']));
    e.fk.referencedColumns.push(String(r['rc']));
  }
  const out = new Map<string, { table: TableRef; foreignKey: ForeignKeyDefinition }[]>();
  for (const e of byConstraint.values()) {
    const list = out.get(e.parent) ?? [];
    list.push({ table: e.table, foreignKey: e.fk });
    out.set(e.parent, list);
  }
  return out;
}

async function tableSizes(session: TargetSession, refs: readonly TableRef[]): Promise<Map<string, { rows: number | null; dataBytes: number | null; indexBytes: number | null }>> {
  const rows = await select(
    session,
    `SELECT TABLE_SCHEMA AS s, TABLE_NAME AS t, TABLE_ROWS AS r, DATA_LENGTH AS d, INDEX_LENGTH AS i
       FROM information_schema.TABLES WHERE ${refs.map(() => '(TABLE_SCHEMA = ? AND TABLE_NAME = ?)').join(' OR ')}`,
    refs.flatMap((r) => [r.schema, r.name]),
  );
  const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  return new Map(rows.map((r) => [keyOf({ schema: String(r['s']), name: String(r['t']) }), { rows: n(r['r']), dataBytes: n(r['d']), indexBytes: n(r['i']) }]));
}

async function exactCount(session: TargetSession, ref: TableRef): Promise<number | null> {
  try {
    const rows = await select(session, `SELECT COUNT(*) AS n FROM ${quoteId(ref.schema ?? session.database)}.${quoteId(ref.name)}`);
    return Number(rows[0]?.['n'] ?? 0);
  } catch (error) {
    if (isTimeout(error)) return null; // too big to count within the limit: keep the estimate
    throw error;
  }
}

async function tableTriggers(session: TargetSession, refs: readonly TableRef[]): Promise<Map<string, TableFacts['triggers'][number][]>> {
  // information_schema.TRIGGERS shows only triggers the user may see (TRIGGER privilege).
  const rows = await select(
    session,
    `SELECT EVENT_OBJECT_SCHEMA AS s, EVENT_OBJECT_TABLE AS t, TRIGGER_NAME AS n, EVENT_MANIPULATION AS e, ACTION_TIMING AS w
       FROM information_schema.TRIGGERS WHERE ${refs.map(() => '(EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ?)').join(' OR ')}`,
    refs.flatMap((r) => [r.schema, r.name]),
  );
  const out = new Map<string, TableFacts['triggers'][number][]>();
  for (const r of rows) {
    const k = keyOf({ schema: String(r['s']), name: String(r['t']) });
    const list = out.get(k) ?? [];
    list.push({ name: String(r['n']), event: String(r['e']) as 'INSERT' | 'UPDATE' | 'DELETE', timing: String(r['w']) as 'BEFORE' | 'AFTER' });
    out.set(k, list);
  }
  return out;
}

async function rowVersions(session: TargetSession, refs: readonly TableRef[]): Promise<Map<string, number>> {
  if (session.version.flavor !== 'mysql') return new Map();
  try {
    const rows = await select(
      session,
      `SELECT NAME AS n, TOTAL_ROW_VERSIONS AS v FROM information_schema.INNODB_TABLES WHERE NAME IN (${refs.map(() => '?').join(', ')})`,
      refs.map((r) => `${r.schema}/${r.name}`),
    );
    return new Map(rows.map((r) => [String(r['n']).replace('/', '.').toLowerCase(), Number(r['v'])]));
  } catch {
    return new Map(); // needs PROCESS, or a server before 8.0.29
  }
}

function isTimeout(error: unknown): boolean {
  const e = error as { errno?: number; code?: string };
  // MySQL 3024 ER_QUERY_TIMEOUT; MariaDB 1969 (max_statement_time exceeded); 1317 interrupted.
  return e.errno === 3024 || e.errno === 1969 || e.errno === 1317 || e.code === 'ER_QUERY_TIMEOUT';
}

// ---------------------------------------------------------------------------------------------
// Column statistics from a bounded sample

export interface ColumnStats {
  readonly column: string;
  /** Rows in the sample. */
  readonly sampledRows: number;
  readonly nullFraction: number;
  /** Estimated distinct non-null values in the whole table (Haas–Stokes Duj1 from the sample). */
  readonly distinct: number;
  /** Distinct non-null values seen in the sample. */
  readonly sampleDistinct: number;
  /** Smallest / largest value seen (numbers, dates, times; null for strings and binaries). */
  readonly min: string | null;
  readonly max: string | null;
  /** Lengths in characters (text) or bytes (binary); null for other types. */
  readonly avgLength: number | null;
  readonly minLength: number | null;
  readonly maxLength: number | null;
  /** Frequent values and their share of all sampled rows (skew); see SampleOptions.values. */
  readonly topValues: readonly { readonly value: string; readonly fraction: number }[];
}

export interface SampleOptions {
  /** Rows to read at most (default 10,000). */
  readonly sampleRows?: number;
  /** Random PK windows the sample is split into (default 10). */
  readonly windows?: number;
  /** Per-query time limit (default the session's). */
  readonly timeoutMs?: number;
  /**
   * Which values may leave the target: `frequent` (default) keeps only values shared by many rows
   * (categories such as status codes; at least 1 % of the sample and 5 rows), `none` keeps none.
   * ENUM/SET members come from the schema and are always kept.
   */
  readonly values?: 'frequent' | 'none';
  readonly seed?: number;
}

type ColumnKind = 'number' | 'temporal' | 'text' | 'long-text' | 'binary' | 'enum' | 'other';

function kindOf(dataType: string): ColumnKind {
  const t = dataType.toUpperCase();
  if (['TINYINT', 'SMALLINT', 'MEDIUMINT', 'INT', 'BIGINT', 'DECIMAL', 'FLOAT', 'DOUBLE', 'YEAR', 'BIT'].includes(t)) return 'number';
  if (['DATE', 'DATETIME', 'TIMESTAMP', 'TIME'].includes(t)) return 'temporal';
  if (t === 'CHAR' || t === 'VARCHAR') return 'text';
  if (['TINYTEXT', 'TEXT', 'MEDIUMTEXT', 'LONGTEXT', 'JSON'].includes(t)) return 'long-text';
  if (['BINARY', 'VARBINARY', 'TINYBLOB', 'BLOB', 'MEDIUMBLOB', 'LONGBLOB'].includes(t)) return 'binary';
  if (t === 'ENUM' || t === 'SET') return 'enum';
  return 'other';
}

/**
 * Column statistics from at most `sampleRows` rows, read in random windows of the primary key
 * when it is a single integer column (else the first rows in key order). Never a full scan.
 */
export async function sampleColumnStats(session: TargetSession, table: TableSnapshot, options: SampleOptions = {}): Promise<readonly ColumnStats[]> {
  const def = table.definition;
  const columns = def.columns.filter((c) => !c.generated);
  if (columns.length === 0) return Object.freeze([]);
  const sampleRows = options.sampleRows ?? 10_000;
  const timeoutMs = options.timeoutMs ?? session.statementTimeoutMs;
  const from = `${quoteId(table.table.schema ?? session.database)}.${quoteId(table.table.name)}`;
  // Long VARCHARs are summarised like TEXT: their values are rarely categories and can be large.
  const kinds = columns.map((c) => (kindOf(c.dataType) === 'text' && (c.length ?? 0) > 255 ? 'long-text' : kindOf(c.dataType)));
  // Long values are summarised in the query: a length and a hash (for distinct counts), never the text.
  const exprs = columns.map((c, x) => {
    const q = quoteId(c.name);
    switch (kinds[x]) {
      case 'long-text':
        return `CHAR_LENGTH(${q}) AS ${quoteId('len' + x)}, CRC32(${q}) AS ${quoteId('v' + x)}`;
      case 'binary':
        return `LENGTH(${q}) AS ${quoteId('len' + x)}, CRC32(${q}) AS ${quoteId('v' + x)}`;
      case 'text':
        return `CHAR_LENGTH(${q}) AS ${quoteId('len' + x)}, ${q} AS ${quoteId('v' + x)}`;
      case 'other':
        return `(${q} IS NULL) AS ${quoteId('isnull' + x)}`;
      case 'number':
        return c.dataType.toUpperCase() === 'BIT' ? `CAST(${q} AS UNSIGNED) AS ${quoteId('v' + x)}` : `${q} AS ${quoteId('v' + x)}`;
      default:
        return `${q} AS ${quoteId('v' + x)}`;
    }
  });
  const list = exprs.join(', ');

  const primary = def.indexes.find((ix) => ix.kind === 'primary');
  const pkCol = primary?.columns.length === 1 ? def.columns.find((c) => c.name.toLowerCase() === primary.columns[0]!.name.toLowerCase()) : undefined;
  let rows: mysql.RowDataPacket[] = [];
  // The key's true range (two index dives), which the sample's windows only approximate.
  let keyRange: { readonly lo: number; readonly hi: number } | null = null;
  if (pkCol && kindOf(pkCol.dataType) === 'number' && pkCol.dataType.toUpperCase() !== 'BIT') {
    const pk = quoteId(pkCol.name);
    const range = await select(session, `SELECT MIN(${pk}) AS lo, MAX(${pk}) AS hi FROM ${from}`, [], timeoutMs);
    const lo = Number(range[0]?.['lo']);
    const hi = Number(range[0]?.['hi']);
    if (range[0]?.['lo'] !== null && Number.isFinite(lo) && Number.isFinite(hi)) {
      keyRange = { lo, hi };
      const windows = Math.max(1, options.windows ?? 10);
      const per = Math.max(1, Math.ceil(sampleRows / windows));
      let state = (options.seed ?? 0x9e3779b9) >>> 0;
      const seenKeys = new Set<string>();
      for (let w = 0; w < windows; w++) {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        const start = lo + Math.floor((state / 4294967296) * Math.max(1, hi - lo + 1));
        const part = await select(session, `SELECT ${pk} AS \`__pk\`, ${list} FROM ${from} WHERE ${pk} >= ? ORDER BY ${pk} LIMIT ${per}`, [start], timeoutMs);
        // Windows may overlap: a row read twice would look like a repeated value.
        for (const r of part) {
          const key = String(r['__pk']);
          if (seenKeys.has(key)) continue;
          seenKeys.add(key);
          rows.push(r);
        }
        if (part.length < per && start === lo) break; // the whole table fits in one window
      }
    }
  } else {
    rows = await select(session, `SELECT ${list} FROM ${from} LIMIT ${sampleRows}`, [], timeoutMs);
  }
  return Object.freeze(
    columns.map((c, x) => {
      const st = summarise(c.name, kinds[x]!, x, rows, table.rows, options.values ?? 'frequent');
      return keyRange && c === pkCol ? Object.freeze({ ...st, min: String(keyRange.lo), max: String(keyRange.hi) }) : st;
    }),
  );
}

function summarise(name: string, kind: ColumnKind, x: number, rows: readonly mysql.RowDataPacket[], tableRows: number | null, policy: 'frequent' | 'none'): ColumnStats {
  const n = rows.length;
  let nulls = 0;
  const counts = new Map<string, number>();
  let min: string | null = null;
  let max: string | null = null;
  let minNum = Infinity;
  let maxNum = -Infinity;
  let lenSum = 0;
  let lenMin = Infinity;
  let lenMax = -Infinity;
  for (const r of rows) {
    if (kind === 'other') {
      if (Number(r['isnull' + x]) === 1) nulls++;
      continue;
    }
    const v = r['v' + x];
    if (v === null || v === undefined) {
      nulls++;
      continue;
    }
    const s = Buffer.isBuffer(v) ? v.toString('hex') : String(v);
    counts.set(s, (counts.get(s) ?? 0) + 1);
    if (kind === 'number') {
      const f = Number(s);
      if (f < minNum) minNum = f;
      if (f > maxNum) maxNum = f;
    } else if (kind === 'temporal') {
      if (min === null || s < min) min = s;
      if (max === null || s > max) max = s;
    }
    const len = r['len' + x];
    if (len !== undefined && len !== null) {
      const l = Number(len);
      lenSum += l;
      if (l < lenMin) lenMin = l;
      if (l > lenMax) lenMax = l;
    }
  }
  if (kind === 'number' && minNum <= maxNum) {
    min = String(minNum);
    max = String(maxNum);
  }
  const nonNull = n - nulls;
  const d = counts.size;
  let f1 = 0;
  for (const k of counts.values()) if (k === 1) f1++;
  const population = Math.max(nonNull, Math.round((tableRows ?? n) * (n > 0 ? nonNull / n : 1)));
  // Haas & Stokes' Duj1: n·d / (n − f1 + f1·n/N), clamped to [d, N].
  const distinct = nonNull === 0 ? 0 : Math.round(Math.min(population, Math.max(d, (nonNull * d) / (nonNull - f1 + (f1 * nonNull) / Math.max(population, 1)))));
  const keepValues = kind === 'enum' || (policy === 'frequent' && (kind === 'number' || kind === 'temporal' || kind === 'text'));
  const top = keepValues
    ? [...counts.entries()]
        .filter(([, k]) => kind === 'enum' || (k >= 5 && k / Math.max(1, n) >= 0.01))
        .sort((a, b) => b[1] - a[1])
        .slice(0, 20)
        .map(([value, k]) => ({ value, fraction: k / n }))
    : [];
  const hasLength = kind === 'text' || kind === 'long-text' || kind === 'binary';
  return Object.freeze({
    column: name,
    sampledRows: n,
    nullFraction: n === 0 ? 0 : nulls / n,
    distinct,
    sampleDistinct: d,
    min,
    max,
    avgLength: hasLength && nonNull > 0 ? lenSum / nonNull : null,
    minLength: hasLength && nonNull > 0 ? lenMin : null,
    maxLength: hasLength && nonNull > 0 ? lenMax : null,
    topValues: Object.freeze(top.map((t) => Object.freeze(t))),
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
