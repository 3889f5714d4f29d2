// The splitter's cuts checked by the servers themselves: every statement is sent on its own
// (mysql2 refuses several statements in one query), so a body cut at an inner `;` or two
// statements glued together fail here, and the data written afterwards proves the bodies ran whole.

import { expect, it } from 'vitest';
import { splitStatements } from '../../src/parser/split.js';
import { describeOnServers } from '../helpers/servers.js';
import { generateMigration, generatorSchema } from './compound-generator.js';

const migration = `-- a migration in the shapes people write
/*!40101 SET NAMES utf8mb4 */;
CREATE TABLE t (
  id INT PRIMARY KEY AUTO_INCREMENT,
  a INT, b INT, \`end\` INT,
  note VARCHAR(50) DEFAULT 'x;y'
) COMMENT 'semi;colon';
CREATE TABLE log (msg VARCHAR(100)); # a hash comment; after a statement
CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW
BEGIN
  IF NEW.a IS NULL THEN
    SET NEW.a = 0;
  ELSEIF NEW.a < 0 THEN
    SET NEW.a = -NEW.a;
  END IF;
  SET NEW.b = CASE WHEN NEW.a > 10 THEN 1 ELSE 0 END, NEW.\`end\` = IF(NEW.a > 5, 1, 0);
END;
CREATE TRIGGER t_ai AFTER INSERT ON t FOR EACH ROW INSERT INTO log VALUES (CONCAT('inserted;', NEW.id));
CREATE PROCEDURE fill(IN n INT)
  MODIFIES SQL DATA
BEGIN
  DECLARE i INT DEFAULT 0;
  lbl: LOOP
    SET i = i + 1;
    IF i > n THEN LEAVE lbl; END IF;
    INSERT INTO t (a, note) VALUES (i, 'it''s; \\'quoted\\'');
  END LOOP lbl;
  WHILE i > 0 DO SET i = i - 1; END WHILE;
  REPEAT SET i = i + 1; UNTIL i >= 2 END REPEAT;
  CASE i WHEN 2 THEN INSERT INTO log VALUES ('case;two'); ELSE BEGIN END; END CASE;
END;
CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC NO SQL
BEGIN
  RETURN x * 2;
END;
CREATE PROCEDURE bare_if(IN x INT) IF x > 0 THEN INSERT INTO log VALUES ('bare;if'); END IF;
DELIMITER //
CREATE PROCEDURE p_delim() BEGIN SELECT 1; SELECT 2; END //
DELIMITER ;
CREATE EVENT ev ON SCHEDULE EVERY 1 DAY DISABLE DO BEGIN DELETE FROM log WHERE msg = 'x;'; END;
ALTER TABLE t ADD COLUMN c INT NULL /*!80000 , ALGORITHM=INSTANT */;
CALL fill(3);
CALL bare_if(1);
INSERT INTO t (a) VALUES (-12);
SELECT twice(21) AS v
`;

/** MariaDB only: anonymous blocks with FOR loops, WAIT, and /*M! comments (plain comments to MySQL). */
const mariadbMigration = `/*M!100100 SET SESSION lock_wait_timeout = 7 */;
CREATE TABLE mlog (msg VARCHAR(100));
BEGIN NOT ATOMIC
  DECLARE total INT DEFAULT 0;
  FOR j IN 1..3 DO
    SET total = total + j;
  END FOR;
  INSERT INTO mlog VALUES (CONCAT('for;', total));
END;
ALTER TABLE mlog WAIT 5 ADD COLUMN d INT NULL;
`;

describeOnServers('splitStatements against the server', (db) => {
  it('cuts a migration into statements the server runs one at a time', async () => {
    const statements = splitStatements(migration, { file: 'split.sql' });
    expect(statements).toHaveLength(15);
    for (const statement of statements) {
      await db()
        .conn.query(statement.sql)
        .catch((error: unknown) => {
          throw new Error(
            `statement ${statement.index} (line ${statement.location.line}) failed: ${String(error)}`,
          );
        });
    }

    const [rows] = await db().conn.query('SELECT a, b, `end`, note FROM t ORDER BY id');
    expect(rows).toEqual([
      { a: 1, b: 0, end: 0, note: "it's; 'quoted'" },
      { a: 2, b: 0, end: 0, note: "it's; 'quoted'" },
      { a: 3, b: 0, end: 0, note: "it's; 'quoted'" },
      { a: 12, b: 1, end: 1, note: 'x;y' },
    ]);
    const [log] = await db().conn.query('SELECT msg FROM log');
    expect((log as { msg: string }[]).map((r) => r.msg).sort()).toEqual(
      ['bare;if', 'case;two', 'inserted;1', 'inserted;2', 'inserted;3', 'inserted;4'].sort(),
    );
    const [twice] = await db().conn.query('SELECT twice(21) AS v');
    expect(twice).toEqual([{ v: 42 }]);
  });

  it('splits generated routines and triggers into statements the server accepts', async () => {
    for (const table of generatorSchema) await db().conn.query(table);
    let count = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const migration = generateMigration(seed, 9);
      const statements = splitStatements(migration.text, { file: `generated-${seed}.sql` });
      expect(statements.map((s) => s.sql)).toEqual(migration.statements);
      for (const statement of statements) {
        await db()
          .conn.query(statement.sql)
          .catch((error: unknown) => {
            throw new Error(`seed ${seed}, statement ${statement.index}: ${String(error)}\n${statement.sql}`);
          });
        count++;
      }
    }
    expect(count).toBe(450);
  });

  it('runs MariaDB compound blocks and executable comments on MariaDB', async (ctx) => {
    if (db().version.flavor !== 'mariadb') ctx.skip();
    const statements = splitStatements(mariadbMigration, { file: 'mariadb.sql' });
    expect(statements.map((s) => s.sql.split(/\s+/, 2).join(' '))).toEqual([
      '/*M!100100 SET',
      'CREATE TABLE',
      'BEGIN NOT',
      'ALTER TABLE',
    ]);
    for (const statement of statements) await db().conn.query(statement.sql);
    const [timeout] = await db().conn.query('SELECT @@SESSION.lock_wait_timeout AS v');
    expect(timeout).toEqual([{ v: 7 }]);
    const [log] = await db().conn.query('SELECT msg FROM mlog');
    expect(log).toEqual([{ msg: 'for;6' }]);
  });
});
