import { describe, expect, it } from 'vitest';
import { lockTablesInMigration } from '../../analyzers/lock-tables-in-migration.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('lock-tables-in-migration', () => {
  it('accepts: migrations without LOCK TABLES (UNLOCK TABLES alone is harmless)', () => {
    expectNoFindings(lockTablesInMigration, 'UNLOCK TABLES;\nALTER TABLE a ADD COLUMN x INT;');
  });

  it('reports: LOCK TABLES … WRITE is an error; a missing UNLOCK is called out', () => {
    const [f] = expectFindings(lockTablesInMigration, 'LOCK TABLES orders WRITE;\nUPDATE orders SET x = 1 WHERE id = 1;');
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/^LOCK TABLES orders … WRITE: until UNLOCK TABLES .* No UNLOCK TABLES follows/);
    expect(f!.alternatives[0]!.sql).toEqual(['SET SESSION lock_wait_timeout = 5;']);
  });

  it('reports: LOCK TABLES … READ is a warning', () => {
    const [f] = expectFindings(lockTablesInMigration, 'LOCK TABLES orders READ;\nSELECT 1;\nUNLOCK TABLES;');
    expect(f!.severity).toBe('warning');
    expect(f!.message).not.toContain('No UNLOCK TABLES follows');
  });
});
