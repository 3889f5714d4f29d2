import { describe, expect, it } from 'vitest';
import { textBlobIndexWithoutPrefix } from '../../analyzers/text-blob-index-without-prefix.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

const POSTS = { create: 'CREATE TABLE posts (id INT PRIMARY KEY, body TEXT, title VARCHAR(200))' };

describe('text-blob-index-without-prefix', () => {
  it('accepts: prefix lengths, FULLTEXT indexes, indexes on VARCHAR', () => {
    expectNoFindings(textBlobIndexWithoutPrefix, 'CREATE TABLE a (body TEXT, KEY (body(100)), FULLTEXT KEY ft (body));');
    expectNoFindings(textBlobIndexWithoutPrefix, 'CREATE INDEX i ON posts (title);', { tables: { posts: POSTS } });
  });

  it('reports: CREATE INDEX on a TEXT column of the target table, with a prefix rewrite', () => {
    const [f] = expectFindings(textBlobIndexWithoutPrefix, 'CREATE INDEX idx_body ON posts (body);', { server: 'mysql:8.0.35', tables: { posts: POSTS } });
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/^Index idx_body on posts covers body, a TEXT column, without a prefix length\. The server refuses it \(error 1170/);
    expect(f!.alternatives[0]!.sql).toEqual(['ALTER TABLE `posts` ADD INDEX `idx_body` (`body`(255));']);
  });

  it('reports: on MariaDB a warning about the silent 3072-byte prefix or hidden hash index', () => {
    const [f] = expectFindings(textBlobIndexWithoutPrefix, 'ALTER TABLE posts ADD COLUMN data BLOB, ADD INDEX idx_data (data);', { server: 'mariadb:10.11' });
    expect(f!.severity).toBe('warning');
    expect(f!.message).toContain('3072 bytes (768 utf8mb4 characters) per entry');
    const [g] = expectFindings(textBlobIndexWithoutPrefix, 'CREATE TABLE a (id INT PRIMARY KEY, note MEDIUMTEXT, UNIQUE KEY uk (note));', { server: 'mariadb:10.11' });
    expect(g!.message).toContain('hidden hash of the whole value');
  });

  it('reports: a BLOB added and indexed in the same ALTER, and inside CREATE TABLE (MySQL)', () => {
    expectFindings(textBlobIndexWithoutPrefix, 'ALTER TABLE posts ADD COLUMN data BLOB, ADD INDEX idx_data (data);', { server: 'mysql:8.4' });
    const [f] = expectFindings(textBlobIndexWithoutPrefix, 'CREATE TABLE a (id INT PRIMARY KEY, note MEDIUMTEXT, UNIQUE KEY uk (note));', { server: 'mysql:8.4' });
    expect(f!.alternatives[0]!.sql[0]).toBe('-- in the CREATE TABLE, declare the index as: UNIQUE INDEX `uk` (`note`(255))');
  });
});
