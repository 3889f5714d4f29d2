// DELETE / UPDATE / INSERT / SELECT: targets, joins, WHERE text and columns, ORDER BY, LIMIT,
// including forms node-sql-parser rejects (handled by the token scan).
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/errors.js';
import { parseStatement } from '../../src/parser/parse.js';
import type { ParsedStatement, SplitStatement } from '../../src/parser/statement.js';

const stmt = (sql: string): SplitStatement => ({
  index: 0,
  sql,
  location: { file: 'm.sql', line: 1, column: 1, offset: 0 },
  endOffset: sql.length,
  delimiter: ';',
  leadingComments: [],
});
const parse = (sql: string): ParsedStatement => parseStatement(stmt(sql));
const t = (name: string, schema: string | null = null) => ({ schema, name });

describe('DELETE', () => {
  it('the outage statement: delete everything', () => {
    expect(parse('DELETE FROM `watchdog`')).toMatchObject({
      parsedBy: 'node-sql-parser',
      tables: [t('watchdog')],
      operation: { kind: 'delete', targets: [t('watchdog')], from: [t('watchdog')], where: null, orderBy: null, limit: null, hasJoin: false, ignore: false },
    });
  });
  it('batched delete with ORDER BY and LIMIT (exact)', () => {
    expect(parse('DELETE FROM sessions WHERE last_seen < NOW() - INTERVAL 30 DAY AND user_id IS NULL ORDER BY id LIMIT 1000').operation).toEqual({
      kind: 'delete',
      targets: [t('sessions')],
      from: [t('sessions')],
      where: { sql: 'last_seen < NOW() - INTERVAL 30 DAY AND user_id IS NULL', columns: [{ table: null, column: 'last_seen' }, { table: null, column: 'user_id' }], alwaysTrue: false },
      orderBy: 'id',
      limit: 1000,
      hasJoin: false,
      ignore: false,
    });
  });
  it.each([
    ['DELETE FROM t WHERE 1', true],
    ['DELETE FROM t WHERE 1=1', true],
    ['DELETE FROM t WHERE (1 = 1)', true],
    ['DELETE FROM t WHERE TRUE', true],
    ['DELETE FROM t WHERE 0', false],
    ['DELETE FROM t WHERE 1=2', false],
    ['DELETE FROM t WHERE id = 1', false],
  ])('%s: alwaysTrue', (sql, alwaysTrue) => {
    const op = parse(sql).operation;
    expect(op.kind === 'delete' && op.where?.alwaysTrue).toBe(alwaysTrue);
  });
  it('keeps the WHERE text verbatim, comments and odd spacing included', () => {
    const op = parse("DELETE FROM `log`  WHERE  `level` = 'debug'   /* old */ AND created  < '2020-01-01'\n  LIMIT 500").operation;
    expect(op).toMatchObject({ where: { sql: "`level` = 'debug'   /* old */ AND created  < '2020-01-01'", columns: [{ table: null, column: 'level' }, { table: null, column: 'created' }] }, limit: 500 });
  });
  it('multi-table DELETE with a join resolves target aliases', () => {
    const p = parse('DELETE o FROM orders AS o JOIN users u ON u.id = o.user_id WHERE u.deleted_at IS NOT NULL');
    expect(p.operation).toMatchObject({ kind: 'delete', targets: [t('orders')], from: [t('orders'), t('users')], hasJoin: true, where: { columns: [{ table: 'u', column: 'deleted_at' }] } });
    expect(p.tables).toEqual([t('orders'), t('users')]);
  });
  it('DELETE … USING', () => {
    expect(parse('DELETE FROM t1, t2 USING t1 INNER JOIN t2 INNER JOIN t3 WHERE t1.id=t2.id AND t2.id=t3.id').operation).toMatchObject({
      targets: [t('t1'), t('t2')],
      from: [t('t1'), t('t2'), t('t3')],
      hasJoin: true,
    });
  });
  it('DELETE LOW_PRIORITY QUICK IGNORE (node-sql-parser rejects it): token scan', () => {
    const p = parse("DELETE LOW_PRIORITY QUICK IGNORE FROM `cache` WHERE `expires` < UNIX_TIMESTAMP() AND tag LIKE 'x%' ORDER BY `expires` LIMIT 10000");
    expect(p.parsedBy).toBe('fallback');
    expect(p.operation).toEqual({
      kind: 'delete',
      targets: [t('cache')],
      from: [t('cache')],
      where: { sql: "`expires` < UNIX_TIMESTAMP() AND tag LIKE 'x%'", columns: [{ table: null, column: 'expires' }, { table: null, column: 'tag' }], alwaysTrue: false },
      orderBy: '`expires`',
      limit: 10000,
      hasJoin: false,
      ignore: true,
    });
  });
  it('the fallback column scan keeps columns named like interval units', () => {
    const p = parse("DELETE LOW_PRIORITY QUICK IGNORE FROM stats WHERE year < 2020 AND created < NOW() - INTERVAL 1 YEAR AND `day` = 'mon'");
    expect(p.parsedBy).toBe('fallback');
    expect(p.operation).toMatchObject({ where: { columns: [{ table: null, column: 'year' }, { table: null, column: 'created' }, { table: null, column: 'day' }] } });
  });
  it('the fallback column scan skips subquery tables, aliases and the subquery\'s own columns', () => {
    const p = parse('DELETE LOW_PRIORITY QUICK IGNORE FROM a WHERE a.x IN (SELECT s.y FROM shop.src AS s JOIN other o ON o.id = s.id WHERE s.z > 0 AND s.a_id = a.id) AND flag = 1');
    expect(p.parsedBy).toBe('fallback');
    expect(p.operation).toMatchObject({ where: { columns: [{ table: 'a', column: 'x' }, { table: 'a', column: 'id' }, { table: null, column: 'flag' }] } });
    expect(p.tables).toEqual([t('a'), t('src', 'shop'), t('other')]);
  });
  it('a subquery\'s tables count among the statement tables, its own columns not among the WHERE columns', () => {
    // posts.id must not pass for an indexed column of comments.
    const p = parse('DELETE FROM comments WHERE post_id IN (SELECT id FROM posts WHERE spam = 1)');
    expect(p.parsedBy).toBe('node-sql-parser');
    expect(p.tables).toEqual([t('comments'), t('posts')]);
    expect(p.operation).toMatchObject({ where: { columns: [{ table: null, column: 'post_id' }] } });
  });
  it('correlated references to the target inside a subquery are WHERE columns', () => {
    expect(parse('DELETE FROM t WHERE EXISTS (SELECT 1 FROM x WHERE x.t_id = t.id)').operation).toMatchObject({ where: { columns: [{ table: 't', column: 'id' }] } });
    const u = parse("UPDATE orders o SET o.flag = 1 WHERE o.status = 'x' AND EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = o.id)");
    expect(u.operation).toMatchObject({ hasJoin: false, where: { columns: [{ table: 'o', column: 'status' }, { table: 'o', column: 'id' }] } });
    expect(u.tables).toEqual([t('orders'), t('refunds')]);
  });
  it('executable comments inside DML are read, not dropped', () => {
    const p = parse('DELETE /*!40000 QUICK */ FROM t WHERE a = 1 /*!80000 LIMIT 5 */');
    expect(p.operation).toMatchObject({ kind: 'delete', limit: 5, where: { sql: 'a = 1' } });
  });
  it('DELETE with a schema-qualified table and PARTITION', () => {
    expect(parse('DELETE FROM shop.logs PARTITION (p2020) WHERE id < 100').operation).toMatchObject({ targets: [t('logs', 'shop')], where: { sql: 'id < 100' } });
  });
});

describe('UPDATE', () => {
  it('single table, exact', () => {
    expect(parse("UPDATE `users` SET `status` = 'inactive', updated_at = NOW() WHERE last_login < '2020-01-01'").operation).toEqual({
      kind: 'update',
      tables: [t('users')],
      assignments: [
        { table: null, column: 'status', value: "'inactive'" },
        { table: null, column: 'updated_at', value: 'NOW()' },
      ],
      where: { sql: "last_login < '2020-01-01'", columns: [{ table: null, column: 'last_login' }], alwaysTrue: false },
      orderBy: null,
      limit: null,
      hasJoin: false,
      ignore: false,
    });
  });
  it('backfill without WHERE', () => {
    expect(parse('UPDATE orders SET total_cents = ROUND(total * 100)').operation).toMatchObject({ where: null, assignments: [{ column: 'total_cents', value: 'ROUND(total * 100)' }] });
  });
  it('joined update', () => {
    const p = parse('UPDATE orders o JOIN users u ON u.id = o.user_id SET o.email = u.email, o.synced = 1 WHERE o.email IS NULL');
    expect(p.operation).toMatchObject({
      tables: [t('orders'), t('users')],
      hasJoin: true,
      assignments: [{ table: 'o', column: 'email', value: 'u.email' }, { table: 'o', column: 'synced', value: '1' }],
      where: { sql: 'o.email IS NULL', columns: [{ table: 'o', column: 'email' }] },
    });
    expect(p.parsedBy).toBe('node-sql-parser');
  });
  it('ORDER BY and LIMIT', () => {
    expect(parse('UPDATE jobs SET state = \'queued\' WHERE state = \'stuck\' ORDER BY id DESC LIMIT 500').operation).toMatchObject({ orderBy: 'id DESC', limit: 500 });
  });
  it('UPDATE IGNORE and LOW_PRIORITY', () => {
    expect(parse('UPDATE LOW_PRIORITY IGNORE t SET a = 1 WHERE b = 2').operation).toMatchObject({ ignore: true, tables: [t('t')], where: { columns: [{ table: null, column: 'b' }] } });
  });
  it('a subquery in SET reads another table', () => {
    const p = parse('UPDATE accounts SET balance = (SELECT SUM(amount) FROM ledger WHERE ledger.account_id = accounts.id)');
    expect(p.tables).toEqual([t('accounts'), t('ledger')]);
  });
  it('comma join', () => {
    expect(parse('UPDATE a, b SET a.x = b.x WHERE a.id = b.id').operation).toMatchObject({ hasJoin: true, tables: [t('a'), t('b')] });
  });
  it('WHERE with a string containing keywords stays one clause', () => {
    expect(parse("UPDATE t SET a = 1 WHERE note = 'ORDER BY x LIMIT 5' LIMIT 2").operation).toMatchObject({ where: { sql: "note = 'ORDER BY x LIMIT 5'" }, limit: 2 });
  });
});

describe('INSERT / REPLACE', () => {
  it('INSERT … SELECT with a join (exact)', () => {
    const p = parse('INSERT INTO order_archive (id, user_id) SELECT o.id, o.user_id FROM orders o JOIN users u ON u.id = o.user_id WHERE o.created < \'2020-01-01\'');
    expect(p.operation).toEqual({
      kind: 'insert',
      table: t('order_archive'),
      columns: ['id', 'user_id'],
      source: 'select',
      sourceTables: [t('orders'), t('users')],
      rowCount: null,
      replace: false,
      ignore: false,
      onDuplicateKeyUpdate: false,
    });
    expect(p.tables).toEqual([t('order_archive'), t('orders'), t('users')]);
  });
  it.each([
    ["INSERT INTO `settings` (`key`, `value`) VALUES ('a', '1'), ('b', '2'), ('c', '3')", { source: 'values', rowCount: 3, columns: ['key', 'value'] }],
    ['INSERT INTO `t` VALUES (1,\'a\'),(2,\'b\')', { source: 'values', rowCount: 2, columns: [] }],
    ["INSERT IGNORE INTO tags (name) VALUES ('x')", { ignore: true, rowCount: 1 }],
    ["REPLACE INTO kv (k, v) VALUES ('a', 1)", { replace: true, rowCount: 1 }],
    ["INSERT INTO kv SET k = 'a', v = 1", { source: 'set', rowCount: 1 }],
    ['INSERT INTO counters (id, n) VALUES (1, 1) ON DUPLICATE KEY UPDATE n = n + 1', { onDuplicateKeyUpdate: true }],
    ['INSERT INTO t (a) VALUES (1) AS new ON DUPLICATE KEY UPDATE a = new.a', { onDuplicateKeyUpdate: true, rowCount: 1 }],
    ['INSERT IGNORE INTO t2 SELECT * FROM t1', { ignore: true, source: 'select', sourceTables: [t('t1')] }],
    ['INSERT INTO t2 (a) (SELECT a FROM t1 UNION SELECT a FROM t3)', { source: 'select', sourceTables: [t('t1'), t('t3')] }],
    ['INSERT LOW_PRIORITY INTO shop.t2 (a) SELECT a FROM shop.t1', { table: t('t2', 'shop'), sourceTables: [t('t1', 'shop')] }],
    ['INSERT INTO t VALUES ROW(1, 2), ROW(3, 4)', { rowCount: 2 }],
  ])('%s', (sql, expected) => {
    expect(parse(sql).operation).toMatchObject({ kind: 'insert', ...expected });
  });
});

describe('WITH … DELETE / UPDATE', () => {
  it('types the statement by what follows the common table expressions', () => {
    const p = parse('WITH stale AS (SELECT id FROM sessions WHERE last_seen < NOW() - INTERVAL 1 DAY) DELETE FROM sessions WHERE id IN (SELECT id FROM stale) LIMIT 100');
    expect(p.operation).toMatchObject({ kind: 'delete', targets: [t('sessions')], where: { sql: 'id IN (SELECT id FROM stale)' }, limit: 100 });
    const u = parse('WITH x AS (SELECT 1 AS id) UPDATE t SET a = 1 WHERE id IN (SELECT id FROM x)');
    expect(u.operation).toMatchObject({ kind: 'update', tables: [t('t')], assignments: [{ column: 'a', value: '1' }] });
  });
});

describe('large INSERT … VALUES (data dumps): tuples are counted without tokenizing them', () => {
  const tuples = (n: number) => Array.from({ length: n }, (_, i) => `(${i},'it''s ${i} (not a row)','a\\'b',NULL)`).join(',\n');
  it('gives what the token path gives', () => {
    const big = `INSERT INTO \`shop\`.\`t\` (id, name, note, x) VALUES ${tuples(5000)}`;
    expect(big.length).toBeGreaterThan(100_000);
    const small = `INSERT INTO \`shop\`.\`t\` (id, name, note, x) VALUES ${tuples(3)}`;
    const p = parse(big);
    expect(p.operation).toEqual({ ...parse(small).operation, rowCount: 5000 });
    expect(p.tables).toEqual([t('t', 'shop')]);
  });
  it('ON DUPLICATE KEY UPDATE, AS alias and ROW()', () => {
    const p = parse(`REPLACE LOW_PRIORITY INTO t VALUES ${tuples(4000)} AS new ON DUPLICATE KEY UPDATE name = VALUES(name), x = (new.x)`);
    expect(p.operation).toMatchObject({ rowCount: 4000, replace: true, onDuplicateKeyUpdate: true, columns: [] });
    expect(parse(`INSERT INTO t VALUES ${tuples(4000).replaceAll('\n(', '\nROW(')}`).operation).toMatchObject({ rowCount: 4000 });
  });
  it('still reports broken quoting and parentheses at their place', () => {
    const sql = `INSERT INTO t VALUES ${tuples(4000)},\n(1, 'unterminated)`;
    let err: unknown;
    try {
      parse(sql);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParseError);
    expect(err).toMatchObject({ line: 4001, column: 5 });
    expect(() => parse(`INSERT INTO t VALUES ${tuples(4000)}, (1, 2`)).toThrow(/unclosed '\('/);
  });
});

describe('SELECT', () => {
  it.each([
    ['SELECT COUNT(*) FROM users WHERE active = 1', [t('users')]],
    ['SELECT u.id FROM users u JOIN orders o ON o.user_id = u.id', [t('users'), t('orders')]],
    ['SELECT 1', []],
    ['WITH recent AS (SELECT * FROM orders) SELECT * FROM recent', [t('orders')]],
  ])('%s', (sql, tables) => {
    const p = parse(sql);
    expect(p.operation).toEqual({ kind: 'select', tables });
    expect(p.tables).toEqual(tables);
  });
});
