import { describe, expect, it } from 'vitest';
import { insertWithoutColumnList } from '../../analyzers/insert-without-column-list.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

const USERS = { create: 'CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL)' };

describe('insert-without-column-list', () => {
  it('accepts: INSERT with a column list, and INSERT … SET', () => {
    expectNoFindings(insertWithoutColumnList, "INSERT INTO users (id, email) VALUES (1, 'a');");
    expectNoFindings(insertWithoutColumnList, "INSERT INTO users SET id = 1, email = 'a';");
  });

  it('reports: positional VALUES, rewritten with the columns in the table\'s current order', () => {
    const [f] = expectFindings(insertWithoutColumnList, "INSERT IGNORE INTO users VALUES (1, 'a'), (2, 'b');", { tables: { users: USERS } });
    expect(f!.severity).toBe('warning');
    expect(f!.alternatives[0]!.sql).toEqual(["INSERT IGNORE INTO users (`id`, `email`) VALUES (1, 'a'), (2, 'b');"]);
  });

  it('reports: positional INSERT … SELECT without a schema (no rewrite)', () => {
    const [f] = expectFindings(insertWithoutColumnList, 'REPLACE INTO users SELECT * FROM old_users;');
    expect(f!.message).toMatch(/^REPLACE INTO users has no column list/);
    expect(f!.alternatives).toEqual([]);
  });
});
