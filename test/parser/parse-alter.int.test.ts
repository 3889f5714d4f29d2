// What the parser reads out of ADD/MODIFY/CHANGE COLUMN and ADD INDEX is what the server then
// reports: each ALTER runs on both servers and the parsed definition is compared with
// information_schema. This guards attribute extraction (NULL, DEFAULT, COMMENT, position, …)
// against the real grammar rather than against the parser's own idea of it.
import { beforeAll, expect, it } from 'vitest';
import type mysql from 'mysql2/promise';
import { describeOnServers } from '../helpers/servers.js';
import { parseStatement } from '../../src/parser/parse.js';
import type { AlterTableOperation, ColumnDefinition } from '../../src/parser/statement.js';
import type { ServerVersion } from '../../src/db/capabilities/types.js';
import { executableCommentGate } from '../../src/parser/tokenize.js';

type Row = mysql.RowDataPacket;

const parseAlter = (sql: string, server?: ServerVersion): AlterTableOperation => {
  const statement = { index: 0, sql, location: { file: 'a.sql', line: 1, column: 1, offset: 0 }, endOffset: sql.length, delimiter: ';', leadingComments: [] };
  const op = parseStatement(statement, server ? { server } : {}).operation;
  if (op.kind !== 'alter-table') throw new Error(`expected alter-table for ${sql}`);
  return op;
};

const COLUMN_ALTERS: readonly string[] = [
  "ALTER TABLE t ADD COLUMN a INT NOT NULL DEFAULT 5 COMMENT 'the a' AFTER id",
  'ALTER TABLE t ADD COLUMN b VARCHAR(40) CHARACTER SET latin1 COLLATE latin1_bin NULL FIRST',
  "ALTER TABLE t ADD c ENUM('x','y''z') NOT NULL DEFAULT 'x'",
  'ALTER TABLE t ADD COLUMN d DECIMAL(9,3) UNSIGNED DEFAULT NULL, ALGORITHM=INPLACE',
  'ALTER TABLE t ADD COLUMN e DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)',
  'ALTER TABLE t ADD COLUMN f BIGINT AS (id * 2) STORED',
  'ALTER TABLE t ADD COLUMN g INT AS (id + 1) VIRTUAL',
  // MySQL runs the first comment; MariaDB ignores /*!8xxxx and runs its own /*M! comment.
  "ALTER TABLE t ADD COLUMN h CHAR(2) /*!80000 NOT NULL */ /*M!100300 NULL */ DEFAULT 'NL'",
  'ALTER TABLE t MODIFY COLUMN a BIGINT UNSIGNED NOT NULL DEFAULT 7',
  "ALTER TABLE t CHANGE b b2 VARCHAR(60) NOT NULL DEFAULT '' COMMENT 'renamed' AFTER a",
  'ALTER TABLE t ADD COLUMN (i TINYINT(1) NOT NULL DEFAULT 1, j SMALLINT NULL)',
  'ALTER TABLE t ADD COLUMN k TIME(2) NULL, ADD COLUMN l YEAR',
];

describeOnServers('ALTER TABLE column definitions as the server applies them', (db) => {
  const defs = new Map<string, ColumnDefinition>();
  beforeAll(async () => {
    await db().conn.query('CREATE TABLE t (id INT NOT NULL PRIMARY KEY, z INT) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4');
    for (const sql of COLUMN_ALTERS) {
      await db().conn.query(sql);
      for (const a of parseAlter(sql, db().version).actions) {
        if (a.type === 'add-column' || a.type === 'modify-column') defs.set(a.column.name, a.column);
        if (a.type === 'change-column') {
          defs.delete(a.from);
          defs.set(a.column.name, a.column);
        }
      }
    }
  });

  it('every parsed column matches information_schema.COLUMNS', async () => {
    const [rows] = await db().conn.query<Row[]>(
      `SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, CHARACTER_SET_NAME, COLLATION_NAME,
              CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, EXTRA, COLUMN_COMMENT
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't' ORDER BY ORDINAL_POSITION`,
    );
    const byName = new Map(rows.map((r) => [String(r['COLUMN_NAME']), r]));
    expect([...defs.keys()].sort()).toEqual([...byName.keys()].filter((n) => n !== 'id' && n !== 'z').sort());
    for (const [name, c] of defs) {
      const r = byName.get(name)!;
      expect(c.dataType.toLowerCase(), name).toBe(String(r['DATA_TYPE']));
      if (!c.generated) expect(c.nullable !== false, name).toBe(r['IS_NULLABLE'] === 'YES');
      expect(c.unsigned, name).toBe(/unsigned/.test(String(r['COLUMN_TYPE'])));
      expect(c.comment ?? '', name).toBe(r['COLUMN_COMMENT']);
      if (c.charset) expect(c.charset, name).toBe(r['CHARACTER_SET_NAME']);
      if (c.collation) expect(c.collation, name).toBe(r['COLLATION_NAME']);
      if (c.dataType === 'VARCHAR' || c.dataType === 'CHAR') expect(c.length, name).toBe(Number(r['CHARACTER_MAXIMUM_LENGTH']));
      if (c.dataType === 'DECIMAL') expect([c.length, c.scale], name).toEqual([Number(r['NUMERIC_PRECISION']), Number(r['NUMERIC_SCALE'])]);
      if (['TIME', 'DATETIME', 'TIMESTAMP'].includes(c.dataType)) expect(c.scale ?? 0, name).toBe(Number(r['DATETIME_PRECISION']));
      if (c.values) expect(`enum(${c.values.map((v) => `'${v.replaceAll("'", "''")}'`).join(',')})`, name).toBe(r['COLUMN_TYPE']);
      const extra = String(r['EXTRA']).toLowerCase();
      expect(c.generated?.stored ?? null, name).toBe(extra.includes('stored generated') ? true : extra.includes('virtual generated') ? false : null);
      expect(c.onUpdate !== null, name).toBe(extra.includes('on update'));
      // Literal defaults: the parsed SQL text, unquoted, is the stored default.
      if (c.defaultValue !== null && /^'.*'$|^-?\d+$/.test(c.defaultValue)) {
        expect(String(r['COLUMN_DEFAULT']).replace(/^'(.*)'$/, '$1'), name).toBe(c.defaultValue.replace(/^'(.*)'$/, '$1').replaceAll("''", "'"));
      }
      if (c.defaultValue === null && c.generated === null && c.nullable === false) expect(r['COLUMN_DEFAULT'], name).toBeNull();
    }
  });

  it('the executable comment a server runs is the one the parser reads for it', async () => {
    const [rows] = await db().conn.query<Row[]>('SELECT IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = \'t\' AND COLUMN_NAME = \'h\'');
    expect(rows[0]!['IS_NULLABLE']).toBe(db().version.flavor === 'mysql' ? 'NO' : 'YES');
    expect(defs.get('h')!.nullable).toBe(db().version.flavor === 'mariadb');
  });

  it('executableCommentGate predicts which comments the server runs', async () => {
    const versions = ['', '40101', '50100', '50699', '50700', '80000', '80023', '99999', '100000', '100300', '101100', '999999'];
    const cols = versions.flatMap((v, i) => [`1 /*!${v} +1 */ AS m${i}`, `1 /*M!${v} +1 */ AS d${i}`]);
    const [rows] = await db().conn.query<Row[]>(`SELECT ${cols.join(', ')}`);
    const gate = executableCommentGate(db().version);
    for (const [i, v] of versions.entries()) {
      const version = v === '' ? null : Number(v);
      expect(Number(rows[0]![`m${i}`]) === 2, `/*!${v}`).toBe(gate({ mariadbOnly: false, version }));
      expect(Number(rows[0]![`d${i}`]) === 2, `/*M!${v}`).toBe(gate({ mariadbOnly: true, version }));
    }
  });

  it('positions FIRST / AFTER are where the server put the columns', async () => {
    const [rows] = await db().conn.query<Row[]>(
      `SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't' ORDER BY ORDINAL_POSITION`,
    );
    const order = rows.map((r) => String(r['COLUMN_NAME']));
    // a was added AFTER id; b was added FIRST, then CHANGEd to b2 … AFTER a.
    expect(parseAlter(COLUMN_ALTERS[1]!).actions[0]).toMatchObject({ column: { position: { kind: 'first' } } });
    expect(defs.get('b2')!.position).toEqual({ kind: 'after', column: 'a' });
    expect(order.slice(0, 3)).toEqual(['id', 'a', 'b2']);
    expect(defs.get('a')!.position).toBeNull(); // the later MODIFY of a states no position
  });

  it('index definitions match information_schema.STATISTICS', async () => {
    const sql = 'ALTER TABLE t ADD INDEX ix_ab (a, b2(10) DESC), ADD UNIQUE KEY uq_c (c, id), ADD FULLTEXT INDEX ft_b (b2), LOCK=SHARED';
    await db().conn.query(sql);
    const [rows] = await db().conn.query<Row[]>(
      `SELECT INDEX_NAME, COLUMN_NAME, SUB_PART, NON_UNIQUE, INDEX_TYPE, COLLATION FROM information_schema.STATISTICS
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't' AND INDEX_NAME IN ('ix_ab', 'uq_c', 'ft_b') ORDER BY INDEX_NAME, SEQ_IN_INDEX`,
    );
    const op = parseAlter(sql);
    expect(op.lock).toBe('SHARED');
    for (const a of op.actions) {
      if (a.type !== 'add-index') throw new Error(`unexpected ${a.type}`);
      const rs = rows.filter((r) => r['INDEX_NAME'] === a.index.name);
      expect(a.index.columns.map((c) => c.name)).toEqual(rs.map((r) => r['COLUMN_NAME']));
      expect(a.index.columns.map((c) => c.length)).toEqual(rs.map((r) => (r['SUB_PART'] === null ? null : Number(r['SUB_PART']))));
      expect(a.index.kind === 'unique').toBe(Number(rs[0]!['NON_UNIQUE']) === 0);
      expect(a.index.kind === 'fulltext').toBe(rs[0]!['INDEX_TYPE'] === 'FULLTEXT');
      // MariaDB 10.11 stores DESC key parts too (COLLATION 'D').
      expect(a.index.columns.map((c) => c.descending)).toEqual(rs.map((r) => r['COLLATION'] === 'D'));
    }
  });
});
