// The locking analyzers' alternatives, run on real servers: every asserted ALGORITHM=/LOCK= clause
// must be accepted (the server refuses an impossible one at once, so success is the measurement),
// every expand-contract plan must run in order and keep the data, and the failures the rules
// predict (ERROR 1553, zero dates under MySQL's sql_mode) must happen.
import { expect, it } from 'vitest';
import type { Alternative, Analyzer, Finding } from '../../src/analysis/analyzer.js';
import type { Connection } from '../../src/db/connection.js';
import { describeOnServers, type TestDatabase } from '../helpers/servers.js';
import { lintSql } from './lint-sql.js';
import { addColumnNotNullNoDefault } from '../../analyzers/add-column-not-null-no-default.js';
import { addCheckConstraint } from '../../analyzers/add-check-constraint.js';
import { addForeignKeyWithChecks } from '../../analyzers/add-foreign-key-with-checks.js';
import { addStoredGeneratedColumn } from '../../analyzers/add-stored-generated-column.js';
import { changeColumnType } from '../../analyzers/change-column-type.js';
import { dropIndexUsedByForeignKey } from '../../analyzers/drop-index-used-by-foreign-key.js';
import { enumSetNotAppend } from '../../analyzers/enum-set-not-append.js';
import { explicitBlockingAlgorithm } from '../../analyzers/explicit-blocking-algorithm.js';
import { missingAlgorithmClause } from '../../analyzers/missing-algorithm-clause.js';
import { multipleAltersSameTable } from '../../analyzers/multiple-alters-same-table.js';
import { nullToNotNull } from '../../analyzers/null-to-not-null.js';
import { optimizeTableRebuild } from '../../analyzers/optimize-table-rebuild.js';
import { primaryKeyChange } from '../../analyzers/primary-key-change.js';
import { varcharCrossesLengthByte } from '../../analyzers/varchar-crosses-length-byte.js';
import { zeroDateDefault } from '../../analyzers/zero-date-default.js';

const PARENT = 'CREATE TABLE customers (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB';
const ORDERS = `CREATE TABLE orders (
  id INT NOT NULL PRIMARY KEY,
  customer_id INT NOT NULL,
  amount INT NULL,
  note VARCHAR(50) NULL,
  status ENUM('new','paid','shipped') NOT NULL DEFAULT 'new',
  KEY idx_customer (customer_id),
  CONSTRAINT fk_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`;
const ROWS = 20;

async function reset(conn: Connection): Promise<void> {
  await conn.query('DROP TABLE IF EXISTS orders');
  await conn.query('DROP TABLE IF EXISTS customers');
  await conn.query(PARENT);
  await conn.query(ORDERS);
  const ids = Array.from({ length: ROWS }, (_, i) => i + 1);
  await conn.query(`INSERT INTO customers (id) VALUES ${ids.map((i) => `(${i})`).join(', ')}`);
  await conn.query(`INSERT INTO orders (id, customer_id, amount, note) VALUES ${ids.map((i) => `(${i}, ${i}, ${i % 3 === 0 ? 'NULL' : i * 10}, 'n${i}')`).join(', ')}`);
}

/** Lints against the real server's version, pretending orders is big so the size-aware rules speak. */
function lint(db: TestDatabase, analyzer: Analyzer, sql: string): readonly Finding[] {
  const v = db.version;
  return lintSql(sql, [analyzer], {
    server: `${v.flavor}:${v.major}.${v.minor}.${v.patch}`,
    tables: { orders: { create: ORDERS, rows: 2_000_000 }, customers: { create: PARENT, rows: 2_000_000 } },
  }).filter((f) => f.id === analyzer.id);
}

function pick(findings: readonly Finding[], kind: Alternative['kind']): Alternative {
  const alt = findings.flatMap((f) => f.alternatives).find((a) => a.kind === kind);
  if (!alt) throw new Error(`no ${kind} alternative in ${JSON.stringify(findings.map((f) => f.message))}`);
  return alt;
}

/** Runs an alternative's SQL in order; `-- expect 0` checks must return 0. Comment-only steps are skipped. */
async function run(conn: Connection, alt: Alternative): Promise<void> {
  for (const sql of alt.sql) {
    if (sql.startsWith('--')) continue;
    const [rows] = await conn.query(sql);
    if (/--\s*expect 0/.test(sql)) expect(Object.values((rows as Record<string, unknown>[])[0]!)[0], sql).toBe(0);
  }
}

async function columnType(conn: Connection, column: string): Promise<{ type: string; nullable: string }> {
  const [rows] = await conn.query(`SHOW COLUMNS FROM orders LIKE '${column}'`);
  const r = (rows as Record<string, string>[])[0]!;
  return { type: String(r['Type']), nullable: String(r['Null']) };
}

describeOnServers('locking analyzers: alternatives on a real server', (db) => {
  it('change-column-type: the expand-contract plan runs step by step and keeps every value', async () => {
    const { conn } = db();
    await reset(conn);
    const plan = pick(lint(db(), changeColumnType, 'ALTER TABLE orders MODIFY amount BIGINT NULL'), 'expand-contract');
    const [before] = await conn.query('SELECT id, amount FROM orders ORDER BY id');
    await run(conn, plan);
    expect((await columnType(conn, 'amount')).type).toMatch(/^bigint/);
    const [after] = await conn.query('SELECT id, amount FROM orders ORDER BY id');
    expect(after).toEqual(before);
  });

  it('missing-algorithm-clause: the proposed clauses are accepted (index build, instant column)', async () => {
    const { conn } = db();
    await reset(conn);
    await run(conn, pick(lint(db(), missingAlgorithmClause, 'ALTER TABLE orders ADD INDEX idx_amount (amount)'), 'online-ddl'));
    await run(conn, pick(lint(db(), missingAlgorithmClause, 'ALTER TABLE orders ADD COLUMN ref INT NULL'), 'online-ddl'));
    await run(conn, pick(lint(db(), missingAlgorithmClause, 'CREATE INDEX idx_note ON orders (note)'), 'online-ddl'));
  });

  it('explicit-blocking-algorithm: the online replacement for LOCK=SHARED is accepted', async () => {
    const { conn } = db();
    await reset(conn);
    await run(conn, pick(lint(db(), explicitBlockingAlgorithm, 'ALTER TABLE orders ADD INDEX idx_amount (amount), LOCK=SHARED'), 'online-ddl'));
  });

  it('varchar-crosses-length-byte: growing only to 63 characters runs with the asserted algorithm', async () => {
    const { conn } = db();
    await reset(conn);
    await run(conn, pick(lint(db(), varcharCrossesLengthByte, 'ALTER TABLE orders MODIFY note VARCHAR(70) NULL'), 'online-ddl'));
    expect((await columnType(conn, 'note')).type).toBe('varchar(63)');
  });

  it('enum-set-not-append: appending at the end runs with ALGORITHM=INSTANT', async () => {
    const { conn } = db();
    await reset(conn);
    const alt = pick(lint(db(), enumSetNotAppend, "ALTER TABLE orders MODIFY status ENUM('new','held','paid','shipped') NOT NULL DEFAULT 'new'"), 'online-ddl');
    expect(alt.sql[0]).toMatch(/ALGORITHM=INSTANT$/);
    await run(conn, alt);
  });

  it('add-stored-generated-column: the VIRTUAL column and its index are accepted online', async () => {
    const { conn } = db();
    await reset(conn);
    await run(conn, pick(lint(db(), addStoredGeneratedColumn, 'ALTER TABLE orders ADD COLUMN amount_x INT AS (amount * 100) STORED'), 'online-ddl'));
  });

  it('add-foreign-key-with-checks: orphan check, checks off, metadata-only add', async () => {
    const { conn } = db();
    await reset(conn);
    await conn.query('ALTER TABLE orders ADD COLUMN buyer_id INT NULL');
    await conn.query('UPDATE orders SET buyer_id = id');
    const alt = pick(lint(db(), addForeignKeyWithChecks, 'ALTER TABLE orders ADD CONSTRAINT fk_buyer FOREIGN KEY (buyer_id) REFERENCES customers (id)'), 'online-ddl');
    await run(conn, alt);
    const [rows] = await conn.query("SELECT COUNT(*) AS n FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND CONSTRAINT_NAME = 'fk_buyer'");
    expect((rows as { n: number }[])[0]!.n).toBe(1);
  });

  it('drop-index-used-by-foreign-key: the server refuses the drop (1553); the replacement runs', async () => {
    const { conn } = db();
    await reset(conn);
    const sql = 'ALTER TABLE orders DROP INDEX idx_customer';
    const findings = lint(db(), dropIndexUsedByForeignKey, sql);
    expect(findings).toHaveLength(1);
    await expect(conn.query(sql)).rejects.toMatchObject({ errno: 1553 });
    const keep = findings[0]!.alternatives[0]!.sql.find((s) => s.includes('to keep the foreign key'))!;
    await conn.query(keep);
  });

  it('primary-key-change: replacing the key in one statement runs with INPLACE, LOCK=NONE', async () => {
    const { conn } = db();
    await reset(conn);
    await run(conn, pick(lint(db(), primaryKeyChange, 'ALTER TABLE orders DROP PRIMARY KEY, ADD PRIMARY KEY (id, customer_id)'), 'online-ddl'));
  });

  it('null-to-not-null: backfill, verify, tighten', async () => {
    const { conn } = db();
    await reset(conn);
    await run(conn, pick(lint(db(), nullToNotNull, 'ALTER TABLE orders MODIFY amount INT NOT NULL'), 'expand-contract'));
    expect((await columnType(conn, 'amount')).nullable).toBe('NO');
    const [rows] = await conn.query('SELECT COUNT(*) AS n FROM orders');
    expect(Number((rows as { n: number }[])[0]!.n)).toBe(ROWS);
  });

  it('add-column-not-null-no-default: the explicit DEFAULT and the backfill plan both run', async () => {
    const { conn } = db();
    await reset(conn);
    const findings = lint(db(), addColumnNotNullNoDefault, 'ALTER TABLE orders ADD COLUMN priority INT NOT NULL');
    await run(conn, pick(findings, 'online-ddl'));
    await conn.query('ALTER TABLE orders DROP COLUMN priority');
    await run(conn, pick(findings, 'expand-contract'));
    const priority = await columnType(conn, 'priority');
    expect(priority.type).toMatch(/^int\b/);
    expect(priority.nullable).toBe('NO');
  });

  it('add-column-not-null-no-default / zero dates: MySQL refuses, MariaDB fills zero dates — as the rules say', async () => {
    const { conn } = db();
    await reset(conn);
    const date = lint(db(), addColumnNotNullNoDefault, 'ALTER TABLE orders ADD COLUMN shipped_on DATE NOT NULL')[0]!;
    const zero = lint(db(), zeroDateDefault, "ALTER TABLE orders ADD COLUMN seen DATE NOT NULL DEFAULT '0000-00-00'")[0]!;
    if (db().version.flavor === 'mysql') {
      expect(date.severity).toBe('error');
      await expect(conn.query('ALTER TABLE orders ADD COLUMN shipped_on DATE NOT NULL')).rejects.toMatchObject({ errno: 1292 });
      expect(zero.severity).toBe('error');
      await expect(conn.query("ALTER TABLE orders ADD COLUMN seen DATE NOT NULL DEFAULT '0000-00-00'")).rejects.toMatchObject({ errno: 1067 });
    } else {
      expect(date.severity).toBe('warning');
      await conn.query('ALTER TABLE orders ADD COLUMN shipped_on DATE NOT NULL');
      const [rows] = await conn.query("SELECT COUNT(*) AS n FROM orders WHERE shipped_on = '0000-00-00'");
      expect(Number((rows as { n: number }[])[0]!.n)).toBe(ROWS);
      expect(zero.severity).toBe('warning');
      await conn.query("ALTER TABLE orders ADD COLUMN seen DATE NOT NULL DEFAULT '0000-00-00'");
      await conn.query('ALTER TABLE orders DROP COLUMN seen');
    }
    await run(conn, pick([zero], 'online-ddl'));
  });

  it('optimize-table-rebuild: the asserted in-place rebuild is accepted', async () => {
    const { conn } = db();
    await reset(conn);
    await run(conn, pick(lint(db(), optimizeTableRebuild, 'OPTIMIZE TABLE orders'), 'online-ddl'));
  });

  it('multiple-alters-same-table: the merged statements run', async () => {
    const { conn } = db();
    await reset(conn);
    const sql = 'ALTER TABLE orders ADD COLUMN a INT NULL;\nALTER TABLE orders ADD INDEX idx_amount (amount);\nALTER TABLE orders ADD COLUMN b INT NULL;\nALTER TABLE orders ADD INDEX idx_note (note);';
    const last = lint(db(), multipleAltersSameTable, sql).at(-1)!;
    await run(conn, pick([last], 'combine'));
    expect((await columnType(conn, 'b')).type).toMatch(/^int\b/);
  });

  it('add-check-constraint: the offered forms run (NOT ENFORCED on MySQL only)', async () => {
    const { conn } = db();
    await reset(conn);
    const f = lint(db(), addCheckConstraint, 'ALTER TABLE orders ADD CONSTRAINT chk_amount CHECK (amount >= 0)');
    expect(f).toHaveLength(1);
    const notEnforced = f[0]!.alternatives.find((a) => a.sql.some((s) => s.includes('NOT ENFORCED')));
    if (db().version.flavor === 'mysql') await run(conn, notEnforced!);
    else expect(notEnforced).toBeUndefined();
    await run(conn, pick(f, 'expand-contract'));
  });
});
