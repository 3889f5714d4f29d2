import { describe, expect, it } from 'vitest';
import { oscTableWithoutPrimaryKey } from '../../analyzers/osc-table-without-primary-key.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { EVENTS, withOrders } from './locking-fixtures.js';

const events = (rows: number) => ({ server: 'mysql:8.4', tables: { events: { create: EVENTS, rows } } });

describe('osc-table-without-primary-key', () => {
  it('warns when a copy of a keyless table would need an OSC tool', () => {
    const [f] = expectFindings(oscTableWithoutPrimaryKey, 'ALTER TABLE events MODIFY kind BIGINT', events(3_000_000));
    expect(f!.severity).toBe('warning');
    expect(f!.message).toMatch(/events has no PRIMARY KEY and no NOT NULL UNIQUE key \(events has about 3,000,000 rows\)\. This statement blocks writes/);
    expect(f!.alternatives[0]!.sql[0]).toBe('ALTER TABLE `events` ADD COLUMN `id` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST;');
  });

  it('stays silent for keyed tables, instant changes, and ALTERs that add the key', () => {
    expectNoFindings(oscTableWithoutPrimaryKey, 'ALTER TABLE orders MODIFY amount BIGINT', withOrders());
    expectNoFindings(oscTableWithoutPrimaryKey, 'ALTER TABLE events ADD COLUMN note INT NULL', events(3_000_000));
    expectNoFindings(oscTableWithoutPrimaryKey, 'ALTER TABLE events ADD PRIMARY KEY (kind)', events(3_000_000));
  });
});
