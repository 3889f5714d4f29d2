// Every operation class the capabilities answer for, measured on the real servers. For each case:
//  1. profile the statement from the table's real definition (SHOW CREATE TABLE, parsed);
//  2. on a 20-row clone, check that the explicit clause drydock would emit is accepted, that the
//     next better algorithm is refused (so the predicted one is really the best), and that
//     LOCK=NONE is refused where writes are predicted to be blocked;
//  3. on the populated table, run the plain statement while one connection reads and another
//     writes, and check the probe's verdicts against blocksReads/blocksWrites, the table id
//     against rebuildsTable, and "rows affected" against COPY.
// The cases run in order on one table (each leaves it valid for the next).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import { createCapabilities } from '../../src/db/capabilities/index.js';
import { DEFAULT_SESSION, type Algorithm, type LockProfile, type SessionState, type TableFacts } from '../../src/db/capabilities/types.js';
import type { Connection } from '../../src/db/connection.js';
import { parseSql } from '../../src/parser/parse.js';
import type { CreateTableOperation } from '../../src/parser/statement.js';
import { measureStatement, type Measurement } from '../../src/shadow/probe.js';
import { describeOnServers, type TestDatabase } from '../helpers/servers.js';

// Enough rows that a table copy runs well past the probe's 500 ms blocked threshold on a quiet
// machine (MariaDB copies 100k rows of this table in ~0.45 s, too close to call). The primary-key
// table gets more rows because its rebuilds are cheaper: at 200k, adding an AUTO_INCREMENT column
// on MariaDB took 468 ms on a quiet machine and the blocked verdict flipped.
const ROWS = 300_000;
const PK_TABLE_ROWS = 400_000;

const COLUMNS = `
  hits int NOT NULL DEFAULT 0,
  a int NOT NULL DEFAULT 0,
  name varchar(40) DEFAULT NULL,
  code varchar(20) DEFAULT NULL,
  wide varchar(100) DEFAULT NULL,
  status enum('new','done') NOT NULL DEFAULT 'new',
  parent_id int DEFAULT NULL,
  body varchar(200) NOT NULL DEFAULT ''`;

interface Case {
  readonly name: string;
  /** `{t}` is the table (the populated one, or the clone for clause checks). */
  readonly sql: string;
  readonly table?: 't' | 'k';
  readonly session?: readonly string[];
  /** Extra setup for the clone (foreign keys and checks are not copied by CREATE TABLE … LIKE). */
  readonly cloneSetup?: readonly string[];
  /** The statement takes no ALGORITHM/LOCK clause. */
  readonly noClause?: boolean;
  /** Run on the populated table after the measurement, to restore it for the next cases. */
  readonly after?: readonly string[];
}

const CLONE_FK = ['SET SESSION foreign_key_checks = 0', 'ALTER TABLE {t} ADD CONSTRAINT fk_{t} FOREIGN KEY (parent_id) REFERENCES {t} (id)', 'SET SESSION foreign_key_checks = 1'];

const NO_FK_CHECKS = ['SET SESSION foreign_key_checks = 0'];

const CASES: readonly Case[] = [
  { name: 'add column last', sql: 'ALTER TABLE {t} ADD COLUMN c1 int NULL' },
  { name: 'add column first', sql: 'ALTER TABLE {t} ADD COLUMN c2 int NULL FIRST' },
  { name: 'add column after', sql: 'ALTER TABLE {t} ADD COLUMN c3 varchar(10) NULL AFTER a' },
  { name: 'add NOT NULL column with default', sql: 'ALTER TABLE {t} ADD COLUMN c4 tinyint NOT NULL DEFAULT 1' },
  { name: 'add virtual generated column', sql: 'ALTER TABLE {t} ADD COLUMN v1 int AS (a * 2) VIRTUAL' },
  { name: 'add stored generated column', sql: 'ALTER TABLE {t} ADD COLUMN s1 int AS (a * 3) STORED' },
  { name: 'add column with an expression default', sql: 'ALTER TABLE {t} ADD COLUMN a2 int DEFAULT (a + 1)' },
  { name: 'add column and index in one statement', sql: 'ALTER TABLE {t} ADD COLUMN c7 int NULL, ADD INDEX idx_c7 (c7)' },
  { name: 'drop indexed column', sql: 'ALTER TABLE {t} DROP COLUMN c7' },
  { name: 'drop column', sql: 'ALTER TABLE {t} DROP COLUMN c2' },
  { name: 'drop stored generated column', sql: 'ALTER TABLE {t} DROP COLUMN s1' },
  { name: 'drop virtual generated column', sql: 'ALTER TABLE {t} DROP COLUMN v1' },
  { name: 'rename column', sql: 'ALTER TABLE {t} RENAME COLUMN c3 TO c3r' },
  { name: 'rename column and add index in one statement', sql: 'ALTER TABLE {t} RENAME COLUMN c3r TO c3s, ADD INDEX idx_c3s (c3s)' },
  { name: 'modify INT to BIGINT', sql: 'ALTER TABLE {t} MODIFY a bigint NOT NULL DEFAULT 0' },
  { name: 'VARCHAR widen within one length byte', sql: 'ALTER TABLE {t} MODIFY name varchar(60) DEFAULT NULL' },
  { name: 'VARCHAR widen across 255 bytes (from 240)', sql: 'ALTER TABLE {t} MODIFY name varchar(100) DEFAULT NULL' },
  { name: 'VARCHAR widen across 255 bytes (from 80)', sql: 'ALTER TABLE {t} MODIFY code varchar(100) DEFAULT NULL' },
  { name: 'VARCHAR shrink', sql: 'ALTER TABLE {t} MODIFY wide varchar(90) DEFAULT NULL' },
  { name: 'column charset change (utf8mb4 to latin1)', sql: 'ALTER TABLE {t} MODIFY code varchar(100) CHARACTER SET latin1 DEFAULT NULL' },
  { name: 'add utf8mb3 column', sql: 'ALTER TABLE {t} ADD COLUMN c6 varchar(10) CHARACTER SET utf8mb3 NULL' },
  { name: 'column charset change (utf8mb3 to utf8mb4)', sql: 'ALTER TABLE {t} MODIFY c6 varchar(10) CHARACTER SET utf8mb4 NULL' },
  { name: 'NULL to NOT NULL', sql: 'ALTER TABLE {t} MODIFY name varchar(100) NOT NULL' },
  { name: 'NOT NULL to NULL', sql: "ALTER TABLE {t} MODIFY body varchar(200) NULL DEFAULT ''" },
  { name: 'set default', sql: 'ALTER TABLE {t} ALTER COLUMN hits SET DEFAULT 5' },
  { name: 'drop default', sql: 'ALTER TABLE {t} ALTER COLUMN hits DROP DEFAULT' },
  { name: 'ENUM append', sql: "ALTER TABLE {t} MODIFY status enum('new','done','gone') NOT NULL DEFAULT 'new'" },
  { name: 'ENUM reorder', sql: "ALTER TABLE {t} MODIFY status enum('done','new','gone') NOT NULL DEFAULT 'new'" },
  { name: 'reorder column', sql: 'ALTER TABLE {t} MODIFY wide varchar(90) DEFAULT NULL AFTER id' },
  { name: 'add index', sql: 'ALTER TABLE {t} ADD INDEX idx_code (code)' },
  { name: 'add unique index', sql: 'ALTER TABLE {t} ADD UNIQUE INDEX uq_name (name)' },
  { name: 'drop index', sql: 'ALTER TABLE {t} DROP INDEX idx_code' },
  { name: 'rename index', sql: 'ALTER TABLE {t} RENAME INDEX uq_name TO uq_name2' },
  { name: 'add foreign key, checks on', sql: 'ALTER TABLE {t} ADD CONSTRAINT fk_{t} FOREIGN KEY (parent_id) REFERENCES {t} (id)' },
  { name: 'rename a foreign-key column', sql: 'ALTER TABLE {t} RENAME COLUMN parent_id TO parent_ref', cloneSetup: CLONE_FK, after: ['ALTER TABLE {t} RENAME COLUMN parent_ref TO parent_id'] },
  { name: 'rename a column a foreign key references', sql: 'ALTER TABLE {t} RENAME COLUMN id TO tid', cloneSetup: CLONE_FK, after: ['ALTER TABLE {t} RENAME COLUMN tid TO id'] },
  {
    name: 'drop foreign key',
    sql: 'ALTER TABLE {t} DROP FOREIGN KEY fk_{t}',
    cloneSetup: CLONE_FK,
  },
  { name: 'add foreign key, checks off', sql: 'ALTER TABLE {t} ADD CONSTRAINT fk_{t} FOREIGN KEY (parent_id) REFERENCES {t} (id)', session: NO_FK_CHECKS },
  {
    name: 'drop foreign key (2)',
    sql: 'ALTER TABLE {t} DROP FOREIGN KEY fk_{t}',
    cloneSetup: CLONE_FK,
  },
  {
    name: 'add cascading foreign key, checks off',
    sql: 'ALTER TABLE {t} ADD CONSTRAINT fkc_{t} FOREIGN KEY (parent_id) REFERENCES {t} (id) ON DELETE CASCADE',
    session: NO_FK_CHECKS,
  },
  {
    name: 'add index on a table with a cascading foreign key',
    sql: 'ALTER TABLE {t} ADD INDEX idx_code2 (code)',
    cloneSetup: ['SET SESSION foreign_key_checks = 0', 'ALTER TABLE {t} ADD CONSTRAINT fkc_{t} FOREIGN KEY (parent_id) REFERENCES {t} (id) ON DELETE CASCADE', 'SET SESSION foreign_key_checks = 1'],
  },
  {
    name: 'drop cascading foreign key',
    sql: 'ALTER TABLE {t} DROP FOREIGN KEY fkc_{t}',
    cloneSetup: ['SET SESSION foreign_key_checks = 0', 'ALTER TABLE {t} ADD CONSTRAINT fkc_{t} FOREIGN KEY (parent_id) REFERENCES {t} (id) ON DELETE CASCADE', 'SET SESSION foreign_key_checks = 1'],
  },
  { name: 'add check', sql: 'ALTER TABLE {t} ADD CONSTRAINT chk_{t} CHECK (hits >= 0)' },
  { name: 'drop check', sql: 'ALTER TABLE {t} DROP CONSTRAINT chk_{t}', cloneSetup: ['ALTER TABLE {t} ADD CONSTRAINT chk_{t} CHECK (hits >= 0)'] },
  { name: 'ENGINE=InnoDB', sql: 'ALTER TABLE {t} ENGINE=InnoDB' },
  { name: 'FORCE', sql: 'ALTER TABLE {t} FORCE' },
  { name: 'ROW_FORMAT change', sql: 'ALTER TABLE {t} ROW_FORMAT=COMPACT' },
  { name: 'AUTO_INCREMENT=N', sql: 'ALTER TABLE {t} AUTO_INCREMENT=1000000' },
  { name: 'table default charset', sql: 'ALTER TABLE {t} DEFAULT CHARSET=latin1' },
  { name: 'convert to character set', sql: 'ALTER TABLE {t} CONVERT TO CHARACTER SET latin1' },
  { name: 'optimize table', sql: 'OPTIMIZE TABLE {t}', noClause: true },
  // Before the FULLTEXT cases: on MariaDB, renaming a FULLTEXT table right after a copy once stalled
  // everyone for 2 s (FTS auxiliary tables); see docs/capabilities.md.
  { name: 'rename table', sql: 'RENAME TABLE {t} TO {t}_x, {t}_x TO {t}', noClause: true },
  // The second index covers more text so that its (write-blocking) build runs well over the probe's 500 ms floor.
  { name: 'add first FULLTEXT index', sql: 'ALTER TABLE {t} ADD FULLTEXT INDEX ft_code (code)' },
  { name: 'add second FULLTEXT index', sql: 'ALTER TABLE {t} ADD FULLTEXT INDEX ft_text (name, wide)' },
  // Any rebuild of a FULLTEXT table follows one rule (fulltextRebuild); ADD COLUMN measures it (FORCE behaves the same, and takes as long).
  { name: 'add column to a table with FULLTEXT', sql: 'ALTER TABLE {t} ADD COLUMN c5 int NULL' },
  // A second table whose primary key is not AUTO_INCREMENT, for the primary-key classes.
  { name: 'drop primary key', table: 'k', sql: 'ALTER TABLE {t} DROP PRIMARY KEY' },
  { name: 'add AUTO_INCREMENT column', table: 'k', sql: 'ALTER TABLE {t} ADD COLUMN seq bigint NOT NULL AUTO_INCREMENT, ADD UNIQUE KEY uq_seq (seq)' },
  { name: 'add primary key', table: 'k', sql: 'ALTER TABLE {t} ADD PRIMARY KEY (id)' },
  { name: 'replace primary key', table: 'k', sql: 'ALTER TABLE {t} DROP PRIMARY KEY, ADD PRIMARY KEY (id, a)' },
];

const sub = (sql: string, table: string): string => sql.replaceAll('{t}', table);

function sessionOf(sql: readonly string[] | undefined): SessionState {
  const off = (sql ?? []).some((s) => /foreign_key_checks\s*=\s*0/i.test(s));
  return { ...DEFAULT_SESSION, foreignKeyChecks: !off };
}

async function populate(d: TestDatabase, name: string, idColumn: string, rows: number): Promise<void> {
  await d.conn.query(`CREATE TABLE ${name} (${idColumn}, ${COLUMNS}, PRIMARY KEY (id), KEY idx_a (a)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  const select = `SELECT n, n % 1000, CONCAT('name-', n), CONCAT('c', n % 977), CONCAT('wide text ', n), IF(n % 3 = 0, 'done', 'new'), IF(n > 1, n - 1, NULL), REPEAT('x', 120)`;
  const cols = '(id, a, name, code, wide, status, parent_id, body)';
  if (d.version.flavor === 'mariadb') {
    await d.conn.query(`INSERT INTO ${name} ${cols} ${select} FROM (SELECT seq AS n FROM seq_1_to_${rows}) s`);
  } else {
    await d.conn.query(`SET SESSION cte_max_recursion_depth = ${rows}`);
    await d.conn.query(`INSERT INTO ${name} ${cols} WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${rows}) ${select} FROM seq`);
  }
}

async function tableFacts(conn: Connection, d: TestDatabase, table: string): Promise<TableFacts> {
  const [rows] = await conn.query<RowDataPacket[]>(`SHOW CREATE TABLE ${table}`);
  const [stmt] = parseSql(String(rows[0]!['Create Table']), 'show-create.sql');
  const definition = stmt!.operation as CreateTableOperation;
  expect(definition.kind).toBe('create-table');
  let totalRowVersions: number | null = null;
  if (d.version.flavor === 'mysql') {
    const [v] = await conn.query<RowDataPacket[]>('SELECT TOTAL_ROW_VERSIONS AS v FROM information_schema.INNODB_TABLES WHERE NAME = ?', [`${d.database}/${table}`]);
    totalRowVersions = Number(v[0]?.['v'] ?? 0);
  }
  return { table: definition.table, definition, rows: ROWS, dataBytes: null, indexBytes: null, referencedBy: [], triggers: [], totalRowVersions };
}

async function tableId(conn: Connection, d: TestDatabase, table: string): Promise<number> {
  const source = d.version.flavor === 'mysql' ? 'information_schema.INNODB_TABLES' : 'information_schema.INNODB_SYS_TABLES';
  const [rows] = await conn.query<RowDataPacket[]>(`SELECT TABLE_ID AS id FROM ${source} WHERE NAME = ?`, [`${d.database}/${table}`]);
  return Number(rows[0]?.['id'] ?? -1);
}

interface ClauseCheck {
  readonly clause: string;
  readonly expect: 'accepted' | 'refused';
  readonly got: string;
}

/** Algorithms that would be better than the predicted one and must therefore be refused. */
function betterAlgorithms(flavor: 'mysql' | 'mariadb', predicted: Algorithm): Algorithm[] {
  const order: Algorithm[] = flavor === 'mysql' ? ['INSTANT', 'INPLACE', 'COPY'] : ['INSTANT', 'NOCOPY', 'INPLACE', 'COPY'];
  const i = order.indexOf(predicted);
  // MariaDB's ALGORITHM=X means "X or better": refusing the next better one proves there is none.
  return flavor === 'mysql' ? order.slice(0, i) : i > 0 ? [order[i - 1]!] : [];
}

async function runOnClone(d: TestDatabase, c: Case, base: string, clause: string): Promise<string> {
  const clone = `${base}_s`;
  const conn = await d.connect();
  try {
    await conn.query(`DROP TABLE IF EXISTS ${clone}`);
    await conn.query(`CREATE TABLE ${clone} LIKE ${base}`);
    const [cols] = await conn.query<RowDataPacket[]>(
      "SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND EXTRA NOT LIKE '%GENERATED%' ORDER BY ORDINAL_POSITION",
      [base],
    );
    const list = cols.map((r) => `\`${String(r['c'])}\``).join(', ');
    await conn.query(`INSERT INTO ${clone} (${list}) SELECT ${list} FROM ${base} ORDER BY id LIMIT 20`);
    for (const s of c.cloneSetup ?? []) await conn.query(sub(s, clone));
    for (const s of c.session ?? []) await conn.query(s);
    await conn.query(`${sub(c.sql, clone)}, ${clause}`);
    return 'accepted';
  } catch (e) {
    const err = e as { errno?: number; message?: string };
    return err.errno === 1845 || err.errno === 1846 ? `refused ${err.errno}` : `error ${err.errno}: ${err.message}`;
  } finally {
    await conn.query(`DROP TABLE IF EXISTS ${clone}`).catch(() => {});
    await conn.end();
  }
}

async function clauseChecks(d: TestDatabase, c: Case, base: string, p: LockProfile): Promise<ClauseCheck[]> {
  const out: ClauseCheck[] = [];
  if (c.noClause || p.algorithm === null) return out;
  const check = async (clause: string, want: 'accepted' | 'refused'): Promise<void> => {
    out.push({ clause, expect: want, got: await runOnClone(d, c, base, clause) });
  };
  for (const a of betterAlgorithms(d.version.flavor, p.algorithm)) await check(`ALGORITHM=${a}`, 'refused');
  if (p.blocksWrites && p.algorithm !== 'INSTANT') await check(`ALGORITHM=${p.algorithm}, LOCK=NONE`, 'refused');
  if (p.clause) await check(`ALGORITHM=${p.clause.algorithm}${p.clause.lock ? `, LOCK=${p.clause.lock}` : ''}`, 'accepted');
  return out;
}

interface Row {
  readonly server: string;
  readonly name: string;
  readonly algorithm: string | null;
  readonly durationMs: number;
  readonly readsStalledMs: number;
  readonly writesStalledMs: number;
  readonly rebuilt: boolean;
  readonly affectedRows: number | null;
}

describeOnServers('capabilities, measured', (db) => {
  const results: Row[] = [];
  beforeAll(async () => {
    await populate(db(), 't', 'id int NOT NULL AUTO_INCREMENT', ROWS);
    await populate(db(), 'k', 'id int NOT NULL', PK_TABLE_ROWS);
  }, 120_000);
  afterAll(() => {
    if (results.length === 0) return;
    const server = `${results[0]!.server}`;
    const lines = results.map((r) =>
      [r.name.padEnd(48), String(r.algorithm).padEnd(8), `${Math.round(r.durationMs)} ms`.padStart(8), `r${Math.round(r.readsStalledMs)}`.padStart(7), `w${Math.round(r.writesStalledMs)}`.padStart(7), r.rebuilt ? 'rebuilt' : '       ', r.affectedRows ?? ''].join('  '),
    );
    console.log(`\nmeasured on ${server} (${ROWS} rows): statement, predicted algorithm, duration, stalled read/write ms, rebuilt, rows affected\n${lines.join('\n')}`);
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const d = db();
      const base = c.table ?? 't';
      const caps = createCapabilities(d.version);
      const [parsed] = parseSql(sub(c.sql, base), 'case.sql');
      const facts = await tableFacts(d.conn, d, base);
      const p = caps.profileOperation(parsed!.operation, facts, sessionOf(c.session));
      const context = `${c.name} on ${d.version.raw}: profile ${JSON.stringify({ ...p, reasons: undefined })} — ${p.reasons.join(' | ')}`;
      expect(p.blocksReads, context).not.toBeNull();
      expect(p.blocksWrites, context).not.toBeNull();

      const clauses = await clauseChecks(d, c, base, p);
      for (const k of clauses) expect.soft(k.got.split(' ')[0], `${context}\nclause ${k.clause}: ${k.got}`).toBe(k.expect);

      const before = await tableId(d.conn, d, base);
      const m: Measurement = await measureStatement({
        url: d.url,
        table: base,
        sql: sub(c.sql, base),
        ...(c.session ? { sessionSql: c.session } : {}),
        // A real write (the probe's default is a no-op UPDATE) so online row logs have something to replay.
        writeSql: `UPDATE ${base} SET hits = hits + 1 WHERE a = 7 AND id = 7`,
      });
      const after = await tableId(d.conn, d, base);
      for (const s of c.after ?? []) await d.conn.query(sub(s, base));
      const rebuilt = before !== after;
      results.push({ server: d.version.raw, name: c.name, algorithm: p.algorithm, durationMs: m.durationMs, readsStalledMs: m.readsStalledMs, writesStalledMs: m.writesStalledMs, rebuilt, affectedRows: m.affectedRows });
      const measured = `${context}\nmeasured ${JSON.stringify({ ...m, probe: undefined })} probe ${JSON.stringify(m.probe)} rebuilt=${rebuilt}`;
      expect(m.error, measured).toBeNull();
      expect.soft(m.writesBlocked, measured).toBe(p.blocksWrites);
      expect.soft(m.readsBlocked, measured).toBe(p.blocksReads);
      if (p.rebuildsTable !== null) expect.soft(rebuilt, measured).toBe(p.rebuildsTable);
      if (m.affectedRows !== null && !c.noClause) expect.soft(m.affectedRows > 0, measured).toBe(p.algorithm === 'COPY');
    });
  }

  it('instant row versions: at the limit INSTANT is refused and the profile plans a rebuild', async () => {
    const d = db();
    const caps = createCapabilities(d.version);
    const limit = caps.instantRowVersionLimit;
    await d.conn.query('CREATE TABLE rv (id int PRIMARY KEY, a int)');
    await d.conn.query('INSERT INTO rv VALUES (1, 1), (2, 2)');
    // Each instant ADD or DROP uses one row version (MySQL); MariaDB has no counter, so go past MySQL's old 64.
    const steps = limit ?? 70;
    for (let i = 0; i < steps; i++) {
      await d.conn.query(i % 2 === 0 ? 'ALTER TABLE rv ADD COLUMN x int, ALGORITHM=INSTANT' : 'ALTER TABLE rv DROP COLUMN x, ALGORITHM=INSTANT');
    }
    const facts = await tableFacts(d.conn, d, 'rv');
    const [parsed] = parseSql('ALTER TABLE rv ADD COLUMN y int', 'case.sql');
    const p = caps.profileOperation(parsed!.operation, facts, DEFAULT_SESSION);
    const tryInstant = await d.conn.query('ALTER TABLE rv ADD COLUMN y int, ALGORITHM=INSTANT').then(
      () => 'accepted',
      (e: { errno?: number }) => `refused ${e.errno}`,
    );
    if (limit === null) {
      expect(p).toMatchObject({ algorithm: 'INSTANT', clause: { algorithm: 'INSTANT', lock: null } });
      expect(tryInstant).toBe('accepted');
      return;
    }
    expect(facts.totalRowVersions).toBe(limit);
    expect(p).toMatchObject({ algorithm: 'INPLACE', rebuildsTable: true, blocksWrites: false, clause: { algorithm: 'INPLACE', lock: 'NONE' } });
    // ER_INSTANT_ADD_DROP_COLUMN_MAX_ROW_VERSIONS (4092), not 1845/1846.
    expect(tryInstant).toBe('refused 4092');
    await d.conn.query(`ALTER TABLE rv ADD COLUMN y int, ALGORITHM=${p.clause!.algorithm}, LOCK=${p.clause!.lock}`);
    expect((await tableFacts(d.conn, d, 'rv')).totalRowVersions).toBe(0);
  }, 60_000);

  it('truncate table is profiled as blocking everything for its (short) run', async () => {
    const caps = createCapabilities(db().version);
    const [parsed] = parseSql('TRUNCATE TABLE k', 'case.sql');
    const p = caps.profileOperation(parsed!.operation, await tableFacts(db().conn, db(), 'k'), DEFAULT_SESSION);
    expect(p).toMatchObject({ algorithm: null, blocksReads: true, blocksWrites: true, rebuildsTable: true, clause: null });
  });
});
