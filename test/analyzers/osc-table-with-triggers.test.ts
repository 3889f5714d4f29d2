import { describe, expect, it } from 'vitest';
import { oscTableWithTriggers } from '../../analyzers/osc-table-with-triggers.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { LOGS } from './locking-fixtures.js';

const logs = (triggers: { name: string; event: 'INSERT' | 'UPDATE' | 'DELETE'; timing: 'BEFORE' | 'AFTER' }[]) => ({ server: 'mysql:8.4', tables: { logs: { create: LOGS, rows: 2_000_000, triggers } } });

describe('osc-table-with-triggers', () => {
  it('warns and adds the trigger flags to both tools', () => {
    const [f] = expectFindings(oscTableWithTriggers, 'ALTER TABLE logs MODIFY message TEXT', logs([{ name: 'logs_audit', event: 'INSERT', timing: 'AFTER' }]));
    expect(f!.severity).toBe('warning');
    expect(f!.message).toMatch(/logs has trigger logs_audit\./);
    expect(f!.alternatives[0]!.sql[0]).toContain('--preserve-triggers');
    expect(f!.alternatives[1]!.sql[0]).toContain('--include-triggers');
  });

  it('counts triggers created earlier in the migration', () => {
    const sql = "CREATE TRIGGER logs_ins AFTER INSERT ON logs FOR EACH ROW SET @n = 1;\nALTER TABLE logs MODIFY message TEXT;";
    expect(expectFindings(oscTableWithTriggers, sql, logs([]))[0]!.message).toMatch(/trigger logs_ins/);
  });

  it('stays silent without triggers', () => {
    expectNoFindings(oscTableWithTriggers, 'ALTER TABLE logs MODIFY message TEXT', logs([]));
  });
});
