import { describe, expect, it } from 'vitest';
import { narrowingColumnType } from '../../analyzers/narrowing-column-type.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('narrowing-column-type', () => {
  it('errs on INT → SMALLINT with a range check query', () => {
    const [f] = expectFindings(narrowingColumnType, 'ALTER TABLE orders MODIFY amount SMALLINT', withOrders());
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/orders\.amount narrows from INT to SMALLINT: SMALLINT holds a smaller range than INT/);
    expect(f!.alternatives[0]!.sql[0]).toBe('SELECT COUNT(*) FROM `orders` WHERE `amount` < -32768 OR `amount` > 32767;  -- expect 0');
  });

  it('errs on a shorter VARCHAR and on signed → unsigned', () => {
    const [f] = expectFindings(narrowingColumnType, 'ALTER TABLE orders MODIFY note VARCHAR(20)', withOrders());
    expect(f!.message).toMatch(/values longer than 20 are truncated or rejected/);
    expect(f!.alternatives[0]!.sql[0]).toBe('SELECT COUNT(*), MAX(CHAR_LENGTH(`note`)) FROM `orders` WHERE CHAR_LENGTH(`note`) > 20;  -- expect 0');
    expect(expectFindings(narrowingColumnType, 'ALTER TABLE orders MODIFY amount INT UNSIGNED', withOrders())[0]!.message).toMatch(/UNSIGNED cannot hold negative values/);
  });

  it('accepts widening and unchanged types', () => {
    expectNoFindings(narrowingColumnType, 'ALTER TABLE orders MODIFY amount BIGINT', withOrders());
    expectNoFindings(narrowingColumnType, 'ALTER TABLE orders MODIFY note VARCHAR(50) NOT NULL', withOrders());
    expectNoFindings(narrowingColumnType, 'ALTER TABLE orders MODIFY amount SMALLINT', withOrders(0));
  });
});
