import { describe, expect, it } from 'vitest';
import { alterBlocksWrites } from '../../analyzers/alter-blocks-writes.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { BIG, withOrders } from './locking-fixtures.js';

describe('alter-blocks-writes', () => {
  it('errs on a table copy of a 1M-row table on MySQL, naming the action and offering OSC commands', () => {
    const [f] = expectFindings(alterBlocksWrites, 'ALTER TABLE big MODIFY col BIGINT', { server: 'mysql:8.4', tables: { big: BIG } });
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/^big stops accepting writes while this statement runs for about 1,000,000 rows \(MODIFY col\)\. On MySQL 8\.4 it runs with COPY/);
    const gh = f!.alternatives.find((a) => a.sql[0]!.startsWith('gh-ost'))!;
    expect(gh.sql[0]).toBe(`gh-ost --database="$DB" --table=big --alter='MODIFY col BIGINT' --max-lag-millis=1500 --cut-over-lock-timeout-seconds=3 --execute`);
  });

  it('blames an explicit LOCK=SHARED and offers the online clause', () => {
    const [f] = expectFindings(alterBlocksWrites, 'ALTER TABLE orders ADD INDEX idx_amount (amount), LOCK=SHARED', withOrders(2_000_000, {}, 'mysql:8.0.35'));
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `orders` ADD INDEX idx_amount (amount), ALGORITHM=INPLACE, LOCK=NONE']);
  });

  it('is silent for online changes, and for copies on MariaDB 11.4 (online copy)', () => {
    expectNoFindings(alterBlocksWrites, 'ALTER TABLE orders ADD INDEX idx_amount (amount)', withOrders(2_000_000, {}, 'mysql:8.4'));
    expectNoFindings(alterBlocksWrites, 'ALTER TABLE big MODIFY col BIGINT', { server: 'mariadb:11.4', tables: { big: BIG } });
    expectNoFindings(alterBlocksWrites, 'ALTER TABLE big MODIFY col BIGINT', { server: 'mysql:8.4', tables: { big: { ...BIG, rows: 0 } } });
  });

  it('is only a note on a small table, and an error when the size is unknown', () => {
    expect(expectFindings(alterBlocksWrites, 'ALTER TABLE big MODIFY col BIGINT', { server: 'mariadb:10.11', tables: { big: { ...BIG, rows: 500 } } })[0]!.severity).toBe('info');
    expect(expectFindings(alterBlocksWrites, 'ALTER TABLE big ADD FULLTEXT INDEX ft (col)', { server: 'mariadb:10.11' })[0]!.severity).toBe('error');
  });
});
