import { describe, expect, it } from 'vitest';
import { timestamp2038 } from '../../analyzers/timestamp-2038.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('timestamp-2038', () => {
  it('accepts: DATETIME columns, and TIMESTAMP on MariaDB 11.5+ (extended to 2106)', () => {
    expectNoFindings(timestamp2038, 'CREATE TABLE a (created_at DATETIME DEFAULT CURRENT_TIMESTAMP);');
    expectNoFindings(timestamp2038, 'CREATE TABLE a (expires_at TIMESTAMP NULL);', { server: 'mariadb:11.8' });
  });

  it('reports: a TIMESTAMP column in CREATE TABLE, rewritten to DATETIME (name and CURRENT_TIMESTAMP untouched)', () => {
    const [f] = expectFindings(timestamp2038, 'CREATE TABLE s (`timestamp` TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), id INT PRIMARY KEY);', { server: 'mysql:8.0.35' });
    expect(f!.message).toMatch(/^s\.timestamp is a TIMESTAMP, which cannot hold a moment after 2038-01-19 03:14:07 UTC/);
    expect(f!.alternatives[0]!.sql).toEqual(['CREATE TABLE s (`timestamp` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), id INT PRIMARY KEY);']);
  });

  it('reports: ADD COLUMN … TIMESTAMP, rewritten as an ADD of a DATETIME', () => {
    const [f] = expectFindings(timestamp2038, 'ALTER TABLE s ADD COLUMN expires_at TIMESTAMP NULL;');
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `s` ADD COLUMN `expires_at` DATETIME NULL;']);
  });
});
