import { describe, expect, it } from 'vitest';
import { changeColumnRenameViaChange } from '../../analyzers/change-column-rename-via-change.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

const T = { create: 'CREATE TABLE t (id INT PRIMARY KEY, price INT, name VARCHAR(20))' };

describe('change-column-rename-via-change', () => {
  it('accepts: MODIFY, RENAME COLUMN, and a CHANGE that only renames (rename-column reports that)', () => {
    expectNoFindings(changeColumnRenameViaChange, 'ALTER TABLE t MODIFY price BIGINT;', { tables: { t: T } });
    expectNoFindings(changeColumnRenameViaChange, 'ALTER TABLE t RENAME COLUMN price TO cost;', { tables: { t: T } });
    expectNoFindings(changeColumnRenameViaChange, 'ALTER TABLE t CHANGE price cost INT;', { tables: { t: T } });
  });

  it('reports: CHANGE a a … as a MODIFY in disguise', () => {
    const [f] = expectFindings(changeColumnRenameViaChange, 'ALTER TABLE t CHANGE price price BIGINT NOT NULL;', { tables: { t: T } });
    expect(f!.severity).toBe('info');
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `t` MODIFY COLUMN `price` BIGINT NOT NULL;']);
  });

  it('reports: a rename hidden in a type change, split into RENAME + MODIFY', () => {
    const [f] = expectFindings(changeColumnRenameViaChange, 'ALTER TABLE t CHANGE price cost DECIMAL(10,2);', { tables: { t: T } });
    expect(f!.severity).toBe('warning');
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `t` RENAME COLUMN `price` TO `cost`;', 'ALTER TABLE `t` MODIFY COLUMN `cost` DECIMAL(10,2);']);
  });
});
