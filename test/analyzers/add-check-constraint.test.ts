import { describe, expect, it } from 'vitest';
import { addCheckConstraint } from '../../analyzers/add-check-constraint.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

const CHECK = 'ALTER TABLE orders ADD CONSTRAINT chk_amount CHECK (amount >= 0)';

describe('add-check-constraint', () => {
  it('errs on MySQL 8.4 and offers NOT ENFORCED', () => {
    const [f] = expectFindings(addCheckConstraint, CHECK, withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.severity).toBe('error');
    expect(f!.alternatives[0]!.sql[0]).toBe('SELECT COUNT(*) FROM `orders` WHERE NOT (amount >= 0);  -- expect 0');
    expect(f!.alternatives[1]!.sql).toEqual(['ALTER TABLE `orders` ADD CONSTRAINT `chk_amount` CHECK (amount >= 0) NOT ENFORCED;']);
  });

  it('on MariaDB offers no NOT ENFORCED form (MariaDB has none)', () => {
    const [f] = expectFindings(addCheckConstraint, CHECK, withOrders(2_000_000, {}, 'mariadb:10.11'));
    expect(f!.alternatives.some((a) => a.sql.some((s) => s.includes('NOT ENFORCED')))).toBe(false);
  });

  it('MySQL before 8.0.16 ignores CHECK: nothing to report', () => {
    expectNoFindings(addCheckConstraint, CHECK, withOrders(2_000_000, {}, 'mysql:8.0.15'));
  });
});
