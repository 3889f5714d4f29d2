import { describe, expect, it } from 'vitest';
import { integerDisplayWidth } from '../../analyzers/integer-display-width.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('integer-display-width', () => {
  it('accepts: plain INT, TINYINT(1) booleans, and MariaDB (no deprecation there)', () => {
    expectNoFindings(integerDisplayWidth, 'CREATE TABLE a (id INT, flag TINYINT(1));', { server: 'mysql:8.0.35' });
    expectNoFindings(integerDisplayWidth, 'CREATE TABLE a (id INT(11));', { server: 'mariadb:10.11' });
  });

  it('reports: INT(11) and BIGINT(20) on MySQL, with the widths removed', () => {
    const [f] = expectFindings(integerDisplayWidth, 'CREATE TABLE a (id INT(11) NOT NULL, big BIGINT(20) UNSIGNED, flag TINYINT(1));', { server: 'mysql:8.4' });
    expect(f!.message).toMatch(/^id INT\(11\), big BIGINT\(20\) UNSIGNED on a: the number in INT\(n\) is only a display width/);
    expect(f!.alternatives[0]!.sql).toEqual(['CREATE TABLE a (id INT NOT NULL, big BIGINT UNSIGNED, flag TINYINT(1));']);
  });

  it('reports: ALTER … ADD COLUMN n INT(10)', () => {
    const [f] = expectFindings(integerDisplayWidth, 'ALTER TABLE a ADD COLUMN n INT(10);', { server: 'mysql:9.1' });
    expect(f!.column).toBe('n');
  });
});
