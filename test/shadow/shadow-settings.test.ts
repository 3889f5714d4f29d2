import { describe, expect, it } from 'vitest';
import { parseServerVersion } from '../../src/db/connection.js';
import { compareSettings, sameServer, type ServerSettings } from '../../src/shadow/shadow-database.js';
import { pickBinary, serverArgs, type ServerBinary } from '../../src/shadow/server.js';

const settings = (raw: string, over: Partial<ServerSettings> = {}): ServerSettings => ({
  version: parseServerVersion(raw),
  bufferPoolBytes: 128 * 1048576,
  redoLogBytes: 96 * 1048576,
  flushLogAtTrxCommit: 1,
  doublewrite: true,
  binlog: false,
  syncBinlog: null,
  binlogFormat: null,
  sqlMode: 'STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION',
  characterSet: 'utf8mb4',
  collation: 'utf8mb4_general_ci',
  ...over,
});

describe('shadow versus target', () => {
  it('says nothing when they match', () => {
    expect(compareSettings(settings('10.11.19-MariaDB'), settings('10.11.5-MariaDB'))).toEqual([]);
  });

  it('warns about flavor, version and settings that change what is measured', () => {
    const w = compareSettings(
      settings('10.11.19-MariaDB', { bufferPoolBytes: 64 * 1048576, flushLogAtTrxCommit: 2, doublewrite: false, sqlMode: '' }),
      settings('8.0.36', { binlog: true }),
    ).join('\n');
    expect(w).toMatch(/shadow runs MariaDB 10\.11\.19 but the target runs MySQL 8\.0\.36/);
    expect(w).toMatch(/buffer pool is 64 MB, the target's 128 MB/);
    expect(w).toMatch(/innodb_flush_log_at_trx_commit is 2 on the shadow and 1/);
    expect(w).toMatch(/binary log/);
    expect(w).toMatch(/doublewrite/);
    expect(w).toMatch(/sql_mode differs/);
    expect(compareSettings(settings('8.4.1'), settings('8.0.36')).join('\n')).toMatch(/online DDL support and timings may differ/);
  });

  it('compares how often the binary log is synced when both write one', () => {
    const logged = { binlog: true, syncBinlog: 1 };
    expect(compareSettings(settings('9.7.4', logged), settings('9.7.4', logged))).toEqual([]);
    expect(compareSettings(settings('9.7.4', { ...logged, syncBinlog: 0 }), settings('9.7.4', logged)).join('\n')).toMatch(/sync_binlog is 0 on the shadow and 1/);
  });

  it('recognises one server behind two addresses', () => {
    const a = { serverUuid: null, hostname: 'db1', port: 3306, datadir: '/var/lib/mysql/' };
    expect(sameServer(a, { ...a })).toBe(true);
    expect(sameServer(a, { ...a, port: 3307 })).toBe(false);
    expect(sameServer({ ...a, serverUuid: 'u1' }, { ...a, serverUuid: 'u2' })).toBe(false);
    expect(sameServer({ ...a, serverUuid: 'u1' }, { serverUuid: 'u1', hostname: 'x', port: 1, datadir: null })).toBe(true);
  });
});

describe('private server', () => {
  const bin = (raw: string): ServerBinary => ({ path: `/bin/${raw}`, flavor: parseServerVersion(raw).flavor, version: parseServerVersion(raw) });
  const input = {
    dir: '/tmp/x', dataDir: '/tmp/x/data', filesDir: '/tmp/x/files', port: 4000, user: 'mysql', extraArgs: [],
    settings: { bufferPoolBytes: 1 << 28, redoLogBytes: 1 << 28, flushLogAtTrxCommit: 0 as const, doublewrite: false, binlog: null, sqlMode: null, characterSet: null, collation: null },
  };

  it('prefers the target flavor and falls back to whatever exists', () => {
    const list = [bin('10.11.19-MariaDB'), bin('9.7.4')];
    expect(pickBinary(list, 'mysql')?.flavor).toBe('mysql');
    expect(pickBinary(list, 'mariadb')?.flavor).toBe('mariadb');
    expect(pickBinary([bin('10.11.19-MariaDB')], 'mysql')?.flavor).toBe('mariadb');
    expect(pickBinary([], 'mysql')).toBeNull();
  });

  it('listens on loopback only, keeps files in its folder and uses each version\'s option names', () => {
    const maria = serverArgs(bin('10.11.19-MariaDB'), input);
    expect(maria[0]).toBe('--no-defaults');
    expect(maria).toContain('--bind-address=127.0.0.1');
    expect(maria).toContain('--port=4000');
    expect(maria).toContain('--socket=/tmp/x/mysqld.sock');
    expect(maria).toContain('--secure-file-priv=/tmp/x/files');
    expect(maria).toContain(`--innodb-log-file-size=${1 << 28}`);
    expect(maria).toContain('--innodb-doublewrite=0');
    expect(maria.some((a) => a.startsWith('--mysqlx'))).toBe(false);
    const my9 = serverArgs(bin('9.7.4'), input);
    expect(my9).toContain(`--innodb-redo-log-capacity=${1 << 28}`);
    expect(my9).toContain('--mysqlx=OFF');
    expect(my9).toContain('--innodb-doublewrite=OFF');
    expect(serverArgs(bin('8.0.20'), input)).toContain(`--innodb-log-file-size=${1 << 28}`);
    expect(serverArgs(bin('5.7.44'), input).some((a) => a.startsWith('--mysqlx'))).toBe(false);
    // Resizable in small steps: the dry run shrinks the pool for one measurement.
    expect(my9).toContain('--innodb-buffer-pool-chunk-size=1048576');
    expect(maria).toContain('--innodb-buffer-pool-chunk-size=1048576');
  });

  it('writes a binary log only when asked to, synced like the target\'s', () => {
    expect(serverArgs(bin('9.7.4'), input)).toContain('--skip-log-bin');
    const logged = serverArgs(bin('9.7.4'), { ...input, settings: { ...input.settings, doublewrite: true, binlog: { syncBinlog: 1, format: 'row' } } });
    expect(logged).not.toContain('--skip-log-bin');
    expect(logged).toEqual(expect.arrayContaining(['--log-bin=binlog', '--sync-binlog=1', '--binlog-format=ROW', '--innodb-doublewrite=ON']));
    const odd = serverArgs(bin('10.11.19-MariaDB'), { ...input, settings: { ...input.settings, binlog: { syncBinlog: 0, format: "ROW'; x" } } });
    expect(odd).toContain('--sync-binlog=0');
    expect(odd.some((a) => a.startsWith('--binlog-format'))).toBe(false);
  });
});
