import { describe, expect, it } from 'vitest';
import { autoIncrementIntHeadroom } from '../../analyzers/auto-increment-int-headroom.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('auto-increment-int-headroom', () => {
  it('accepts: BIGINT AUTO_INCREMENT, and INT columns without AUTO_INCREMENT', () => {
    expectNoFindings(autoIncrementIntHeadroom, 'CREATE TABLE a (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, n INT);');
  });

  it('reports: a signed INT AUTO_INCREMENT as a warning, rewritten in the CREATE TABLE', () => {
    const [f] = expectFindings(autoIncrementIntHeadroom, 'CREATE TABLE orders (qty INT, id INT NOT NULL AUTO_INCREMENT, PRIMARY KEY (id));');
    expect(f!.severity).toBe('warning');
    expect(f!.message).toMatch(/^orders\.id is an AUTO_INCREMENT INT: ids run out at 2,147,483,647\..*half its range/);
    expect(f!.alternatives[0]!.sql).toEqual(['CREATE TABLE orders (qty INT, id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT, PRIMARY KEY (id));']);
  });

  it('reports: INT UNSIGNED and small types as notes; an ALTER gets a MODIFY', () => {
    const [f] = expectFindings(autoIncrementIntHeadroom, 'ALTER TABLE statuses MODIFY id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT;');
    expect(f!.severity).toBe('info');
    expect(f!.message).toContain('run out at 65,535');
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `statuses` MODIFY COLUMN `id` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT;']);
  });
});
