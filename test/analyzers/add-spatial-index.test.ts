import { describe, expect, it } from 'vitest';
import { addSpatialIndex } from '../../analyzers/add-spatial-index.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

const places = (rows: number, server: string) => ({ server, tables: { places: { create: 'CREATE TABLE places (id INT PRIMARY KEY, pos POINT NOT NULL SRID 4326)', rows } } });

describe('add-spatial-index', () => {
  it('errs: the build blocks writes on MySQL and MariaDB', () => {
    for (const server of ['mysql:8.4', 'mariadb:10.11']) {
      const [f] = expectFindings(addSpatialIndex, 'ALTER TABLE places ADD SPATIAL INDEX sp_pos (pos)', places(3_000_000, server));
      expect(f!.severity).toBe('error');
      expect(f!.message).toMatch(/does not rebuild the table, and writes to the table wait/);
      expect(f!.alternatives.length).toBe(2);
    }
  });

  it('ignores ordinary indexes and empty tables', () => {
    expectNoFindings(addSpatialIndex, 'ALTER TABLE places ADD INDEX idx_id (id)', places(3_000_000, 'mysql:8.4'));
    expectNoFindings(addSpatialIndex, 'ALTER TABLE places ADD SPATIAL INDEX sp_pos (pos)', places(0, 'mysql:8.4'));
  });
});
