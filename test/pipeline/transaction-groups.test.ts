import { describe, expect, it } from 'vitest';
import { parseSql } from '../../src/parser/parse.js';
import { transactionGroups } from '../../src/pipeline/transaction-groups.js';

const groups = (sql: string) => transactionGroups(parseSql(sql, 'm.sql'));

describe('transactionGroups', () => {
  it('groups the data changes between BEGIN and COMMIT or ROLLBACK', () => {
    expect(groups('START TRANSACTION; UPDATE a SET n = 1; DELETE FROM b WHERE id < 9; COMMIT; UPDATE c SET n = 2;')).toEqual([{ begin: 0, end: 3, endedBy: 'commit', dml: [1, 2] }]);
    expect(groups('BEGIN; INSERT INTO a VALUES (1); ROLLBACK;')).toEqual([{ begin: 0, end: 2, endedBy: 'rollback', dml: [1] }]);
  });

  it('ends a group at DDL (implicit commit) or at a second BEGIN, and reports one never ended', () => {
    expect(groups('BEGIN; UPDATE a SET n = 1; ALTER TABLE a ADD COLUMN x INT; UPDATE a SET n = 2; COMMIT;')).toEqual([{ begin: 0, end: 2, endedBy: 'ddl', dml: [1] }]);
    expect(groups('BEGIN; UPDATE a SET n = 1; BEGIN; UPDATE b SET n = 1; UPDATE c SET n = 1;')).toEqual([
      { begin: 0, end: 2, endedBy: 'commit', dml: [1] },
      { begin: 2, end: null, endedBy: null, dml: [3, 4] },
    ]);
  });

  it('finds nothing in autocommit migrations', () => {
    expect(groups('UPDATE a SET n = 1; DELETE FROM b; ALTER TABLE a ADD COLUMN x INT;')).toEqual([]);
  });
});
