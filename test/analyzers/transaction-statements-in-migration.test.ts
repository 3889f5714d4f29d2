import { describe, expect, it } from 'vitest';
import { transactionStatementsInMigration } from '../../analyzers/transaction-statements-in-migration.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('transaction-statements-in-migration', () => {
  it('accepts: migrations without transaction statements', () => {
    expectNoFindings(transactionStatementsInMigration, "UPDATE a SET x = 1 WHERE id = 1;\nINSERT INTO b (id) VALUES (1);");
  });

  it('reports: BEGIN … COMMIT around DDL, saying the DDL breaks the atomicity', () => {
    const fs = expectFindings(transactionStatementsInMigration, 'START TRANSACTION;\nALTER TABLE a ADD COLUMN x INT;\nUPDATE a SET x = 1 WHERE id = 1;\nCOMMIT;');
    expect(fs.map((f) => f.location.line)).toEqual([1, 4]);
    expect(fs[0]!.message).toMatch(/^BEGIN in a migration file\. The migration also contains DDL, which commits implicitly/);
    expect(fs[1]!.severity).toBe('warning');
    expect(fs[1]!.alternatives[0]).toMatchObject({ title: 'Remove the COMMIT: let the runner decide transactions', sql: [], replacesStatement: true });
  });

  it('reports: a BEGIN that nothing ends is an error', () => {
    const [f] = expectFindings(transactionStatementsInMigration, 'BEGIN;\nUPDATE a SET x = 1 WHERE id = 1;');
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/stays open after the migration/);
  });
});
