// Whole migration files in the styles tools produce (Rails structure.sql, Flyway with a
// DELIMITER block, Laravel --pretend output, MariaDB online changes): every statement is kept,
// typed and located.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSql } from '../../src/parser/parse.js';
import type { ParsedStatement } from '../../src/parser/statement.js';

const load = (name: string): readonly ParsedStatement[] =>
  parseSql(readFileSync(new URL(`../fixtures/parse/${name}`, import.meta.url), 'utf8'), `migrations/${name}`);
const t = (name: string, schema: string | null = null) => ({ schema, name });

describe('Rails structure.sql', () => {
  const s = load('rails-structure.sql');
  it('types every statement', () => {
    expect(s.map((x) => x.operation.kind)).toEqual(['set-variable', 'set-variable', 'create-table', 'set-variable', 'create-table', 'set-variable', 'insert']);
  });
  it('reads the tables and their keys', () => {
    expect(s[2]!.operation).toMatchObject({ kind: 'create-table', table: t('ar_internal_metadata'), indexes: [{ kind: 'primary', columns: [{ name: 'key' }] }] });
    expect(s[4]!.operation).toMatchObject({ foreignKeys: [{ name: 'fk_rails_3bf61a60d3', referencedTable: t('articles') }] });
    expect(s[4]!.tables).toEqual([t('comments'), t('articles')]);
    expect(s[5]!.operation).toEqual({ kind: 'set-variable', assignments: [{ scope: 'session', name: 'sql_log_bin', value: '@MYSQLDUMP_TEMP_LOG_BIN' }] });
    expect(s[6]!.operation).toMatchObject({ rowCount: 2, columns: ['version'] });
  });
  it('locates statements in the file', () => {
    expect(s.map((x) => x.location.line)).toEqual([1, 2, 3, 10, 11, 21, 22]);
  });
});

describe('Flyway migration with a stored procedure', () => {
  const s = load('flyway-v3.sql');
  it('types every statement', () => {
    expect(s.map((x) => (x.operation.kind === 'opaque' ? x.operation.verb : x.operation.kind))).toEqual([
      'set-variable', 'alter-table', 'update', 'CREATE PROCEDURE', 'CALL', 'DROP PROCEDURE', 'alter-table', 'rename-table',
    ]);
  });
  it('reads the multi-line ALTER with ALGORITHM and LOCK', () => {
    expect(s[1]!.operation).toMatchObject({
      algorithm: 'INPLACE',
      lock: 'NONE',
      actions: [
        { type: 'add-column', column: { name: 'status_code', dataType: 'TINYINT', unsigned: true, nullable: false, defaultValue: '0', position: { kind: 'after', column: 'status' } } },
        { type: 'add-index', index: { name: 'idx_orders_status_code' } },
      ],
    });
    expect(s[1]!.location).toMatchObject({ line: 3, column: 1 });
  });
  it('keeps CASE inside SET values and reads LIMIT', () => {
    expect(s[2]!.operation).toMatchObject({
      assignments: [{ column: 'status_code', value: "CASE status WHEN 'paid' THEN 1 WHEN 'shipped' THEN 2 ELSE 0 END" }],
      where: { sql: 'status_code = 0', columns: [{ table: null, column: 'status_code' }] },
      limit: 10000,
    });
  });
  it('names the tables a procedure body touches', () => {
    expect(s[3]!.tables).toEqual([t('orders')]);
  });
  it('reads RENAME INDEX next to DROP COLUMN, and multi-table RENAME', () => {
    expect(s[6]!.operation).toMatchObject({ actions: [{ type: 'drop-column', column: 'status' }, { type: 'rename-index', from: 'idx_orders_status_code', to: 'idx_status' }] });
    expect(s[7]!.tables.map((x) => x.name)).toEqual(['order_items', 'order_lines', 'order_items_archive', 'order_lines_archive']);
  });
});

describe('Laravel --pretend output', () => {
  const s = load('laravel-pretend.sql');
  it('types every statement', () => {
    expect(s.map((x) => x.operation.kind)).toEqual([
      'create-table', 'alter-table', 'alter-table', 'alter-table', 'alter-table', 'alter-table', 'alter-table', 'alter-table', 'delete', 'drop-table',
    ]);
    expect(s.flatMap((x) => (x.operation.kind === 'alter-table' ? x.operation.actions.map((a) => a.type) : []))).toEqual([
      'add-column', 'add-column', 'add-index', 'add-foreign-key', 'modify-column', 'rename-column', 'drop-index', 'drop-column',
    ]);
  });
  it('reads the create table options and the delete', () => {
    expect(s[0]!.operation).toMatchObject({ options: { CHARSET: 'utf8mb4', COLLATE: 'utf8mb4_unicode_ci' }, indexes: [{ kind: 'primary', columns: [{ name: 'id' }] }] });
    expect(s[1]!.operation).toMatchObject({ actions: [{ column: { name: 'departs_at', position: { kind: 'after', column: 'airline' } } }, { column: { name: 'seats', defaultValue: "'0'" } }] });
    expect(s[8]!.operation).toMatchObject({ where: { sql: "`departs_at` < '2020-01-01 00:00:00'", columns: [{ column: 'departs_at' }] } });
  });
});

describe('MariaDB online changes', () => {
  const s = load('mariadb-online.sql');
  it('types every statement', () => {
    expect(s.map((x) => (x.operation.kind === 'opaque' ? x.operation.verb : x.operation.kind))).toEqual([
      'alter-table', 'alter-table', 'alter-table', 'create-table', 'alter-table', 'delete', 'drop-table',
    ]);
  });
  it('reads ONLINE, IF [NOT] EXISTS, WAIT and NOCOPY', () => {
    expect(s[1]!.operation).toMatchObject({ online: true, lock: 'NONE', actions: [{ type: 'add-column', ifNotExists: true }] });
    expect(s[2]!.operation).toMatchObject({ wait: 2, algorithm: 'NOCOPY', actions: [{ type: 'drop-index', name: 'i', ifExists: true }] });
    expect(s[3]!.operation).toMatchObject({ orReplace: true, options: { ENGINE: 'Aria' } });
  });
  it('reads ALGORITHM from a MariaDB-only executable comment', () => {
    expect(s[4]!.operation).toMatchObject({ algorithm: 'INSTANT', actions: [{ type: 'modify-column', column: { name: 'note', nullable: true } }] });
  });
  it('DELETE … RETURNING (node-sql-parser rejects it) still has its WHERE and subquery table', () => {
    expect(s[5]!.parsedBy).toBe('fallback');
    expect(s[5]!.operation).toMatchObject({ targets: [t('big')], where: { sql: 'id IN (SELECT id FROM tmp_ids)', columns: [{ table: null, column: 'id' }] } });
    expect(s[5]!.tables).toEqual([t('big'), t('tmp_ids')]);
  });
});
