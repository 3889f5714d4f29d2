import { describe, expect, it } from 'vitest';
import { createTableWithoutPrimaryKey } from '../../analyzers/create-table-without-primary-key.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('create-table-without-primary-key', () => {
  it('accepts: a table-level or inline PRIMARY KEY, temporary tables, CREATE TABLE … LIKE', () => {
    expectNoFindings(createTableWithoutPrimaryKey, 'CREATE TABLE a (id INT, PRIMARY KEY (id));');
    expectNoFindings(createTableWithoutPrimaryKey, 'CREATE TABLE b (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY);');
    expectNoFindings(createTableWithoutPrimaryKey, 'CREATE TEMPORARY TABLE c (x INT);');
    expectNoFindings(createTableWithoutPrimaryKey, 'CREATE TABLE d LIKE a;');
  });

  it('reports: no key at all, proposing a surrogate BIGINT UNSIGNED key', () => {
    const [f] = expectFindings(createTableWithoutPrimaryKey, 'CREATE TABLE events (id INT, payload JSON);');
    expect(f!.message).toMatch(/^Table events is created without a PRIMARY KEY\..*sql_require_primary_key=ON/);
    expect(f!.alternatives[0]!.sql[1]).toBe('ALTER TABLE `events` ADD COLUMN `events_id` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST;');
  });

  it('reports: a NOT NULL unique key is proposed as the primary key', () => {
    const [f] = expectFindings(createTableWithoutPrimaryKey, 'CREATE TABLE users (email VARCHAR(100) NOT NULL, UNIQUE KEY uk_email (email));');
    expect(f!.alternatives[0]!.sql[1]).toBe('ALTER TABLE `users` DROP INDEX `uk_email`, ADD PRIMARY KEY (`email`);');
  });
});
