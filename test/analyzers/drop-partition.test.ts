import { describe, expect, it } from 'vitest';
import { dropPartition } from '../../analyzers/drop-partition.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('drop-partition', () => {
  it('accepts: adding partitions and other partition maintenance', () => {
    expectNoFindings(dropPartition, 'ALTER TABLE logs ADD PARTITION (PARTITION p2025 VALUES LESS THAN (2026));');
    expectNoFindings(dropPartition, 'ALTER TABLE logs ANALYZE PARTITION p2020;');
  });

  it('reports: DROP PARTITION with an exchange-into-archive plan per partition', () => {
    const [f] = expectFindings(dropPartition, 'ALTER TABLE logs DROP PARTITION p2019, p2020;');
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/^DROP PARTITION p2019, p2020 on logs deletes every row stored in them/);
    expect(f!.alternatives[0]!.sql).toEqual([
      'CREATE TABLE `logs_p2019_archive` LIKE `logs`;',
      'ALTER TABLE `logs_p2019_archive` REMOVE PARTITIONING;',
      'ALTER TABLE `logs` EXCHANGE PARTITION `p2019` WITH TABLE `logs_p2019_archive`;  -- swaps the rows out in seconds; the partition is now empty',
      'CREATE TABLE `logs_p2020_archive` LIKE `logs`;',
      'ALTER TABLE `logs_p2020_archive` REMOVE PARTITIONING;',
      'ALTER TABLE `logs` EXCHANGE PARTITION `p2020` WITH TABLE `logs_p2020_archive`;  -- swaps the rows out in seconds; the partition is now empty',
      'ALTER TABLE logs DROP PARTITION p2019, p2020;',
    ]);
  });

  it('reports: TRUNCATE PARTITION too', () => {
    const [f] = expectFindings(dropPartition, 'ALTER TABLE logs TRUNCATE PARTITION p1;');
    expect(f!.message).toMatch(/^TRUNCATE PARTITION p1 on logs deletes every row stored in it/);
  });
});
