// SET forms, transactions, LOCK TABLES, triggers, opaque statements, ParseError locations, and
// whole files through parseSql (mysqldump output, DELIMITER blocks).
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/errors.js';
import { parseSql, parseStatement } from '../../src/parser/parse.js';
import type { Operation, SplitStatement } from '../../src/parser/statement.js';

const stmt = (sql: string, line = 1, column = 1): SplitStatement => ({
  index: 0,
  sql,
  location: { file: 'migrations/002_users.sql', line, column, offset: 0 },
  endOffset: sql.length,
  delimiter: ';',
  leadingComments: [],
});
const op = (sql: string): Operation => parseStatement(stmt(sql)).operation;
const t = (name: string, schema: string | null = null) => ({ schema, name });

describe('SET', () => {
  it.each([
    ['SET foreign_key_checks = 0', [{ scope: 'session', name: 'foreign_key_checks', value: '0' }]],
    ['SET FOREIGN_KEY_CHECKS=1', [{ scope: 'session', name: 'foreign_key_checks', value: '1' }]],
    ['SET SESSION lock_wait_timeout = 5', [{ scope: 'session', name: 'lock_wait_timeout', value: '5' }]],
    ['SET LOCAL innodb_lock_wait_timeout = 10', [{ scope: 'session', name: 'innodb_lock_wait_timeout', value: '10' }]],
    ['SET @@SESSION.sql_mode = \'STRICT_TRANS_TABLES,NO_ZERO_DATE\'', [{ scope: 'session', name: 'sql_mode', value: "'STRICT_TRANS_TABLES,NO_ZERO_DATE'" }]],
    ['SET @@sql_mode := CONCAT(@@sql_mode, \',ANSI_QUOTES\')', [{ scope: 'session', name: 'sql_mode', value: "CONCAT(@@sql_mode, ',ANSI_QUOTES')" }]],
    ['SET GLOBAL max_connections = 500', [{ scope: 'global', name: 'max_connections', value: '500' }]],
    ['SET @@global.read_only = ON', [{ scope: 'global', name: 'read_only', value: 'ON' }]],
    ['SET PERSIST innodb_buffer_pool_size = 1073741824', [{ scope: 'persist', name: 'innodb_buffer_pool_size', value: '1073741824' }]],
    ['SET @batch := 1000', [{ scope: 'user', name: 'batch', value: '1000' }]],
    ['SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0', [{ scope: 'user', name: 'old_foreign_key_checks', value: '@@FOREIGN_KEY_CHECKS' }, { scope: 'session', name: 'foreign_key_checks', value: '0' }]],
    ['SET SESSION lock_wait_timeout = 5, GLOBAL event_scheduler = OFF', [{ scope: 'session', name: 'lock_wait_timeout', value: '5' }, { scope: 'global', name: 'event_scheduler', value: 'OFF' }]],
    ['SET NAMES utf8mb4', [{ scope: 'names', name: 'names', value: 'utf8mb4' }]],
    ['SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci', [{ scope: 'names', name: 'names', value: 'utf8mb4 COLLATE utf8mb4_unicode_ci' }]],
    ['SET CHARACTER SET utf8', [{ scope: 'names', name: 'character_set', value: 'utf8' }]],
    ['SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED', [{ scope: 'transaction', name: 'transaction_isolation', value: 'READ COMMITTED' }]],
    ['SET TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY', [{ scope: 'transaction', name: 'transaction_isolation', value: 'SERIALIZABLE' }, { scope: 'transaction', name: 'transaction_read_only', value: '1' }]],
    ['SET max_statement_time = 30', [{ scope: 'session', name: 'max_statement_time', value: '30' }]],
    ['SET SQL_LOG_BIN = 0', [{ scope: 'session', name: 'sql_log_bin', value: '0' }]],
    ['/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */', [{ scope: 'user', name: 'old_character_set_client', value: '@@CHARACTER_SET_CLIENT' }]],
    ['/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */', [{ scope: 'user', name: 'old_unique_checks', value: '@@UNIQUE_CHECKS' }, { scope: 'session', name: 'unique_checks', value: '0' }]],
  ])('%s', (sql, assignments) => {
    expect(op(sql)).toEqual({ kind: 'set-variable', assignments });
  });
});

describe('transactions, LOCK TABLES, triggers', () => {
  it.each([
    ['START TRANSACTION', { kind: 'transaction', verb: 'begin' }],
    ['START TRANSACTION WITH CONSISTENT SNAPSHOT', { kind: 'transaction', verb: 'begin' }],
    ['BEGIN', { kind: 'transaction', verb: 'begin' }],
    ['BEGIN WORK', { kind: 'transaction', verb: 'begin' }],
    ['COMMIT', { kind: 'transaction', verb: 'commit' }],
    ['ROLLBACK', { kind: 'transaction', verb: 'rollback' }],
    ['LOCK TABLES `users` WRITE', { kind: 'lock-tables', tables: [t('users')] }],
    ['LOCK TABLES a READ LOCAL, b AS bb LOW_PRIORITY WRITE, s.c WRITE', { kind: 'lock-tables', tables: [t('a'), t('b'), t('c', 's')] }],
    ['UNLOCK TABLES', { kind: 'unlock-tables', tables: [] }],
    ['CREATE TRIGGER trg_bi BEFORE INSERT ON orders FOR EACH ROW SET NEW.created_at = NOW()', { kind: 'create-trigger', name: 'trg_bi', table: t('orders'), timing: 'BEFORE', event: 'INSERT' }],
    [
      'CREATE DEFINER=`root`@`localhost` TRIGGER `audit_upd` AFTER UPDATE ON `shop`.`orders` FOR EACH ROW BEGIN\n  INSERT INTO audit (id) VALUES (NEW.id);\nEND',
      { kind: 'create-trigger', name: 'audit_upd', table: t('orders', 'shop'), timing: 'AFTER', event: 'UPDATE' },
    ],
    ['CREATE OR REPLACE TRIGGER IF NOT EXISTS d AFTER DELETE ON t FOR EACH ROW DELETE FROM t2 WHERE id = OLD.id', { kind: 'create-trigger', name: 'd', table: t('t'), timing: 'AFTER', event: 'DELETE' }],
    ['DROP TRIGGER IF EXISTS shop.trg_bi', { kind: 'drop-trigger', name: 'trg_bi', table: null, timing: null, event: null }],
  ])('%s', (sql, expected) => {
    expect(op(sql)).toEqual(expected);
  });
});

describe('MariaDB SET STATEMENT … FOR', () => {
  it('types the inner statement', () => {
    const p = parseStatement(stmt('SET STATEMENT max_statement_time=60, lock_wait_timeout = 5 FOR DELETE FROM logs WHERE id < 100 LIMIT 10'));
    expect(p.operation).toMatchObject({ kind: 'delete', targets: [t('logs')], where: { sql: 'id < 100' }, limit: 10 });
    expect(p.sql.startsWith('SET STATEMENT')).toBe(true);
    expect(op('SET STATEMENT lock_wait_timeout=2 FOR ALTER TABLE t ADD INDEX i (a), LOCK=NONE')).toMatchObject({ kind: 'alter-table', lock: 'NONE' });
  });
  it('reports errors inside the inner statement at their place', () => {
    expect(() => parseStatement(stmt('SET STATEMENT a=1 FOR ALTR TABLE t'))).toThrow(/:1:23: unknown statement 'ALTR'/);
  });
});

describe('opaque statements are kept with their verb', () => {
  it.each([
    ['CREATE VIEW active_users AS SELECT * FROM users WHERE active = 1', 'CREATE VIEW', [t('users')]],
    ['CREATE OR REPLACE ALGORITHM=MERGE DEFINER=`app`@`%` SQL SECURITY INVOKER VIEW v AS SELECT 1', 'CREATE VIEW', []],
    ['CREATE PROCEDURE p() BEGIN SELECT 1; END', 'CREATE PROCEDURE', []],
    ['CREATE DEFINER=CURRENT_USER FUNCTION f() RETURNS INT DETERMINISTIC RETURN 1', 'CREATE FUNCTION', []],
    ['DROP PROCEDURE IF EXISTS p', 'DROP PROCEDURE', []],
    ['DROP VIEW IF EXISTS v', 'DROP VIEW', []],
    ['CREATE DATABASE IF NOT EXISTS shop', 'CREATE DATABASE', []],
    ['ALTER DATABASE shop CHARACTER SET utf8mb4', 'ALTER DATABASE', []],
    ['CREATE EVENT purge_logs ON SCHEDULE EVERY 1 DAY DO DELETE FROM logs WHERE created < NOW() - INTERVAL 7 DAY', 'CREATE EVENT', [t('logs')]],
    ['CREATE SEQUENCE s START WITH 1', 'CREATE SEQUENCE', []],
    ["GRANT SELECT ON shop.* TO 'reader'@'%'", 'GRANT', []],
    ['USE shop', 'USE', []],
    ['CALL refresh_stats()', 'CALL', []],
    ['SHOW CREATE TABLE users', 'SHOW CREATE', [t('users')]],
    ["LOAD DATA INFILE '/tmp/x.csv' INTO TABLE imports", 'LOAD DATA', [t('imports')]],
    ['FLUSH TABLES', 'FLUSH TABLES', []],
    ['DO SLEEP(1)', 'DO', []],
    ['SAVEPOINT sp1', 'SAVEPOINT', []],
    ['ROLLBACK TO SAVEPOINT sp1', 'ROLLBACK TO', []],
    ['CHECK TABLE users', 'CHECK TABLE', [t('users')]],
    ['XA START \'x\'', 'XA START', []],
    ['RENAME USER a TO b', 'RENAME USER', []],
    ['DROP PREPARE stmt1', 'DROP PREPARE', []],
    ['CREATE SPATIAL REFERENCE SYSTEM 4120 NAME \'Greek\' DEFINITION \'x\'', 'CREATE SPATIAL REFERENCE SYSTEM', []],
    ['main: BEGIN NOT ATOMIC DELETE FROM t; END', 'BEGIN', [t('t')]],
    ['ALTER DEFINER=`app`@`%` VIEW v AS SELECT 1', 'ALTER VIEW', []],
    ['ALTER EVENT purge_logs DISABLE', 'ALTER EVENT', []],
    ['CREATE USER IF NOT EXISTS \'app\'@\'%\' IDENTIFIED BY \'x\'', 'CREATE USER', []],
  ])('%s', (sql, verb, tables) => {
    const p = parseStatement(stmt(sql));
    expect(p.operation).toEqual({ kind: 'opaque', verb, tables, reason: 'not modelled' });
    expect(p.parsedBy).toBe('fallback');
  });
});

describe('ParseError for text that is not SQL', () => {
  const errorOf = (s: SplitStatement): ParseError => {
    try {
      parseStatement(s);
    } catch (err) {
      if (err instanceof ParseError) return err;
      throw err;
    }
    throw new Error(`no ParseError for ${s.sql}`);
  };
  it.each([
    ['ALTR TABEL users ADD c INT', 1, 1, "unknown statement 'ALTR'"],
    ['ALTER TABEL users ADD c INT', 1, 7, 'unknown ALTER statement'],
    ['ALTER TABLE users ADD COLUMN (a INT', 1, 30, "unclosed '('"],
    ['ALTER TABLE users ADD COLUMN a INT)', 1, 35, "unmatched ')'"],
    ["UPDATE t SET a = 'x WHERE id = 1", 1, 18, 'unterminated string'],
    ['ALTER TABLE users ADD COLUMN', 1, 29, 'expected a column name'],
    ['ALTER TABLE users MODIFY c', 1, 27, 'expected a data type for column c'],
    ['ALTER TABLE users ADD COLUMN c NOT NULL DEFAULT 0', 1, 32, 'expected a data type for column c'],
    ['CREATE TABLE t (a INT,, b INT)', 1, 23, 'expected a column name'],
    ['DROP TABLE', 1, 11, 'expected a table name'],
    ['DELETE FORM users', 1, 18, 'expected FROM'],
    ['SET = 1', 1, 5, 'expected a variable name'],
  ])('%s → %i:%i', (sql, line, column, reason) => {
    const err = errorOf(stmt(sql));
    expect(err).toMatchObject({ file: 'migrations/002_users.sql', line, column, code: 'PARSE' });
    expect(err.message).toContain(reason);
  });
  it('locates the token absolutely in the file: statement position plus offset inside it', () => {
    const err = errorOf(stmt('ALTER TABLE users\n  ADD COLUMN c INT,\n  ADD INDEX (a', 12, 5));
    expect(err).toMatchObject({ line: 14, column: 13, snippet: 'ADD INDEX (a' });
    const first = errorOf(stmt('ALTR TABLE x', 7, 9));
    expect(first).toMatchObject({ line: 7, column: 9, snippet: 'ALTR TABLE x' });
    expect(first.message).toBe("migrations/002_users.sql:7:9: unknown statement 'ALTR': not MySQL/MariaDB SQL; fix the statement and run drydock again");
  });
  it('counts columns in code points', () => {
    const err = errorOf(stmt("UPDATE t SET a = 'é', b = 'x", 3, 1));
    expect(err).toMatchObject({ line: 3, column: 27 });
  });
});

describe('parseSql: whole files', () => {
  it('parses mysqldump output, keeping every statement', () => {
    const dump = [
      '-- MySQL dump 10.13  Distrib 8.0.36',
      '/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;',
      '/*!50503 SET NAMES utf8mb4 */;',
      '/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;',
      'DROP TABLE IF EXISTS `tags`;',
      '/*!40101 SET @saved_cs_client     = @@character_set_client */;',
      'CREATE TABLE `tags` (',
      '  `id` int NOT NULL AUTO_INCREMENT,',
      '  `name` varchar(64) NOT NULL,',
      '  PRIMARY KEY (`id`),',
      '  UNIQUE KEY `name` (`name`)',
      ') ENGINE=InnoDB AUTO_INCREMENT=3 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;',
      'LOCK TABLES `tags` WRITE;',
      '/*!40000 ALTER TABLE `tags` DISABLE KEYS */;',
      "INSERT INTO `tags` VALUES (1,'a'),(2,'b;c');",
      '/*!40000 ALTER TABLE `tags` ENABLE KEYS */;',
      'UNLOCK TABLES;',
      '/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;',
    ].join('\n');
    const parsed = parseSql(dump, 'dump.sql');
    expect(parsed.map((s) => s.operation.kind)).toEqual([
      'set-variable', 'set-variable', 'set-variable', 'drop-table', 'set-variable', 'create-table', 'lock-tables', 'alter-table', 'insert', 'alter-table', 'unlock-tables', 'set-variable',
    ]);
    expect(parsed[8]!.operation).toMatchObject({ rowCount: 2, table: t('tags') });
    expect(parsed[7]!.operation).toMatchObject({ actions: [{ type: 'opaque-action', text: 'DISABLE KEYS' }] });
    expect(parsed[5]!.location).toMatchObject({ file: 'dump.sql', line: 7, column: 1 });
    expect(Object.isFrozen(parsed)).toBe(true);
  });
  it('parses a DELIMITER block with a trigger and reports errors at their file line', () => {
    const file = ['ALTER TABLE t ADD COLUMN c INT;', 'DELIMITER //', 'CREATE TRIGGER x BEFORE UPDATE ON t FOR EACH ROW BEGIN', '  SET NEW.c = 1;', 'END//', 'DELIMITER ;', 'SELECT 1;'].join('\n');
    const parsed = parseSql(file, 'f.sql');
    expect(parsed.map((s) => s.operation.kind)).toEqual(['alter-table', 'create-trigger', 'select']);
    expect(parsed[1]!.location.line).toBe(3);
    expect(() => parseSql('SELECT 1;\n\n  ALTER TABLE t ADD INDEX (a;\n', 'g.sql')).toThrow(/^g\.sql:3:27: unclosed/);
  });
});
