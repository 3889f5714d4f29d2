import { describe, expect, it } from 'vitest';
import { varcharCrossesLengthByte } from '../../analyzers/varchar-crosses-length-byte.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';
import { LOGS, withOrders } from './locking-fixtures.js';

describe('varchar-crosses-length-byte', () => {
  it('errs when a utf8mb4 VARCHAR(50) grows past 63 characters, proposing 63', () => {
    const [f] = expectFindings(varcharCrossesLengthByte, 'ALTER TABLE orders MODIFY note VARCHAR(70) NULL', withOrders(2_000_000, {}, 'mysql:8.0.35'));
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/grows from 50 to 70 characters, and in utf8mb4 \(4 bytes per character\) that crosses 255 bytes/);
    expect(f!.message).toMatch(/Up to 63 characters the change would be metadata-only/);
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `orders` MODIFY COLUMN `note` VARCHAR(63) NULL, ALGORITHM=INPLACE, LOCK=NONE']);
  });

  it('uses the table charset: latin1 crosses at 255 characters', () => {
    const tables = { logs: { create: LOGS, rows: 5_000_000 } };
    expectFindings(varcharCrossesLengthByte, 'ALTER TABLE logs MODIFY message VARCHAR(300)', { server: 'mysql:8.4', tables });
    expectNoFindings(varcharCrossesLengthByte, 'ALTER TABLE logs MODIFY message VARCHAR(250)', { server: 'mysql:8.4', tables });
  });

  it('stays silent within the same length-prefix size', () => {
    expectNoFindings(varcharCrossesLengthByte, 'ALTER TABLE orders MODIFY note VARCHAR(60) NULL', withOrders(2_000_000, {}, 'mysql:8.0.35'));
  });

  it('MariaDB 10.11 widens a short column instantly; MySQL copies it', () => {
    const tables = { t: { create: 'CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(20)) DEFAULT CHARSET=utf8mb4', rows: 2_000_000 } };
    expectFindings(varcharCrossesLengthByte, 'ALTER TABLE t MODIFY s VARCHAR(100)', { server: 'mysql:8.4', tables });
    expectNoFindings(varcharCrossesLengthByte, 'ALTER TABLE t MODIFY s VARCHAR(100)', { server: 'mariadb:10.11', tables });
  });
});
