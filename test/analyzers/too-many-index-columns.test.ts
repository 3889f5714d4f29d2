import { describe, expect, it } from 'vitest';
import { tooManyIndexColumns } from '../../analyzers/too-many-index-columns.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('too-many-index-columns', () => {
  it('accepts: indexes with up to five columns', () => {
    expectNoFindings(tooManyIndexColumns, 'CREATE INDEX i ON t (a, b, c, d, e);');
  });

  it('reports: a six-column index', () => {
    const [f] = expectFindings(tooManyIndexColumns, 'ALTER TABLE t ADD INDEX wide (a, b, c, d, e, f);');
    expect(f!.severity).toBe('info');
    expect(f!.message).toMatch(/^Index wide on t has 6 columns \(a, b, c, d, e, f\)/);
  });

  it('reports: inside CREATE TABLE too', () => {
    expectFindings(tooManyIndexColumns, 'CREATE TABLE t (a INT, b INT, c INT, d INT, e INT, f INT, g INT, KEY k (a, b, c, d, e, f, g));');
  });
});
