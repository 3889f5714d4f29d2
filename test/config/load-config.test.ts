import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';

function dirWith(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'dd-config-'));
  writeFileSync(join(dir, 'drydock.config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

describe('loadConfig', () => {
  it('gives the defaults without a file', () => {
    expect(loadConfig({ cwd: mkdtempSync(join(tmpdir(), 'dd-empty-')), env: {} })).toEqual(DEFAULT_CONFIG);
  });

  it('reads the file and lets env and flags win', () => {
    const cwd = dirWith({ migrations: 'db/migrations', server: 'mysql:8.0', policy: { maxLockSeconds: 3, forbiddenRules: ['drop-table'] }, rules: { 'drop-column': { severity: 'warning' } } });
    const c = loadConfig({ cwd, env: { DRYDOCK_TARGET_URL: 'mysql://ro@db/app' }, overrides: { server: 'mariadb:10.11' } });
    expect(c).toMatchObject({ migrations: 'db/migrations', server: 'mariadb:10.11', target: 'mysql://ro@db/app', policy: { maxLockSeconds: 3, forbiddenRules: ['drop-table'] }, rules: { 'drop-column': { severity: 'warning' } } });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads the replicas to watch while batching', () => {
    const c = loadConfig({ cwd: dirWith({ execution: { replicaUrls: ['mysql://monitor@replica-1:3306'], maxReplicaLagSeconds: 2 } }), env: {} });
    expect(c.execution).toMatchObject({ replicaUrls: ['mysql://monitor@replica-1:3306'], maxReplicaLagSeconds: 2, chunkTargetMs: 500 });
  });

  it('names the file and key of a mistake', () => {
    expect(() => loadConfig({ cwd: dirWith({ polciy: {} }), env: {} })).toThrow(/unknown key "polciy"/);
    expect(() => loadConfig({ cwd: dirWith({ rules: { x: { severity: 'fatal' } } }), env: {} })).toThrow(/rules\.x\.severity/);
    expect(() => loadConfig({ cwd: dirWith('{ not json'), env: {} })).toThrow(/drydock\.config\.json is not valid JSON/);
    expect(() => loadConfig({ cwd: dirWith({ failOn: 'info' }), env: {} })).toThrow(/failOn/);
    expect(() => loadConfig({ cwd: dirWith({ execution: { replicaUrls: 'mysql://r1' } }), env: {} })).toThrow(/execution\.replicaUrls/);
    expect(() => loadConfig({ cwd: mkdtempSync(join(tmpdir(), 'dd-x-')), configFile: 'missing.json', env: {} })).toThrow(/does not exist/);
  });
});
