import { describe, expect, it } from 'vitest';
import { changeColumnCollation } from '../../analyzers/change-column-collation.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('change-column-collation', () => {
  it('errs on a collation change of a uniquely indexed column, with a duplicate check', () => {
    const sql = 'ALTER TABLE orders MODIFY email VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci NULL';
    const [f] = expectFindings(changeColumnCollation, sql, withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/utf8mb4 \/ utf8mb4_general_ci → utf8mb4 \/ utf8mb4_0900_ai_ci/);
    expect(f!.message).toMatch(/unique index uq_email/);
    expect(f!.alternatives[0]!.sql[0]).toBe('SELECT `email` COLLATE utf8mb4_0900_ai_ci, COUNT(*) FROM `orders` GROUP BY `email` COLLATE utf8mb4_0900_ai_ci HAVING COUNT(*) > 1 LIMIT 10;  -- expect no rows');
  });

  it('stays silent when the collation is unchanged', () => {
    expectNoFindings(changeColumnCollation, 'ALTER TABLE orders MODIFY email VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL', withOrders(2_000_000, {}, 'mysql:8.4'));
  });

  it('is instant on MariaDB 10.11 for a non-indexed column, not on MySQL', () => {
    const sql = 'ALTER TABLE orders MODIFY note VARCHAR(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL';
    expectFindings(changeColumnCollation, sql, withOrders(2_000_000, {}, 'mysql:8.4'));
    expectNoFindings(changeColumnCollation, sql, withOrders(2_000_000, {}, 'mariadb:10.11'));
  });
});
