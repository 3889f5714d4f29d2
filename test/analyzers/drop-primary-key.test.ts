import { describe, expect, it } from 'vitest';
import { dropPrimaryKey } from '../../analyzers/drop-primary-key.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

const T = { create: 'CREATE TABLE accounts (id INT NOT NULL, email VARCHAR(100) NOT NULL, PRIMARY KEY (id), UNIQUE KEY uk_email (email))', rows: 50_000 };

describe('drop-primary-key', () => {
  it('accepts: replacing the key in the same statement', () => {
    expectNoFindings(dropPrimaryKey, 'ALTER TABLE accounts DROP PRIMARY KEY, ADD PRIMARY KEY (email);', { tables: { accounts: T } });
    expectNoFindings(dropPrimaryKey, 'ALTER TABLE accounts ADD INDEX (email);', { tables: { accounts: T } });
  });

  it('reports: DROP PRIMARY KEY alone, proposing to promote the NOT NULL unique key in the same statement', () => {
    const [f] = expectFindings(dropPrimaryKey, 'ALTER TABLE accounts DROP PRIMARY KEY;', { tables: { accounts: T } });
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/^accounts loses its PRIMARY KEY \(id\)/);
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `accounts` DROP PRIMARY KEY, ADD PRIMARY KEY (`email`), ALGORITHM=INPLACE, LOCK=NONE;']);
  });

  it('reports: without a schema there is no candidate key to promote', () => {
    const [f] = expectFindings(dropPrimaryKey, 'ALTER TABLE accounts DROP PRIMARY KEY;');
    expect(f!.alternatives).toEqual([]);
  });
});
