import { describe, expect, it } from 'vitest';
import { rowFormatChange } from '../../analyzers/row-format-change.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('row-format-change', () => {
  it('errs on a big table: ROW_FORMAT rebuilds it', () => {
    const [f] = expectFindings(rowFormatChange, 'ALTER TABLE orders ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8', withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/ROW_FORMAT=COMPRESSED, KEY_BLOCK_SIZE=8 on orders rebuilds the whole table/);
    expect(f!.alternatives[0]!.sql[0]).toMatch(/ALGORITHM=INPLACE, LOCK=NONE$/);
  });

  it('ignores AUTO_INCREMENT= and comments', () => {
    expectNoFindings(rowFormatChange, 'ALTER TABLE orders AUTO_INCREMENT=1000', withOrders());
  });
});
