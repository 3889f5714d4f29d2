import { describe, expect, it } from 'vitest';
import { dropCheck } from '../../analyzers/drop-check.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

const P = { create: 'CREATE TABLE products (id INT PRIMARY KEY, price DECIMAL(10,2), parent_id INT, CONSTRAINT chk_price CHECK (price >= 0), CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES products (id))' };

describe('drop-check', () => {
  it('accepts: a check redefined in the same statement, a constraint known to be a foreign key', () => {
    expectNoFindings(dropCheck, 'ALTER TABLE products DROP CHECK chk_price, ADD CONSTRAINT chk_price CHECK (price > 0);', { tables: { products: P } });
    expectNoFindings(dropCheck, 'ALTER TABLE products DROP CONSTRAINT fk_parent;', { tables: { products: P } });
  });

  it('reports: DROP CHECK with the rule it removes', () => {
    const [f] = expectFindings(dropCheck, 'ALTER TABLE products DROP CHECK chk_price;', { tables: { products: P } });
    expect(f!.message).toMatch(/^CHECK constraint chk_price on products \(price >= 0\) is dropped/);
    expectFindings(dropCheck, 'ALTER TABLE products DROP CONSTRAINT chk_price;', { tables: { products: P } });
  });

  it('reports: DROP CONSTRAINT of an unknown name is unknown, needs approval', () => {
    const [f] = expectFindings(dropCheck, 'ALTER TABLE products DROP CONSTRAINT c1;');
    expect(f!.message).toContain('Unknown — needs approval');
  });
});
