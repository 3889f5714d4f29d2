import { describe, expect, it } from 'vitest';
import { utf8mb3Charset } from '../../analyzers/utf8mb3-charset.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('utf8mb3-charset', () => {
  it('accepts: utf8mb4 and latin1 tables and columns', () => {
    expectNoFindings(utf8mb3Charset, 'CREATE TABLE a (name VARCHAR(10) CHARACTER SET latin1) DEFAULT CHARSET=utf8mb4;');
    expectNoFindings(utf8mb3Charset, 'ALTER TABLE a CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;');
  });

  it('reports: a utf8 table default, rewritten to utf8mb4', () => {
    const [f] = expectFindings(utf8mb3Charset, 'CREATE TABLE a (id INT PRIMARY KEY) DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;');
    expect(f!.message).toMatch(/^Table a uses utf8, which stores at most 3 bytes per character/);
    expect(f!.alternatives[0]!.sql).toEqual(['CREATE TABLE a (id INT PRIMARY KEY) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;']);
  });

  it('reports: a utf8mb3 column in an ALTER, and CONVERT TO utf8', () => {
    const [f] = expectFindings(utf8mb3Charset, 'ALTER TABLE a ADD COLUMN note VARCHAR(50) CHARACTER SET utf8mb3;');
    expect(f!.column).toBe('note');
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE a ADD COLUMN note VARCHAR(50) CHARACTER SET utf8mb4;']);
    expectFindings(utf8mb3Charset, 'ALTER TABLE a CONVERT TO CHARACTER SET utf8;');
  });
});
