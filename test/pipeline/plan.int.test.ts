// drydock plan end to end on real servers: offline from a schema file with sizes (shadow on a
// server URL), from a target read by a SELECT-only user (private shadow), and cleanup when a
// statement fails or the plan is interrupted midway.
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type mysql from 'mysql2/promise';
import { afterAll, expect, it } from 'vitest';
import { deleteAllRows } from '../../analyzers/delete-all-rows.js';
import { ANALYZERS } from '../../analyzers/index.js';
import type { Analyzer } from '../../src/analysis/analyzer.js';
import { DEFAULT_CONFIG, type Config } from '../../src/config/config.js';
import { connect, formatServerUrl, parseServerUrl, quoteId } from '../../src/db/connection.js';
import { planMigrations, type PlanInput } from '../../src/pipeline/plan.js';
import { REPEAT_BELOW_MS } from '../../src/shadow/dry-run.js';
import { describeOnServers } from '../helpers/servers.js';

const SCHEMA = `
CREATE TABLE author (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  name VARCHAR(80) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB;
CREATE TABLE post (
  id INT NOT NULL AUTO_INCREMENT,
  author_id INT UNSIGNED NOT NULL,
  kind TINYINT NOT NULL DEFAULT 0,
  title VARCHAR(200) NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  PRIMARY KEY (id),
  KEY author_id (author_id),
  CONSTRAINT post_author FOREIGN KEY (author_id) REFERENCES author (id)
) ENGINE=InnoDB;
`;

// No duplicate ids: the catalogue may already hold delete-all-rows once the general rules are wired.
const analyzers: readonly Analyzer[] = ANALYZERS.some((a) => a.id === deleteAllRows.id) ? ANALYZERS : [...ANALYZERS, deleteAllRows];

const tmpDirs: string[] = [];
afterAll(() => {
  for (const d of tmpDirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-plan-test-'));
  tmpDirs.push(dir);
  return dir;
}

function migrationsDir(files: Record<string, string>): string {
  const dir = join(tmp(), 'migrations');
  mkdirSync(dir);
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

function config(over: Partial<Config>): Config {
  return Object.freeze({ ...DEFAULT_CONFIG, ...over });
}

async function scratchDatabases(serverUrl: string): Promise<string[]> {
  const c = await connect(serverUrl);
  try {
    const [rows] = await c.query<mysql.RowDataPacket[]>("SHOW DATABASES LIKE 'drydock\\_shadow\\_%'");
    return rows.map((r) => String(Object.values(r)[0]));
  } finally {
    await c.end();
  }
}

const MYSQL_BINDIR = process.env['DRYDOCK_TEST_MYSQL_BINDIR'] ?? '/var/tmp/mysql-sid/bin';

function searchPath(flavor: 'mysql' | 'mariadb'): string {
  const path = process.env['PATH'] ?? '';
  return flavor === 'mysql' ? `${MYSQL_BINDIR}${delimiter}${path}` : path;
}

const privateServerDirs = (): string[] => readdirSync(tmpdir()).filter((n) => n.startsWith('drydock-shadow-'));

describeOnServers('plan', (db) => {
  /** Offline planning input: SCHEMA as the schema file, the test server as the shadow (by URL). */
  const offlineInput = (dir: string, sizes: Record<string, number>, shadowRows: number): PlanInput => {
    const schemaFile = join(tmp(), 'schema.sql');
    writeFileSync(schemaFile, SCHEMA);
    return {
      paths: [dir],
      config: config({ shadow: db().server.url, server: `${db().version.flavor}:${db().version.major}.${db().version.minor}` }),
      analyzers,
      cwd: process.cwd(),
      toolVersion: 'test',
      schemaFile,
      sizes: new Map(Object.entries(sizes)),
      shadowRows,
    };
  };

  it('offline: schema file + sizes, shadow on a URL; extrapolates, measures TRUNCATE and batched alternatives, drops its scratch databases', async () => {
    const dir = migrationsDir({
      '001_change.sql': [
        'ALTER TABLE post ADD COLUMN slug VARCHAR(40) NULL;',
        'ALTER TABLE post MODIFY title VARCHAR(300) NOT NULL DEFAULT \'\';',
        'ALTER TABLE post MODIFY kind INT NOT NULL DEFAULT 0;',
        'UPDATE post SET id = id + 100000;',
        'DELETE FROM post;',
      ].join('\n'),
    });
    const before = await scratchDatabases(db().server.url);
    const input: PlanInput = { ...offlineInput(dir, { author: 300, post: 40_000 }, 8000), measureRuns: 3 };
    const outcome = await planMigrations(input);
    const after = await scratchDatabases(db().server.url);
    expect(after.sort()).toEqual(before.sort());

    const tables = outcome.details.tables;
    expect(tables.find((t) => t.table === 'post')).toMatchObject({ sourceRows: 40_000, shadowRows: 8000, reducedRows: 2000 });
    expect(tables.find((t) => t.table === 'author')).toMatchObject({ sourceRows: 300, shadowRows: 300, reducedRows: null });

    const st = outcome.report.migrations[0]!.statements;
    expect(st).toHaveLength(5);
    for (const s of st) {
      expect(s.measurement?.error).toBeNull();
      expect(s.estimate.basis).toBe('shadow');
      expect(s.estimate.durationMs).toBeGreaterThan(0);
    }
    // The copying type change reports every row as affected: the algorithm is measured as COPY.
    const copy = st[2]!;
    expect(copy.measurement!.rowsAffected).toBe(8000);
    expect(copy.lock.algorithm).toBe('COPY');
    expect(copy.estimate.rows).toBe(40_000);
    // Changing the primary key moves every row's entry in each secondary index: it grows with the table too.
    expect(st[3]!.measurement!.rowsAffected).toBe(8000);
    expect(outcome.details.statements[3]!.estimate.explanation).toMatch(/×1\.21 for updating indexed columns of a larger table/);
    // DELETE of everything: 8,000 rows on the shadow, scaled to the 40,000 of production.
    const del = st[4]!;
    expect(del.measurement!.rowsAffected).toBe(8000);
    expect(del.estimate.rows).toBe(40_000);
    // Deleting from a table five times the shadow's costs more per row (INDEX_GROWTH_EXPONENT): 5^0.12.
    expect(outcome.details.statements[4]!.estimate.explanation).toMatch(/×1\.21 for deleting from a larger table/);
    const truncate = del.alternatives.find((a) => a.kind === 'truncate');
    const batched = del.alternatives.find((a) => a.kind === 'batched');
    expect(truncate?.measurement?.error).toBeNull();
    expect(truncate?.measurement?.durationMs).toBeGreaterThan(0);
    expect(truncate?.estimate?.durationMs).toBeGreaterThan(0);
    // A shadow on a URL cannot time removing production's larger file: the range's top allows
    // growth in proportion to the table (40,000 / 8,000 rows).
    expect(outcome.details.statements[4]!.alternatives.find((a) => a.kind === 'truncate')?.explanation).toMatch(/removing the tablespace file grows with it and was not measured here/);
    expect(truncate!.estimate!.durationRangeMs![1]).toBeGreaterThanOrEqual(truncate!.estimate!.durationMs! * 5);
    // The executor's batched runner deleted every row of the copy, chunk by chunk.
    expect(batched?.measurement?.error).toBeNull();
    expect(batched?.measurement?.rowsAffected).toBe(8000);
    expect(batched?.estimate?.rows).toBe(40_000);
    // Its cost per row (chunks of 1,000, each its own transaction) grows with the table on MySQL
    // as the single DELETE's does, and was flat from 30,000 to 1,000,000 rows on MariaDB.
    const batchedHow = outcome.details.statements[4]!.alternatives.find((a) => a.kind === 'batched')?.explanation;
    expect(batchedHow).toMatch(/rows/);
    if (db().version.flavor === 'mysql') expect(batchedHow).toMatch(/×1\.21 for deleting from a larger table/);
    else expect(batchedHow).not.toMatch(/for deleting from a larger table/);
    expect(outcome.details.statements.find((s) => s.index === 4)?.alternatives.filter((a) => a.measured).map((a) => a.kind).sort()).toEqual(['batched', 'truncate']);
    // The explicit-clause check ran for the instant ADD COLUMN.
    expect(outcome.details.statements[0]!.clause?.algorithm ?? outcome.details.statements[0]!.clauseRefused).toBeTruthy();
    // With measureRuns, full-size runs this short (8,000 rows) are repeated on fresh copies and the median kept.
    expect(outcome.details.statements[2]!.estimate.explanation).toMatch(/8,000 rows?.*median of 3 runs on fresh copies/);
  }, 180_000);

  it('a private server that dies during the dry run ends the plan with how it died and the end of its log', async () => {
    const dir = migrationsDir({ '001_drop.sql': 'ALTER TABLE post ADD COLUMN flag TINYINT NOT NULL DEFAULT 0;\nDELETE FROM post;\n' });
    const before = new Set(privateServerDirs());
    let killed = false;
    const input: PlanInput = {
      ...offlineInput(dir, { author: 300, post: 20_000 }, 2_000),
      config: config({ shadow: 'auto', server: `${db().version.flavor}:${db().version.major}.${db().version.minor}` }),
      searchPath: searchPath(db().version.flavor),
      onProgress: (event) => {
        // Once measuring starts, the server goes the way a crash takes it: no shutdown, no last words.
        if (killed || event.phase !== 'measure') return;
        const fresh = privateServerDirs().filter((d) => !before.has(d));
        expect(fresh).toHaveLength(1);
        const pid = Number(readFileSync(join(tmpdir(), fresh[0]!, 'mysqld.pid'), 'utf8').trim());
        process.kill(pid, 'SIGKILL');
        killed = true;
      },
    };
    await expect(planMigrations(input)).rejects.toThrow(/the private (mysql|mariadb) server was killed by SIGKILL; its log ends:\n.+/);
    expect(killed).toBe(true);
    // Its folder goes all the same.
    expect(privateServerDirs().filter((d) => !before.has(d))).toEqual([]);
  }, 180_000);

  it('a table that outgrows the buffer pool in production gets a run with the private shadow\'s pool shrunk to the same ratio', async () => {
    const dir = migrationsDir({ '001_copy.sql': 'ALTER TABLE post ADD COLUMN flag TINYINT NOT NULL DEFAULT 0, ALGORITHM=COPY;\nALTER TABLE post ADD COLUMN note VARCHAR(20) NULL;\nDELETE FROM post;\nTRUNCATE TABLE post;\n' });
    // 20,000 shadow rows fit the private server's pool; the 2,000,000 of production do not.
    const input: PlanInput = {
      ...offlineInput(dir, { author: 300, post: 2_000_000 }, 20_000),
      config: config({ shadow: 'auto', server: `${db().version.flavor}:${db().version.major}.${db().version.minor}` }),
      searchPath: searchPath(db().version.flavor),
    };
    const outcome = await planMigrations(input);
    const copy = outcome.details.statements[0]!;
    expect(outcome.report.migrations[0]!.statements[0]!.measurement?.error).toBeNull();
    expect(copy.estimate.explanation).toMatch(/outgrows the buffer pool: ×\d+\.\d\d for that, measured with the shadow's buffer pool shrunk/);
    // Without a target the shadow's own pool stands in for production's, and says so; the ratio
    // (a 20,000 / 2,000,000 share of the pool) is below the smallest pool drydock asks for.
    const warnings = outcome.report.warnings.join('\n');
    expect(warnings).toMatch(/production's buffer pool is not known without --target/);
    expect(warnings).toMatch(/001_copy statement 1: production's table-to-pool ratio asks for a \d+ MB buffer pool on the shadow, but it went no lower than \d+ MB: the disk-bound slow-down measured there \(×\d+\.\d\d\) is a floor, and the range's top allows ×\d+\.\d more/);
    expect(copy.estimate.explanation).toMatch(/shrunk as far as the server allows, ×\d+\.\d larger than production's ratio asks for, so the slow-down is a floor/);
    // By default a full-size run (20,000 rows) shorter than REPEAT_BELOW_MS, and its shrunk-pool
    // run, are medians of three. Whether the first run was that short is the machine's doing (it
    // took 502 ms on MySQL once): a median under the bound can only come from three runs.
    const full = outcome.dryRun.statements[0]!.runs.find((r) => r.tableRows === 20_000)!;
    if (full.measurement.durationMs < REPEAT_BELOW_MS) {
      expect(full.repeats).toBe(3);
      expect(copy.estimate.explanation).toMatch(/20,000 rows: median of 3 runs on fresh copies.*; shrunk-pool run: median of 3/);
    } else {
      expect(full.repeats ?? 1).toBe((copy.estimate.explanation ?? '').includes('20,000 rows: median of 3') ? 3 : 1);
    }
    // A metadata-only change stays size-independent, but the few pages it reads come from disk
    // once the table outgrows the pool: its constant is taken from runs on the shrunk pool.
    const instant = outcome.details.statements[1]!.estimate;
    expect(instant.model).toBe('constant');
    expect(instant.explanation).toMatch(/metadata-only change.*between \d+ ms in memory and \d+ ms with the shadow's pool shrunk to the same table-to-pool ratio/);
    // MySQL reads enough pages for such a change that production sits at the shrunk run (metadataPoolWeight).
    if (db().version.flavor === 'mysql') expect(instant.explanation).toMatch(/taken at the shrunk-pool run/);
    else expect(instant.explanation).not.toMatch(/taken at the shrunk-pool run/);
    // The private shadow times removing a file on its own file system: the TRUNCATE alternative
    // adds removing the part of production's tablespace file (×100 the shadow's) its own lacked.
    const truncate = outcome.details.statements[2]!.alternatives.find((a) => a.kind === 'truncate');
    expect(truncate?.measured).toBe(true);
    expect(truncate?.explanation).toMatch(/at production's size, removing its larger tablespace file adds \d+ ms/);
    const truncateEstimate = outcome.report.migrations[0]!.statements[2]!.alternatives.find((a) => a.kind === 'truncate')!.estimate!;
    const removalMs = Number(/file adds (\d+) ms/.exec(truncate!.explanation!)![1]);
    expect(truncateEstimate.durationMs).toBeGreaterThanOrEqual(removalMs);
    // A TRUNCATE statement of its own is estimated the same way when its runs are taken as
    // size-independent (MySQL 8.0.23+ evicts the old tablespace's pages lazily); where the profile
    // calls it size-dependent (MariaDB) the fitted line already grows with the table, file removal
    // included, and nothing is added on top.
    const truncateStatement = outcome.details.statements[3]!.estimate;
    if (truncateStatement.model === 'constant') expect(truncateStatement.explanation).toMatch(/at production's size, removing its larger tablespace file adds \d+ ms/);
    else expect(truncateStatement.explanation).not.toMatch(/tablespace file/);
    expect(truncateStatement.model).toBe(db().version.flavor === 'mysql' ? 'constant' : 'linear');
  }, 180_000);

  it('target mode with a SELECT-only user and --shadow auto: reads sizes and EXPLAIN rows, never writes', async () => {
    const conn = db().conn;
    for (const stmt of SCHEMA.split(';').map((s) => s.trim()).filter(Boolean)) await conn.query(stmt);
    await conn.query("INSERT INTO author (name) SELECT CONCAT('a', seq) FROM (SELECT 1 seq UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5) x");
    await conn.query(
      `INSERT INTO post (author_id, kind, title, body)
       SELECT 1 + (a.n % 5), a.n % 4, CONCAT('t', a.n), REPEAT('x', 50)
       FROM (SELECT ones.n + 10 * tens.n + 100 * hundreds.n + 1000 * thousands.n AS n
             FROM (SELECT 0 n UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9) ones,
                  (SELECT 0 n UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9) tens,
                  (SELECT 0 n UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9) hundreds,
                  (SELECT 0 n UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4) thousands) a`,
    );
    await conn.query('ANALYZE TABLE author, post');
    const user = `dd_ro_${randomBytes(3).toString('hex')}`;
    await conn.query(`CREATE USER '${user}'@'%' IDENTIFIED BY 'pw-ro-1'`);
    await conn.query(`GRANT SELECT ON ${quoteId(db().database)}.* TO '${user}'@'%'`);
    const checksum = async (): Promise<string> => {
      const [rows] = await conn.query<mysql.RowDataPacket[]>('CHECKSUM TABLE author, post');
      return JSON.stringify(rows);
    };
    const [createBefore] = await conn.query<mysql.RowDataPacket[]>('SHOW CREATE TABLE post');
    const sumBefore = await checksum();
    const dirsBefore = privateServerDirs();
    try {
      const u = parseServerUrl(db().url);
      const targetUrl = formatServerUrl({ ...u, user, password: 'pw-ro-1' }, db().database);
      const dir = migrationsDir({
        '001_kinds.sql': ['ALTER TABLE post ADD INDEX kind_idx (kind);', 'DELETE FROM post WHERE kind = 2;', 'UPDATE post SET title = UPPER(title) WHERE id <= 1000;'].join('\n'),
      });
      const outcome = await planMigrations({
        paths: [dir],
        config: config({ target: targetUrl, shadow: 'auto' }),
        analyzers,
        cwd: process.cwd(),
        toolVersion: 'test',
        shadowRows: 2000,
        searchPath: searchPath(db().version.flavor),
      });
      expect(outcome.report.server?.flavor).toBe(db().version.flavor);
      // The private shadow runs the target's flavor when its binary is on the search path.
      if (db().version.flavor === 'mariadb' || existsSync(MYSQL_BINDIR)) expect(outcome.report.shadow?.server?.flavor).toBe(db().version.flavor);
      expect(outcome.report.shadow?.url).toBe('auto');
      expect(outcome.report.target?.url).not.toContain('pw-ro-1');
      expect(outcome.details.source).toBe('target');
      expect(outcome.details.tables.find((t) => t.table === 'post')).toMatchObject({ sourceRows: 5000, shadowRows: 2000, reducedRows: 500 });
      const st = outcome.report.migrations[0]!.statements;
      expect(st[0]!.measurement?.error).toBeNull();
      // Rows of the UPDATE come from EXPLAIN on the target (a primary-key range). The DELETE's
      // filter on an unindexed column is a full scan whose EXPLAIN filter is a rule of thumb: the
      // shadow's match rate (kind has 4 values in the sampled stats) is used instead.
      expect(st[1]!.estimate.basis).toBe('shadow');
      expect(st[1]!.estimate.rows).toBeGreaterThan(500);
      expect(st[1]!.estimate.rows).toBeLessThan(2500);
      expect(st[2]!.estimate.basis).toBe('explain');
      expect(st[2]!.estimate.rows).toBeGreaterThan(500);
      expect(st[2]!.estimate.rows).toBeLessThanOrEqual(1100);
      expect(JSON.stringify(outcome)).not.toContain('pw-ro-1');
    } finally {
      await conn.query(`DROP USER '${user}'@'%'`);
    }
    // The private server and its data folder are gone.
    expect(privateServerDirs().sort()).toEqual(dirsBefore.sort());
    const [createAfter] = await conn.query<mysql.RowDataPacket[]>('SHOW CREATE TABLE post');
    expect(createAfter[0]!['Create Table']).toBe(createBefore[0]!['Create Table']);
    expect(await checksum()).toBe(sumBefore);
  }, 240_000);

  it('target mode with production sizes given (--rows), and statements naming the target\'s schema: rehearsed on the shadow only', async () => {
    // The tables of the test above: post holds 5,000 rows on this "staging" target.
    const own = quoteId(db().database);
    const dir = migrationsDir({
      '001_bump.sql': `UPDATE post SET title = UPPER(title) WHERE id <= 1000;\nALTER TABLE ${own}.post ADD COLUMN q INT NULL;\nALTER TABLE other_db.post ADD COLUMN r INT NULL;\n`,
      '002_txn.sql': 'START TRANSACTION;\nUPDATE post SET kind = kind + 1 WHERE id <= 100;\nDELETE FROM author WHERE id > 1000;\nCOMMIT;\n',
    });
    const [createBefore] = await db().conn.query<mysql.RowDataPacket[]>('SHOW CREATE TABLE post');
    const outcome = await planMigrations({
      paths: [dir],
      config: config({ target: db().url, shadow: 'auto' }),
      analyzers,
      cwd: process.cwd(),
      toolVersion: 'test',
      shadowRows: 2000,
      sizes: new Map([['post', 50_000]]),
      searchPath: searchPath(db().version.flavor),
    });
    expect(outcome.details.tables.find((t) => t.table === 'post')).toMatchObject({ sourceRows: 50_000, shadowRows: 2000 });
    const st = outcome.report.migrations[0]!.statements[0]!;
    expect(st.estimate.basis).toBe('explain');
    // About 1,000 rows on the target, ten times that in production.
    expect(st.estimate.rows).toBeGreaterThan(5000);
    expect(st.estimate.rows).toBeLessThanOrEqual(11_000);
    expect(outcome.report.warnings.join('\n')).toMatch(/post: planned for 50,000 rows as given \(the target holds 5,000\)/);
    const qualified = outcome.report.migrations[0]!.statements[1]!;
    expect(qualified.measurement?.error).toBeNull();
    expect(qualified.measurement?.durationMs).toBeGreaterThan(0);
    expect(outcome.report.warnings.join('\n')).toMatch(/statement 3 was not rehearsed: names other_db\.post/);
    // Two data changes in the migration's own transaction: their locks add up until the COMMIT.
    expect(outcome.report.warnings.join('\n')).toMatch(/002_txn statements 2, 3 run in one transaction \(BEGIN at statement 1\).*until the COMMIT at statement 4; writers to post, author can wait up to about/);
    const [createAfter] = await db().conn.query<mysql.RowDataPacket[]>('SHOW CREATE TABLE post');
    expect(createAfter[0]!['Create Table']).toBe(createBefore[0]!['Create Table']);
  }, 120_000);

  it('alternatives run on copies that keep the foreign keys: a batched delete of referenced parents fails as it would in production', async () => {
    const dir = migrationsDir({ '001_purge_authors.sql': 'DELETE FROM author;\n' });
    const outcome = await planMigrations(offlineInput(dir, { author: 50, post: 2000 }, 2000));
    const st = outcome.report.migrations[0]!.statements[0]!;
    // The DELETE itself fails on the shadow: posts reference every author.
    expect(st.measurement?.error).toMatch(/foreign key constraint/i);
    // TRUNCATE is not offered for a referenced table; the batched rewrite is, and its copy has the
    // foreign key too, so it fails the same way instead of reporting a delete production refuses.
    expect(st.alternatives.map((a) => a.kind)).not.toContain('truncate');
    const batched = st.alternatives.find((a) => a.kind === 'batched');
    expect(batched?.measurement?.error).toMatch(/foreign key constraint/i);
  }, 120_000);

  it('a statement that fails on production-shaped data is reported, later statements are not run, and the scratch databases are gone', async () => {
    const schemaFile = join(tmp(), 'schema.sql');
    writeFileSync(schemaFile, SCHEMA);
    const dir = migrationsDir({
      '001_unique.sql': ['ALTER TABLE post ADD COLUMN note VARCHAR(20) NULL;', 'ALTER TABLE post ADD UNIQUE INDEX one_per_kind (kind);', 'ALTER TABLE post DROP COLUMN note;'].join('\n'),
    });
    const before = await scratchDatabases(db().server.url);
    const outcome = await planMigrations({
      paths: [dir],
      config: config({ shadow: db().server.url }),
      analyzers,
      cwd: process.cwd(),
      toolVersion: 'test',
      schemaFile,
      sizes: new Map([
        ['author', 50],
        ['post', 3000],
      ]),
      shadowRows: 3000,
    });
    expect((await scratchDatabases(db().server.url)).sort()).toEqual(before.sort());
    const st = outcome.report.migrations[0]!.statements;
    expect(st[1]!.measurement?.error).toMatch(/duplicate/i);
    const failed = st[1]!.findings.find((f) => f.id === 'fails-on-production-data');
    expect(failed?.severity).toBe('error');
    expect(failed?.message).toContain('this migration will fail on production-shaped data');
    expect(outcome.report.summary.blocked).toBe(true);
    expect(outcome.details.failure).toMatchObject({ migration: '001_unique', index: 1 });
    expect(outcome.details.statements[2]!.status).toBe('not-run');
    expect(st[2]!.measurement).toBeNull();
  }, 120_000);

  it('an interruption midway (an error thrown while measuring) still drops every scratch database', async () => {
    const schemaFile = join(tmp(), 'schema.sql');
    writeFileSync(schemaFile, SCHEMA);
    const dir = migrationsDir({ '001.sql': 'ALTER TABLE post ADD COLUMN a INT NULL;\nALTER TABLE post ADD COLUMN b INT NULL;' });
    const before = await scratchDatabases(db().server.url);
    let sawScratch = false;
    await expect(
      planMigrations({
        paths: [dir],
        config: config({ shadow: db().server.url }),
        analyzers,
        cwd: process.cwd(),
        toolVersion: 'test',
        schemaFile,
        sizes: new Map([['post', 2000]]),
        shadowRows: 1000,
        onProgress: (e) => {
          if (e.phase === 'measure' && e.done === 1) {
            sawScratch = true;
            throw new Error('stop here');
          }
        },
      }),
    ).rejects.toThrow('stop here');
    expect(sawScratch).toBe(true);
    expect((await scratchDatabases(db().server.url)).sort()).toEqual(before.sort());
  }, 120_000);
});
