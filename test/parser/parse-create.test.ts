// CREATE TABLE (including SHOW CREATE TABLE output of MySQL 9 and MariaDB 10.11, which the shadow
// and capabilities use as table facts), CREATE/DROP INDEX and the other table-level DDL.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSql, parseStatement } from '../../src/parser/parse.js';
import type { CreateTableOperation, Operation, SplitStatement } from '../../src/parser/statement.js';

const stmt = (sql: string): SplitStatement => ({
  index: 0,
  sql,
  location: { file: 'm.sql', line: 1, column: 1, offset: 0 },
  endOffset: sql.length,
  delimiter: ';',
  leadingComments: [],
});
const op = (sql: string): Operation => parseStatement(stmt(sql)).operation;
const create = (sql: string): CreateTableOperation => {
  const o = op(sql);
  if (o.kind !== 'create-table') throw new Error(`expected create-table, got ${o.kind}`);
  return o;
};
const fixture = (name: string): CreateTableOperation[] =>
  parseSql(readFileSync(new URL(`../fixtures/parse/${name}`, import.meta.url), 'utf8'), name).map((s) => {
    if (s.operation.kind !== 'create-table') throw new Error(`expected create-table in ${name}`);
    return s.operation;
  });
const ix = (name: string) => ({ name, length: null, descending: false, expression: null });

describe.each([
  ['show-create-mysql.sql', 'mysql'],
  ['show-create-mariadb.sql', 'mariadb'],
])('SHOW CREATE TABLE output: %s', (file, server) => {
  const [users, orders, items] = fixture(file);
  it('reads every column of users with its attributes', () => {
    expect(users!.columns.map((c) => c.name)).toEqual([
      'id', 'email', 'name', 'created_at', 'score', 'flags', 'status', 'tags', 'doc', 't', 'dt', 'f', 'd', 'bl', 'txt', 'y', 'full_name', 'email_len',
    ]);
    const byName = Object.fromEntries(users!.columns.map((c) => [c.name, c]));
    expect(byName['id']).toMatchObject({ dataType: 'BIGINT', unsigned: true, nullable: false, autoIncrement: true });
    expect(byName['name']).toMatchObject({ dataType: 'VARCHAR', length: 100, charset: 'utf8mb4', collation: 'utf8mb4_bin', nullable: null, defaultValue: 'NULL', comment: 'display name' });
    expect(byName['created_at']).toMatchObject({ dataType: 'TIMESTAMP', nullable: false });
    expect(byName['created_at']!.defaultValue?.toUpperCase()).toMatch(/^CURRENT_TIMESTAMP(\(\))?$/);
    expect(byName['created_at']!.onUpdate?.toUpperCase()).toMatch(/^CURRENT_TIMESTAMP(\(\))?$/);
    expect(byName['score']).toMatchObject({ dataType: 'DECIMAL', length: 10, scale: 2, unsigned: true });
    expect(byName['score']!.defaultValue).toBe(server === 'mysql' ? "'0.00'" : '0.00');
    expect(byName['flags']).toMatchObject({ dataType: 'BIT', length: 3, defaultValue: "b'101'" });
    expect(byName['status']).toMatchObject({ dataType: 'ENUM', values: ['a', "b'c"], nullable: false, defaultValue: "'a'" });
    expect(byName['tags']).toMatchObject({ dataType: 'SET', values: ['x', 'y'] });
    expect(byName['doc']!.dataType).toBe(server === 'mysql' ? 'JSON' : 'LONGTEXT');
    expect(byName['t']).toMatchObject({ dataType: 'TIME', scale: 3, length: null });
    expect(byName['dt']).toMatchObject({ dataType: 'DATETIME', scale: 6, defaultValue: "'2020-01-01 00:00:00.000000'" });
    expect(byName['y']!.dataType).toBe('YEAR');
    expect(byName['full_name']!.generated).toMatchObject({ stored: false });
    expect(byName['full_name']!.generated!.expression).toMatch(/^concat\(`name`,(_utf8mb4)?' ',`email`\)$/);
    expect(byName['email_len']!.generated).toEqual({ expression: 'char_length(`email`)', stored: true });
  });
  it('reads indexes, checks and options of users', () => {
    expect(users!.indexes).toEqual([
      { name: 'PRIMARY', kind: 'primary', columns: [ix('id')], using: null },
      { name: 'email', kind: 'unique', columns: [ix('email')], using: null },
      { name: 'idx_name', kind: 'index', columns: [{ ...ix('name'), length: 20 }], using: null },
      { name: 'ft_name', kind: 'fulltext', columns: [ix('name')], using: null },
    ]);
    expect(users!.checks.find((c) => c.name === 'chk_score')?.expression).toMatch(/^\(?`score` >= 0\)?$/);
    if (server === 'mariadb') expect(users!.checks).toContainEqual({ name: null, expression: 'json_valid(`doc`)' });
    expect(users!.options).toMatchObject({ ENGINE: 'InnoDB', CHARSET: 'utf8mb4', COMMENT: 'people' });
    expect(users!.partitioned).toBe(false);
  });
  it('sees partitioning, also inside an executable comment', () => {
    expect(orders!.partitioned).toBe(true);
    expect(orders!.indexes).toEqual([
      { name: 'PRIMARY', kind: 'primary', columns: [ix('id'), ix('placed')], using: null },
      { name: 'idx_user', kind: 'index', columns: [ix('user_id'), { ...ix('placed'), descending: true }], using: null },
    ]);
  });
  it('reads foreign keys and spatial indexes', () => {
    expect(items!.foreignKeys).toEqual([
      { name: 'fk_items_user', columns: ['user_id'], referencedTable: { schema: null, name: 'users' }, referencedColumns: ['id'], onDelete: 'SET NULL', onUpdate: 'CASCADE' },
    ]);
    expect(items!.indexes.map((i) => [i.name, i.kind])).toEqual([['PRIMARY', 'primary'], ['fk_items_user', 'index'], ['sp_pos', 'spatial']]);
    expect(items!.options['ROW_FORMAT']).toBe('DYNAMIC');
  });
});

describe('CREATE TABLE as frameworks write it', () => {
  it('Laravel', () => {
    const c = create(
      "create table `users` (`id` bigint unsigned not null auto_increment primary key, `name` varchar(255) not null, `email` varchar(255) not null, `email_verified_at` timestamp null, `remember_token` varchar(100) null, `created_at` timestamp null, `updated_at` timestamp null) default character set utf8mb4 collate 'utf8mb4_unicode_ci'",
    );
    expect(c.columns).toHaveLength(7);
    expect(c.indexes).toEqual([{ name: 'PRIMARY', kind: 'primary', columns: [ix('id')], using: null }]);
    expect(c.options).toEqual({ CHARSET: 'utf8mb4', COLLATE: 'utf8mb4_unicode_ci' });
  });
  it('Rails', () => {
    const c = create(
      'CREATE TABLE `articles` (`id` bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, `title` varchar(255), `body` text, `user_id` bigint NOT NULL, `created_at` datetime(6) NOT NULL, `updated_at` datetime(6) NOT NULL, INDEX `index_articles_on_user_id` (`user_id`), CONSTRAINT `fk_rails_3d31dad1cc` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`))',
    );
    expect(c.indexes.map((i) => i.name)).toEqual(['PRIMARY', 'index_articles_on_user_id']);
    expect(c.foreignKeys[0]).toMatchObject({ name: 'fk_rails_3d31dad1cc', onDelete: null });
    expect(c.columns[4]).toMatchObject({ name: 'created_at', dataType: 'DATETIME', scale: 6, nullable: false });
  });
  it('Django', () => {
    const c = create(
      'CREATE TABLE `polls_choice` (`id` bigint AUTO_INCREMENT NOT NULL PRIMARY KEY, `choice_text` varchar(200) NOT NULL, `votes` integer NOT NULL, `question_id` bigint NOT NULL)',
    );
    expect(c.columns.map((x) => [x.name, x.dataType])).toEqual([['id', 'BIGINT'], ['choice_text', 'VARCHAR'], ['votes', 'INT'], ['question_id', 'BIGINT']]);
  });
  it('Kysely compiled', () => {
    const c = create(
      "create table `pet` (`id` integer primary key auto_increment, `name` varchar(255) not null unique, `owner_id` integer not null references `person` (`id`) on delete cascade, `species` varchar(50) not null, constraint `pet_species_check` check (`species` in ('dog', 'cat')))",
    );
    expect(c.indexes.map((i) => [i.name, i.kind])).toEqual([['PRIMARY', 'primary'], ['name', 'unique']]);
    expect(c.checks).toEqual([{ name: 'pet_species_check', expression: "`species` in ('dog', 'cat')" }]);
    // Inline REFERENCES creates a real foreign key on MySQL 9 and MariaDB 10.11 (checked on both).
    expect(c.foreignKeys).toEqual([
      { name: null, columns: ['owner_id'], referencedTable: { schema: null, name: 'person' }, referencedColumns: ['id'], onDelete: 'CASCADE', onUpdate: null },
    ]);
  });
  it('Flyway with IF NOT EXISTS and table comment', () => {
    const c = create("CREATE TABLE IF NOT EXISTS flyway_demo (id INT NOT NULL, PRIMARY KEY USING BTREE (id)) ENGINE = InnoDB COMMENT = 'demo'");
    expect(c).toMatchObject({ ifNotExists: true, options: { ENGINE: 'InnoDB', COMMENT: 'demo' } });
    expect(c.indexes[0]).toMatchObject({ kind: 'primary', using: 'BTREE' });
  });
  it.each([
    ['CREATE TABLE t2 LIKE t1', { like: { schema: null, name: 't1' }, columns: [] }],
    ['CREATE TABLE t2 (LIKE shop.t1)', { like: { schema: 'shop', name: 't1' } }],
    ['CREATE TABLE t2 AS SELECT * FROM t1 WHERE a > 1', { asSelect: true, columns: [] }],
    ['CREATE TABLE t2 (id INT PRIMARY KEY) SELECT id FROM t1', { asSelect: true, columns: [expect.objectContaining({ name: 'id' })] }],
    ['CREATE OR REPLACE TABLE t (a INT)', { orReplace: true }],
    ['CREATE TEMPORARY TABLE tmp_ids (id INT) ENGINE=MEMORY', { temporary: true, options: { ENGINE: 'MEMORY' } }],
    ['CREATE TABLE h (id INT, PRIMARY KEY (id)) PARTITION BY HASH(id) PARTITIONS 4', { partitioned: true }],
    ['CREATE TABLE `s`.`t` (`a` INT, UNIQUE KEY `uq_a` USING HASH (`a`))', { table: { schema: 's', name: 't' }, indexes: [{ name: 'uq_a', kind: 'unique', using: 'HASH' }] }],
    ['CREATE TABLE t (a INT, CONSTRAINT `u1` UNIQUE (a), CONSTRAINT PRIMARY KEY (a))', { indexes: [{ name: 'u1', kind: 'unique' }, { name: 'PRIMARY', kind: 'primary' }] }],
    ['CREATE TABLE t (a INT, b TEXT, FULLTEXT (b), KEY (a))', { indexes: [{ name: null, kind: 'fulltext' }, { name: null, kind: 'index' }] }],
    ['CREATE TABLE t (j JSON, INDEX idx_j ((CAST(j->>\'$.id\' AS UNSIGNED))))', { indexes: [{ name: 'idx_j', columns: [{ name: '', expression: "CAST(j->>'$.id' AS UNSIGNED)" }] }] }],
    ['CREATE TABLE t (id INT) ENGINE=InnoDB, AUTO_INCREMENT=10, ROW_FORMAT=COMPRESSED, KEY_BLOCK_SIZE=8', { options: { ENGINE: 'InnoDB', AUTO_INCREMENT: '10', ROW_FORMAT: 'COMPRESSED', KEY_BLOCK_SIZE: '8' } }],
    ['CREATE TABLE t (a INT, s INT AS (a * 2) PERSISTENT, CHECK (a > 0))', { columns: [{ name: 'a' }, { name: 's', generated: { expression: 'a * 2', stored: true } }], checks: [{ name: null, expression: 'a > 0' }] }],
    ['CREATE TABLE v (id INT, start_ts TIMESTAMP(6) GENERATED ALWAYS AS ROW START, end_ts TIMESTAMP(6) GENERATED ALWAYS AS ROW END, PERIOD FOR SYSTEM_TIME(start_ts, end_ts)) WITH SYSTEM VERSIONING', { columns: [{ name: 'id' }, { name: 'start_ts' }, { name: 'end_ts' }], options: { 'WITH SYSTEM VERSIONING': '' }, asSelect: false }],
    ['CREATE TABLE a (id INT) ENGINE=Aria PAGE_CHECKSUM=1 TRANSACTIONAL=1', { options: { ENGINE: 'Aria', PAGE_CHECKSUM: '1', TRANSACTIONAL: '1' } }],
    ['CREATE TABLE a (id INT) WITH SYSTEM VERSIONING ENGINE=InnoDB', { options: { 'WITH SYSTEM VERSIONING': '', ENGINE: 'InnoDB' }, asSelect: false }],
  ])('%s', (sql, expected) => {
    expect(create(sql)).toMatchObject(expected);
  });
  it('lists LIKE and foreign-key parents among the tables', () => {
    expect(parseStatement(stmt('CREATE TABLE c2 LIKE c1')).tables).toEqual([{ schema: null, name: 'c2' }, { schema: null, name: 'c1' }]);
    expect(parseStatement(stmt('CREATE TABLE c (p INT, FOREIGN KEY (p) REFERENCES p (id))')).tables).toEqual([{ schema: null, name: 'c' }, { schema: null, name: 'p' }]);
    expect(parseStatement(stmt('CREATE TABLE c AS SELECT * FROM a JOIN b ON a.id = b.id')).tables).toEqual([
      { schema: null, name: 'c' },
      { schema: null, name: 'a' },
      { schema: null, name: 'b' },
    ]);
  });
});

describe('CREATE INDEX / DROP INDEX', () => {
  it.each([
    [
      'CREATE INDEX idx_email ON users (email)',
      { kind: 'create-index', table: { schema: null, name: 'users' }, index: { name: 'idx_email', kind: 'index', columns: [ix('email')], using: null }, algorithm: null, lock: null, ifNotExists: false, orReplace: false },
    ],
    [
      'CREATE UNIQUE INDEX uq ON shop.users (email(50), id DESC) USING BTREE ALGORITHM=INPLACE LOCK=NONE',
      { kind: 'create-index', table: { schema: 'shop', name: 'users' }, index: { name: 'uq', kind: 'unique', columns: [{ ...ix('email'), length: 50 }, { ...ix('id'), descending: true }], using: 'BTREE' }, algorithm: 'INPLACE', lock: 'NONE', ifNotExists: false, orReplace: false },
    ],
    [
      'CREATE FULLTEXT INDEX ft ON posts (title, body)',
      { kind: 'create-index', table: { schema: null, name: 'posts' }, index: { name: 'ft', kind: 'fulltext', columns: [ix('title'), ix('body')], using: null }, algorithm: null, lock: null, ifNotExists: false, orReplace: false },
    ],
    [
      'CREATE SPATIAL INDEX sp ON geo (pos)',
      { kind: 'create-index', table: { schema: null, name: 'geo' }, index: { name: 'sp', kind: 'spatial', columns: [ix('pos')], using: null }, algorithm: null, lock: null, ifNotExists: false, orReplace: false },
    ],
    [
      'CREATE OR REPLACE INDEX IF NOT EXISTS i ON t (a) WAIT 3',
      { kind: 'create-index', table: { schema: null, name: 't' }, index: { name: 'i', kind: 'index', columns: [ix('a')], using: null }, algorithm: null, lock: null, ifNotExists: true, orReplace: true },
    ],
    [
      'create index `person_first_name_index` on `person` (`first_name`)',
      { kind: 'create-index', table: { schema: null, name: 'person' }, index: { name: 'person_first_name_index', kind: 'index', columns: [ix('first_name')], using: null }, algorithm: null, lock: null, ifNotExists: false, orReplace: false },
    ],
    ['DROP INDEX idx_email ON users', { kind: 'drop-index', table: { schema: null, name: 'users' }, name: 'idx_email', algorithm: null, lock: null, ifExists: false }],
    ['DROP INDEX `PRIMARY` ON t', { kind: 'drop-index', table: { schema: null, name: 't' }, name: 'PRIMARY', algorithm: null, lock: null, ifExists: false }],
    ['DROP INDEX IF EXISTS i ON t', { kind: 'drop-index', table: { schema: null, name: 't' }, name: 'i', algorithm: null, lock: null, ifExists: true }],
    ['DROP INDEX i ON s.t ALGORITHM = INPLACE LOCK = NONE', { kind: 'drop-index', table: { schema: 's', name: 't' }, name: 'i', algorithm: 'INPLACE', lock: 'NONE', ifExists: false }],
  ])('%s', (sql, expected) => {
    expect(op(sql)).toEqual(expected);
  });
});

describe('DROP / RENAME / TRUNCATE / OPTIMIZE / ANALYZE TABLE', () => {
  const t = (name: string, schema: string | null = null) => ({ schema, name });
  it.each([
    ['DROP TABLE users', { kind: 'drop-table', tables: [t('users')], ifExists: false, temporary: false }],
    ['DROP TABLE IF EXISTS `a`, `s`.`b`', { kind: 'drop-table', tables: [t('a'), t('b', 's')], ifExists: true, temporary: false }],
    ['DROP TEMPORARY TABLE IF EXISTS tmp', { kind: 'drop-table', tables: [t('tmp')], ifExists: true, temporary: true }],
    ['drop table if exists `person` cascade', { kind: 'drop-table', tables: [t('person')], ifExists: true, temporary: false }],
    ['RENAME TABLE a TO b', { kind: 'rename-table', pairs: [{ from: t('a'), to: t('b') }] }],
    ['RENAME TABLE users TO users_old, users_new TO users', { kind: 'rename-table', pairs: [{ from: t('users'), to: t('users_old') }, { from: t('users_new'), to: t('users') }] }],
    ['RENAME TABLES s.a WAIT 5 TO s2.a', { kind: 'rename-table', pairs: [{ from: t('a', 's'), to: t('a', 's2') }] }],
    ['RENAME TABLE IF EXISTS a TO b', { kind: 'rename-table', pairs: [{ from: t('a'), to: t('b') }] }],
    ['TRUNCATE TABLE sessions', { kind: 'truncate-table', table: t('sessions') }],
    ['TRUNCATE `cache`', { kind: 'truncate-table', table: t('cache') }],
    ['OPTIMIZE TABLE a, b', { kind: 'optimize-table', tables: [t('a'), t('b')] }],
    ['OPTIMIZE NO_WRITE_TO_BINLOG TABLE a', { kind: 'optimize-table', tables: [t('a')] }],
    ['ANALYZE TABLE orders', { kind: 'analyze-table', tables: [t('orders')] }],
    ['ANALYZE LOCAL TABLE orders PERSISTENT FOR ALL', { kind: 'analyze-table', tables: [t('orders')] }],
    ['ANALYZE TABLE orders UPDATE HISTOGRAM ON status WITH 16 BUCKETS', { kind: 'analyze-table', tables: [t('orders')] }],
  ])('%s', (sql, expected) => {
    expect(op(sql)).toEqual(expected);
  });
  it('lists every table of a multi-table RENAME in order', () => {
    expect(parseStatement(stmt('RENAME TABLE a TO b, c TO d')).tables.map((x) => x.name)).toEqual(['a', 'b', 'c', 'd']);
  });
});
