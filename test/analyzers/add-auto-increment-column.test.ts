import { describe, expect, it } from 'vitest';
import { addAutoIncrementColumn } from '../../analyzers/add-auto-increment-column.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { EVENTS } from './locking-fixtures.js';

const events = (rows: number, server = 'mysql:8.4') => ({ server, tables: { events: { create: EVENTS, rows } } });

describe('add-auto-increment-column', () => {
  it('errs: numbering every row blocks writes, on MySQL and MariaDB 11.4 alike', () => {
    for (const server of ['mysql:8.4', 'mariadb:11.4']) {
      const [f] = expectFindings(addAutoIncrementColumn, 'ALTER TABLE events ADD COLUMN id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY', events(3_000_000, server));
      expect(f!.severity).toBe('error');
      expect(f!.message).toMatch(/AUTO_INCREMENT column events\.id is added for about 3,000,000 rows.*writes to the table wait/);
      expect(f!.alternatives[0]!.sql[0]).toMatch(/^pt-online-schema-change --alter 'ADD COLUMN id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY'/);
    }
  });

  it('accepts ordinary columns and empty tables', () => {
    expectNoFindings(addAutoIncrementColumn, 'ALTER TABLE events ADD COLUMN n BIGINT NULL', events(3_000_000));
    expectNoFindings(addAutoIncrementColumn, 'ALTER TABLE events ADD COLUMN id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY', events(0));
  });
});
