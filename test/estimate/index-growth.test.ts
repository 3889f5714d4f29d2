import { describe, expect, it } from 'vitest';
import { indexMaintenanceGrowth } from '../../src/estimate/index-growth.js';
import { parseSql } from '../../src/parser/parse.js';
import type { CreateTableOperation } from '../../src/parser/statement.js';

const table = (sql: string): { definition: CreateTableOperation } => {
  const op = parseSql(sql, 'schema.sql')[0]!.operation;
  if (op.kind !== 'create-table') throw new Error('not a CREATE TABLE');
  return { definition: op };
};
const WATCHDOG = table('CREATE TABLE watchdog (wid INT NOT NULL AUTO_INCREMENT, uid INT NOT NULL, type VARCHAR(64) NOT NULL, msg TEXT, PRIMARY KEY (wid), KEY uid (uid), KEY `type` (`type`))');
const LOG = table('CREATE TABLE log (id INT NOT NULL AUTO_INCREMENT, msg TEXT, PRIMARY KEY (id))');
const TABLES = [WATCHDOG, LOG];
const grows = (sql: string, production = 9_000_000, shadow = 100_000) => indexMaintenanceGrowth(parseSql(sql, 'm.sql')[0]!, TABLES, production, shadow);
const growth = (sql: string, production?: number, shadow?: number): number | null => grows(sql, production, shadow)?.tableRatio ?? null;

describe('indexMaintenanceGrowth', () => {
  it('gives production rows over shadow rows for a DELETE of every row from a table with secondary indexes', () => {
    expect(growth('DELETE FROM watchdog')).toBe(90);
    expect(grows('DELETE FROM watchdog')?.change).toBe('delete');
  });

  it('and for a DELETE whose WHERE an index bounds (primary key or secondary)', () => {
    expect(growth('DELETE FROM watchdog WHERE wid <= 100000')).toBe(90);
    expect(growth("DELETE FROM watchdog WHERE type = 'cron'")).toBe(90);
  });

  it('not for a DELETE that scans the table for a few rows: the scan does not grow per row', () => {
    expect(growth("DELETE FROM watchdog WHERE msg LIKE '%x%'")).toBeNull();
  });

  it('for an UPDATE that assigns a column of a secondary index, or of the primary key, which every secondary entry holds', () => {
    expect(grows("UPDATE watchdog SET type = 'x'")).toEqual({ tableRatio: 90, change: 'update' });
    expect(growth('UPDATE watchdog SET uid = uid + 1 WHERE wid <= 5000')).toBe(90);
    expect(growth('UPDATE watchdog SET wid = wid + 10000000')).toBe(90);
  });

  it('not for an UPDATE of columns no index holds, nor one whose WHERE no index bounds', () => {
    expect(growth("UPDATE watchdog SET msg = 'x'")).toBeNull();
    expect(growth("UPDATE watchdog SET uid = 0 WHERE msg LIKE '%x%'")).toBeNull();
    expect(growth('UPDATE log SET id = id + 1')).toBeNull();
  });

  it('not for a table without secondary indexes, nor for other statements', () => {
    expect(growth('DELETE FROM log')).toBeNull();
    expect(growth("INSERT INTO watchdog (uid, type) VALUES (1, 'x')")).toBeNull();
    expect(growth('DELETE FROM unknown_table')).toBeNull();
  });

  it('not when production is no bigger than the shadow, or its size is unknown', () => {
    expect(growth('DELETE FROM watchdog', 100_000, 100_000)).toBeNull();
    expect(indexMaintenanceGrowth(parseSql('DELETE FROM watchdog', 'm.sql')[0]!, TABLES, null, 100_000)).toBeNull();
  });
});
