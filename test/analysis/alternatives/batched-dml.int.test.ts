// The batched and TRUNCATE alternatives run on the real servers: the chunk loop the builder writes
// deletes/updates exactly the rows the original statement would, for single-column and composite
// keys, and TRUNCATE of a table other tables reference is refused as the truncate builder says.
import { expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import { batchedSql } from '../../../src/analysis/alternatives/batched-dml.js';
import type { BatchedDml } from '../../../src/analysis/analyzer.js';
import { describeOnServers } from '../../helpers/servers.js';

/** Runs the builder's chunk loop: chunk 1 once, then the repeated block until the end key is NULL. */
async function runLoop(exec: (sql: string) => Promise<unknown>, query: (sql: string) => Promise<RowDataPacket[]>, b: BatchedDml): Promise<number> {
  const sql = batchedSql(b).filter((s) => !s.startsWith('--'));
  expect(sql).toHaveLength(8);
  const first = sql.slice(0, 4);
  const next = sql.slice(4);
  const endVar = `@end_${b.primaryKey[0]}`;
  let chunks = 0;
  for (const s of first) await exec(s);
  chunks++;
  for (let guard = 0; guard < 100; guard++) {
    const [row] = await query(`SELECT ${endVar} IS NULL AS done`);
    if (Number(row!['done']) === 1) return chunks;
    for (const s of next) await exec(s);
    chunks++;
  }
  throw new Error('chunk loop did not end');
}

describeOnServers('batched DML and TRUNCATE alternatives', (db) => {
  const exec = (sql: string) => db().conn.query(sql);
  const query = async (sql: string) => (await db().conn.query<RowDataPacket[]>(sql))[0];

  it('deletes exactly the matching rows of a single-column key, chunk by chunk', async () => {
    await exec('DROP TABLE IF EXISTS bd_single');
    await exec('CREATE TABLE bd_single (id INT PRIMARY KEY, status VARCHAR(10) NOT NULL)');
    const values = Array.from({ length: 2500 }, (_, i) => `(${i * 3 + 7}, '${i % 4 === 0 ? 'old' : 'new'}')`).join(',');
    await exec(`INSERT INTO bd_single VALUES ${values}`);
    const b: BatchedDml = { verb: 'delete', table: { schema: null, name: 'bd_single' }, primaryKey: ['id'], where: "status = 'old'", set: null, chunkRows: 100 };
    const chunks = await runLoop(exec, query, b);
    expect(chunks).toBeGreaterThanOrEqual(7); // 625 matching rows / 100 per chunk (+ the final empty probe)
    expect((await query("SELECT COUNT(*) AS n FROM bd_single WHERE status = 'old'"))[0]!['n']).toBe(0);
    expect(Number((await query('SELECT COUNT(*) AS n FROM bd_single'))[0]!['n'])).toBe(1875);
  });

  it('updates every row of a composite key (INT, VARCHAR) once, without a WHERE', async () => {
    await exec('DROP TABLE IF EXISTS bd_composite');
    await exec('CREATE TABLE bd_composite (tenant INT NOT NULL, code VARCHAR(8) NOT NULL, n INT NOT NULL DEFAULT 0, PRIMARY KEY (tenant, code))');
    const values = Array.from({ length: 1200 }, (_, i) => `(${i % 7}, 'c${String(i).padStart(5, '0')}', 0)`).join(',');
    await exec(`INSERT INTO bd_composite VALUES ${values}`);
    const b: BatchedDml = { verb: 'update', table: { schema: null, name: 'bd_composite' }, primaryKey: ['tenant', 'code'], where: null, set: '`n` = `n` + 1', chunkRows: 250 };
    const chunks = await runLoop(exec, query, b);
    expect(chunks).toBe(6); // 5 chunks of 250 (the last partial) + the probe that finds nothing
    const [row] = await query('SELECT MIN(n) AS lo, MAX(n) AS hi, COUNT(*) AS c FROM bd_composite');
    expect([Number(row!['lo']), Number(row!['hi']), Number(row!['c'])]).toEqual([1, 1, 1200]);
  });

  it('refuses TRUNCATE of a table another table references (error 1701), as the truncate builder says', async () => {
    await exec('DROP TABLE IF EXISTS bd_child');
    await exec('DROP TABLE IF EXISTS bd_parent');
    await exec('CREATE TABLE bd_parent (id INT PRIMARY KEY) ENGINE=InnoDB');
    await exec('CREATE TABLE bd_child (id INT PRIMARY KEY, parent_id INT, FOREIGN KEY (parent_id) REFERENCES bd_parent (id)) ENGINE=InnoDB');
    await exec('INSERT INTO bd_parent VALUES (1), (2)');
    await expect(exec('TRUNCATE TABLE bd_parent')).rejects.toMatchObject({ errno: 1701 });
    await exec('DROP TABLE bd_child');
    await exec('DROP TABLE bd_parent');
  });

  it('TRUNCATE restarts AUTO_INCREMENT and skips DELETE triggers, as its caveats say', async () => {
    await exec('DROP TABLE IF EXISTS bd_log');
    await exec('DROP TABLE IF EXISTS bd_auto');
    await exec('CREATE TABLE bd_auto (id INT AUTO_INCREMENT PRIMARY KEY, v INT)');
    await exec('CREATE TABLE bd_log (n INT)');
    await exec('CREATE TRIGGER bd_auto_del AFTER DELETE ON bd_auto FOR EACH ROW INSERT INTO bd_log VALUES (OLD.id)');
    await exec('INSERT INTO bd_auto (v) VALUES (1), (2), (3)');
    await exec('TRUNCATE TABLE bd_auto');
    expect(Number((await query('SELECT COUNT(*) AS n FROM bd_log'))[0]!['n'])).toBe(0);
    await exec('INSERT INTO bd_auto (v) VALUES (4)');
    expect(Number((await query('SELECT id FROM bd_auto'))[0]!['id'])).toBe(1);
    await exec('DROP TABLE bd_auto');
    await exec('DROP TABLE bd_log');
  });
});
