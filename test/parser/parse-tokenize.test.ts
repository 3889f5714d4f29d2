// The tokenizer under the hand-written parser: quoting, comments, executable comments, numbers
// and the offsets every error location and spliced text depends on.
import { describe, expect, it } from 'vitest';
import { SqlSyntaxError, checkParentheses, executableCommentGate, openExecutableComments, tokenize } from '../../src/parser/tokenize.js';
import { parseStatement } from '../../src/parser/parse.js';

const kinds = (sql: string) => tokenize(sql).map((t) => [t.type, t.value]);

describe('tokenize', () => {
  it('reads words, quoted names, strings, numbers, variables and operators with offsets', () => {
    const toks = tokenize("SET @a := `we``ird`.x + 'it''s' <=> @@session.sql_mode");
    expect(toks.map((t) => [t.type, t.value, t.start, t.end])).toEqual([
      ['word', 'SET', 0, 3],
      ['variable', '@a', 4, 6],
      ['punct', ':=', 7, 9],
      ['quoted', 'we`ird', 10, 19],
      ['punct', '.', 19, 20],
      ['word', 'x', 20, 21],
      ['punct', '+', 22, 23],
      ['string', "it's", 24, 31],
      ['punct', '<=>', 32, 35],
      ['variable', '@@session.sql_mode', 36, 54],
    ]);
  });
  it.each([
    ['1.5e-3', [['number', '1.5e-3']]],
    ['0x1F', [['number', '0x1F']]],
    ["x'0F' b'01' N'é'", [['string', '0F'], ['string', '01'], ['string', 'é']]],
    ['1abc', [['word', '1abc']]],
    ['t.1', [['word', 't'], ['punct', '.'], ['number', '1']]],
    ["'a\\'b\\n'", [['string', "a'b\n"]]],
    ['"dq" _utf8mb4\'x\'', [['string', 'dq'], ['word', '_utf8mb4'], ['string', 'x']]],
  ])('%s', (sql, expected) => {
    expect(kinds(sql)).toEqual(expected);
  });
  it('skips comments but opens executable comments', () => {
    expect(kinds('a -- c\n b # c\n c /* x */ d /*!80000 e */ f /*M!100500 g */ h --x')).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', '-', '-', 'x'].map((v) => [v === '-' ? 'punct' : 'word', v]),
    );
  });
  it('does not treat comment markers inside strings as comments', () => {
    expect(kinds("'/*!80000 x */' '-- y'")).toEqual([['string', '/*!80000 x */'], ['string', '-- y']]);
  });
  it.each([
    ["SELECT 'abc", 7, 'unterminated string'],
    ['SELECT `abc', 7, 'unterminated quoted identifier'],
    ['SELECT /* abc', 7, 'unterminated comment'],
  ])('%s', (sql, offset, message) => {
    expect(() => tokenize(sql)).toThrow(SqlSyntaxError);
    try {
      tokenize(sql);
    } catch (err) {
      expect(err).toMatchObject({ offset, message });
    }
  });
  it('checks parentheses', () => {
    expect(() => checkParentheses(tokenize('f((a), b)'))).not.toThrow();
    expect(() => checkParentheses(tokenize('f((a), b'))).toThrow(/unclosed/);
    expect(() => checkParentheses(tokenize("f(')'"))).toThrow(/unclosed/);
    expect(() => checkParentheses(tokenize("f(')')"))).not.toThrow();
    expect(() => checkParentheses(tokenize('f(a))'))).toThrow(/unmatched/);
  });
});

describe('openExecutableComments (what node-sql-parser is given)', () => {
  it('blanks the markers with spaces, keeping every offset', () => {
    const sql = "DELETE /*!40000 QUICK */ FROM t WHERE a = '/*!x*/' /*M!100100 LIMIT 1 */";
    const opened = openExecutableComments(sql);
    expect(opened).toBe("DELETE          QUICK    FROM t WHERE a = '/*!x*/'            LIMIT 1   ");
    expect(openExecutableComments('a # /*!1 x\n b -- /*!2\n c')).toBe('a # /*!1 x\n b -- /*!2\n c');
    expect(opened).toHaveLength(sql.length);
  });
  it('leaves SQL without executable comments untouched (same string)', () => {
    const sql = 'DELETE FROM t /* plain */';
    expect(openExecutableComments(sql)).toBe(sql);
  });
});

describe('MariaDB DELETE HISTORY', () => {
  it('is opaque, not a row delete', () => {
    const sql = "DELETE HISTORY FROM audit BEFORE SYSTEM_TIME '2024-01-01'";
    const p = parseStatement({ index: 0, sql, location: { file: 'm.sql', line: 1, column: 1, offset: 0 }, endOffset: sql.length, delimiter: ';', leadingComments: [] });
    expect(p.operation).toEqual({ kind: 'opaque', verb: 'DELETE HISTORY', tables: [{ schema: null, name: 'audit' }], reason: 'not modelled' });
  });
});

describe('executable comments for a given server', () => {
  const mysql = { flavor: 'mysql' as const, major: 8, minor: 0, patch: 35 };
  const mariadb = { flavor: 'mariadb' as const, major: 10, minor: 11, patch: 19 };
  const sql = 'ALTER TABLE t ADD c INT /*!80000 , ALGORITHM=INSTANT */ /*M!100301 , LOCK=NONE */ /*!50100 , FORCE */';
  const at = (server?: typeof mysql | typeof mariadb) => {
    const p = parseStatement({ index: 0, sql, location: { file: 'm.sql', line: 1, column: 1, offset: 0 }, endOffset: sql.length, delimiter: ';', leadingComments: [] }, server ? { server } : {});
    return p.operation.kind === 'alter-table' ? { algorithm: p.operation.algorithm, lock: p.operation.lock, actions: p.operation.actions.map((a) => a.type) } : null;
  };
  it('reads every executable comment when no server is given', () => {
    expect(at()).toEqual({ algorithm: 'INSTANT', lock: 'NONE', actions: ['add-column', 'force'] });
  });
  it('MySQL runs /*!N up to its version and never /*M!', () => {
    expect(at(mysql)).toEqual({ algorithm: 'INSTANT', lock: null, actions: ['add-column', 'force'] });
    expect(at({ ...mysql, major: 5, minor: 7, patch: 44 })).toEqual({ algorithm: null, lock: null, actions: ['add-column', 'force'] });
  });
  it('MariaDB ignores MySQL 5.7+ comments and runs its own', () => {
    expect(at(mariadb)).toEqual({ algorithm: null, lock: 'NONE', actions: ['add-column', 'force'] });
    expect(at({ ...mariadb, minor: 3, patch: 0 })).toEqual({ algorithm: null, lock: null, actions: ['add-column', 'force'] });
  });
  it.each([
    [mysql, false, null, true],
    [mysql, false, 80036, false],
    [mysql, true, 100100, false],
    [mariadb, false, 40101, true],
    [mariadb, false, 50700, false],
    [mariadb, false, 99999, false],
    [mariadb, false, 100000, true],
    [mariadb, true, 101200, false],
    [mariadb, true, null, true],
  ])('%o mariadbOnly=%s version=%s → %s', (server, mariadbOnly, version, runs) => {
    expect(executableCommentGate(server)({ mariadbOnly, version })).toBe(runs);
  });
  it('node-sql-parser sees only the comments the server runs', () => {
    const dml = 'DELETE FROM t WHERE a = 1 /*!80000 AND b = 2 */';
    const parse = (server?: typeof mysql | typeof mariadb) =>
      parseStatement({ index: 0, sql: dml, location: { file: 'm.sql', line: 1, column: 1, offset: 0 }, endOffset: dml.length, delimiter: ';', leadingComments: [] }, server ? { server } : {}).operation;
    expect(parse(mysql)).toMatchObject({ where: { sql: 'a = 1          AND b = 2', columns: [{ column: 'a' }, { column: 'b' }] } });
    expect(parse(mariadb)).toMatchObject({ where: { sql: 'a = 1', columns: [{ column: 'a' }] } });
    expect(parse()).toMatchObject({ where: { sql: 'a = 1          AND b = 2' } });
  });
  it('a slice never holds half an executable comment', () => {
    const sql = 'UPDATE t SET a = 1 /*!50000 , b = 2 */ WHERE /*!80000 c = 3 AND */ d = 4 -- /*!x\n LIMIT 5';
    const op = parseStatement({ index: 0, sql, location: { file: 'm.sql', line: 1, column: 1, offset: 0 }, endOffset: sql.length, delimiter: ';', leadingComments: [] }).operation;
    expect(op).toMatchObject({ assignments: [{ column: 'a', value: '1' }, { column: 'b', value: '2' }], where: { sql: 'c = 3 AND    d = 4' }, limit: 5 });
  });
});
