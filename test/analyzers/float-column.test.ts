import { describe, expect, it } from 'vitest';
import { floatColumn } from '../../analyzers/float-column.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('float-column', () => {
  it('accepts: DECIMAL and integer columns', () => {
    expectNoFindings(floatColumn, 'CREATE TABLE a (price DECIMAL(12,2), n INT);');
  });

  it('reports: a money-like FLOAT column as a warning', () => {
    const [f] = expectFindings(floatColumn, 'CREATE TABLE items (id INT PRIMARY KEY, price FLOAT(7,2));');
    expect(f!.severity).toBe('warning');
    expect(f!.message).toMatch(/items\.price is FLOAT\(7,2\).*The name price suggests.*deprecated since MySQL 8\.0\.17/);
  });

  it('reports: other DOUBLE columns as notes', () => {
    const [f] = expectFindings(floatColumn, 'ALTER TABLE readings ADD COLUMN temperature DOUBLE;');
    expect(f!.severity).toBe('info');
  });
});
