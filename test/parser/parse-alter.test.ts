// ALTER TABLE as migration tools write it: every action type, executable comments, MariaDB
// forms, ALGORITHM/LOCK clauses and partitions. Statements are modelled on Rails, Laravel,
// Django, Flyway, Kysely-compiled and hand-written migrations.
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/parser/parse.js';
import type { AlterAction, AlterTableOperation, ColumnDefinition, SplitStatement } from '../../src/parser/statement.js';

const stmt = (sql: string): SplitStatement => ({
  index: 0,
  sql,
  location: { file: 'db/migrate/001.sql', line: 1, column: 1, offset: 0 },
  endOffset: sql.length,
  delimiter: ';',
  leadingComments: [],
});
const alter = (sql: string): AlterTableOperation => {
  const op = parseStatement(stmt(sql)).operation;
  if (op.kind !== 'alter-table') throw new Error(`expected alter-table, got ${op.kind}`);
  return op;
};

/** A column definition with every field at its "not stated" value. */
const col = (c: Partial<ColumnDefinition> & Pick<ColumnDefinition, 'name' | 'dataType' | 'typeText'>): ColumnDefinition => ({
  length: null,
  scale: null,
  unsigned: false,
  values: null,
  charset: null,
  collation: null,
  nullable: null,
  defaultValue: null,
  autoIncrement: false,
  primaryKey: false,
  unique: false,
  generated: null,
  onUpdate: null,
  comment: null,
  position: null,
  ...c,
});

describe('ALTER TABLE: full column definitions (exact)', () => {
  const cases: [string, AlterAction][] = [
    [
      "alter table `users` add `votes` int unsigned not null default '0' after `email`",
      { type: 'add-column', ifNotExists: false, column: col({ name: 'votes', dataType: 'INT', typeText: 'int unsigned', unsigned: true, nullable: false, defaultValue: "'0'", position: { kind: 'after', column: 'email' } }) },
    ],
    [
      'ALTER TABLE `users` ADD `confirmed_at` datetime(6)',
      { type: 'add-column', ifNotExists: false, column: col({ name: 'confirmed_at', dataType: 'DATETIME', typeText: 'datetime(6)', scale: 6 }) },
    ],
    [
      "ALTER TABLE `app_model` ADD COLUMN `slug` varchar(100) DEFAULT 'a' NOT NULL",
      { type: 'add-column', ifNotExists: false, column: col({ name: 'slug', dataType: 'VARCHAR', typeText: 'varchar(100)', length: 100, nullable: false, defaultValue: "'a'" }) },
    ],
    [
      'alter table `person` add column `age` integer',
      { type: 'add-column', ifNotExists: false, column: col({ name: 'age', dataType: 'INT', typeText: 'integer' }) },
    ],
    [
      'ALTER TABLE orders ADD COLUMN total DECIMAL(12,2) UNSIGNED ZEROFILL NULL FIRST',
      { type: 'add-column', ifNotExists: false, column: col({ name: 'total', dataType: 'DECIMAL', typeText: 'DECIMAL(12,2) UNSIGNED ZEROFILL', length: 12, scale: 2, unsigned: true, nullable: true, position: { kind: 'first' } }) },
    ],
    [
      "ALTER TABLE t ADD COLUMN state ENUM('new','paid','it''s') CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL DEFAULT 'new' COMMENT 'order state'",
      { type: 'add-column', ifNotExists: false, column: col({ name: 'state', dataType: 'ENUM', typeText: "ENUM('new','paid','it''s')", values: ['new', 'paid', "it's"], charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci', nullable: false, defaultValue: "'new'", comment: 'order state' }) },
    ],
    [
      'ALTER TABLE t ADD updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)',
      { type: 'add-column', ifNotExists: false, column: col({ name: 'updated_at', dataType: 'TIMESTAMP', typeText: 'TIMESTAMP(3)', scale: 3, nullable: false, defaultValue: 'CURRENT_TIMESTAMP(3)', onUpdate: 'CURRENT_TIMESTAMP(3)' }) },
    ],
    [
      'ALTER TABLE people ADD COLUMN full_name VARCHAR(201) GENERATED ALWAYS AS (CONCAT(first_name, \' \', last_name)) STORED',
      { type: 'add-column', ifNotExists: false, column: col({ name: 'full_name', dataType: 'VARCHAR', typeText: 'VARCHAR(201)', length: 201, generated: { expression: "CONCAT(first_name, ' ', last_name)", stored: true } }) },
    ],
    [
      'ALTER TABLE people ADD COLUMN name_len INT AS (CHAR_LENGTH(name)) VIRTUAL',
      { type: 'add-column', ifNotExists: false, column: col({ name: 'name_len', dataType: 'INT', typeText: 'INT', generated: { expression: 'CHAR_LENGTH(name)', stored: false } }) },
    ],
    [
      'ALTER TABLE events ADD COLUMN day DATE AS (DATE(created_at)) PERSISTENT',
      { type: 'add-column', ifNotExists: false, column: col({ name: 'day', dataType: 'DATE', typeText: 'DATE', generated: { expression: 'DATE(created_at)', stored: true } }) },
    ],
    [
      'ALTER TABLE accounts ADD COLUMN id2 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST',
      { type: 'add-column', ifNotExists: false, column: col({ name: 'id2', dataType: 'BIGINT', typeText: 'BIGINT UNSIGNED', unsigned: true, nullable: false, autoIncrement: true, primaryKey: true, position: { kind: 'first' } }) },
    ],
    [
      'ALTER TABLE accounts ADD COLUMN email VARCHAR(191) NOT NULL UNIQUE KEY',
      { type: 'add-column', ifNotExists: false, column: col({ name: 'email', dataType: 'VARCHAR', typeText: 'VARCHAR(191)', length: 191, nullable: false, unique: true }) },
    ],
    [
      'ALTER TABLE flags ADD COLUMN is_active BOOLEAN NOT NULL DEFAULT TRUE',
      { type: 'add-column', ifNotExists: false, column: col({ name: 'is_active', dataType: 'TINYINT', typeText: 'BOOLEAN', length: 1, nullable: false, defaultValue: 'TRUE' }) },
    ],
    [
      "ALTER TABLE flags ADD COLUMN bits BIT(8) NOT NULL DEFAULT b'00000000'",
      { type: 'add-column', ifNotExists: false, column: col({ name: 'bits', dataType: 'BIT', typeText: 'BIT(8)', length: 8, nullable: false, defaultValue: "b'00000000'" }) },
    ],
    [
      'ALTER TABLE docs ADD COLUMN body JSON DEFAULT (JSON_OBJECT())',
      { type: 'add-column', ifNotExists: false, column: col({ name: 'body', dataType: 'JSON', typeText: 'JSON', defaultValue: '(JSON_OBJECT())' }) },
    ],
    [
      'ALTER TABLE geo ADD COLUMN pos POINT NOT NULL SRID 4326',
      { type: 'add-column', ifNotExists: false, column: col({ name: 'pos', dataType: 'POINT', typeText: 'POINT', nullable: false }) },
    ],
    [
      'ALTER TABLE m ADD COLUMN code CHARACTER(3) NOT NULL',
      { type: 'add-column', ifNotExists: false, column: col({ name: 'code', dataType: 'CHAR', typeText: 'CHARACTER(3)', length: 3, nullable: false }) },
    ],
    [
      'ALTER TABLE m ADD COLUMN note CHARACTER VARYING(20)',
      { type: 'add-column', ifNotExists: false, column: col({ name: 'note', dataType: 'VARCHAR', typeText: 'CHARACTER VARYING(20)', length: 20 }) },
    ],
    [
      'ALTER TABLE m ADD COLUMN score DOUBLE PRECISION DEFAULT -1.5',
      { type: 'add-column', ifNotExists: false, column: col({ name: 'score', dataType: 'DOUBLE', typeText: 'DOUBLE PRECISION', defaultValue: '-1.5' }) },
    ],
    [
      "ALTER TABLE m ADD COLUMN label VARCHAR(20) CHARSET latin1 DEFAULT _latin1'x' INVISIBLE",
      { type: 'add-column', ifNotExists: false, column: col({ name: 'label', dataType: 'VARCHAR', typeText: 'VARCHAR(20)', length: 20, charset: 'latin1', defaultValue: "_latin1'x'" }) },
    ],
    [
      'ALTER TABLE `users` MODIFY `name` VARCHAR(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL COMMENT \'x\'',
      { type: 'modify-column', column: col({ name: 'name', dataType: 'VARCHAR', typeText: 'VARCHAR(500)', length: 500, charset: 'utf8mb4', collation: 'utf8mb4_bin', nullable: true, comment: 'x' }) },
    ],
    [
      'ALTER TABLE t MODIFY COLUMN amount DECIMAL(14,4) NOT NULL AFTER id',
      { type: 'modify-column', column: col({ name: 'amount', dataType: 'DECIMAL', typeText: 'DECIMAL(14,4)', length: 14, scale: 4, nullable: false, position: { kind: 'after', column: 'id' } }) },
    ],
    [
      'ALTER TABLE t CHANGE COLUMN a b BIGINT UNSIGNED NOT NULL',
      { type: 'change-column', from: 'a', column: col({ name: 'b', dataType: 'BIGINT', typeText: 'BIGINT UNSIGNED', unsigned: true, nullable: false }) },
    ],
    [
      'ALTER TABLE `legacy` CHANGE `Created` `created_at` datetime NOT NULL DEFAULT \'1970-01-01 00:00:01\'',
      { type: 'change-column', from: 'Created', column: col({ name: 'created_at', dataType: 'DATETIME', typeText: 'datetime', nullable: false, defaultValue: "'1970-01-01 00:00:01'" }) },
    ],
    [
      'ALTER TABLE t CHANGE IF EXISTS c1 c2 INT(11) NOT NULL',
      { type: 'change-column', from: 'c1', column: col({ name: 'c2', dataType: 'INT', typeText: 'INT(11)', length: 11, nullable: false }) },
    ],
  ];
  it.each(cases)('%s', (sql, action) => {
    const op = alter(sql);
    expect(op.actions).toEqual([action]);
  });
});

describe('ALTER TABLE: every other action type', () => {
  const cases: [string, Partial<AlterTableOperation>][] = [
    ['ALTER TABLE t ADD COLUMN IF NOT EXISTS c INT', { actions: [{ type: 'add-column', ifNotExists: true, column: expect.objectContaining({ name: 'c', dataType: 'INT' }) }] }],
    ['ALTER TABLE t ADD COLUMN (c1 INT, c2 VARCHAR(10))', { actions: [expect.objectContaining({ type: 'add-column', column: expect.objectContaining({ name: 'c1' }) }), expect.objectContaining({ type: 'add-column', column: expect.objectContaining({ name: 'c2', length: 10 }) })] }],
    ['ALTER TABLE t DROP COLUMN c', { actions: [{ type: 'drop-column', column: 'c', ifExists: false }] }],
    ['ALTER TABLE t DROP c', { actions: [{ type: 'drop-column', column: 'c', ifExists: false }] }],
    ['ALTER TABLE t DROP COLUMN IF EXISTS `legacy_flag`', { actions: [{ type: 'drop-column', column: 'legacy_flag', ifExists: true }] }],
    ['ALTER TABLE t RENAME COLUMN a TO b', { actions: [{ type: 'rename-column', from: 'a', to: 'b' }] }],
    ['ALTER TABLE t ALTER COLUMN status SET DEFAULT \'active\'', { actions: [{ type: 'alter-column-default', column: 'status', defaultValue: "'active'" }] }],
    ['ALTER TABLE `app_model` ALTER COLUMN `slug` DROP DEFAULT', { actions: [{ type: 'alter-column-default', column: 'slug', defaultValue: null }] }],
    ['ALTER TABLE t ALTER c SET DEFAULT (uuid())', { actions: [{ type: 'alter-column-default', column: 'c', defaultValue: '(uuid())' }] }],
    ['ALTER TABLE t ALTER COLUMN c SET INVISIBLE', { actions: [{ type: 'alter-column-visibility', column: 'c', visible: false }] }],
    ['ALTER TABLE t ALTER COLUMN c SET VISIBLE', { actions: [{ type: 'alter-column-visibility', column: 'c', visible: true }] }],
    ['ALTER TABLE t ADD INDEX idx_a (a)', { actions: [{ type: 'add-index', ifNotExists: false, index: { name: 'idx_a', kind: 'index', columns: [{ name: 'a', length: null, descending: false, expression: null }], using: null } }] }],
    ['ALTER TABLE t ADD KEY idx_ab (a, b(10) DESC) USING BTREE COMMENT \'x\'', { actions: [{ type: 'add-index', ifNotExists: false, index: { name: 'idx_ab', kind: 'index', columns: [{ name: 'a', length: null, descending: false, expression: null }, { name: 'b', length: 10, descending: true, expression: null }], using: 'BTREE' } }] }],
    ['ALTER TABLE t ADD INDEX idx_h USING HASH (a)', { actions: [expect.objectContaining({ index: expect.objectContaining({ name: 'idx_h', using: 'HASH' }) })] }],
    ['ALTER TABLE t ADD UNIQUE INDEX uq_email (email)', { actions: [expect.objectContaining({ type: 'add-index', index: expect.objectContaining({ name: 'uq_email', kind: 'unique' }) })] }],
    ['ALTER TABLE t ADD UNIQUE uq (a, b)', { actions: [expect.objectContaining({ index: expect.objectContaining({ name: 'uq', kind: 'unique' }) })] }],
    ['ALTER TABLE t ADD CONSTRAINT uq_sku UNIQUE (sku)', { actions: [expect.objectContaining({ index: expect.objectContaining({ name: 'uq_sku', kind: 'unique' }) })] }],
    ['ALTER TABLE t ADD FULLTEXT INDEX ft_body (title, body)', { actions: [expect.objectContaining({ index: expect.objectContaining({ name: 'ft_body', kind: 'fulltext' }) })] }],
    ['ALTER TABLE t ADD FULLTEXT ft_body (body) WITH PARSER ngram', { actions: [expect.objectContaining({ index: expect.objectContaining({ name: 'ft_body', kind: 'fulltext' }) })] }],
    ['ALTER TABLE t ADD SPATIAL INDEX sp_pos (pos)', { actions: [expect.objectContaining({ index: expect.objectContaining({ name: 'sp_pos', kind: 'spatial' }) })] }],
    ['ALTER TABLE t ADD INDEX idx_lower ((lower(email)))', { actions: [expect.objectContaining({ index: expect.objectContaining({ columns: [{ name: '', length: null, descending: false, expression: 'lower(email)' }] }) })] }],
    ['ALTER TABLE t ADD INDEX IF NOT EXISTS idx_a (a)', { actions: [expect.objectContaining({ type: 'add-index', ifNotExists: true })] }],
    ['ALTER TABLE t DROP INDEX idx_a', { actions: [{ type: 'drop-index', name: 'idx_a', ifExists: false }] }],
    ['ALTER TABLE t DROP KEY `idx_a`', { actions: [{ type: 'drop-index', name: 'idx_a', ifExists: false }] }],
    ['ALTER TABLE t DROP INDEX IF EXISTS idx_a', { actions: [{ type: 'drop-index', name: 'idx_a', ifExists: true }] }],
    ['ALTER TABLE t RENAME INDEX idx_old TO idx_new', { actions: [{ type: 'rename-index', from: 'idx_old', to: 'idx_new' }] }],
    ['ALTER TABLE t RENAME KEY a TO b', { actions: [{ type: 'rename-index', from: 'a', to: 'b' }] }],
    ['ALTER TABLE t ALTER INDEX idx_a INVISIBLE', { actions: [{ type: 'alter-index-visibility', name: 'idx_a', visible: false }] }],
    ['ALTER TABLE t ALTER INDEX idx_a IGNORED', { actions: [{ type: 'alter-index-visibility', name: 'idx_a', visible: false }] }],
    ['ALTER TABLE t ALTER INDEX idx_a NOT IGNORED', { actions: [{ type: 'alter-index-visibility', name: 'idx_a', visible: true }] }],
    ['ALTER TABLE t ADD PRIMARY KEY (id)', { actions: [{ type: 'add-index', ifNotExists: false, index: { name: 'PRIMARY', kind: 'primary', columns: [{ name: 'id', length: null, descending: false, expression: null }], using: null } }] }],
    ['ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (id, created_at)', { actions: [{ type: 'drop-primary-key' }, expect.objectContaining({ type: 'add-index', index: expect.objectContaining({ kind: 'primary' }) })] }],
    [
      'ALTER TABLE `orders` ADD CONSTRAINT `orders_user_id_foreign` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE ON UPDATE SET NULL',
      { actions: [{ type: 'add-foreign-key', foreignKey: { name: 'orders_user_id_foreign', columns: ['user_id'], referencedTable: { schema: null, name: 'users' }, referencedColumns: ['id'], onDelete: 'CASCADE', onUpdate: 'SET NULL' } }] },
    ],
    [
      'ALTER TABLE c ADD FOREIGN KEY (a, b) REFERENCES shop.p (x, y) ON DELETE NO ACTION',
      { actions: [{ type: 'add-foreign-key', foreignKey: { name: null, columns: ['a', 'b'], referencedTable: { schema: 'shop', name: 'p' }, referencedColumns: ['x', 'y'], onDelete: 'NO ACTION', onUpdate: null } }] },
    ],
    ['ALTER TABLE c DROP FOREIGN KEY fk_c_p', { actions: [{ type: 'drop-foreign-key', name: 'fk_c_p' }] }],
    ['ALTER TABLE c ADD CONSTRAINT chk_qty CHECK (qty > 0)', { actions: [{ type: 'add-check', name: 'chk_qty', expression: 'qty > 0' }] }],
    ['ALTER TABLE c ADD CHECK (price >= 0) NOT ENFORCED', { actions: [{ type: 'add-check', name: null, expression: 'price >= 0' }] }],
    ['ALTER TABLE c DROP CHECK chk_qty', { actions: [{ type: 'drop-constraint', name: 'chk_qty', constraintKind: 'check' }] }],
    ['ALTER TABLE c DROP CONSTRAINT chk_qty', { actions: [{ type: 'drop-constraint', name: 'chk_qty', constraintKind: 'unknown' }] }],
    ['ALTER TABLE c DROP CONSTRAINT IF EXISTS `fk_x`', { actions: [{ type: 'drop-constraint', name: 'fk_x', constraintKind: 'unknown' }] }],
    ['ALTER TABLE t ENGINE=InnoDB', { actions: [{ type: 'table-options', options: { ENGINE: 'InnoDB' } }] }],
    ['ALTER TABLE t ENGINE = InnoDB ROW_FORMAT=DYNAMIC', { actions: [{ type: 'table-options', options: { ENGINE: 'InnoDB', ROW_FORMAT: 'DYNAMIC' } }] }],
    ['ALTER TABLE t AUTO_INCREMENT = 1000', { actions: [{ type: 'table-options', options: { AUTO_INCREMENT: '1000' } }] }],
    ["ALTER TABLE t COMMENT 'orders table'", { actions: [{ type: 'table-options', options: { COMMENT: 'orders table' } }] }],
    ['ALTER TABLE t DEFAULT CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci', { actions: [{ type: 'table-options', options: { CHARSET: 'utf8mb4', COLLATE: 'utf8mb4_unicode_ci' } }] }],
    ['ALTER TABLE t CHARACTER SET = latin1', { actions: [{ type: 'table-options', options: { CHARSET: 'latin1' } }] }],
    ['ALTER TABLE t KEY_BLOCK_SIZE=8, STATS_PERSISTENT=0', { actions: [{ type: 'table-options', options: { KEY_BLOCK_SIZE: '8' } }, { type: 'table-options', options: { STATS_PERSISTENT: '0' } }] }],
    ['ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci', { actions: [{ type: 'convert-charset', charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' }] }],
    ['ALTER TABLE t CONVERT TO CHARSET latin1', { actions: [{ type: 'convert-charset', charset: 'latin1', collation: null }] }],
    ['ALTER TABLE t FORCE', { actions: [{ type: 'force' }] }],
    ['ALTER TABLE t RENAME TO t_old', { actions: [{ type: 'rename-table', to: { schema: null, name: 't_old' } }] }],
    ['ALTER TABLE t RENAME AS archive.t', { actions: [{ type: 'rename-table', to: { schema: 'archive', name: 't' } }] }],
    ['ALTER TABLE t ORDER BY created_at', { actions: [{ type: 'opaque-action', text: 'ORDER BY created_at' }] }],
    ['ALTER TABLE t DISABLE KEYS', { actions: [{ type: 'opaque-action', text: 'DISABLE KEYS' }] }],
    ['ALTER TABLE t DISCARD TABLESPACE', { actions: [{ type: 'opaque-action', text: 'DISCARD TABLESPACE' }] }],
    ['ALTER TABLE t ADD SYSTEM VERSIONING', { actions: [{ type: 'opaque-action', text: 'ADD SYSTEM VERSIONING' }] }],
    ['ALTER TABLE t DROP SYSTEM VERSIONING', { actions: [{ type: 'opaque-action', text: 'DROP SYSTEM VERSIONING' }] }],
    // MySQL: PERIOD is not reserved (MariaDB reserves it for system versioning).
    ['ALTER TABLE t ADD period INT, DROP `system`', { actions: [expect.objectContaining({ type: 'add-column', column: expect.objectContaining({ name: 'period' }) }), { type: 'drop-column', column: 'system', ifExists: false }] }],
    ['ALTER TABLE t', { actions: [], algorithm: null, lock: null }],
  ];
  it.each(cases)('%s', (sql, expected) => {
    expect(alter(sql)).toMatchObject(expected);
  });
});

describe('ALTER TABLE: ALGORITHM, LOCK, WAIT, ONLINE, IGNORE', () => {
  it('keeps ALGORITHM and LOCK out of the action list, wherever they appear', () => {
    const op = alter('ALTER TABLE `orders` ADD COLUMN note TEXT, ADD INDEX idx_n (user_id), ALGORITHM=INPLACE, LOCK=NONE');
    expect(op).toEqual({
      kind: 'alter-table',
      table: { schema: null, name: 'orders' },
      actions: [
        { type: 'add-column', ifNotExists: false, column: col({ name: 'note', dataType: 'TEXT', typeText: 'TEXT' }) },
        { type: 'add-index', ifNotExists: false, index: { name: 'idx_n', kind: 'index', columns: [{ name: 'user_id', length: null, descending: false, expression: null }], using: null } },
      ],
      algorithm: 'INPLACE',
      lock: 'NONE',
      wait: null,
      online: false,
      ignore: false,
    });
  });
  it.each([
    ['ALTER TABLE t ALGORITHM=INSTANT, ADD COLUMN c INT', 'INSTANT', null],
    ['ALTER TABLE t ALGORITHM = copy, LOCK = SHARED, MODIFY c BIGINT', 'COPY', 'SHARED'],
    ['ALTER TABLE t ADD COLUMN c INT, LOCK=EXCLUSIVE', null, 'EXCLUSIVE'],
    ['ALTER TABLE t DROP INDEX i, ALGORITHM=NOCOPY', 'NOCOPY', null],
    ['ALTER TABLE t ALGORITHM DEFAULT, LOCK DEFAULT, FORCE', 'DEFAULT', 'DEFAULT'],
  ])('%s', (sql, algorithm, lock) => {
    expect(alter(sql)).toMatchObject({ algorithm, lock });
  });
  it('reads ALGORITHM from an executable comment node-sql-parser would drop', () => {
    const op = alter('ALTER TABLE t ADD COLUMN c INT /*!80000 , ALGORITHM=INSTANT */');
    expect(op.algorithm).toBe('INSTANT');
    expect(op.actions).toHaveLength(1);
  });
  it('reads MariaDB versioned executable comments', () => {
    const op = alter('ALTER TABLE t /*M!100301 WAIT 5 */ ADD INDEX i (a), /*!50600 LOCK=NONE */');
    expect(op).toMatchObject({ wait: 5, lock: 'NONE', actions: [{ type: 'add-index' }] });
  });
  it.each([
    ['ALTER ONLINE TABLE t ADD INDEX i (a)', { online: true, ignore: false }],
    ['ALTER IGNORE TABLE t ADD UNIQUE KEY u (a)', { online: false, ignore: true }],
    ['ALTER ONLINE IGNORE TABLE t DROP INDEX i', { online: true, ignore: true }],
    ['ALTER TABLE t WAIT 10 ADD COLUMN c INT', { wait: 10 }],
    ['ALTER TABLE t NOWAIT DROP COLUMN c', { wait: 0 }],
    ['ALTER TABLE IF EXISTS t ADD COLUMN c INT', { table: { schema: null, name: 't' } }],
    ['ALTER TABLE `shop`.`orders` ADD COLUMN c INT', { table: { schema: 'shop', name: 'orders' } }],
  ])('%s', (sql, expected) => {
    expect(alter(sql)).toMatchObject(expected);
  });
});

describe('ALTER TABLE: partitions', () => {
  it.each([
    ['ALTER TABLE logs PARTITION BY HASH(id) PARTITIONS 8', 'partition-by', 'PARTITION BY HASH(id) PARTITIONS 8'],
    [
      "ALTER TABLE logs PARTITION BY RANGE (YEAR(created)) (PARTITION p2023 VALUES LESS THAN (2024), PARTITION pmax VALUES LESS THAN MAXVALUE)",
      'partition-by',
      'PARTITION BY RANGE (YEAR(created)) (PARTITION p2023 VALUES LESS THAN (2024), PARTITION pmax VALUES LESS THAN MAXVALUE)',
    ],
    ['ALTER TABLE logs ADD PARTITION (PARTITION p2025 VALUES LESS THAN (2026))', 'add', 'ADD PARTITION (PARTITION p2025 VALUES LESS THAN (2026))'],
    ['ALTER TABLE logs DROP PARTITION p2019, p2020', 'drop', 'DROP PARTITION p2019, p2020'],
    ['ALTER TABLE logs TRUNCATE PARTITION p2021', 'truncate', 'TRUNCATE PARTITION p2021'],
    ['ALTER TABLE logs COALESCE PARTITION 2', 'coalesce', 'COALESCE PARTITION 2'],
    [
      'ALTER TABLE logs REORGANIZE PARTITION pmax INTO (PARTITION p2026 VALUES LESS THAN (2027), PARTITION pmax VALUES LESS THAN MAXVALUE)',
      'reorganize',
      'REORGANIZE PARTITION pmax INTO (PARTITION p2026 VALUES LESS THAN (2027), PARTITION pmax VALUES LESS THAN MAXVALUE)',
    ],
    ['ALTER TABLE logs EXCHANGE PARTITION p2020 WITH TABLE logs_2020 WITHOUT VALIDATION', 'exchange', 'EXCHANGE PARTITION p2020 WITH TABLE logs_2020 WITHOUT VALIDATION'],
    ['ALTER TABLE logs REBUILD PARTITION p1, p2', 'rebuild', 'REBUILD PARTITION p1, p2'],
    ['ALTER TABLE logs OPTIMIZE PARTITION ALL', 'optimize', 'OPTIMIZE PARTITION ALL'],
    ['ALTER TABLE logs ANALYZE PARTITION p1', 'analyze', 'ANALYZE PARTITION p1'],
    ['ALTER TABLE logs CHECK PARTITION p1', 'check', 'CHECK PARTITION p1'],
    ['ALTER TABLE logs REPAIR PARTITION p1', 'repair', 'REPAIR PARTITION p1'],
    ['ALTER TABLE logs REMOVE PARTITIONING', 'remove-partitioning', 'REMOVE PARTITIONING'],
    ['ALTER TABLE logs DISCARD PARTITION p1 TABLESPACE', 'discard', 'DISCARD PARTITION p1 TABLESPACE'],
    ['ALTER TABLE logs IMPORT PARTITION p1 TABLESPACE', 'import', 'IMPORT PARTITION p1 TABLESPACE'],
  ])('%s', (sql, operation, text) => {
    expect(alter(sql).actions).toEqual([{ type: 'partition', operation, text }]);
  });
  it('keeps table options before PARTITION BY as their own action', () => {
    const op = alter('ALTER TABLE logs ENGINE=InnoDB PARTITION BY KEY(id) PARTITIONS 4');
    expect(op.actions.map((a) => a.type)).toEqual(['table-options', 'partition']);
  });
  it('lists the exchanged table among the statement tables', () => {
    const parsed = parseStatement(stmt('ALTER TABLE logs EXCHANGE PARTITION p WITH TABLE archive.logs_p'));
    expect(parsed.tables).toEqual([{ schema: null, name: 'logs' }, { schema: 'archive', name: 'logs_p' }]);
  });
  it('reads ALGORITHM before a partition action (MySQL)', () => {
    const op = alter('ALTER TABLE logs ALGORITHM=INPLACE, DROP PARTITION p1, p2');
    expect(op).toMatchObject({ algorithm: 'INPLACE', actions: [{ type: 'partition', operation: 'drop', text: 'DROP PARTITION p1, p2' }] });
  });
});

describe('ALTER TABLE: multi-action statements from real migrations', () => {
  it('Laravel: adds columns and a foreign key in one statement', () => {
    const op = alter(
      'alter table `posts` add `user_id` bigint unsigned not null after `id`, add `published_at` timestamp null, add constraint `posts_user_id_foreign` foreign key (`user_id`) references `users` (`id`) on delete cascade',
    );
    expect(op.actions.map((a) => a.type)).toEqual(['add-column', 'add-column', 'add-foreign-key']);
    expect(op.actions[1]).toMatchObject({ column: { name: 'published_at', dataType: 'TIMESTAMP', nullable: true } });
  });
  it('gh-ost style: several changes, algorithm and lock', () => {
    const op = alter(
      "ALTER TABLE `shop`.`orders` MODIFY COLUMN `status` enum('new','paid','shipped','cancelled') NOT NULL DEFAULT 'new', DROP INDEX `idx_old`, ADD INDEX `idx_status_created` (`status`, `created_at`), RENAME COLUMN `amt` TO `amount`, ALGORITHM=INPLACE, LOCK=NONE",
    );
    expect(op.actions.map((a) => a.type)).toEqual(['modify-column', 'drop-index', 'add-index', 'rename-column']);
    expect(op.actions[0]).toMatchObject({ column: { values: ['new', 'paid', 'shipped', 'cancelled'], defaultValue: "'new'" } });
    expect(op).toMatchObject({ algorithm: 'INPLACE', lock: 'NONE', table: { schema: 'shop', name: 'orders' } });
  });
  it('Django: drop default after adding a column with a default', () => {
    const op = alter('ALTER TABLE `blog_entry` ADD COLUMN `rating` integer DEFAULT 0 NOT NULL , ALTER COLUMN `rating` DROP DEFAULT');
    expect(op.actions).toEqual([
      { type: 'add-column', ifNotExists: false, column: col({ name: 'rating', dataType: 'INT', typeText: 'integer', nullable: false, defaultValue: '0' }) },
      { type: 'alter-column-default', column: 'rating', defaultValue: null },
    ]);
  });
  it('an inline REFERENCES on ADD COLUMN also adds a foreign key (both servers create one)', () => {
    const op = alter('ALTER TABLE c ADD COLUMN pid INT REFERENCES p (id) ON DELETE SET NULL');
    expect(op.actions).toEqual([
      { type: 'add-column', ifNotExists: false, column: col({ name: 'pid', dataType: 'INT', typeText: 'INT' }) },
      { type: 'add-foreign-key', foreignKey: { name: null, columns: ['pid'], referencedTable: { schema: null, name: 'p' }, referencedColumns: ['id'], onDelete: 'SET NULL', onUpdate: null } },
    ]);
  });
  it('a column-level CHECK on ADD COLUMN is its own add-check action', () => {
    const op = alter("ALTER TABLE t ADD COLUMN j JSON NOT NULL DEFAULT ('{}') CONSTRAINT j_valid CHECK (JSON_VALID(j))");
    expect(op.actions).toEqual([
      { type: 'add-column', ifNotExists: false, column: col({ name: 'j', dataType: 'JSON', typeText: 'JSON', nullable: false, defaultValue: "('{}')" }) },
      { type: 'add-check', name: 'j_valid', expression: 'JSON_VALID(j)' },
    ]);
  });
  it('Laravel writes charset and collation as strings', () => {
    const op = alter("alter table `users` add `bio` text character set 'utf8mb4' collate 'utf8mb4_unicode_ci' null, convert to character set 'latin1'");
    expect(op.actions[0]).toMatchObject({ column: { charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci', nullable: true } });
    expect(op.actions[1]).toEqual({ type: 'convert-charset', charset: 'latin1', collation: null });
  });
  it('keeps an action it does not type as opaque text instead of dropping it', () => {
    const op = alter('ALTER TABLE t ADD COLUMN c INT, ENABLE KEYS, ORDER BY c');
    expect(op.actions.slice(1)).toEqual([
      { type: 'opaque-action', text: 'ENABLE KEYS' },
      { type: 'opaque-action', text: 'ORDER BY c' },
    ]);
  });
  it('lists the referenced parent and the new name among the statement tables', () => {
    const parsed = parseStatement(stmt('ALTER TABLE c ADD FOREIGN KEY (p) REFERENCES p (id), RENAME TO c2'));
    expect(parsed.tables).toEqual([{ schema: null, name: 'c' }, { schema: null, name: 'p' }, { schema: null, name: 'c2' }]);
    expect(parsed.parsedBy).toBe('fallback');
  });
  it('returns frozen values', () => {
    const parsed = parseStatement(stmt('ALTER TABLE t ADD COLUMN c INT'));
    expect(Object.isFrozen(parsed)).toBe(true);
    expect(Object.isFrozen(parsed.operation)).toBe(true);
    expect(Object.isFrozen((parsed.operation as AlterTableOperation).actions[0])).toBe(true);
  });
});
