import { describe, expect, it } from 'vitest';
import { setGlobalVariable } from '../../analyzers/set-global-variable.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('set-global-variable', () => {
  it('accepts: session and user variables', () => {
    expectNoFindings(setGlobalVariable, 'SET SESSION lock_wait_timeout = 5;\nSET @x = 1;\nSET NAMES utf8mb4;');
  });

  it('reports: SET GLOBAL with a session-scoped rewrite', () => {
    const [f] = expectFindings(setGlobalVariable, 'SET GLOBAL innodb_lock_wait_timeout = 120;');
    expect(f!.message).toMatch(/^SET GLOBAL innodb_lock_wait_timeout = 120 changes the server for every session/);
    expect(f!.alternatives[0]!.sql).toEqual(['SET SESSION innodb_lock_wait_timeout = 120;']);
  });

  it('reports: SET PERSIST and @@global., one finding per assignment', () => {
    const fs = expectFindings(setGlobalVariable, 'SET PERSIST max_connections = 500, @@global.sql_mode = \'\';');
    expect(fs).toHaveLength(2);
    expect(fs[0]!.message).toContain('PERSIST even across restarts');
  });
});
