import { describe, expect, it } from 'vitest';
import { opaqueStatement } from '../../analyzers/opaque-statement.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('opaque-statement', () => {
  it('accepts: statements drydock models, and DROP DATABASE (drop-database judges it)', () => {
    expectNoFindings(opaqueStatement, 'ALTER TABLE a ADD COLUMN x INT;\nDELETE FROM a WHERE id = 1;\nDROP DATABASE old;');
  });

  it('reports: an unmodelled statement as unknown — needs approval', () => {
    const [f] = expectFindings(opaqueStatement, 'GRANT SELECT ON shop.* TO reporting;');
    expect(f!.severity).toBe('warning');
    expect(f!.message).toMatch(/^drydock does not model GRANT statements \(not modelled\).*Unknown — needs approval/);
  });

  it('reports: CREATE PROCEDURE too', () => {
    const [f] = expectFindings(opaqueStatement, 'CREATE PROCEDURE p() SELECT 1;');
    expect(f!.message).toContain('CREATE PROCEDURE');
  });
});
