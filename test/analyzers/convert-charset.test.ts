import { describe, expect, it } from 'vitest';
import { convertCharset } from '../../analyzers/convert-charset.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('convert-charset', () => {
  it('errs on MySQL (blocking copy) and checks unique keys under the new collation', () => {
    const [f] = expectFindings(convertCharset, 'ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci', withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/orders is converted to utf8mb4 \(utf8mb4_0900_ai_ci\) for about 2,000,000 rows\. On MySQL 8\.4 it runs with COPY/);
    expect(f!.message).toMatch(/UNIQUE index \(uq_email\)/);
    expect(f!.alternatives.some((a) => a.sql[0]!.startsWith("pt-online-schema-change --alter 'CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci'"))).toBe(true);
    expect(f!.alternatives.find((a) => a.kind === 'expand-contract')!.sql[0]).toMatch(/GROUP BY `email` COLLATE utf8mb4_0900_ai_ci HAVING COUNT\(\*\) > 1/);
  });

  it('offers the online copy on MariaDB 11.4', () => {
    const [f] = expectFindings(convertCharset, 'ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb4', withOrders(2_000_000, {}, 'mariadb:11.4'));
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `orders` CONVERT TO CHARACTER SET utf8mb4, ALGORITHM=COPY, LOCK=NONE']);
  });

  it('ignores a change of the table default only, and new tables', () => {
    expectNoFindings(convertCharset, 'ALTER TABLE orders DEFAULT CHARSET=utf8mb4', withOrders());
    expectNoFindings(convertCharset, 'CREATE TABLE t (id INT PRIMARY KEY);\nALTER TABLE t CONVERT TO CHARACTER SET utf8mb4;');
  });
});
