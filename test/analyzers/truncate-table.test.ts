import { describe, expect, it } from 'vitest';
import { truncateTable } from '../../analyzers/truncate-table.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

const SESSIONS = { create: 'CREATE TABLE sessions (id BIGINT AUTO_INCREMENT PRIMARY KEY, data TEXT)', rows: 1_500_000 };

describe('truncate-table', () => {
  it('accepts: a table created in this migration', () => {
    expectNoFindings(truncateTable, 'CREATE TABLE t (id INT);\nTRUNCATE TABLE t;');
  });

  it('reports: TRUNCATE of 1.5M rows lists its caveats and offers a batched delete', () => {
    const [f] = expectFindings(truncateTable, 'TRUNCATE TABLE sessions;', { tables: { sessions: SESSIONS } });
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/AUTO_INCREMENT restarts from 1.*DROP privilege/);
    expect(f!.alternatives[0]!.kind).toBe('batched');
    expect(f!.alternatives[0]!.notes.at(-1)).toMatch(/fires DELETE triggers/);
  });

  it('reports: a referenced table cannot be truncated, and the message says why', () => {
    const referencedBy = [{ table: { schema: null, name: 'events' }, foreignKey: { name: 'fk', columns: ['session_id'], referencedTable: { schema: null, name: 'sessions' }, referencedColumns: ['id'], onDelete: 'CASCADE', onUpdate: null } }];
    const [f] = expectFindings(truncateTable, 'TRUNCATE sessions;', { tables: { sessions: { ...SESSIONS, referencedBy } } });
    expect(f!.message).toMatch(/events references sessions by foreign key, so InnoDB refuses TRUNCATE \(error 1701\)/);
    expect(expectFindings(truncateTable, 'TRUNCATE sessions;', { tables: { sessions: { ...SESSIONS, rows: 0 } } })[0]!.severity).toBe('info');
  });
});
