// Capabilities as a table: (server, table, statement) → expected profile, across the version
// boundaries that change the answer. The real-server measurements are in capabilities.int.test.ts.
import { describe, expect, it } from 'vitest';
import { compareVersion, createCapabilities } from '../../src/db/capabilities/index.js';
import { DEFAULT_SESSION, type LockProfile, type SessionState, type TableFacts } from '../../src/db/capabilities/types.js';
import { parseServerSpec } from '../../src/db/connection.js';
import { parseSql } from '../../src/parser/parse.js';
import type { AlterTableOperation, CreateTableOperation, Operation } from '../../src/parser/statement.js';

const BASE = `CREATE TABLE t (
  id int NOT NULL AUTO_INCREMENT,
  a int NOT NULL DEFAULT 0,
  name varchar(40) DEFAULT NULL,
  code varchar(20) DEFAULT NULL,
  wide varchar(100) DEFAULT NULL,
  status enum('new','done') NOT NULL DEFAULT 'new',
  parent_id int DEFAULT NULL,
  PRIMARY KEY (id),
  KEY idx_a (a)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`;

const op = (sql: string): Operation => {
  const [s] = parseSql(sql, 'test.sql');
  if (!s) throw new Error(`no statement in ${sql}`);
  return s.operation;
};

function facts(createSql: string | null, extra: Partial<TableFacts> = {}): TableFacts | null {
  if (createSql === null) return null;
  const def = op(createSql) as CreateTableOperation;
  return { table: def.table, definition: def, rows: 100_000, dataBytes: null, indexBytes: null, referencedBy: [], triggers: [], totalRowVersions: null, ...extra };
}

function profile(spec: string, sql: string, table: TableFacts | null = facts(BASE), session: SessionState = DEFAULT_SESSION): LockProfile {
  return createCapabilities(parseServerSpec(spec)).profileOperation(op(sql), table, session);
}

type Expect = Partial<Pick<LockProfile, 'algorithm' | 'rebuildsTable' | 'blocksWrites' | 'blocksReads' | 'sizeDependent' | 'clause'>>;

const INSTANT: Expect = { algorithm: 'INSTANT', rebuildsTable: false, blocksWrites: false, blocksReads: false, sizeDependent: false, clause: { algorithm: 'INSTANT', lock: null } };
const INPLACE_META: Expect = { algorithm: 'INPLACE', rebuildsTable: false, blocksWrites: false, sizeDependent: false, clause: { algorithm: 'INPLACE', lock: 'NONE' } };
const INPLACE_BUILD: Expect = { algorithm: 'INPLACE', rebuildsTable: false, blocksWrites: false, sizeDependent: true, clause: { algorithm: 'INPLACE', lock: 'NONE' } };
const REBUILD: Expect = { algorithm: 'INPLACE', rebuildsTable: true, blocksWrites: false, blocksReads: false, sizeDependent: true, clause: { algorithm: 'INPLACE', lock: 'NONE' } };
const NOCOPY_META: Expect = { algorithm: 'NOCOPY', rebuildsTable: false, blocksWrites: false, sizeDependent: false, clause: { algorithm: 'NOCOPY', lock: 'NONE' } };
const NOCOPY_BUILD: Expect = { algorithm: 'NOCOPY', rebuildsTable: false, blocksWrites: false, sizeDependent: true, clause: { algorithm: 'NOCOPY', lock: 'NONE' } };
const COPY: Expect = { algorithm: 'COPY', rebuildsTable: true, blocksWrites: true, blocksReads: false, sizeDependent: true, clause: null };
const ONLINE_COPY: Expect = { algorithm: 'COPY', rebuildsTable: true, blocksWrites: false, blocksReads: false, sizeDependent: true, clause: { algorithm: 'COPY', lock: 'NONE' } };

interface Case {
  readonly name: string;
  readonly sql: string;
  readonly table?: TableFacts | null;
  readonly session?: SessionState;
  readonly expect: Readonly<Record<string, Expect>>;
}

const FULLTEXT_TABLE = BASE.replace('KEY idx_a (a)', 'KEY idx_a (a), FULLTEXT KEY ft (name)');
const REDUNDANT_TABLE = `${BASE} ROW_FORMAT=REDUNDANT`;
const CHILD_TABLE = `CREATE TABLE c (id int NOT NULL, p int DEFAULT NULL, PRIMARY KEY (id), KEY p (p),
  CONSTRAINT fk_p FOREIGN KEY (p) REFERENCES t (id) ON DELETE CASCADE) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`;

const CASES: readonly Case[] = [
  {
    name: 'add column last',
    sql: 'ALTER TABLE t ADD COLUMN extra int NULL',
    expect: {
      'mysql:5.7.44': REBUILD,
      'mysql:8.0.11': REBUILD,
      'mysql:8.0.12': INSTANT,
      'mysql:8.0.28': INSTANT,
      'mysql:8.0.29': REBUILD, // unsafe instant add: not proposed
      'mysql:8.0.30': INSTANT,
      'mysql:8.4': INSTANT,
      'mysql:9.1': INSTANT,
      'mariadb:10.6.8': INSTANT,
      'mariadb:10.11': INSTANT,
      'mariadb:11.4': INSTANT,
    },
  },
  {
    name: 'add column FIRST',
    sql: 'ALTER TABLE t ADD COLUMN extra int NULL FIRST',
    expect: { 'mysql:8.0.12': REBUILD, 'mysql:8.0.28': REBUILD, 'mysql:8.0.29': REBUILD, 'mysql:8.0.30': INSTANT, 'mysql:9.7': INSTANT, 'mariadb:10.6.9': INSTANT },
  },
  {
    name: 'add column AFTER the last column is an append',
    sql: 'ALTER TABLE t ADD COLUMN extra int NULL AFTER parent_id',
    expect: { 'mysql:8.0.12': INSTANT },
  },
  {
    name: 'add column to a table with FULLTEXT',
    sql: 'ALTER TABLE t ADD COLUMN extra int NULL',
    table: facts(FULLTEXT_TABLE),
    // MySQL cannot rebuild a FULLTEXT table in place at all (measured on 9.7), so the add becomes a copy.
    expect: { 'mysql:8.4': COPY, 'mysql:9.7': COPY, 'mariadb:10.11': { ...REBUILD, blocksWrites: true, clause: { algorithm: 'INPLACE', lock: 'SHARED' } } },
  },
  {
    name: 'add column to a table with two FULLTEXT indexes',
    sql: 'ALTER TABLE t ADD COLUMN extra int NULL',
    table: facts(FULLTEXT_TABLE.replace('FULLTEXT KEY ft (name)', 'FULLTEXT KEY ft (name), FULLTEXT KEY ft2 (wide)')),
    expect: { 'mariadb:10.11': COPY },
  },
  {
    name: 'add column to ROW_FORMAT=COMPRESSED',
    sql: 'ALTER TABLE t ADD COLUMN extra int NULL',
    table: facts(`${BASE} ROW_FORMAT=COMPRESSED`),
    expect: { 'mysql:8.4': REBUILD, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'add column with 64 row versions used',
    sql: 'ALTER TABLE t ADD COLUMN extra int NULL',
    table: facts(BASE, { totalRowVersions: 64 }),
    expect: { 'mysql:8.0.28': INSTANT, 'mysql:8.4': REBUILD, 'mysql:9.0': REBUILD, 'mysql:9.1': INSTANT },
  },
  {
    name: 'add column with 255 row versions used',
    sql: 'ALTER TABLE t ADD COLUMN extra int NULL',
    table: facts(BASE, { totalRowVersions: 255 }),
    expect: { 'mysql:9.1': REBUILD },
  },
  {
    name: 'add NOT NULL column with a literal default',
    sql: "ALTER TABLE t ADD COLUMN flag tinyint NOT NULL DEFAULT 1",
    expect: { 'mysql:9.7': INSTANT, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'add column with an expression default',
    sql: 'ALTER TABLE t ADD COLUMN token varchar(36) DEFAULT (uuid())',
    expect: { 'mysql:9.7': COPY, 'mariadb:10.11': COPY, 'mariadb:11.4': ONLINE_COPY },
  },
  {
    name: 'add AUTO_INCREMENT column',
    sql: 'ALTER TABLE t ADD COLUMN seq bigint NOT NULL AUTO_INCREMENT, ADD UNIQUE KEY uq_seq (seq)',
    table: facts(BASE.replace('id int NOT NULL AUTO_INCREMENT', 'id int NOT NULL')),
    expect: {
      'mysql:9.7': { ...REBUILD, blocksWrites: true, clause: { algorithm: 'INPLACE', lock: 'SHARED' } },
      'mariadb:11.4': { ...REBUILD, blocksWrites: true, clause: { algorithm: 'INPLACE', lock: 'SHARED' } },
    },
  },
  {
    name: 'add STORED generated column',
    sql: 'ALTER TABLE t ADD COLUMN a2 int AS (a * 2) STORED',
    expect: { 'mysql:5.7.44': COPY, 'mysql:9.7': COPY, 'mariadb:10.11': COPY, 'mariadb:11.1': COPY, 'mariadb:11.2': ONLINE_COPY },
  },
  {
    name: 'add VIRTUAL generated column',
    sql: 'ALTER TABLE t ADD COLUMN a3 int AS (a * 3) VIRTUAL',
    expect: { 'mysql:5.7.44': INPLACE_META, 'mysql:9.7': INSTANT, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'drop column',
    sql: 'ALTER TABLE t DROP COLUMN wide',
    expect: { 'mysql:8.0.28': REBUILD, 'mysql:8.0.29': REBUILD, 'mysql:8.0.30': INSTANT, 'mysql:9.7': INSTANT, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'drop STORED generated column',
    sql: 'ALTER TABLE t DROP COLUMN g',
    table: facts(BASE.replace('parent_id int DEFAULT NULL,', 'parent_id int DEFAULT NULL, g int AS (a + 1) STORED,')),
    expect: { 'mysql:8.0.30': REBUILD, 'mysql:9.7': INSTANT, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'drop indexed column',
    sql: 'ALTER TABLE t DROP COLUMN a',
    expect: { 'mysql:9.7': REBUILD, 'mariadb:10.11': NOCOPY_BUILD },
  },
  {
    name: 'rename column',
    sql: 'ALTER TABLE t RENAME COLUMN wide TO wider',
    expect: { 'mysql:5.7.44': INPLACE_META, 'mysql:8.0.27': INPLACE_META, 'mysql:8.0.28': INSTANT, 'mysql:9.7': INSTANT, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'rename a column in a foreign key',
    sql: 'ALTER TABLE c RENAME COLUMN p TO parent',
    table: facts(CHILD_TABLE),
    expect: { 'mysql:8.4': { ...INPLACE_META, blocksWrites: true, clause: { algorithm: 'INPLACE', lock: 'SHARED' } }, 'mysql:9.7': INSTANT, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'rename a column another table references',
    sql: 'ALTER TABLE t RENAME COLUMN id TO tid',
    table: facts(BASE, { referencedBy: [{ table: { schema: null, name: 'c' }, foreignKey: { name: 'fk_p', columns: ['p'], referencedTable: { schema: null, name: 't' }, referencedColumns: ['id'], onDelete: null, onUpdate: null } }] }),
    expect: { 'mysql:8.4': INPLACE_META, 'mysql:9.7': INPLACE_META, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'rename a foreign-key column combined with a copy is refused on MySQL',
    sql: 'ALTER TABLE c RENAME COLUMN p TO parent, ADD COLUMN g int AS (id + 1) STORED',
    table: facts(CHILD_TABLE),
    expect: { 'mysql:9.7': { algorithm: null, clause: null }, 'mariadb:10.11': { algorithm: null, clause: null } },
  },
  {
    name: 'CHANGE with the same type is a rename',
    sql: 'ALTER TABLE t CHANGE wide wider varchar(100) DEFAULT NULL',
    expect: { 'mysql:9.7': INSTANT, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'INT to BIGINT',
    sql: 'ALTER TABLE t MODIFY a bigint NOT NULL DEFAULT 0',
    expect: { 'mysql:9.7': COPY, 'mariadb:10.11': COPY, 'mariadb:11.4': ONLINE_COPY },
  },
  {
    name: 'INT to BIGINT on ROW_FORMAT=REDUNDANT',
    sql: 'ALTER TABLE t MODIFY a bigint NOT NULL DEFAULT 0',
    table: facts(REDUNDANT_TABLE),
    expect: { 'mysql:9.7': COPY, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'VARCHAR widen within one length byte (160 → 240 bytes)',
    sql: 'ALTER TABLE t MODIFY name varchar(60) DEFAULT NULL',
    expect: { 'mysql:5.7.44': INPLACE_META, 'mysql:9.7': INPLACE_META, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'VARCHAR widen across 255 bytes from 160 bytes',
    sql: 'ALTER TABLE t MODIFY name varchar(100) DEFAULT NULL',
    expect: { 'mysql:9.7': COPY, 'mariadb:10.11': COPY, 'mariadb:11.4': ONLINE_COPY },
  },
  {
    name: 'VARCHAR widen across 255 bytes from 80 bytes',
    sql: 'ALTER TABLE t MODIFY code varchar(100) DEFAULT NULL',
    expect: { 'mysql:9.7': COPY, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'VARCHAR widen within two length bytes',
    sql: 'ALTER TABLE t MODIFY wide varchar(200) DEFAULT NULL',
    expect: { 'mysql:9.7': INPLACE_META, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'VARCHAR widen of a latin1 column stays under 256 bytes',
    sql: 'ALTER TABLE t MODIFY name varchar(200) DEFAULT NULL',
    table: facts(BASE.replace('CHARSET=utf8mb4', 'CHARSET=latin1')),
    expect: { 'mysql:9.7': INPLACE_META },
  },
  {
    name: 'VARCHAR shrink',
    sql: 'ALTER TABLE t MODIFY name varchar(30) DEFAULT NULL',
    expect: { 'mysql:9.7': COPY, 'mariadb:10.11': COPY, 'mariadb:11.4': ONLINE_COPY },
  },
  {
    name: 'NULL → NOT NULL',
    sql: 'ALTER TABLE t MODIFY parent_id int NOT NULL',
    expect: { 'mysql:9.7': REBUILD, 'mariadb:10.11': REBUILD },
  },
  {
    name: 'NOT NULL → NULL',
    sql: 'ALTER TABLE t MODIFY a int NULL DEFAULT 0',
    expect: { 'mysql:9.7': REBUILD, 'mariadb:10.11': REBUILD },
  },
  {
    name: 'NOT NULL → NULL on REDUNDANT',
    sql: 'ALTER TABLE t MODIFY a int NULL DEFAULT 0',
    table: facts(REDUNDANT_TABLE),
    expect: { 'mysql:9.7': REBUILD, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'SET DEFAULT',
    sql: 'ALTER TABLE t ALTER COLUMN a SET DEFAULT 5',
    expect: { 'mysql:5.7.44': INPLACE_META, 'mysql:8.0.12': INSTANT, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'DROP DEFAULT',
    sql: 'ALTER TABLE t ALTER COLUMN a DROP DEFAULT',
    expect: { 'mysql:9.7': INSTANT, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'ENUM append',
    sql: "ALTER TABLE t MODIFY status enum('new','done','gone') NOT NULL DEFAULT 'new'",
    expect: { 'mysql:5.7.44': INPLACE_META, 'mysql:9.7': INSTANT, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'ENUM reorder',
    sql: "ALTER TABLE t MODIFY status enum('done','new') NOT NULL DEFAULT 'new'",
    expect: { 'mysql:9.7': COPY, 'mariadb:10.11': COPY },
  },
  {
    name: 'reorder a column',
    sql: 'ALTER TABLE t MODIFY wide varchar(100) DEFAULT NULL AFTER id',
    expect: { 'mysql:9.7': REBUILD, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'column charset change',
    sql: 'ALTER TABLE t MODIFY wide varchar(100) CHARACTER SET latin1 DEFAULT NULL',
    expect: { 'mysql:9.7': COPY, 'mariadb:10.11': COPY },
  },
  {
    name: 'column utf8mb3 → utf8mb4 (not indexed)',
    sql: 'ALTER TABLE t MODIFY wide varchar(100) CHARACTER SET utf8mb4 DEFAULT NULL',
    table: facts(BASE.replace('wide varchar(100)', 'wide varchar(100) CHARACTER SET utf8mb3')),
    expect: { 'mysql:8.4': COPY, 'mysql:9.7': INPLACE_META, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'column utf8mb3 → utf8mb4 crossing 255 bytes',
    sql: 'ALTER TABLE t MODIFY wide varchar(70) CHARACTER SET utf8mb4 DEFAULT NULL',
    table: facts(BASE.replace('wide varchar(100)', 'wide varchar(70) CHARACTER SET utf8mb3')),
    expect: { 'mysql:9.7': COPY },
  },
  {
    name: 'column utf8mb3 → utf8mb4 on an indexed column',
    sql: 'ALTER TABLE t MODIFY wide varchar(100) CHARACTER SET utf8mb4 DEFAULT NULL',
    table: facts(BASE.replace('wide varchar(100)', 'wide varchar(100) CHARACTER SET utf8mb3').replace('KEY idx_a (a)', 'KEY idx_a (a), KEY idx_w (wide)')),
    expect: { 'mysql:9.7': COPY, 'mariadb:10.11': COPY },
  },
  {
    name: 'add index',
    sql: 'ALTER TABLE t ADD INDEX idx_code (code)',
    expect: { 'mysql:9.7': INPLACE_BUILD, 'mariadb:10.11': NOCOPY_BUILD },
  },
  {
    name: 'CREATE UNIQUE INDEX',
    sql: 'CREATE UNIQUE INDEX uq_code ON t (code)',
    expect: { 'mysql:9.7': INPLACE_BUILD, 'mariadb:10.11': NOCOPY_BUILD },
  },
  {
    name: 'drop index',
    sql: 'ALTER TABLE t DROP INDEX idx_a',
    expect: { 'mysql:9.7': INPLACE_META, 'mariadb:10.11': NOCOPY_META },
  },
  {
    name: 'rename index',
    sql: 'ALTER TABLE t RENAME INDEX idx_a TO idx_a2',
    expect: { 'mysql:9.7': INPLACE_META, 'mariadb:10.6': NOCOPY_META, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'first FULLTEXT index',
    sql: 'ALTER TABLE t ADD FULLTEXT INDEX ft_wide (wide)',
    expect: {
      'mysql:9.7': { ...REBUILD, blocksWrites: true, clause: { algorithm: 'INPLACE', lock: 'SHARED' } },
      'mariadb:10.11': { ...REBUILD, blocksWrites: true, clause: { algorithm: 'INPLACE', lock: 'SHARED' } },
    },
  },
  {
    name: 'second FULLTEXT index',
    sql: 'ALTER TABLE t ADD FULLTEXT INDEX ft_wide (wide)',
    table: facts(FULLTEXT_TABLE),
    expect: {
      'mysql:9.7': { ...INPLACE_BUILD, blocksWrites: true, clause: { algorithm: 'INPLACE', lock: 'SHARED' } },
      'mariadb:10.11': { ...NOCOPY_BUILD, blocksWrites: true, clause: { algorithm: 'NOCOPY', lock: 'SHARED' } },
    },
  },
  {
    name: 'drop primary key',
    sql: 'ALTER TABLE t DROP PRIMARY KEY',
    table: facts(BASE.replace('id int NOT NULL AUTO_INCREMENT', 'id int NOT NULL')),
    expect: { 'mysql:9.7': COPY, 'mariadb:10.11': COPY, 'mariadb:11.4': ONLINE_COPY },
  },
  {
    name: 'replace primary key in one statement',
    sql: 'ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (id, a)',
    expect: { 'mysql:9.7': REBUILD, 'mariadb:10.11': REBUILD },
  },
  {
    name: 'add foreign key, checks on',
    sql: 'ALTER TABLE t ADD CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES t (id)',
    expect: { 'mysql:9.7': COPY, 'mariadb:10.11': COPY, 'mariadb:11.4': ONLINE_COPY },
  },
  {
    name: 'add cascading foreign key, checks on, MariaDB 11.4 cannot copy online',
    sql: 'ALTER TABLE t ADD CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES t (id) ON DELETE CASCADE',
    expect: { 'mariadb:11.4': { ...COPY } },
  },
  {
    name: 'add foreign key, checks off',
    sql: 'ALTER TABLE t ADD CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES t (id)',
    session: { ...DEFAULT_SESSION, foreignKeyChecks: false },
    expect: { 'mysql:9.7': INPLACE_BUILD, 'mariadb:10.11': NOCOPY_BUILD },
  },
  {
    name: 'add foreign key with a supporting index, checks off',
    sql: 'ALTER TABLE t ADD CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES t (id)',
    table: facts(BASE.replace('KEY idx_a (a)', 'KEY idx_a (a), KEY idx_parent (parent_id, a)')),
    session: { ...DEFAULT_SESSION, foreignKeyChecks: false },
    expect: { 'mysql:9.7': INPLACE_META, 'mariadb:10.6': NOCOPY_META, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'drop foreign key',
    sql: 'ALTER TABLE c DROP FOREIGN KEY fk_p',
    table: facts(CHILD_TABLE),
    expect: { 'mysql:9.7': INPLACE_META, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'add index on a table with a cascading foreign key',
    sql: 'ALTER TABLE c ADD INDEX idx_pid (p, id)',
    table: facts(CHILD_TABLE),
    expect: { 'mysql:8.0.30': { ...INPLACE_BUILD, blocksWrites: true, clause: { algorithm: 'INPLACE', lock: 'SHARED' } }, 'mysql:9.7': INPLACE_BUILD, 'mariadb:10.11': NOCOPY_BUILD },
  },
  {
    name: 'add check',
    sql: 'ALTER TABLE t ADD CONSTRAINT chk_a CHECK (a >= 0)',
    expect: { 'mysql:8.0.15': INSTANT, 'mysql:8.0.16': COPY, 'mysql:9.7': COPY, 'mariadb:10.11': COPY, 'mariadb:11.4': ONLINE_COPY },
  },
  {
    name: 'drop check',
    sql: 'ALTER TABLE t DROP CHECK chk_a',
    expect: { 'mysql:8.4': INPLACE_META, 'mysql:9.7': INSTANT, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'ENGINE=InnoDB',
    sql: 'ALTER TABLE t ENGINE=InnoDB',
    expect: { 'mysql:9.7': REBUILD, 'mariadb:10.11': REBUILD },
  },
  {
    name: 'FORCE with a FULLTEXT index',
    sql: 'ALTER TABLE t FORCE',
    table: facts(FULLTEXT_TABLE),
    expect: { 'mysql:9.7': COPY, 'mariadb:10.11': { ...REBUILD, blocksWrites: true, clause: { algorithm: 'INPLACE', lock: 'SHARED' } } },
  },
  {
    name: 'ENGINE change',
    sql: 'ALTER TABLE t ENGINE=MyISAM',
    expect: { 'mysql:9.7': COPY, 'mariadb:10.11': COPY },
  },
  {
    name: 'ROW_FORMAT change',
    sql: 'ALTER TABLE t ROW_FORMAT=COMPACT',
    expect: { 'mysql:9.7': REBUILD, 'mariadb:10.11': REBUILD },
  },
  {
    name: 'AUTO_INCREMENT=N',
    sql: 'ALTER TABLE t AUTO_INCREMENT=1000000',
    expect: { 'mysql:9.7': INPLACE_META, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'CONVERT TO CHARACTER SET',
    sql: 'ALTER TABLE t CONVERT TO CHARACTER SET latin1',
    expect: { 'mysql:9.7': COPY, 'mariadb:10.11': COPY, 'mariadb:11.4': ONLINE_COPY },
  },
  {
    name: 'table default charset to another encoding',
    sql: 'ALTER TABLE t DEFAULT CHARSET=latin1',
    expect: { 'mysql:8.4': REBUILD, 'mysql:9.7': INPLACE_META, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'OPTIMIZE TABLE',
    sql: 'OPTIMIZE TABLE t',
    expect: { 'mysql:9.7': { ...REBUILD, clause: null }, 'mariadb:10.11': { ...REBUILD, clause: null } },
  },
  {
    name: 'RENAME TABLE',
    sql: 'RENAME TABLE t TO t_old',
    expect: { 'mysql:5.7.44': INPLACE_META, 'mysql:9.7': INSTANT, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'TRUNCATE TABLE',
    sql: 'TRUNCATE TABLE t',
    expect: {
      'mysql:8.0.22': { algorithm: null, blocksReads: true, blocksWrites: true, sizeDependent: true, clause: null },
      'mysql:9.7': { algorithm: null, blocksReads: true, blocksWrites: true, sizeDependent: false, clause: null },
      'mariadb:10.11': { algorithm: null, blocksReads: true, blocksWrites: true, clause: null },
    },
  },
  {
    name: 'add column + add index: one INPLACE statement',
    sql: 'ALTER TABLE t ADD COLUMN extra int NULL, ADD INDEX idx_code (code)',
    // Both run the whole statement INPLACE, where ADD COLUMN rebuilds (MariaDB: measured on 10.11).
    expect: { 'mysql:9.7': REBUILD, 'mariadb:10.11': REBUILD },
  },
  {
    name: 'rename column + add index: the rename rides along without a rebuild',
    sql: 'ALTER TABLE t RENAME COLUMN wide TO wider, ADD INDEX idx_code (code)',
    expect: { 'mysql:9.7': INPLACE_BUILD, 'mariadb:10.11': NOCOPY_BUILD },
  },
  {
    name: 'instant + copy clause: the whole statement copies',
    sql: 'ALTER TABLE t ADD COLUMN extra int NULL, MODIFY a bigint NOT NULL DEFAULT 0',
    expect: { 'mysql:9.7': COPY, 'mariadb:10.11': COPY },
  },
  {
    name: 'explicit LOCK=NONE on a copy-only change is refused',
    sql: 'ALTER TABLE t MODIFY a bigint NOT NULL DEFAULT 0, LOCK=NONE',
    expect: {
      'mysql:9.7': { algorithm: null, blocksWrites: false, rebuildsTable: false, clause: null },
      'mariadb:10.11': { algorithm: null, blocksWrites: false, clause: null },
      'mariadb:11.4': ONLINE_COPY,
    },
  },
  {
    name: 'explicit ALGORITHM=INSTANT on an index build is refused',
    sql: 'ALTER TABLE t ADD INDEX idx_code (code), ALGORITHM=INSTANT',
    expect: { 'mysql:9.7': { algorithm: null, clause: null }, 'mariadb:10.11': { algorithm: null, clause: null } },
  },
  {
    name: 'explicit ALGORITHM=INPLACE on an instant add: MySQL rebuilds, MariaDB still goes instant',
    sql: 'ALTER TABLE t ADD COLUMN extra int NULL, ALGORITHM=INPLACE',
    expect: { 'mysql:9.7': REBUILD, 'mariadb:10.11': INSTANT },
  },
  {
    name: 'explicit LOCK=SHARED blocks writes',
    sql: 'ALTER TABLE t ADD INDEX idx_code (code), LOCK=SHARED',
    expect: { 'mysql:9.7': { algorithm: 'INPLACE', blocksWrites: true }, 'mariadb:10.11': { algorithm: 'NOCOPY', blocksWrites: true } },
  },
  {
    name: 'explicit LOCK=NONE on an instant add: MySQL falls back to INPLACE',
    sql: 'ALTER TABLE t ADD COLUMN extra int NULL, LOCK=NONE',
    expect: { 'mysql:9.7': REBUILD, 'mariadb:10.11': INSTANT },
  },
];

describe('capability profiles', () => {
  for (const c of CASES) {
    for (const [spec, expected] of Object.entries(c.expect)) {
      it(`${c.name} on ${spec}`, () => {
        const p = profile(spec, c.sql, c.table === undefined ? facts(BASE) : c.table, c.session ?? DEFAULT_SESSION);
        const got = Object.fromEntries(Object.keys(expected).map((k) => [k, p[k as keyof LockProfile]]));
        expect(got, p.reasons.join(' | ')).toEqual(expected);
        expect(p.reasons.length).toBeGreaterThan(0);
        expect(Object.isFrozen(p)).toBe(true);
      });
    }
  }
});

describe('version boundaries in reasons and limits', () => {
  it('warns about MDEV-18519 before MariaDB 10.6.9 only', () => {
    expect(profile('mariadb:10.6.8', 'ALTER TABLE t ADD COLUMN extra int').reasons.join(' ')).toMatch(/MDEV-18519/);
    expect(profile('mariadb:10.6.9', 'ALTER TABLE t ADD COLUMN extra int').reasons.join(' ')).not.toMatch(/MDEV-18519/);
  });
  it('explains why 8.0.29 is not trusted with instant ADD/DROP', () => {
    expect(profile('mysql:8.0.29', 'ALTER TABLE t DROP COLUMN wide').reasons.join(' ')).toMatch(/8\.0\.29.*corrupt/);
  });
  it('row-version limit: none before 8.0.29, 64 through 9.0, 255 from 9.1', () => {
    const limit = (s: string) => createCapabilities(parseServerSpec(s)).instantRowVersionLimit;
    expect([limit('mysql:8.0.28'), limit('mysql:8.0.29'), limit('mysql:8.4'), limit('mysql:9.0'), limit('mysql:9.1'), limit('mariadb:11.4')]).toEqual([null, 64, 64, 64, 255, null]);
  });
  it('online COPY from MariaDB 11.2, ALTER … WAIT on MariaDB only', () => {
    const caps = (s: string) => createCapabilities(parseServerSpec(s));
    expect([caps('mariadb:11.1').supportsOnlineCopy, caps('mariadb:11.2').supportsOnlineCopy, caps('mysql:9.7').supportsOnlineCopy]).toEqual([false, true, false]);
    expect([caps('mariadb:10.11').supportsAlterWait, caps('mysql:9.7').supportsAlterWait]).toEqual([true, false]);
    expect([caps('mysql:8.0.11').supportsInstant, caps('mysql:8.0.12').supportsInstant, caps('mariadb:10.6').supportsInstant]).toEqual([false, true, true]);
    expect(caps('mysql:9.7').statementTimeout).toEqual({ variable: 'max_execution_time', unit: 'ms', appliesTo: 'select' });
    expect(caps('mariadb:10.11').defaultLockWaitTimeout).toBe(86_400);
  });
  it('returns frozen capabilities', () => {
    const caps = createCapabilities(parseServerSpec('mysql:9.7'));
    expect(Object.isFrozen(caps)).toBe(true);
    expect(Object.isFrozen(caps.version)).toBe(true);
  });
});

describe('unknown facts', () => {
  it('without a table definition, add column keeps the INSTANT clause as a guard but leaves the rest unknown', () => {
    // A FULLTEXT index would turn it into a blocking copy on MySQL; the INSTANT clause makes the server refuse instead.
    const p = profile('mysql:9.7', 'ALTER TABLE t ADD COLUMN extra int', null);
    expect(p).toMatchObject({ algorithm: null, rebuildsTable: null, blocksWrites: null, blocksReads: false, clause: { algorithm: 'INSTANT', lock: null } });
    expect(p.reasons.join(' ')).toMatch(/FULLTEXT/);
  });
  it('the measured MySQL 9 override is marked as measured', () => {
    const p = profile('mysql:9.7', 'ALTER TABLE c ADD INDEX idx_pid (p, id)', facts(CHILD_TABLE));
    expect(p.basis).toBe('measured');
    expect(profile('mysql:8.4', 'ALTER TABLE c ADD INDEX idx_pid (p, id)', facts(CHILD_TABLE)).basis).toBe('documented');
  });
  it('without a table definition, MODIFY is unknown', () => {
    const p = profile('mysql:9.7', 'ALTER TABLE t MODIFY a bigint', null);
    expect(p).toMatchObject({ algorithm: null, blocksWrites: null, basis: 'unknown', clause: null });
  });
  it('a column charset the definition does not fix makes VARCHAR widening unknown', () => {
    const p = profile('mysql:9.7', 'ALTER TABLE t MODIFY name varchar(100) DEFAULT NULL', facts(BASE.replace(' DEFAULT CHARSET=utf8mb4', '')));
    expect(p).toMatchObject({ algorithm: null, blocksWrites: null, clause: { algorithm: 'INPLACE', lock: 'NONE' } });
  });
  it('opaque statements are unknown', () => {
    const p = createCapabilities(parseServerSpec('mysql:9.7')).profileOperation({ kind: 'opaque', verb: 'CREATE PROCEDURE', tables: [], reason: 'not modelled' }, null, DEFAULT_SESSION);
    expect(p).toMatchObject({ algorithm: null, blocksWrites: null, blocksReads: null, basis: 'unknown' });
  });
  it('profileAlterAction profiles one action as its own statement', () => {
    const alter = op('ALTER TABLE t ADD INDEX i (a), ADD COLUMN z int') as AlterTableOperation;
    const caps = createCapabilities(parseServerSpec('mysql:9.7'));
    expect(caps.profileAlterAction(alter.actions[1]!, facts(BASE), DEFAULT_SESSION).algorithm).toBe('INSTANT');
    expect(caps.profileAlter(alter, facts(BASE), DEFAULT_SESSION).algorithm).toBe('INPLACE');
  });
});

describe('compareVersion', () => {
  const v = parseServerSpec('mysql:8.0.29');
  it('compares only the parts given', () => {
    expect(Math.sign(compareVersion(v, 8, 0, 30))).toBe(-1);
    expect(compareVersion(v, 8, 0, 29)).toBe(0);
    expect(Math.sign(compareVersion(v, 8, 0, 12))).toBe(1);
    expect(compareVersion(v, 8, 0)).toBe(0);
    expect(compareVersion(v, 8)).toBe(0);
    expect(Math.sign(compareVersion(v, 9))).toBe(-1);
    expect(Math.sign(compareVersion(parseServerSpec('mariadb:10.11.2'), 10, 6))).toBe(1);
  });
});
