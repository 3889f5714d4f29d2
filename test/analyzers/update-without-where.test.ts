import { describe, expect, it } from 'vitest';
import { updateWithoutWhere } from '../../analyzers/update-without-where.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

const USERS = { create: 'CREATE TABLE users (id INT PRIMARY KEY, plan VARCHAR(10), n INT)', rows: 3_000_000 };

describe('update-without-where', () => {
  it('accepts: an UPDATE with a WHERE, or of a table created in this migration', () => {
    expectNoFindings(updateWithoutWhere, "UPDATE users SET plan = 'free' WHERE plan IS NULL;", { tables: { users: USERS } });
    expectNoFindings(updateWithoutWhere, "CREATE TABLE t (id INT PRIMARY KEY, v INT);\nUPDATE t SET v = 1;");
  });

  it('reports: UPDATE without WHERE on 3M rows is an error with a keyset-batched rewrite', () => {
    const [f] = expectFindings(updateWithoutWhere, "UPDATE users SET plan = 'free', n = n + 1;", { tables: { users: USERS } });
    expect(f!.severity).toBe('error');
    expect(f!.message).toContain('rewrites all 3,000,000 rows (plan, n) in a single transaction');
    const alt = f!.alternatives[0]!;
    expect(alt.batched).toEqual({ verb: 'update', table: { schema: null, name: 'users' }, primaryKey: ['id'], where: null, set: "`plan` = 'free', `n` = n + 1", chunkRows: 1000 });
    expect(alt.sql).toContain("UPDATE `users` SET `plan` = 'free', `n` = n + 1 WHERE `id` > @last_id AND `id` <= @end_id;");
  });

  it('reports: WHERE 1=1 counts as none; without a schema the finding says why there is no batched rewrite', () => {
    const [f] = expectFindings(updateWithoutWhere, 'UPDATE users SET n = 0 WHERE 1=1;');
    expect(f!.severity).toBe('warning');
    expect(f!.alternatives).toEqual([]);
    expect(f!.message).toMatch(/No batched rewrite is proposed: drydock does not know the table's definition/);
  });

  it('reports: a joined UPDATE without WHERE rewrites every joined row', () => {
    const [f] = expectFindings(updateWithoutWhere, 'UPDATE users JOIN plans ON plans.id = users.plan SET users.n = plans.n;', { tables: { users: USERS } });
    expect(f!.message).toContain('rewrites every row the join with plans matches (n)');
    expect(f!.message).toContain('No batched rewrite is proposed: it joins other tables');
  });

  it('reports: an UPDATE that changes the primary key is not batched', () => {
    const [f] = expectFindings(updateWithoutWhere, 'UPDATE users SET id = id + 1000000;', { tables: { users: USERS } });
    expect(f!.message).toContain('it changes the primary key itself');
  });
});
