import { describe, expect, it } from 'vitest';
import { missingAlgorithmClause } from '../../analyzers/missing-algorithm-clause.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('missing-algorithm-clause', () => {
  it('proposes the clause the server accepts: INPLACE on MySQL, NOCOPY on MariaDB', () => {
    const [mysql] = expectFindings(missingAlgorithmClause, 'ALTER TABLE orders ADD INDEX idx_amount (amount)', withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(mysql!.severity).toBe('warning');
    expect(mysql!.message).toMatch(/MySQL 8\.4 runs it online with ALGORITHM=INPLACE, LOCK=NONE/);
    expect(mysql!.alternatives[0]!.sql).toEqual(['ALTER TABLE `orders` ADD INDEX idx_amount (amount), ALGORITHM=INPLACE, LOCK=NONE']);
    const [maria] = expectFindings(missingAlgorithmClause, 'ALTER TABLE orders ADD INDEX idx_amount (amount)', withOrders(2_000_000, {}, 'mariadb:10.11'));
    expect(maria!.alternatives[0]!.sql[0]).toMatch(/ALGORITHM=NOCOPY, LOCK=NONE$/);
  });

  it('proposes ALGORITHM=INSTANT without LOCK= for an instant change (a note)', () => {
    const [f] = expectFindings(missingAlgorithmClause, 'ALTER TABLE orders ADD COLUMN ref INT NULL', withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.severity).toBe('info');
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `orders` ADD COLUMN ref INT NULL, ALGORITHM=INSTANT']);
  });

  it('handles CREATE INDEX', () => {
    const [f] = expectFindings(missingAlgorithmClause, 'CREATE INDEX idx_amount ON orders (amount)', withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.alternatives[0]!.sql).toEqual(['CREATE INDEX idx_amount ON orders (amount) ALGORITHM=INPLACE LOCK=NONE']);
  });

  it('stays silent with a clause, on blocking statements and on new tables', () => {
    expectNoFindings(missingAlgorithmClause, 'ALTER TABLE orders ADD INDEX idx_amount (amount), ALGORITHM=INPLACE, LOCK=NONE', withOrders());
    expectNoFindings(missingAlgorithmClause, 'ALTER TABLE orders MODIFY amount BIGINT', withOrders(2_000_000, {}, 'mysql:8.4'));
    expectNoFindings(missingAlgorithmClause, 'CREATE TABLE t (id INT PRIMARY KEY);\nALTER TABLE t ADD COLUMN c INT;');
  });
});
