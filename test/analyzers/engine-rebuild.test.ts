import { describe, expect, it } from 'vitest';
import { engineRebuild } from '../../analyzers/engine-rebuild.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { withOrders } from './locking-fixtures.js';

describe('engine-rebuild', () => {
  it('ENGINE=InnoDB on an InnoDB table is an online null rebuild', () => {
    const [f] = expectFindings(engineRebuild, 'ALTER TABLE orders ENGINE=InnoDB', withOrders(2_000_000, {}, 'mysql:8.4'));
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/rebuilds the table although the engine stays the same/);
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `orders` ENGINE=InnoDB, ALGORITHM=INPLACE, LOCK=NONE']);
  });

  it('another engine copies the table with writes blocked', () => {
    const [f] = expectFindings(engineRebuild, 'ALTER TABLE orders ENGINE=MyISAM', withOrders(200_000, {}, 'mariadb:10.11'));
    expect(f!.severity).toBe('warning');
    expect(f!.message).toMatch(/moved to the MyISAM engine.*COPY/);
  });

  it('ignores other table options', () => {
    expectNoFindings(engineRebuild, "ALTER TABLE orders COMMENT='orders'", withOrders());
  });
});
