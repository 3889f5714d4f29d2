import { describe, expect, it } from 'vitest';
import { instantRowVersionsExhausted } from '../../analyzers/instant-row-versions-exhausted.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('instant-row-versions-exhausted', () => {
  it('errs on MySQL 8.4 when the table has used all 64 row versions', () => {
    const [f] = expectFindings(instantRowVersionsExhausted, 'ALTER TABLE orders ADD COLUMN ref INT NULL', withOrders(2_000_000, { totalRowVersions: 64 }, 'mysql:8.4'));
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/orders has used 64 of its 64 instant row versions on MySQL 8\.4/);
    expect(f!.alternatives[0]!.sql[0]).toBe('ALTER TABLE `orders` FORCE, ALGORITHM=INPLACE, LOCK=NONE;');
  });

  it('counts instant column changes earlier in the migration', () => {
    const sql = 'ALTER TABLE orders ADD COLUMN a INT NULL;\nALTER TABLE orders ADD COLUMN b INT NULL;';
    const findings = expectFindings(instantRowVersionsExhausted, sql, withOrders(2_000_000, { totalRowVersions: 63 }, 'mysql:8.4'));
    const last = findings.at(-1)!;
    expect(last.message).toMatch(/used 64 of its 64 .*counting 1 earlier instant column change in this migration/);
  });

  it('warns when the budget is nearly spent', () => {
    expect(expectFindings(instantRowVersionsExhausted, 'ALTER TABLE orders DROP COLUMN note', withOrders(2_000_000, { totalRowVersions: 55 }, 'mysql:8.4'))[0]!.severity).toBe('warning');
  });

  it('knows 9.1 raised the limit to 255 and MariaDB has none', () => {
    expectNoFindings(instantRowVersionsExhausted, 'ALTER TABLE orders ADD COLUMN ref INT NULL', withOrders(2_000_000, { totalRowVersions: 64 }, 'mysql:9.1'));
    expectNoFindings(instantRowVersionsExhausted, 'ALTER TABLE orders ADD COLUMN ref INT NULL', withOrders(2_000_000, { totalRowVersions: 64 }, 'mariadb:11.4'));
    expectNoFindings(instantRowVersionsExhausted, 'ALTER TABLE orders ADD COLUMN ref INT NULL', withOrders(2_000_000, { totalRowVersions: 10 }, 'mysql:8.4'));
  });
});
