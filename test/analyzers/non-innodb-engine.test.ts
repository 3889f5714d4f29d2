import { describe, expect, it } from 'vitest';
import { nonInnodbEngine } from '../../analyzers/non-innodb-engine.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('non-innodb-engine', () => {
  it('accepts: InnoDB, no ENGINE clause, MEMORY temporary tables', () => {
    expectNoFindings(nonInnodbEngine, 'CREATE TABLE a (id INT PRIMARY KEY) ENGINE=InnoDB;\nCREATE TABLE b (id INT PRIMARY KEY);');
    expectNoFindings(nonInnodbEngine, 'CREATE TEMPORARY TABLE t (id INT) ENGINE=MEMORY;');
  });

  it('reports: MyISAM tables, rewritten to InnoDB', () => {
    const [f] = expectFindings(nonInnodbEngine, 'CREATE TABLE logs (id INT PRIMARY KEY) ENGINE=MyISAM;');
    expect(f!.message).toMatch(/^logs uses ENGINE=MyISAM\. .*every write locks the whole table/);
    expect(f!.alternatives[0]!.sql).toEqual(['CREATE TABLE logs (id INT PRIMARY KEY) ENGINE=InnoDB;']);
  });

  it('reports: ALTER TABLE … ENGINE=MEMORY', () => {
    const [f] = expectFindings(nonInnodbEngine, 'ALTER TABLE cache ENGINE = MEMORY;');
    expect(f!.message).toContain('its rows are lost on every restart');
    expect(f!.alternatives[0]!.notes[0]).toMatch(/engine-rebuild/);
  });
});
