import { describe, expect, it } from 'vitest';
import { addFulltextIndex } from '../../analyzers/add-fulltext-index.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('add-fulltext-index', () => {
  it('errs: the first FULLTEXT index rebuilds and blocks writes', () => {
    const [f] = expectFindings(addFulltextIndex, 'ALTER TABLE orders ADD FULLTEXT INDEX ft_note (note)', withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/FULLTEXT index ft_note on orders \(note\) is built for about 2,000,000 rows\. On MySQL 8\.4 it runs with INPLACE, rebuilds the whole table, and writes to the table wait/);
    expect(f!.alternatives[0]!.sql[0]).toMatch(/^pt-online-schema-change --alter 'ADD FULLTEXT INDEX ft_note \(note\)'/);
  });

  it('also sees CREATE FULLTEXT INDEX; a note on a small table', () => {
    const [f] = expectFindings(addFulltextIndex, 'CREATE FULLTEXT INDEX ft_note ON orders (note)', withOrders(500, {}, 'mariadb:10.11'));
    expect(f!.severity).toBe('info');
  });

  it('ignores ordinary indexes', () => {
    expectNoFindings(addFulltextIndex, 'ALTER TABLE orders ADD INDEX idx_note (note)', withOrders());
  });
});
