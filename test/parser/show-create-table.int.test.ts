// SHOW CREATE TABLE output of real servers parses into the same columns, indexes and foreign
// keys information_schema reports. The shadow and the capabilities use parsed CREATE TABLE as
// table facts, so this runs on both MySQL and MariaDB.
import { beforeAll, expect, it } from 'vitest';
import type mysql from 'mysql2/promise';
import { describeOnServers } from '../helpers/servers.js';
import { parseStatement } from '../../src/parser/parse.js';
import type { CreateTableOperation } from '../../src/parser/statement.js';

type Row = mysql.RowDataPacket;

const TABLES: readonly string[] = [
  `CREATE TABLE users (
     id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
     email VARCHAR(191) NOT NULL UNIQUE,
     name VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL COMMENT 'display name, it''s shown',
     created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
     deleted_at TIMESTAMP NULL DEFAULT NULL,
     score DECIMAL(10,2) UNSIGNED DEFAULT 0.00,
     flags BIT(3) DEFAULT b'101',
     status ENUM('new','b''c','done') NOT NULL DEFAULT 'new',
     tags SET('x','y','z'),
     doc JSON,
     t TIME(3), dt DATETIME(6) DEFAULT '2020-01-01 00:00:00.000000', d DATE,
     f FLOAT, dbl DOUBLE, bl BLOB, txt MEDIUMTEXT, y YEAR,
     tiny TINYINT(1) NOT NULL DEFAULT 0, small SMALLINT, med MEDIUMINT UNSIGNED, ch CHAR(2), bin BINARY(16), vb VARBINARY(255), lb LONGBLOB, tt TINYTEXT,
     \`select\` INT COMMENT 'reserved word', \`weird name\` VARCHAR(10) DEFAULT 'a;b',
     hidden INT INVISIBLE,
     full_name VARCHAR(300) AS (CONCAT(name, ' ', email)) VIRTUAL,
     email_len INT AS (CHAR_LENGTH(email)) STORED,
     KEY idx_name (name(20)),
     KEY idx_multi (status, created_at DESC),
     FULLTEXT KEY ft_name (name),
     KEY idx_comment (score) COMMENT 'for reports',
     CONSTRAINT chk_score CHECK (score >= 0)
   ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='people'`,
  `CREATE TABLE orders (
     id INT NOT NULL AUTO_INCREMENT, user_id BIGINT UNSIGNED NOT NULL, total DECIMAL(12,2) NOT NULL, placed DATE NOT NULL,
     PRIMARY KEY (id, placed), KEY idx_user (user_id, placed)
   ) ENGINE=InnoDB PARTITION BY RANGE (YEAR(placed)) (PARTITION p2023 VALUES LESS THAN (2024), PARTITION pmax VALUES LESS THAN MAXVALUE)`,
  `CREATE TABLE events (id BIGINT NOT NULL, kind VARCHAR(20) NOT NULL, PRIMARY KEY (id)) ENGINE=InnoDB PARTITION BY HASH(id) PARTITIONS 4`,
  `CREATE TABLE items (
     id INT PRIMARY KEY, user_id BIGINT UNSIGNED, parent_id INT, pos POINT NOT NULL,
     CONSTRAINT fk_items_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL ON UPDATE CASCADE,
     CONSTRAINT fk_items_parent FOREIGN KEY (parent_id) REFERENCES items (id),
     SPATIAL KEY sp_pos (pos)
   ) ENGINE=InnoDB ROW_FORMAT=DYNAMIC`,
  `CREATE TABLE pairs (
     a INT NOT NULL, b INT NOT NULL, note VARCHAR(20) CHARACTER SET latin1 DEFAULT 'x',
     PRIMARY KEY (a, b)
   ) ENGINE=InnoDB`,
  `CREATE TABLE pair_refs (
     id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, pa INT NOT NULL, pb INT NOT NULL,
     CONSTRAINT fk_pair FOREIGN KEY (pa, pb) REFERENCES pairs (a, b) ON DELETE CASCADE,
     UNIQUE KEY uq_pair (pa, pb)
   ) ENGINE=InnoDB AUTO_INCREMENT=100`,
];
/** Syntax only one flavor has: what its SHOW CREATE TABLE prints must parse too. */
const FLAVOR_TABLES: Readonly<Record<'mysql' | 'mariadb', readonly string[]>> = {
  mysql: [
    `CREATE TABLE flavor_only (
       id INT PRIMARY KEY, pos POINT NOT NULL SRID 4326, j JSON, v INT INVISIBLE,
       d DATETIME DEFAULT (NOW()), u VARCHAR(36) DEFAULT (UUID()),
       KEY idx_inv (v) INVISIBLE, KEY idx_f ((lower(u))), SPATIAL KEY sp (pos),
       CONSTRAINT chk_j CHECK (JSON_VALID(j)) NOT ENFORCED
     ) ENGINE=InnoDB ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8 STATS_PERSISTENT=0`,
  ],
  mariadb: [
    `CREATE TABLE flavor_only (
       id INT PRIMARY KEY, x INT INVISIBLE, u UUID DEFAULT uuid(), i INET6, c VARCHAR(20), z TEXT COMPRESSED,
       KEY ix (x) IGNORED, KEY ic (id, x) COMMENT 'covering', UNIQUE KEY uh (c) USING HASH
     ) ENGINE=InnoDB PAGE_COMPRESSED=1 WITH SYSTEM VERSIONING`,
  ],
};
const NAMES = ['users', 'orders', 'events', 'items', 'pairs', 'pair_refs', 'flavor_only'];

describeOnServers('parse SHOW CREATE TABLE output', (db) => {
  const parsed = new Map<string, CreateTableOperation>();
  beforeAll(async () => {
    for (const sql of [...TABLES, ...FLAVOR_TABLES[db().version.flavor]]) await db().conn.query(sql);
    for (const name of NAMES) {
      const [rows] = await db().conn.query<Row[]>(`SHOW CREATE TABLE \`${name}\``);
      const text = String(rows[0]!['Create Table']);
      const op = parseStatement({
        index: 0,
        sql: text,
        location: { file: `${name}.sql`, line: 1, column: 1, offset: 0 },
        endOffset: text.length,
        delimiter: ';',
        leadingComments: [],
      }).operation;
      if (op.kind !== 'create-table') throw new Error(`SHOW CREATE TABLE ${name} parsed as ${op.kind}`);
      parsed.set(name, op);
    }
  });

  it('columns match information_schema.COLUMNS', async () => {
    const [rows] = await db().conn.query<Row[]>(
      `SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION,
              NUMERIC_SCALE, DATETIME_PRECISION, EXTRA, COLUMN_COMMENT
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION`,
    );
    let checked = 0;
    for (const name of NAMES) {
      const expected = rows.filter((r) => r['TABLE_NAME'] === name);
      const cols = parsed.get(name)!.columns;
      expect(cols.map((c) => c.name), name).toEqual(expected.map((r) => r['COLUMN_NAME']));
      for (const [i, r] of expected.entries()) {
        const c = cols[i]!;
        const where = `${name}.${c.name}`;
        expect(c.dataType.toLowerCase(), where).toBe(String(r['DATA_TYPE']).toLowerCase());
        expect(c.nullable !== false, where).toBe(r['IS_NULLABLE'] === 'YES');
        expect(c.unsigned, where).toBe(/unsigned/i.test(String(r['COLUMN_TYPE'])));
        const extra = String(r['EXTRA']).toLowerCase();
        expect(c.autoIncrement, where).toBe(extra.includes('auto_increment'));
        expect(c.generated?.stored ?? null, where).toBe(extra.includes('stored generated') ? true : extra.includes('virtual generated') ? false : null);
        expect(c.onUpdate !== null, where).toBe(extra.includes('on update'));
        expect(c.comment ?? '', where).toBe(r['COLUMN_COMMENT']);
        const type = c.dataType;
        if (['VARCHAR', 'CHAR', 'BINARY', 'VARBINARY'].includes(type)) expect(c.length, where).toBe(Number(r['CHARACTER_MAXIMUM_LENGTH']));
        if (type === 'DECIMAL') expect([c.length, c.scale], where).toEqual([Number(r['NUMERIC_PRECISION']), Number(r['NUMERIC_SCALE'])]);
        if (['TIME', 'DATETIME', 'TIMESTAMP'].includes(type)) expect(c.scale ?? 0, where).toBe(Number(r['DATETIME_PRECISION']));
        if (type === 'ENUM' || type === 'SET') {
          const literal = `${type.toLowerCase()}(${c.values!.map((v) => `'${v.replaceAll("'", "''")}'`).join(',')})`;
          expect(literal, where).toBe(r['COLUMN_TYPE']);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('indexes match information_schema.STATISTICS', async () => {
    const [rows] = await db().conn.query<Row[]>(
      `SELECT TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART, NON_UNIQUE, INDEX_TYPE, COLLATION
         FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
    );
    for (const name of NAMES) {
      const expected = new Map<string, { kind: string; columns: { name: string; length: number | null; descending: boolean }[] }>();
      for (const r of rows.filter((x) => x['TABLE_NAME'] === name)) {
        const index = String(r['INDEX_NAME']);
        const kind =
          index === 'PRIMARY' ? 'primary' : r['INDEX_TYPE'] === 'FULLTEXT' ? 'fulltext' : r['INDEX_TYPE'] === 'SPATIAL' ? 'spatial' : Number(r['NON_UNIQUE']) === 0 ? 'unique' : 'index';
        const entry = expected.get(index) ?? { kind, columns: [] };
        // Both servers report SUB_PART 32 for spatial key parts, which no DDL states.
        const length = r['SUB_PART'] === null || kind === 'spatial' ? null : Number(r['SUB_PART']);
        // Functional key parts have no column name (the parser gives '' and the expression).
        entry.columns.push({ name: r['COLUMN_NAME'] === null ? '' : String(r['COLUMN_NAME']), length, descending: r['COLLATION'] === 'D' });
        expected.set(index, entry);
      }
      const actual = new Map(
        parsed.get(name)!.indexes.map((i) => [i.name ?? '', { kind: i.kind, columns: i.columns.map((c) => ({ name: c.name, length: c.length, descending: c.descending })) }]),
      );
      expect(actual, name).toEqual(expected);
    }
  });

  it('foreign keys match information_schema', async () => {
    const [rows] = await db().conn.query<Row[]>(
      `SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.DELETE_RULE, r.UPDATE_RULE
         FROM information_schema.KEY_COLUMN_USAGE k
         JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
        WHERE k.TABLE_SCHEMA = DATABASE() ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
    );
    const defaults = ['RESTRICT', 'NO ACTION'];
    let checked = 0;
    for (const name of NAMES) {
      const fks = parsed.get(name)!.foreignKeys;
      const expectedNames = [...new Set(rows.filter((r) => r['TABLE_NAME'] === name).map((r) => String(r['CONSTRAINT_NAME'])))];
      expect(fks.map((f) => f.name).sort(), name).toEqual(expectedNames.sort());
      for (const fk of fks) {
        const rs = rows.filter((r) => r['TABLE_NAME'] === name && r['CONSTRAINT_NAME'] === fk.name);
        expect(fk.columns).toEqual(rs.map((r) => r['COLUMN_NAME']));
        expect(fk.referencedColumns).toEqual(rs.map((r) => r['REFERENCED_COLUMN_NAME']));
        expect(fk.referencedTable.name).toBe(rs[0]!['REFERENCED_TABLE_NAME']);
        const rule = (v: string | null, actual: string) => (v === null ? defaults.includes(actual) : v === actual);
        expect(rule(fk.onDelete, String(rs[0]!['DELETE_RULE'])), `${fk.name} on delete`).toBe(true);
        expect(rule(fk.onUpdate, String(rs[0]!['UPDATE_RULE'])), `${fk.name} on update`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBe(3);
  });

  it('reads what only this flavor prints', () => {
    const t = parsed.get('flavor_only')!;
    if (db().version.flavor === 'mysql') {
      expect(t.options).toMatchObject({ ROW_FORMAT: 'COMPRESSED', KEY_BLOCK_SIZE: '8', STATS_PERSISTENT: '0' });
      expect(t.columns.find((c) => c.name === 'd')!.defaultValue).toBe('(now())');
      expect(t.indexes.find((i) => i.name === 'idx_f')!.columns).toEqual([{ name: '', length: null, descending: false, expression: 'lower(`u`)' }]);
      expect(t.checks).toContainEqual({ name: 'chk_j', expression: 'json_valid(`j`)' });
    } else {
      expect(t.options).toMatchObject({ PAGE_COMPRESSED: '1', 'WITH SYSTEM VERSIONING': '' });
      expect(t.columns.find((c) => c.name === 'u')).toMatchObject({ dataType: 'UUID', defaultValue: 'uuid()' });
      expect(t.indexes.find((i) => i.name === 'uh')).toMatchObject({ kind: 'unique', using: 'HASH' });
    }
  });

  it('partitioning, checks and options match', async () => {
    const [parts] = await db().conn.query<Row[]>(
      `SELECT DISTINCT TABLE_NAME FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND PARTITION_NAME IS NOT NULL`,
    );
    const partitionedTables = new Set(parts.map((r) => String(r['TABLE_NAME'])));
    for (const name of NAMES) expect(parsed.get(name)!.partitioned, name).toBe(partitionedTables.has(name));
    expect(partitionedTables).toEqual(new Set(['orders', 'events']));
    const [checks] = await db().conn.query<Row[]>(
      `SELECT CONSTRAINT_NAME FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND CONSTRAINT_NAME = 'chk_score'`,
    );
    expect(checks).toHaveLength(1);
    expect(parsed.get('users')!.checks.map((c) => c.name)).toContain('chk_score');
    const [tables] = await db().conn.query<Row[]>(
      `SELECT TABLE_NAME, ENGINE, TABLE_COLLATION, TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()`,
    );
    for (const r of tables) {
      const options = parsed.get(String(r['TABLE_NAME']))!.options;
      expect(options['ENGINE']).toBe(r['ENGINE']);
      expect(options['COLLATE']).toBe(r['TABLE_COLLATION']);
      expect(options['COMMENT'] ?? '').toBe(r['TABLE_COMMENT']);
    }
  });
});
