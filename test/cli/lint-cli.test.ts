// The CLI as users run it: the built binary (npm test builds first), its output and exit codes.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/drydock.js', import.meta.url).pathname;
const ROOT = new URL('../..', import.meta.url).pathname;

function drydock(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const OUTAGE = ['lint', 'examples/outage/migrations', '--schema', 'examples/outage/schema.sql', '--sizes', 'examples/outage/sizes.txt', '--server', 'mysql:8.0.35'];

describe('drydock lint (CLI)', () => {
  it('fails the gate on the outage migration, naming file:line and alternatives', () => {
    const r = drydock(...OUTAGE);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('examples/outage/migrations/0001_upgrade_schema.sql:5:1');
    expect(r.stdout).toMatch(/error\s+change-column-type\s+watchdog\.wid changes type/);
    expect(r.stdout).toMatch(/blocked$/m);
    expect(r.stderr).toBe('');
  });

  it('passes a harmless migration with exit 0', () => {
    const r = drydock('lint', 'test/fixtures/cli/clean', '--server', 'mariadb:10.11');
    expect(r.stdout).toMatch(/0 errors, \d+ warnings? in 1 statement \(1 migration\) — ok/);
    expect(r.code).toBe(0);
  });

  it('prints a one-screen parse error with exit 2 and no stack trace', () => {
    const r = drydock('lint', 'test/fixtures/cli/broken/001_broken.sql');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/test\/fixtures\/cli\/broken\/001_broken\.sql:2:\d+: unterminated string/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.split('\n').length).toBeLessThan(15);
    const garbage = drydock('lint', 'test/fixtures/cli/broken/002_garbage.sql');
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toMatch(/002_garbage\.sql:1:1/);
  });

  it('refuses bad flags and formats with exit 2', () => {
    expect(drydock('lint', '--no-such-flag').code).toBe(2);
    const r = drydock(...OUTAGE, '--format', 'yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown report format "yaml"/);
    expect(drydock('lint', 'does/not/exist').code).toBe(2);
  });

  it('writes the JSON contract', () => {
    const r = drydock(...OUTAGE, '--format', 'json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ schemaVersion: 1, server: { flavor: 'mysql' }, summary: { blocked: true } });
    const st = report.migrations[0].statements[0];
    expect(st).toMatchObject({ index: 0, location: { file: 'examples/outage/migrations/0001_upgrade_schema.sql', line: 5, column: 1 }, tables: ['watchdog'], lock: { algorithm: 'COPY', blocksWrites: true, blocksReads: false, rebuildsTable: true } });
    expect(st.findings.some((f: { id: string; severity: string }) => f.id === 'change-column-type' && f.severity === 'error')).toBe(true);
    expect(st.alternatives.length).toBeGreaterThan(0);
  });

  it('writes GitHub annotations on file:line', () => {
    const r = drydock(...OUTAGE, '--format', 'github');
    expect(r.stdout).toMatch(/^::error file=examples\/outage\/migrations\/0001_upgrade_schema\.sql,line=5,col=1,title=change-column-type::/m);
  });

  it('writes markdown and SARIF 2.1.0 that validates against the schema', () => {
    expect(drydock(...OUTAGE, '--format', 'markdown').stdout).toContain('| ');
    const r = drydock(...OUTAGE, '--format', 'sarif');
    const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as (ajv: Ajv) => Ajv;
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const log = JSON.parse(r.stdout);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.runs[0].results.length).toBeGreaterThan(0);
  });

  it('answers --help quickly and without loading the engine', () => {
    const t0 = Date.now();
    const r = drydock('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: drydock <command>');
    expect(drydock('lint', '--help').stdout).toContain('drydock:ignore');
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});
