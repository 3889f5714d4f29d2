// The gate scenario against real targets: `big` holds 1M rows, the migration changes a
// column type and deletes every row; lint with --target (a user with SELECT only) fails with both
// findings, each carrying its alternative SQL.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { formatServerUrl, parseServerUrl } from '../../src/db/connection.js';
import { describeOnServers } from '../helpers/servers.js';

const BIN = new URL('../../bin/drydock.js', import.meta.url).pathname;

describeOnServers('lint --target on a 1M-row table', (db) => {
  it('fails the gate with change-column-type and delete-all-rows, each with alternative SQL', async () => {
    const { conn, database } = db();
    await conn.query('CREATE TABLE big (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, col INT NOT NULL, note VARCHAR(20) NOT NULL)');
    // 1,000,000 rows: 1,000 VALUES rows, then a cross join of the table with itself.
    await conn.query('CREATE TABLE seq (n INT NOT NULL PRIMARY KEY)');
    await conn.query('INSERT INTO seq VALUES ?', [Array.from({ length: 1000 }, (_, i) => [i])]);
    await conn.query("INSERT INTO big (col, note) SELECT a.n, 'x' FROM seq a CROSS JOIN seq b");
    await conn.query('ANALYZE TABLE big');
    const user = `dd_ro_${database.slice(-6)}`;
    await conn.query(`CREATE USER '${user}'@'%' IDENTIFIED BY 's3cret-pw'`);
    await conn.query(`GRANT SELECT ON \`${database}\`.* TO '${user}'@'%'`);
    try {
      const dir = mkdtempSync(join(tmpdir(), 'dd-gate-'));
      writeFileSync(join(dir, '001_big.sql'), 'ALTER TABLE big MODIFY col BIGINT;\nDELETE FROM big;\n');
      const target = formatServerUrl({ ...parseServerUrl(db().url), user, password: 's3cret-pw' });
      const r = spawnSync(process.execPath, [BIN, 'lint', dir, '--target', target, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(1);
      expect(r.stdout).not.toContain('s3cret-pw');
      const report = JSON.parse(r.stdout);
      expect(report.summary.blocked).toBe(true);
      const [alter, del] = report.migrations[0].statements;
      const modify = alter.findings.find((f: { id: string }) => f.id === 'change-column-type');
      expect(modify).toMatchObject({ severity: 'error' });
      // information_schema estimates the size (±1 %): "about 99x,xxx rows" or "about 1,00x,xxx rows".
      expect(modify.message).toMatch(/about (9\d\d|1,0\d\d),\d{3} rows/);
      expect(alter.alternatives.some((a: { sql: string[] }) => a.sql.join('\n').includes('big'))).toBe(true);
      const deleteAll = del.findings.find((f: { id: string }) => f.id === 'delete-all-rows');
      expect(deleteAll).toMatchObject({ severity: 'error' });
      expect(del.alternatives.map((a: { kind: string }) => a.kind)).toEqual(expect.arrayContaining(['truncate', 'batched']));
      expect(del.alternatives.find((a: { kind: string }) => a.kind === 'truncate').sql).toEqual(['TRUNCATE TABLE `big`;']);
      // lint never writes to the target: the table still has every row.
      const [[{ n }]] = (await conn.query('SELECT COUNT(*) AS n FROM big')) as unknown as [[{ n: number }]];
      expect(Number(n)).toBe(1_000_000);
    } finally {
      await conn.query(`DROP USER '${user}'@'%'`);
    }
  });
});
