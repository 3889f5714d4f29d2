// The destructive, compatibility, DML, runner-safety and hygiene analyzers, checked on the real
// servers: the SQL their alternatives propose runs and does what the finding says, and the failures
// and silent effects the messages predict (error 1170, 2038, utf8mb3 rejecting emoji, `= NULL`
// matching nothing, the metadata-lock pile-up behind a waiting ALTER) really happen.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import type { Analyzer, Finding } from '../../src/analysis/analyzer.js';
import type { Connection } from '../../src/db/connection.js';
import { describeOnServers, type TestDatabase } from '../helpers/servers.js';
import { lintSql, type LintSqlOptions } from './lint-sql.js';
import { dropIndex } from '../../analyzers/drop-index.js';
import { dropPartition } from '../../analyzers/drop-partition.js';
import { dropPrimaryKey } from '../../analyzers/drop-primary-key.js';
import { dropColumn } from '../../analyzers/drop-column.js';
import { renameColumn } from '../../analyzers/rename-column.js';
import { renameTable } from '../../analyzers/rename-table.js';
import { timestamp2038 } from '../../analyzers/timestamp-2038.js';
import { textBlobIndexWithoutPrefix } from '../../analyzers/text-blob-index-without-prefix.js';
import { utf8mb3Charset } from '../../analyzers/utf8mb3-charset.js';
import { nonSargableWhere } from '../../analyzers/non-sargable-where.js';
import { missingLockWaitTimeout } from '../../analyzers/missing-lock-wait-timeout.js';
import { dmlLimitWithoutOrderBy } from '../../analyzers/dml-limit-without-order-by.js';
import { integerDisplayWidth } from '../../analyzers/integer-display-width.js';
import { nonIdempotentDdl } from '../../analyzers/non-idempotent-ddl.js';
import { insertSelectLargeTable } from '../../analyzers/insert-select-large-table.js';
import { dmlWhereNotIndexed } from '../../analyzers/dml-where-not-indexed.js';

const spec = (db: TestDatabase): string => `${db.version.flavor}:${db.version.major}.${db.version.minor}.${db.version.patch}`;

function lint(db: TestDatabase, analyzer: Analyzer, sql: string, tables: LintSqlOptions['tables'] = {}): readonly Finding[] {
  return lintSql(sql, [analyzer], { server: spec(db), tables }).filter((f) => f.id === analyzer.id);
}

/** Runs an alternative's statements in order, skipping comment lines. */
async function runAll(conn: Connection, sql: readonly string[]): Promise<void> {
  for (const s of sql) if (!s.trimStart().startsWith('--')) await conn.query(s);
}

const rows = async (conn: Connection, sql: string): Promise<RowDataPacket[]> => (await conn.query<RowDataPacket[]>(sql))[0];

describeOnServers('general analyzers on real servers', (db) => {
  let conn: Connection;
  beforeAll(() => {
    conn = db().conn;
  });
  afterAll(async () => {
    await conn.query('SET SESSION sql_mode = DEFAULT');
  });

  it('drop-index: the INVISIBLE / IGNORED trial, its undo and the final drop all run', async () => {
    const create = 'CREATE TABLE gi_idx (id INT PRIMARY KEY, at DATETIME, KEY idx_at (at))';
    await conn.query('DROP TABLE IF EXISTS gi_idx');
    await conn.query(create);
    const [f] = lint(db(), dropIndex, 'DROP INDEX idx_at ON gi_idx;', { gi_idx: { create, rows: 50_000 } });
    const sql = f!.alternatives[0]!.sql;
    expect(sql[0]).toMatch(db().version.flavor === 'mariadb' ? /IGNORED;$/ : /INVISIBLE;$/);
    await conn.query(sql[0]!);
    const undo = /undo with: (.*;)\)$/.exec(sql[1]!)![1]!;
    await conn.query(undo);
    await conn.query(sql[0]!);
    await conn.query(sql[2]!);
    expect(await rows(conn, "SHOW INDEX FROM gi_idx WHERE Key_name = 'idx_at'")).toHaveLength(0);
  });

  it('drop-partition: the exchange plan keeps the partition\'s rows in an archive table', async () => {
    for (const t of ['gi_logs_p1_archive', 'gi_logs']) await conn.query(`DROP TABLE IF EXISTS ${t}`);
    await conn.query('CREATE TABLE gi_logs (id INT PRIMARY KEY, v INT) PARTITION BY RANGE (id) (PARTITION p1 VALUES LESS THAN (100), PARTITION p2 VALUES LESS THAN MAXVALUE)');
    await conn.query('INSERT INTO gi_logs VALUES (1, 1), (2, 2), (150, 3)');
    const [f] = lint(db(), dropPartition, 'ALTER TABLE gi_logs DROP PARTITION p1;');
    await runAll(conn, f!.alternatives[0]!.sql);
    expect(Number((await rows(conn, 'SELECT COUNT(*) AS n FROM gi_logs_p1_archive'))[0]!['n'])).toBe(2);
    expect(Number((await rows(conn, 'SELECT COUNT(*) AS n FROM gi_logs'))[0]!['n'])).toBe(1);
  });

  it('drop-primary-key: promoting the NOT NULL unique key in the same statement is accepted online', async () => {
    const create = 'CREATE TABLE gi_pk (id INT NOT NULL, email VARCHAR(100) NOT NULL, PRIMARY KEY (id), UNIQUE KEY uk_email (email))';
    await conn.query('DROP TABLE IF EXISTS gi_pk');
    await conn.query(create);
    await conn.query("INSERT INTO gi_pk VALUES (1, 'a'), (2, 'b')");
    const [f] = lint(db(), dropPrimaryKey, 'ALTER TABLE gi_pk DROP PRIMARY KEY;', { gi_pk: { create, rows: 50_000 } });
    await runAll(conn, f!.alternatives[0]!.sql);
    const pk = await rows(conn, "SHOW INDEX FROM gi_pk WHERE Key_name = 'PRIMARY'");
    expect(pk.map((r) => r['Column_name'])).toEqual(['email']);
  });

  it('drop-column: the expand-contract steps run (with SET INVISIBLE where the server has it)', async () => {
    const create = 'CREATE TABLE gi_col (id INT PRIMARY KEY, legacy INT, keep_me INT)';
    await conn.query('DROP TABLE IF EXISTS gi_col');
    await conn.query(create);
    const [f] = lint(db(), dropColumn, 'ALTER TABLE gi_col DROP COLUMN legacy;', { gi_col: { create, rows: 50_000 } });
    const sql = f!.alternatives[0]!.sql;
    expect(sql.some((s) => s.includes('SET INVISIBLE'))).toBe(db().version.flavor === 'mysql');
    await runAll(conn, sql);
    expect((await rows(conn, 'SHOW COLUMNS FROM gi_col')).map((r) => r['Field'])).toEqual(['id', 'keep_me']);
  });

  it('rename-column: triggers keep old writers visible under the new name; backfill and contract run', async () => {
    const create = 'CREATE TABLE gi_users (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL)';
    await conn.query('DROP TABLE IF EXISTS gi_users');
    await conn.query(create);
    await conn.query("INSERT INTO gi_users VALUES (1, 'a'), (2, 'b')");
    const [f] = lint(db(), renameColumn, 'ALTER TABLE gi_users RENAME COLUMN email TO mail;', { gi_users: { create, rows: 50_000 } });
    const sql = f!.alternatives[0]!.sql;
    const contract = sql.findIndex((s) => s.startsWith('-- deploy'));
    await runAll(conn, sql.slice(0, contract));
    // The old release keeps writing the old column.
    await conn.query("INSERT INTO gi_users (id, email) VALUES (3, 'c')");
    await conn.query("UPDATE gi_users SET email = 'bb' WHERE id = 2");
    expect((await rows(conn, 'SELECT mail FROM gi_users ORDER BY id')).map((r) => r['mail'])).toEqual(['a', 'bb', 'c']);
    await runAll(conn, sql.slice(contract));
    expect((await rows(conn, 'SHOW COLUMNS FROM gi_users')).map((r) => r['Field'])).toEqual(['id', 'mail']);
  });

  it('rename-table: the compatibility view lets old code read and write under the old name', async () => {
    for (const s of ['DROP VIEW IF EXISTS gi_posts', 'DROP TABLE IF EXISTS gi_posts', 'DROP TABLE IF EXISTS gi_articles']) await conn.query(s);
    await conn.query('CREATE TABLE gi_posts (id INT PRIMARY KEY, title VARCHAR(20))');
    const [f] = lint(db(), renameTable, 'RENAME TABLE gi_posts TO gi_articles;');
    const sql = f!.alternatives[0]!.sql;
    await runAll(conn, sql.slice(0, 2));
    await conn.query("INSERT INTO gi_posts (id, title) VALUES (1, 'through the view')");
    await conn.query("UPDATE gi_posts SET title = 'updated' WHERE id = 1");
    expect((await rows(conn, 'SELECT title FROM gi_articles'))[0]!['title']).toBe('updated');
    await runAll(conn, sql.slice(2));
    await expect(conn.query('SELECT * FROM gi_posts')).rejects.toMatchObject({ errno: 1146 });
  });

  it('timestamp-2038: a TIMESTAMP refuses 2040 in strict mode, the DATETIME rewrite stores it', async () => {
    await conn.query("SET SESSION sql_mode = 'STRICT_TRANS_TABLES'");
    const sql = 'CREATE TABLE gi_ts (id INT PRIMARY KEY, expires_at TIMESTAMP NULL);';
    await conn.query('DROP TABLE IF EXISTS gi_ts');
    await conn.query(sql);
    await expect(conn.query("INSERT INTO gi_ts VALUES (1, '2040-01-01 00:00:00')")).rejects.toMatchObject({ errno: expect.any(Number) });
    const [f] = lint(db(), timestamp2038, sql);
    await conn.query('DROP TABLE gi_ts');
    await conn.query(f!.alternatives[0]!.sql[0]!);
    await conn.query("INSERT INTO gi_ts VALUES (1, '2040-01-01 00:00:00')");
    expect(String((await rows(conn, 'SELECT CAST(expires_at AS CHAR) AS v FROM gi_ts'))[0]!['v'])).toBe('2040-01-01 00:00:00');
  });

  it('text-blob-index-without-prefix: MySQL refuses with error 1170, MariaDB silently indexes 768 characters; the prefix rewrite is accepted', async () => {
    const create = 'CREATE TABLE gi_blob (id INT PRIMARY KEY, body TEXT) DEFAULT CHARSET=utf8mb4';
    await conn.query('DROP TABLE IF EXISTS gi_blob');
    await conn.query(create);
    const [f] = lint(db(), textBlobIndexWithoutPrefix, 'CREATE INDEX idx_body ON gi_blob (body);', { gi_blob: { create } });
    if (db().version.flavor === 'mysql') {
      expect(f!.severity).toBe('error');
      await expect(conn.query('CREATE INDEX idx_body ON gi_blob (body)')).rejects.toMatchObject({ errno: 1170 });
    } else {
      expect(f!.severity).toBe('warning');
      await conn.query('CREATE INDEX idx_body ON gi_blob (body)');
      expect((await rows(conn, "SHOW INDEX FROM gi_blob WHERE Key_name = 'idx_body'"))[0]!['Sub_part']).toBe(768);
      await conn.query('DROP INDEX idx_body ON gi_blob');
    }
    await runAll(conn, f!.alternatives[0]!.sql);
    expect((await rows(conn, "SHOW INDEX FROM gi_blob WHERE Key_name = 'idx_body'"))[0]!['Sub_part']).toBe(255);
  });

  it('utf8mb3-charset: an emoji is refused by utf8mb3 in strict mode and stored by the utf8mb4 rewrite', async () => {
    await conn.query("SET SESSION sql_mode = 'STRICT_TRANS_TABLES'");
    await conn.query('SET NAMES utf8mb4');
    const sql = 'CREATE TABLE gi_cs (id INT PRIMARY KEY, name VARCHAR(20)) DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci';
    await conn.query('DROP TABLE IF EXISTS gi_cs');
    await conn.query(sql);
    await expect(conn.query("INSERT INTO gi_cs VALUES (1, 'ship \u{1F6A2}')")).rejects.toMatchObject({ errno: 1366 });
    const [f] = lint(db(), utf8mb3Charset, `${sql};`);
    await conn.query('DROP TABLE gi_cs');
    await conn.query(f!.alternatives[0]!.sql[0]!);
    await conn.query("INSERT INTO gi_cs VALUES (1, 'ship \u{1F6A2}')");
    expect((await rows(conn, 'SELECT name FROM gi_cs'))[0]!['name']).toBe('ship \u{1F6A2}');
  });

  it('non-sargable-where: `= NULL` deletes nothing; the IS NULL rewrite deletes the NULL rows', async () => {
    await conn.query('DROP TABLE IF EXISTS gi_null');
    await conn.query('CREATE TABLE gi_null (id INT PRIMARY KEY, user_id INT NULL)');
    await conn.query('INSERT INTO gi_null VALUES (1, NULL), (2, 5), (3, NULL)');
    const sql = 'DELETE FROM gi_null WHERE user_id = NULL;';
    const [res] = await conn.query(sql);
    expect((res as { affectedRows: number }).affectedRows).toBe(0);
    const [f] = lint(db(), nonSargableWhere, sql);
    await runAll(conn, f!.alternatives[0]!.sql);
    expect((await rows(conn, 'SELECT id FROM gi_null')).map((r) => r['id'])).toEqual([2]);
  });

  it('dml-limit-without-order-by: the ORDER BY rewrite deletes the lowest keys', async () => {
    const create = 'CREATE TABLE gi_lim (id INT PRIMARY KEY, k INT, KEY (k))';
    await conn.query('DROP TABLE IF EXISTS gi_lim');
    await conn.query(create);
    await conn.query('INSERT INTO gi_lim VALUES (1, 9), (2, 8), (3, 7), (4, 6)');
    const [f] = lint(db(), dmlLimitWithoutOrderBy, 'DELETE FROM gi_lim WHERE k > 0 LIMIT 2;', { gi_lim: { create } });
    await runAll(conn, f!.alternatives[0]!.sql);
    expect((await rows(conn, 'SELECT id FROM gi_lim ORDER BY id')).map((r) => r['id'])).toEqual([3, 4]);
  });

  it('integer-display-width: MySQL leaves INT(11) out of SHOW CREATE TABLE (MariaDB keeps it, and is not reported)', async () => {
    await conn.query('DROP TABLE IF EXISTS gi_w');
    await conn.query('CREATE TABLE gi_w (id INT(11) NOT NULL PRIMARY KEY, flag TINYINT(1))');
    const shown = String((await rows(conn, 'SHOW CREATE TABLE gi_w'))[0]!['Create Table']);
    const findings = lint(db(), integerDisplayWidth, 'CREATE TABLE gi_w (id INT(11) NOT NULL PRIMARY KEY, flag TINYINT(1));');
    if (db().version.flavor === 'mysql') {
      expect(shown).toMatch(/`id` int NOT NULL/);
      expect(findings).toHaveLength(1);
    } else {
      expect(shown).toMatch(/`id` int\(11\) NOT NULL/);
      expect(findings).toEqual([]);
    }
  });

  it('missing-lock-wait-timeout: behind one open transaction, a waiting ALTER makes plain reads wait too; the bound ends it', async () => {
    await conn.query('DROP TABLE IF EXISTS gi_mdl');
    await conn.query('CREATE TABLE gi_mdl (id INT PRIMARY KEY, v INT)');
    await conn.query('INSERT INTO gi_mdl VALUES (1, 1)');
    const [f] = lint(db(), missingLockWaitTimeout, 'ALTER TABLE gi_mdl ADD COLUMN w INT;');
    const [setBound] = f!.alternatives[0]!.sql;
    expect(setBound).toBe('SET SESSION lock_wait_timeout = 5;');
    const holder = await db().connect();
    const alterer = await db().connect();
    const reader = await db().connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT * FROM gi_mdl'); // the forgotten transaction: holds a shared metadata lock
      await alterer.query('SET SESSION lock_wait_timeout = 2');
      const alter = alterer.query('ALTER TABLE gi_mdl ADD COLUMN w INT').then(
        () => null,
        (e: { errno?: number }) => e.errno ?? -1,
      );
      await new Promise((r) => setTimeout(r, 300));
      const started = Date.now();
      await reader.query('SELECT * FROM gi_mdl'); // queues behind the waiting ALTER
      const waited = Date.now() - started;
      expect(await alter).toBe(1205); // the bound ends the wait: Lock wait timeout exceeded
      expect(waited).toBeGreaterThan(1000); // the read waited for the ALTER's bound, not for nothing
      await holder.query('COMMIT');
    } finally {
      await Promise.all([holder.end(), alterer.end(), reader.end()]);
    }
  });

  it('non-idempotent-ddl: the guarded statements run twice without an error', async () => {
    for (const t of ['gi_new', 'gi_old', 'gi_idem']) await conn.query(`DROP TABLE IF EXISTS ${t}`);
    await conn.query('CREATE TABLE gi_idem (id INT PRIMARY KEY, y INT, z INT, KEY old_k (z))');
    await conn.query('CREATE TABLE gi_old (id INT)');
    const migration = 'CREATE TABLE gi_new (id INT PRIMARY KEY);\nDROP TABLE gi_old;\nALTER TABLE gi_idem ADD COLUMN x INT, DROP COLUMN y, ADD INDEX idx_x (x), DROP KEY old_k;\nCREATE INDEX i2 ON gi_idem (z);\nUPDATE gi_idem SET x = 1 WHERE id = 1;';
    const [f] = lint(db(), nonIdempotentDdl, migration);
    const sql = f!.alternatives[0]!.sql.filter((x) => !x.startsWith('--'));
    expect(sql).toHaveLength(db().version.flavor === 'mariadb' ? 4 : 2);
    await runAll(conn, sql);
    await runAll(conn, sql); // the rerun after a failure further down
    const cols = (await rows(conn, 'SHOW COLUMNS FROM gi_idem')).map((r) => r['Field']);
    expect(cols).toEqual(db().version.flavor === 'mariadb' ? ['id', 'z', 'x'] : ['id', 'y', 'z']);
  });

  it('insert-select-large-table: under REPEATABLE READ the copy locks the source rows; the READ COMMITTED rewrite does not', async () => {
    for (const t of ['gi_dst', 'gi_src']) await conn.query(`DROP TABLE IF EXISTS ${t}`);
    await conn.query('CREATE TABLE gi_src (id INT PRIMARY KEY, v INT)');
    await conn.query('CREATE TABLE gi_dst (id INT PRIMARY KEY, v INT)');
    await conn.query('INSERT INTO gi_src VALUES (1, 1), (2, 2), (3, 3)');
    const statement = 'INSERT INTO gi_dst (id, v) SELECT id, v FROM gi_src;';
    const [f] = lint(db(), insertSelectLargeTable, statement, { gi_src: { rows: 5_000_000 } });
    const copier = await db().connect();
    const writer = await db().connect();
    try {
      await writer.query('SET SESSION innodb_lock_wait_timeout = 1');
      // As written: the open copy transaction holds shared locks on gi_src's rows.
      await copier.query('BEGIN');
      await copier.query(statement);
      await expect(writer.query('UPDATE gi_src SET v = 10 WHERE id = 2')).rejects.toMatchObject({ errno: 1205 });
      await copier.query('ROLLBACK');
      // The rewrite: READ COMMITTED reads the source as a snapshot, without row locks.
      const [setRc, copy] = f!.alternatives[0]!.sql;
      await copier.query(setRc!);
      await copier.query('BEGIN');
      await copier.query(copy!);
      await writer.query('UPDATE gi_src SET v = 10 WHERE id = 2');
      await copier.query('COMMIT');
      expect(Number((await rows(conn, 'SELECT COUNT(*) AS n FROM gi_dst'))[0]!['n'])).toBe(3);
      // SET TRANSACTION (without SESSION) applied to that one transaction only.
      const variable = db().version.flavor === 'mysql' ? '@@transaction_isolation' : '@@tx_isolation';
      expect((await copier.query<RowDataPacket[]>(`SELECT ${variable} AS iso`))[0][0]!['iso']).toBe('REPEATABLE-READ');
    } finally {
      await Promise.all([copier.end(), writer.end()]);
    }
  });

  it('dml-where-not-indexed: an UPDATE through an unindexed column locks rows it does not change; after the proposed index it does not', async () => {
    const create = 'CREATE TABLE gi_scan (id INT PRIMARY KEY, status VARCHAR(10), v INT)';
    await conn.query('DROP TABLE IF EXISTS gi_scan');
    await conn.query(create);
    // Enough rows that, once indexed, the optimizer reads the one 'old' row through the index.
    await conn.query(`INSERT INTO gi_scan VALUES ${Array.from({ length: 300 }, (_, i) => `(${i + 1}, '${i === 0 ? 'old' : 'new'}', 0)`).join(', ')}`);
    const statement = "UPDATE gi_scan SET v = 1 WHERE status = 'old'";
    const [f] = lint(db(), dmlWhereNotIndexed, `${statement};`, { gi_scan: { create, rows: 2_000_000 } });
    const [addIndex] = f!.alternatives[0]!.sql;
    const updater = await db().connect();
    const other = await db().connect();
    try {
      await other.query('SET SESSION innodb_lock_wait_timeout = 1');
      await updater.query('BEGIN');
      await updater.query(statement);
      // Row 3 is not touched by the UPDATE, yet writing it waits.
      await expect(other.query('UPDATE gi_scan SET v = 5 WHERE id = 3')).rejects.toMatchObject({ errno: 1205 });
      await updater.query('ROLLBACK');
      await conn.query(addIndex!);
      await conn.query('ANALYZE TABLE gi_scan');
      await updater.query('BEGIN');
      await updater.query(statement);
      await other.query('UPDATE gi_scan SET v = 5 WHERE id = 3');
      await updater.query('COMMIT');
    } finally {
      await Promise.all([updater.end(), other.end()]);
    }
  });
});
