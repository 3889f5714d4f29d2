import { describe, expect, it } from 'vitest';
import { addColumnNotInstant } from '../../analyzers/add-column-not-instant.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('add-column-not-instant', () => {
  it('on MySQL 8.0.20 a positioned column rebuilds; added last it would be instant', () => {
    const [f] = expectFindings(addColumnNotInstant, 'ALTER TABLE orders ADD COLUMN ref INT NULL AFTER id', withOrders(2_000_000, {}, 'mysql:8.0.20'));
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/Adding orders\.ref AFTER id is not instant on MySQL 8\.0\.20/);
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `orders` ADD COLUMN `ref` INT NULL, ALGORITHM=INSTANT']);
  });

  it('MySQL 8.0.29 is treated as unsafe for instant ADD COLUMN, MySQL 5.7 has no INSTANT at all', () => {
    const [f] = expectFindings(addColumnNotInstant, 'ALTER TABLE orders ADD COLUMN ref INT NULL', withOrders(2_000_000, {}, 'mysql:8.0.29'));
    expect(f!.message).toMatch(/8\.0\.29.*(corrupt|upgrade)/);
    expect(f!.alternatives[0]!.sql[0]).toMatch(/ALGORITHM=INPLACE, LOCK=NONE$/);
    expect(expectFindings(addColumnNotInstant, 'ALTER TABLE orders ADD COLUMN ref INT NULL', withOrders(2_000_000, {}, 'mysql:5.7'))[0]!.message).toMatch(/before 8\.0\.12/);
    expectNoFindings(addColumnNotInstant, 'ALTER TABLE orders ADD COLUMN ref INT NULL', withOrders(2_000_000, {}, 'mysql:8.0.30'));
  });

  it('is instant at any position on MySQL 8.4 and MariaDB 10.11', () => {
    expectNoFindings(addColumnNotInstant, 'ALTER TABLE orders ADD COLUMN ref INT NULL AFTER id', withOrders(2_000_000, {}, 'mysql:8.4'));
    expectNoFindings(addColumnNotInstant, 'ALTER TABLE orders ADD COLUMN ref INT NULL FIRST', withOrders(2_000_000, {}, 'mariadb:10.11'));
    expectNoFindings(addColumnNotInstant, 'ALTER TABLE orders ADD COLUMN ref INT NULL', withOrders(2_000_000, {}, 'mysql:8.0.20'));
  });

  it('splits an instant ADD COLUMN from a clause that needs a rebuild', () => {
    const [f] = expectFindings(addColumnNotInstant, 'ALTER TABLE orders ADD COLUMN ref INT NULL, ADD PRIMARY KEY (id, customer_id)', withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.message).toMatch(/could be instant on MySQL 8\.4, but the same statement also does ADD PRIMARY KEY/);
    expect(f!.alternatives[0]!.sql[0]).toBe('ALTER TABLE `orders` ADD COLUMN `ref` INT NULL, ALGORITHM=INSTANT;');
  });

  it('rebuilds on a table with a FULLTEXT index on MySQL 8.4', () => {
    const create = 'CREATE TABLE docs (id INT PRIMARY KEY, body TEXT, FULLTEXT KEY ft_body (body))';
    const [f] = expectFindings(addColumnNotInstant, 'ALTER TABLE docs ADD COLUMN title VARCHAR(10)', { server: 'mysql:8.4', tables: { docs: { create, rows: 50_000 } } });
    expect(f!.message).toMatch(/FULLTEXT/);
    expect(f!.severity).toBe('warning');
  });
});
