import { describe, expect, it } from 'vitest';
import { loadBookkeepingMigrations, splitBookkeepingSql } from '../../src/state/bookkeeping-migrations.js';
import { classifyMigrations } from '../../src/state/migration-status.js';
import { describeHolder, runnerLockName } from '../../src/state/runner-lock.js';
import type { HistoryRow } from '../../src/state/state-store.js';

const row = (name: string, status: HistoryRow['status'], checksum: string): HistoryRow => ({
  name, checksum, status, statementsApplied: 1, statementsTotal: 2, attempts: 1, startedAt: null, finishedAt: null,
  error: null, approvedBy: null, reportHash: null, decision: null,
});
const mig = (name: string, checksum: string) => ({ name, file: `m/${name}.sql`, checksum, statements: [] });

describe('bookkeeping migrations', () => {
  it('splits our own SQL files on statement-ending semicolons, dropping comments', () => {
    expect(splitBookkeepingSql('-- c\nCREATE TABLE a (x INT);\n\nCREATE TABLE b (y VARCHAR(3) DEFAULT \';\');\n')).toEqual([
      'CREATE TABLE a (x INT)',
      "CREATE TABLE b (y VARCHAR(3) DEFAULT ';')",
    ]);
  });
  it('ships history, runner and checkpoint tables in order', () => {
    const ms = loadBookkeepingMigrations();
    expect(ms.map((m) => m.name)).toEqual(['0001_drydock_history', '0002_drydock_checkpoints']);
    expect(ms[0]!.statements.join('\n')).toMatch(/drydock_history[\s\S]*drydock_runner/);
    expect(ms[1]!.checksum).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('classifyMigrations', () => {
  it('tells applied, pending, interrupted, running and drifted apart', () => {
    const { entries, missing } = classifyMigrations(
      [mig('a', 'c1'), mig('b', 'c2'), mig('c', 'c3'), mig('d', 'c4'), mig('e', 'c5')],
      [row('a', 'success', 'c1'), row('b', 'success', 'OLD'), row('c', 'running', 'c3'), row('d', 'failed', 'c4'), row('gone', 'success', 'x')],
      ['e'],
      false,
    );
    expect(entries.map((e) => [e.name, e.state, e.source])).toEqual([
      ['a', 'applied', 'drydock'],
      ['b', 'drifted', 'drydock'],
      ['c', 'interrupted', 'drydock'],
      ['d', 'interrupted', 'drydock'],
      ['e', 'applied', 'kysely'],
    ]);
    expect(missing).toEqual(['gone']);
    expect(classifyMigrations([mig('c', 'c3')], [row('c', 'running', 'c3')], [], true).entries[0]!.state).toBe('running');
  });
});

describe('runner lock naming', () => {
  it('stays within the 64-character limit', () => {
    expect(runnerLockName('app')).toBe('drydock:app');
    expect(runnerLockName('x'.repeat(64)).length).toBeLessThanOrEqual(64);
  });
  it('names the holder in the refusal', () => {
    const msg = describeHolder('drydock:app', 'app', { connectionId: 42, host: 'web1', pid: 7, user: 'root@localhost', since: '2026-01-01 10:00:00' });
    expect(msg).toBe('another drydock apply is running on app: lock drydock:app is held by connection 42 (host web1, pid 7, user root@localhost) since 2026-01-01 10:00:00 UTC; wait for it to finish, or if that process is gone, end its session with KILL 42');
  });
});
