import { describe, expect, it } from 'vitest';
import { alterClauses, buildAlter, formatClause, quoteIdent, renderColumn, splitTopLevel } from '../../../src/analysis/alternatives/online-ddl.js';
import { shellQuote } from '../../../src/analysis/alternatives/osc-tools.js';
import { parseSql } from '../../../src/parser/parse.js';

describe('alterClauses', () => {
  it('splits on top-level commas only and keeps clauses verbatim', () => {
    expect(alterClauses("ALTER TABLE `t` ADD COLUMN c ENUM('a,b','c') NOT NULL DEFAULT 'a,b', ADD INDEX i (c, d)")).toEqual([
      "ADD COLUMN c ENUM('a,b','c') NOT NULL DEFAULT 'a,b'",
      'ADD INDEX i (c, d)',
    ]);
  });

  it('drops ALGORITHM= and LOCK= wherever they are', () => {
    expect(alterClauses('ALTER TABLE t ALGORITHM=COPY, MODIFY c BIGINT, LOCK = SHARED')).toEqual(['MODIFY c BIGINT']);
    expect(alterClauses('ALTER TABLE t MODIFY c BIGINT ALGORITHM=INPLACE LOCK=NONE')).toEqual(['MODIFY c BIGINT']);
  });

  it('skips the head: ONLINE/IGNORE, schema-qualified names, MariaDB WAIT', () => {
    expect(alterClauses('ALTER ONLINE IGNORE TABLE `db`.`t 1` WAIT 5 ADD INDEX i (c)')).toEqual(['ADD INDEX i (c)']);
    expect(alterClauses('CREATE INDEX i ON t (c)')).toBeNull();
  });

  it('ignores commas in comments and backquoted names', () => {
    expect(splitTopLevel('a /* x, y */ b, `c,d` e -- f, g\n, h')).toEqual(['a /* x, y */ b', '`c,d` e -- f, g', 'h']);
  });
});

describe('clauses and quoting', () => {
  it('never puts LOCK= next to INSTANT', () => {
    expect(formatClause({ algorithm: 'INSTANT', lock: 'NONE' })).toBe('ALGORITHM=INSTANT');
    expect(formatClause({ algorithm: 'INPLACE', lock: 'NONE' })).toBe('ALGORITHM=INPLACE, LOCK=NONE');
    expect(buildAlter({ schema: 'shop', name: 'orders' }, ['ADD COLUMN x INT'], { algorithm: 'NOCOPY', lock: 'NONE' })).toBe(
      'ALTER TABLE `shop`.`orders` ADD COLUMN x INT, ALGORITHM=NOCOPY, LOCK=NONE',
    );
  });

  it('quotes identifiers and shell arguments safely', () => {
    expect(quoteIdent('we`ird')).toBe('`we``ird`');
    expect(shellQuote("MODIFY s ENUM('a','b')")).toBe(`'MODIFY s ENUM('\\''a'\\'','\\''b'\\'')'`);
  });

  it('renders a parsed column back to equivalent SQL', () => {
    const op = parseSql("ALTER TABLE t ADD COLUMN note VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT 'x' COMMENT 'it''s' AFTER id", 'm.sql')[0]!.operation;
    if (op.kind !== 'alter-table' || op.actions[0]!.type !== 'add-column') throw new Error('unexpected parse');
    const col = op.actions[0]!.column;
    expect(renderColumn(col)).toBe("`note` VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT 'x' COMMENT 'it''s' AFTER `id`");
    expect(renderColumn(col, { name: 'note_new', position: null, nullable: true, defaultValue: null })).toBe(
      "`note_new` VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL COMMENT 'it''s'",
    );
  });
});
