import { describe, expect, it } from 'vitest';
import { changeColumnType } from '../../analyzers/change-column-type.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { BIG, withOrders } from './locking-fixtures.js';

describe('change-column-type', () => {
  it('errs on INT → BIGINT of a 1M-row table on MySQL 8.0, with OSC and expand-contract SQL', () => {
    const [f] = expectFindings(changeColumnType, 'ALTER TABLE big MODIFY col BIGINT', { server: 'mysql:8.0.20', tables: { big: BIG } });
    expect(f!.severity).toBe('error');
    expect(f!.table).toBe('big');
    expect(f!.column).toBe('col');
    expect(f!.message).toMatch(/big\.col changes type from INT to BIGINT for about 1,000,000 rows/);
    expect(f!.message).toMatch(/COPY.*writes to the table wait/);
    const kinds = f!.alternatives.map((a) => a.kind);
    expect(kinds).toContain('osc-tool');
    expect(kinds).toContain('expand-contract');
    expect(f!.alternatives.find((a) => a.kind === 'osc-tool')!.sql[0]).toBe(
      `pt-online-schema-change --alter 'MODIFY col BIGINT' --max-load Threads_running=50 --critical-load Threads_running=200 --set-vars lock_wait_timeout=5 D="$DB",t=big --execute`,
    );
    const plan = f!.alternatives.find((a) => a.kind === 'expand-contract')!;
    expect(plan.replacesStatement).toBe(false);
    expect(plan.sql[0]).toBe('ALTER TABLE `big` ADD COLUMN `col_new` BIGINT NULL, ALGORITHM=INSTANT;');
    expect(plan.sql).toContain('UPDATE `big` SET `col_new` = `col` WHERE `id` >= 1 AND `id` < 10001 AND `col_new` IS NULL AND `col` IS NOT NULL;');
    expect(plan.sql.at(-1)).toBe('ALTER TABLE `big` DROP COLUMN `col`, CHANGE COLUMN `col_new` `col` BIGINT;');
  });

  it('offers the online copy on MariaDB 11.4 (writes continue) but still errs on a big table', () => {
    const [f] = expectFindings(changeColumnType, 'ALTER TABLE big MODIFY col BIGINT', { server: 'mariadb:11.4', tables: { big: BIG } });
    expect(f!.message).toMatch(/reads and writes continue/);
    expect(f!.severity).toBe('error');
    const online = f!.alternatives.find((a) => a.kind === 'online-ddl')!;
    expect(online.sql).toEqual(['ALTER TABLE `big` MODIFY col BIGINT, ALGORITHM=COPY, LOCK=NONE']);
    expect(online.replacesStatement).toBe(true);
  });

  it('sizes the severity: a note on a small table, a warning in between', () => {
    expect(expectFindings(changeColumnType, 'ALTER TABLE orders MODIFY amount BIGINT', withOrders(2_000))[0]!.severity).toBe('info');
    expect(expectFindings(changeColumnType, 'ALTER TABLE orders MODIFY amount BIGINT', withOrders(200_000))[0]!.severity).toBe('warning');
  });

  it('warns in the plan that indexes and foreign keys on the column go with it', () => {
    const [f] = expectFindings(changeColumnType, 'ALTER TABLE orders MODIFY customer_id BIGINT NOT NULL', withOrders(2_000_000, {}, 'mysql:8.4'));
    const plan = f!.alternatives.find((a) => a.kind === 'expand-contract')!;
    expect(plan.notes.join(' ')).toMatch(/customer_id is part of index idx_customer, foreign key fk_customer: create the same on customer_id_new before the switch/);
  });

  it('warns when the current type is unknown (no target)', () => {
    const [f] = expectFindings(changeColumnType, 'ALTER TABLE big MODIFY col BIGINT');
    expect(f!.severity).toBe('warning');
    expect(f!.message).toMatch(/does not know its current definition.*on MariaDB 10\.11 writes wait for the whole copy/);
    expect(expectFindings(changeColumnType, 'ALTER TABLE big MODIFY col BIGINT', { server: 'mariadb:11.4' })[0]!.message).toMatch(/online copy: writes continue/);
  });

  it('ignores redefinitions that keep the type, VARCHAR widening and new tables', () => {
    expectNoFindings(changeColumnType, 'ALTER TABLE big MODIFY col INT NOT NULL', { server: 'mysql:8.0.20', tables: { big: BIG } });
    expectNoFindings(changeColumnType, 'ALTER TABLE orders MODIFY note VARCHAR(60)', withOrders());
    expectNoFindings(changeColumnType, 'CREATE TABLE t (id INT PRIMARY KEY, c INT);\nALTER TABLE t MODIFY c BIGINT;');
  });
});
