import { describe, expect, it } from 'vitest';
import { dropDatabase } from '../../analyzers/drop-database.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('drop-database', () => {
  it('accepts: other opaque statements', () => {
    expectNoFindings(dropDatabase, 'CREATE DATABASE reporting;');
    expectNoFindings(dropDatabase, 'DROP VIEW v;');
  });

  it('reports: DROP DATABASE and DROP SCHEMA IF EXISTS, naming the schema', () => {
    const [f] = expectFindings(dropDatabase, 'DROP DATABASE shop;');
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/^DROP DATABASE shop deletes every table/);
    const [g] = expectFindings(dropDatabase, 'DROP SCHEMA IF EXISTS `old shop`;');
    expect(g!.message).toMatch(/^DROP SCHEMA old shop deletes/);
    expect(g!.alternatives[0]!.sql[1]).toContain("WHERE db = 'old shop'");
  });
});
