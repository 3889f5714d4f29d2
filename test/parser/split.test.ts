// Golden-file tests for the statement splitter: every test/fixtures/split/<nn>_<case>.sql is split
// and compared exactly with its reviewed <nn>_<case>.sql.golden. UPDATE_GOLDEN=1 rewrites the
// goldens (review the diff before committing). Below: offsets, comments, delimiters, compound
// statements, errors, and generated files whose expected cuts are known by construction.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/errors.js';
import { splitStatements } from '../../src/parser/split.js';
import type { SplitStatement } from '../../src/parser/statement.js';
import { generateMigration } from './compound-generator.js';

const fixtureDir = join(import.meta.dirname, '..', 'fixtures', 'split');
const fixtures = readdirSync(fixtureDir)
  .filter((name) => name.endsWith('.sql'))
  .sort();

const split = (text: string): readonly SplitStatement[] => splitStatements(text, { file: 'm.sql' });
const sqls = (text: string): string[] => split(text).map((s) => s.sql);

function renderGolden(statements: readonly SplitStatement[]): string {
  if (statements.length === 0) return '';
  const parts = statements.map(
    (s) => `-- [${s.index}] ${s.location.line}:${s.location.column} delimiter=${s.delimiter}\n${s.sql}`,
  );
  return `${parts.join('\n-- ----\n')}\n`;
}

/** Byte offset of line:column computed independently of the splitter, from the file's lines. */
function byteOffsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  const before = lines.slice(0, line - 1).reduce((sum, l) => sum + Buffer.byteLength(l) + 1, 0);
  const prefix = Array.from(lines[line - 1] ?? '')
    .slice(0, column - 1)
    .join('');
  return before + Buffer.byteLength(prefix);
}

function errorOf(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error('expected a ParseError');
}

describe('splitStatements: golden files', () => {
  it('has the fixtures the splitter promises to handle, each with its golden file', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(17);
    const goldens = readdirSync(fixtureDir).filter((name) => name.endsWith('.golden'));
    expect(goldens.sort()).toEqual(fixtures.map((name) => `${name}.golden`));
  });

  for (const name of fixtures) {
    it(`splits ${name} as its golden file says`, () => {
      const text = readFileSync(join(fixtureDir, name), 'utf8');
      const actual = renderGolden(splitStatements(text, { file: `test/fixtures/split/${name}` }));
      const goldenPath = join(fixtureDir, `${name}.golden`);
      if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(goldenPath, actual);
      expect(actual).toBe(readFileSync(goldenPath, 'utf8'));
    });

    it(`keeps byte offsets, lines and columns of ${name}`, () => {
      const text = readFileSync(join(fixtureDir, name), 'utf8');
      const bytes = Buffer.from(text);
      const statements = splitStatements(text, { file: name });
      let previousEnd = 0;
      statements.forEach((s, index) => {
        expect(s.index).toBe(index);
        expect(s.location.file).toBe(name);
        expect(bytes.subarray(s.location.offset, s.endOffset).toString()).toBe(s.sql);
        expect(s.location.offset).toBe(byteOffsetOf(text, s.location.line, s.location.column));
        expect(s.location.offset).toBeGreaterThanOrEqual(previousEnd);
        expect(s.sql).toBe(s.sql.trim());
        expect(s.sql.length).toBeGreaterThan(0);
        previousEnd = s.endOffset;
      });
    });
  }
});

describe('splitStatements: comments', () => {
  it('gives comments between statements to the next statement, verbatim', () => {
    const text = readFileSync(join(fixtureDir, '02_comments.sql'), 'utf8');
    const statements = split(text);
    expect(statements[0]?.leadingComments).toEqual([
      '-- a dash comment; with a semicolon',
      '# a hash comment; with a semicolon',
      '/* a block comment; with a semicolon\n   spanning lines */',
    ]);
    const drop = statements.find((s) => s.sql === 'DROP TABLE old_users');
    expect(drop?.leadingComments).toEqual(['-- drydock:ignore destructive']);
    const twelve = statements.find((s) => s.sql === 'SELECT 12');
    expect(twelve?.leadingComments).toEqual([
      '-- comment right after a delimiter',
      '--\ttab after the dashes is a comment too',
      '--no space: between statements, a comment as in the mysql client',
    ]);
    expect(statements.at(-1)?.sql).toBe('SELECT 12');
  });

  it('keeps comments inside a statement and drops the ones between its last token and the delimiter', () => {
    expect(sqls('SELECT 1 /* a */ + 2 -- b\n;')).toEqual(['SELECT 1 /* a */ + 2']);
  });

  it('reads `--` as a comment only before whitespace, a line end or the end of the file', () => {
    expect(sqls('SELECT 1--1;SELECT 2 --\n;SELECT 3 --')).toEqual(['SELECT 1--1', 'SELECT 2', 'SELECT 3']);
    expect(sqls('SELECT 4\n--4;')).toEqual(['SELECT 4\n--4']);
  });

  it('reads `--` before anything as a comment between statements, as the mysql client does', () => {
    const statements = split('SELECT 1; --TODO: more\n--1\nSELECT 2;');
    expect(statements.map((s) => [s.sql, s.leadingComments])).toEqual([
      ['SELECT 1', []],
      ['SELECT 2', ['--TODO: more', '--1']],
    ]);
  });

  it('drops a CR of a CRLF line from a line comment', () => {
    expect(split('-- note\r\nSELECT 1;')[0]?.leadingComments).toEqual(['-- note']);
  });

  it('yields no statement for a file of comments and whitespace', () => {
    expect(split('-- a\n/* b; */ # c\n\n')).toEqual([]);
    expect(split('')).toEqual([]);
  });
});

describe('splitStatements: delimiters and compound statements', () => {
  it('reports the delimiter that ended each statement, and the active one at the end of the file', () => {
    const statements = split('SELECT 1;\nDELIMITER $$\nSELECT 2$$\nSELECT 3');
    expect(statements.map((s) => [s.sql, s.delimiter])).toEqual([
      ['SELECT 1', ';'],
      ['SELECT 2', '$$'],
      ['SELECT 3', '$$'],
    ]);
  });

  it('reads the DELIMITER command like the mysql client: any case, blanks, quotes, rest of line ignored', () => {
    const text =
      "delimiter\t'$$' -- switch\nSELECT 1$$\n  Delimiter ;;\nSELECT 2;;\nDELIMITER ;\nSELECT delimiter_x FROM delimiters;";
    expect(split(text).map((s) => [s.sql, s.delimiter])).toEqual([
      ['SELECT 1', '$$'],
      ['SELECT 2', ';;'],
      ['SELECT delimiter_x FROM delimiters', ';'],
    ]);
    expect(split('DELIMITERS;\ndelimiter_x;')).toHaveLength(2);
  });

  it('does not take a DELIMITER word in the middle of a statement for the command', () => {
    expect(sqls('CREATE TABLE t (\n  delimiter VARCHAR(3)\n);')).toEqual([
      'CREATE TABLE t (\n  delimiter VARCHAR(3)\n)',
    ]);
    expect(sqls('SELECT a,\ndelimiter ;')).toEqual(['SELECT a,\ndelimiter']);
    expect(sqls("SELECT a\nDELIMITER '//' /* x */\n;")).toHaveLength(1);
    expect(sqls('SELECT a,\n delimiter -- a column\nFROM t;')).toHaveLength(1);
  });

  it('does not split a CREATE TRIGGER body at its inner semicolons', () => {
    const text =
      'CREATE TRIGGER a BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.x = 1; SET NEW.y = 2; END; SELECT 1;';
    expect(sqls(text)).toEqual([
      'CREATE TRIGGER a BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.x = 1; SET NEW.y = 2; END',
      'SELECT 1',
    ]);
  });

  it('treats BEGIN; and BEGIN WORK; as transaction starts', () => {
    expect(sqls('BEGIN; UPDATE t SET a = 1; BEGIN WORK; COMMIT;')).toEqual([
      'BEGIN',
      'UPDATE t SET a = 1',
      'BEGIN WORK',
      'COMMIT',
    ]);
  });

  it('does not track BEGIN…END in statements that cannot hold a compound body', () => {
    expect(sqls('CREATE TABLE x (`begin` INT); SELECT CASE WHEN 1 THEN 2 END; SELECT 3;')).toEqual([
      'CREATE TABLE x (`begin` INT)',
      'SELECT CASE WHEN 1 THEN 2 END',
      'SELECT 3',
    ]);
  });

  it('recovers from an IF() function taken for an IF statement when the block closes', () => {
    const text =
      'CREATE PROCEDURE p() BEGIN SET @a = CASE WHEN 1 THEN IF(1, 2, 3) ELSE 0 END; END; SELECT 2;';
    expect(sqls(text)).toEqual([
      'CREATE PROCEDURE p() BEGIN SET @a = CASE WHEN 1 THEN IF(1, 2, 3) ELSE 0 END; END',
      'SELECT 2',
    ]);
  });

  it('reads a column called end after a comma or a dot as a column', () => {
    const text =
      'CREATE TRIGGER a BEFORE INSERT ON t FOR EACH ROW BEGIN SELECT start, end INTO @s, @e FROM t; SET NEW.begin = 1, NEW.case = 2; END; SELECT 1;';
    expect(sqls(text)).toHaveLength(2);
  });

  it('closes CASE expressions that follow each other', () => {
    const text =
      'CREATE FUNCTION f() RETURNS INT BEGIN SELECT CASE WHEN 1 THEN 2 END, CASE WHEN 3 THEN 4 END INTO @a, @b; RETURN 1; END; SELECT 2;';
    expect(sqls(text)).toHaveLength(2);
  });

  it('reads an END right before punctuation as a bare END', () => {
    const text =
      'CREATE FUNCTION f() RETURNS INT BEGIN SELECT CASE WHEN 1 THEN 2 END, CASE WHEN 3 THEN (4) END INTO @a, @b; RETURN 1; END; SELECT 2;';
    expect(sqls(text)).toHaveLength(2);
  });

  it('takes IF after an ordinary word for the IF() function, even in a body without BEGIN', () => {
    const text =
      'CREATE TRIGGER tr AFTER DELETE ON t FOR EACH ROW DELETE FROM log WHERE IF(OLD.a > 0, 1, 0) = 1; SELECT 2;';
    expect(sqls(text)).toHaveLength(2);
  });

  it('leaves the statement boundary to a custom delimiter, without block tracking', () => {
    const text = 'DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT begin FROM t; END //\nSELECT 2 //';
    expect(sqls(text)).toEqual(['CREATE PROCEDURE p() BEGIN SELECT begin FROM t; END', 'SELECT 2']);
  });

  it('does not track blocks in a view created with a DEFINER, even one named like a routine', () => {
    expect(sqls('CREATE DEFINER = CURRENT_USER VIEW event AS SELECT begin FROM t; SELECT 2;')).toEqual([
      'CREATE DEFINER = CURRENT_USER VIEW event AS SELECT begin FROM t',
      'SELECT 2',
    ]);
  });

  it('splits at the custom delimiter even when it touches a word', () => {
    expect(sqls('DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$SELECT 2$$')).toEqual([
      'CREATE PROCEDURE p() BEGIN SELECT 1; END',
      'SELECT 2',
    ]);
  });

  it('does not split inside an executable comment', () => {
    expect(sqls('/*!50003 SET @a = 1; */; SELECT 2;')).toEqual(['/*!50003 SET @a = 1; */', 'SELECT 2']);
  });
});

describe('splitStatements: positions', () => {
  it('counts columns in code points and offsets in UTF-8 bytes', () => {
    const text = "SELECT 'é🚀'; SELECT 2;";
    const [first, second] = split(text);
    expect(first?.endOffset).toBe(Buffer.byteLength("SELECT 'é🚀'"));
    expect(second?.location).toEqual({
      file: 'm.sql',
      line: 1,
      column: 14,
      offset: Buffer.byteLength("SELECT 'é🚀'; "),
    });
  });

  it('counts a byte-order mark in offsets but not in columns', () => {
    const [first] = split('\uFEFFSELECT 1;');
    expect(first?.location).toMatchObject({ line: 1, column: 1, offset: 3 });
    expect(first?.sql).toBe('SELECT 1');
  });

  it('returns frozen values', () => {
    const statements = split('-- c\nSELECT 1;');
    expect(Object.isFrozen(statements)).toBe(true);
    expect(Object.isFrozen(statements[0])).toBe(true);
    expect(Object.isFrozen(statements[0]?.location)).toBe(true);
    expect(Object.isFrozen(statements[0]?.leadingComments)).toBe(true);
  });
});

describe('splitStatements: errors', () => {
  const cases: [string, string, number, number, string, string][] = [
    // [name, text, line, column, snippet, reason]
    [
      'an unterminated single-quoted string',
      "SELECT 1;\nINSERT INTO t VALUES ('abc);\nSELECT 2;",
      2,
      23,
      "INSERT INTO t VALUES ('abc);",
      "unterminated string starting here: add the closing '",
    ],
    [
      'a string whose closing quote is escaped',
      "SELECT 'abc\\';",
      1,
      8,
      "SELECT 'abc\\';",
      "unterminated string starting here: add the closing '",
    ],
    [
      'a string whose last quote is a doubled one',
      "SELECT 1;\nSELECT 'a'' b;",
      2,
      8,
      "SELECT 'a'' b;",
      "unterminated string starting here: add the closing '",
    ],
    [
      'an unterminated double-quoted string',
      'SELECT "x;',
      1,
      8,
      'SELECT "x;',
      'unterminated string starting here: add the closing "',
    ],
    [
      'an unterminated quoted identifier',
      'SELECT é, `col;\nFROM t;',
      1,
      11,
      'SELECT é, `col;',
      'unterminated quoted identifier starting here: add the closing `',
    ],
    [
      'an unterminated block comment',
      'SELECT 1;\r\n  /* no end; SELECT 2;',
      2,
      3,
      '  /* no end; SELECT 2;',
      'unterminated comment starting here: add the closing */',
    ],
    [
      'an unterminated executable comment',
      'ALTER TABLE t /*!80000 ALGORITHM=INSTANT ADD c INT;',
      1,
      15,
      'ALTER TABLE t /*!80000 ALGORITHM=INSTANT ADD c INT;',
      'unterminated executable comment starting here: add the closing */',
    ],
    [
      'a compound statement without its END',
      'SELECT 1;\nCREATE TRIGGER a BEFORE INSERT ON t FOR EACH ROW BEGIN\n  SET NEW.a = 1;\nSELECT 2;',
      2,
      1,
      'CREATE TRIGGER a BEFORE INSERT ON t FOR EACH ROW BEGIN',
      'this compound statement has no matching END before the end of the file',
    ],
    ['a DELIMITER command without a delimiter', 'DELIMITER \nSELECT 1;', 1, 1, 'DELIMITER ', 'DELIMITER //'],
    [
      'a statement that lost its custom delimiter before DELIMITER ;',
      'DELIMITER //\nCREATE PROCEDURE p()\nBEGIN SELECT 1; END\nDELIMITER ;\nSELECT 2;',
      4,
      1,
      'DELIMITER ;',
      'a DELIMITER command inside a statement that has not ended (it began on line 2): end that statement with // first',
    ],
    [
      'a DELIMITER command after a statement on the same line (the mysql client sends it to the server)',
      'SELECT 1; DELIMITER //\nSELECT 2//',
      1,
      11,
      'SELECT 1; DELIMITER //',
      'the DELIMITER command must start a line of its own',
    ],
    [
      'SQL on the line of a DELIMITER command',
      'DELIMITER // SELECT 1//',
      1,
      14,
      'DELIMITER // SELECT 1//',
      'text after a DELIMITER command is ignored by the mysql client: move it to the next line',
    ],
    ['a DELIMITER command at the end of the file', 'SELECT 1;\nDELIMITER', 2, 1, 'DELIMITER', 'DELIMITER //'],
    ['a DELIMITER command without a blank', 'SELECT 1;\nDELIMITER;', 2, 1, 'DELIMITER;', 'DELIMITER //'],
    [
      'a delimiter with a backslash',
      'SELECT 1;\nDELIMITER \\x\n',
      2,
      1,
      'DELIMITER \\x',
      'a delimiter cannot contain a backslash',
    ],
  ];

  for (const [name, text, line, column, snippet, reason] of cases) {
    it(`reports ${name} where it starts`, () => {
      const error = errorOf(() => splitStatements(text, { file: 'db/001_x.sql' }));
      expect(error.code).toBe('PARSE');
      expect({ file: error.file, line: error.line, column: error.column, snippet: error.snippet }).toEqual({
        file: 'db/001_x.sql',
        line,
        column,
        snippet,
      });
      expect(error.message.startsWith(`db/001_x.sql:${line}:${column}: `)).toBe(true);
      expect(error.message).toContain(reason);
    });
  }

  it('cuts a very long snippet line around the error', () => {
    const text = `SELECT ${'a, '.repeat(200)}'open`;
    const error = errorOf(() => split(text));
    expect(error.snippet.length).toBeLessThanOrEqual(162);
    expect(error.snippet).toContain("'open");
  });
});

describe('splitStatements: generated files', () => {
  // Statements that must come back whole, whatever surrounds them.
  const pieces = [
    'SELECT 1',
    "INSERT INTO t VALUES ('a;b', \"c;d\", 'e\\';f', 'g'';h')",
    'SELECT `x;y`, `p``q;` FROM `t;`',
    'SELECT 1 /* inner; comment */ + 2',
    'SELECT 3 -- inner; comment\n  + 4',
    'ALTER TABLE t /*!80000 ALGORITHM=INSTANT */ ADD COLUMN c INT',
    '/*!40101 SET NAMES utf8mb4 */',
    '/*M!100100 SET SESSION lock_wait_timeout = 5 */',
    "UPDATE t SET name = 'Zürich 🚀' WHERE id = 1",
    'CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN\n  IF NEW.a > 0 THEN SET NEW.b = 1; END IF;\n  SET NEW.c = CASE WHEN NEW.a THEN 1 ELSE 0 END;\nEND',
    'CREATE PROCEDURE p() BEGIN\n  l: LOOP LEAVE l; END LOOP;\n  WHILE 0 DO SELECT 1; END WHILE;\nEND',
    'BEGIN NOT ATOMIC SELECT 1; END',
    'BEGIN',
    'SELECT 5--5',
  ];
  const leading = ['-- note; here', '# hash; note', '/* block; note */', '/* multi\n line */'];
  const trailing = ['', ' ', ' /* dropped */', ' -- dropped\n', '\n# dropped\n'];
  const gaps = ['', ' ', '\n', '\n\n  ', '\t'];

  /** A small seeded generator so every run checks the same files. */
  function random(seed: number): (n: number) => number {
    let state = seed >>> 0;
    return (n) => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return (((t ^ (t >>> 14)) >>> 0) % n) as number;
    };
  }
  const pick = <T>(next: (n: number) => number, list: readonly T[]): T => list[next(list.length)] as T;

  for (const lineBreak of ['\n', '\r\n']) {
    it(`returns every statement of 200 generated files whole and in order (${JSON.stringify(lineBreak)})`, () => {
      const next = random(lineBreak.length);
      for (let file = 0; file < 200; file++) {
        let text = '';
        const expected: { sql: string; comments: string[] }[] = [];
        const count = 1 + next(12);
        for (let k = 0; k < count; k++) {
          const comments: string[] = [];
          for (let c = next(3); c > 0; c--) {
            const comment = pick(next, leading);
            comments.push(comment);
            text += pick(next, gaps) + comment + '\n';
          }
          if (next(4) === 0) text += ';'; // an empty statement
          const sql = pick(next, pieces);
          expected.push({ sql, comments });
          text += pick(next, gaps) + sql + pick(next, trailing);
          if (k < count - 1 || next(2) === 0) text += ';';
          else text += pick(next, ['', ' -- the end']);
        }
        text = text.replaceAll('\n', lineBreak);
        const bytes = Buffer.from(text);
        const statements = split(text);
        expect(statements.map((s) => s.sql)).toEqual(expected.map((e) => e.sql.replaceAll('\n', lineBreak)));
        expect(statements.map((s) => s.leadingComments)).toEqual(
          expected.map((e) => e.comments.map((c) => c.replaceAll('\n', lineBreak))),
        );
        for (const s of statements) {
          expect(bytes.subarray(s.location.offset, s.endOffset).toString()).toBe(s.sql);
        }
      }
    });
  }
});

describe('splitStatements: generated routines and triggers without DELIMITER', () => {
  it('keeps 300 generated compound statements whole (the integration test runs them on the servers)', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const migration = generateMigration(seed, 9);
      expect(sqls(migration.text)).toEqual(migration.statements);
    }
  });
});
