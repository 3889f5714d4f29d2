import { describe, expect, it } from 'vitest';
import { primaryKeyChange } from '../../analyzers/primary-key-change.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { EVENTS, withOrders } from './locking-fixtures.js';

describe('primary-key-change', () => {
  it('errs on DROP PRIMARY KEY alone (copy) and proposes replacing it in one statement', () => {
    const [f] = expectFindings(primaryKeyChange, 'ALTER TABLE orders DROP PRIMARY KEY', withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/dropped without a replacement.*COPY/);
    expect(f!.alternatives[0]!.sql[0]).toBe('ALTER TABLE `orders` DROP PRIMARY KEY, ADD PRIMARY KEY (<new key columns>), ALGORITHM=INPLACE, LOCK=NONE;');
  });

  it('reports a replacement as an in-place rebuild', () => {
    const [f] = expectFindings(primaryKeyChange, 'ALTER TABLE orders DROP PRIMARY KEY, ADD PRIMARY KEY (id, customer_id)', withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.message).toMatch(/is replaced .*INPLACE, rebuilds the whole table/);
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `orders` DROP PRIMARY KEY, ADD PRIMARY KEY (id, customer_id), ALGORITHM=INPLACE, LOCK=NONE']);
  });

  it('reports adding a primary key to a keyless table', () => {
    const [f] = expectFindings(primaryKeyChange, 'ALTER TABLE events ADD PRIMARY KEY (kind)', { server: 'mariadb:10.11', tables: { events: { create: EVENTS, rows: 20_000 } } });
    expect(f!.severity).toBe('warning');
  });

  it('ignores other index changes', () => {
    expectNoFindings(primaryKeyChange, 'ALTER TABLE orders ADD INDEX idx_amount (amount)', withOrders());
  });
});
