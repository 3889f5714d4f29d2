// apply and status as users run them (the built CLI): exit codes, refusal without approval,
// a harmless migration applied with --yes, then applied / drifted in status.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeOnServers } from '../helpers/servers.js';

const BIN = new URL('../../bin/drydock.js', import.meta.url).pathname;

function drydock(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true' }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describeOnServers('drydock apply / status (CLI)', (db) => {
  it('refuses what needs approval, applies what the policy approves, and reports status and drift', async () => {
    const { conn, url } = db();
    await conn.query('CREATE TABLE orders (id INT PRIMARY KEY, amount INT NOT NULL)');
    await conn.query('INSERT INTO orders VALUES (1, 10), (2, 20)');
    const dir = mkdtempSync(join(tmpdir(), 'dd-cli-apply-'));
    writeFileSync(join(dir, '001_add_note.sql'), 'ALTER TABLE orders ADD COLUMN note VARCHAR(20) NULL;\n');

    let r = drydock(dir, 'status', '.', '--target', url);
    expect(r.stdout).toMatch(/001_add_note\s+pending/);
    expect(r.code).toBe(0);

    // A second migration whose DELETE has an unknown row count: a person must approve it.
    writeFileSync(join(dir, '002_purge.sql'), 'DELETE FROM orders WHERE amount < 15;\n');
    r = drydock(dir, 'apply', '.', '--target', url, '--yes', '--static');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/need a person's approval; nothing was applied/);
    expect(r.stderr).toMatch(/002_purge/);

    // Without it, the instant ADD COLUMN is approved by the default policy and applied.
    writeFileSync(join(dir, '002_purge.sql'), '');
    r = drydock(dir, 'apply', '001_add_note.sql', '--target', url, '--yes', '--static');
    expect(r.stderr + r.stdout).toMatch(/001_add_note: success/);
    expect(r.code).toBe(0);
    const [cols] = await conn.query("SHOW COLUMNS FROM orders LIKE 'note'");
    expect(cols).toHaveLength(1);

    r = drydock(dir, 'status', '001_add_note.sql', '--target', url);
    expect(r.stdout).toMatch(/001_add_note\s+applied/);
    expect(r.code).toBe(0);

    // plan against the target plans only what is still to run there.
    r = drydock(dir, 'plan', '001_add_note.sql', '--target', url);
    expect(r.stdout).toContain('nothing to plan: every migration is applied on the target');
    expect(r.code).toBe(0);

    // Edited after it was applied: status says so and exits 1; apply refuses it.
    appendFileSync(join(dir, '001_add_note.sql'), '-- edited\n');
    r = drydock(dir, 'status', '001_add_note.sql', '--target', url);
    expect(r.stdout).toMatch(/001_add_note\s+EDITED AFTER APPLY/);
    expect(r.code).toBe(1);
  });
});
