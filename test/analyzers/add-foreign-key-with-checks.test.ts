import { describe, expect, it } from 'vitest';
import { addForeignKeyWithChecks } from '../../analyzers/add-foreign-key-with-checks.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

const FK = 'ALTER TABLE orders ADD CONSTRAINT fk_amount FOREIGN KEY (amount) REFERENCES amounts (id)';

describe('add-foreign-key-with-checks', () => {
  it('errs with foreign_key_checks on, and gives the orphan check and the checks-off form', () => {
    const [f] = expectFindings(addForeignKeyWithChecks, FK, withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/Foreign key fk_amount on orders \(amount\) → amounts is added with foreign_key_checks=1/);
    expect(f!.alternatives[0]!.sql).toEqual([
      'SELECT COUNT(*) FROM `orders` c WHERE c.`amount` IS NOT NULL AND NOT EXISTS (SELECT 1 FROM `amounts` p WHERE p.`id` = c.`amount`);  -- expect 0',
      'SET SESSION foreign_key_checks = 0;',
      'ALTER TABLE `orders` ADD CONSTRAINT `fk_amount` FOREIGN KEY (`amount`) REFERENCES `amounts` (`id`), ALGORITHM=INPLACE, LOCK=NONE;',
      'SET SESSION foreign_key_checks = 1;',
    ]);
  });

  it('uses NOCOPY on MariaDB', () => {
    const [f] = expectFindings(addForeignKeyWithChecks, FK, withOrders(2_000_000, {}, 'mariadb:10.11'));
    expect(f!.alternatives[0]!.sql[2]).toMatch(/ALGORITHM=NOCOPY, LOCK=NONE;$/);
  });

  it('is silent after SET foreign_key_checks = 0', () => {
    expectNoFindings(addForeignKeyWithChecks, `SET foreign_key_checks = 0;\n${FK};`, withOrders(2_000_000, {}, 'mysql:8.4'));
  });
});
