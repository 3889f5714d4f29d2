import { describe, expect, it } from 'vitest';
import { duplicateIndex } from '../../analyzers/duplicate-index.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

const ORDERS = { create: 'CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, status VARCHAR(10), KEY idx_cust_status (customer_id, status))' };

describe('duplicate-index', () => {
  it('accepts: new leading columns, UNIQUE on a prefix of a plain index, replacing a dropped index', () => {
    expectNoFindings(duplicateIndex, 'CREATE INDEX idx_status ON orders (status);', { tables: { orders: ORDERS } });
    expectNoFindings(duplicateIndex, 'ALTER TABLE orders ADD UNIQUE KEY uk_cust (customer_id);', { tables: { orders: ORDERS } });
    expectNoFindings(duplicateIndex, 'ALTER TABLE orders DROP INDEX idx_cust_status, ADD INDEX idx_cust (customer_id);', { tables: { orders: ORDERS } });
  });

  it('reports: an index that is a leftmost prefix of an existing one', () => {
    const [f] = expectFindings(duplicateIndex, 'CREATE INDEX idx_cust ON orders (customer_id);', { tables: { orders: ORDERS } });
    expect(f!.severity).toBe('warning');
    expect(f!.message).toMatch(/^Index idx_cust on orders \(customer_id\) is a leftmost prefix of index idx_cust_status \(customer_id, status\)/);
  });

  it('reports: an exact duplicate of the primary key within one CREATE TABLE', () => {
    const [f] = expectFindings(duplicateIndex, 'CREATE TABLE t (id INT PRIMARY KEY, KEY idx_id (id));');
    expect(f!.message).toMatch(/has exactly the columns of the PRIMARY KEY/);
  });
});
