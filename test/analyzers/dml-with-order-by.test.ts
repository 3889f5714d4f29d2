import { describe, expect, it } from 'vitest';
import { dmlWithOrderBy } from '../../analyzers/dml-with-order-by.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

const JOBS = { create: 'CREATE TABLE jobs (id INT PRIMARY KEY, queue VARCHAR(20), created_at DATETIME, priority INT, KEY idx_queue_created (queue, created_at))', rows: 300_000 };

describe('dml-with-order-by', () => {
  it('accepts: ORDER BY the primary key, or an index order after columns the WHERE pins', () => {
    expectNoFindings(dmlWithOrderBy, "DELETE FROM jobs WHERE created_at < '2020-01-01' ORDER BY id LIMIT 100;", { tables: { jobs: JOBS } });
    expectNoFindings(dmlWithOrderBy, "DELETE FROM jobs WHERE queue = 'mail' ORDER BY created_at LIMIT 100;", { tables: { jobs: JOBS } });
    expectNoFindings(dmlWithOrderBy, "DELETE FROM jobs WHERE queue = 'mail' ORDER BY priority LIMIT 100;");
  });

  it('reports: ORDER BY a column no index provides, with a primary-key rewrite', () => {
    const [f] = expectFindings(dmlWithOrderBy, "UPDATE jobs SET queue = 'x' WHERE queue = 'mail' ORDER BY priority DESC LIMIT 100;", { tables: { jobs: JOBS } });
    expect(f!.severity).toBe('warning');
    expect(f!.message).toMatch(/orders by priority DESC, which no index of jobs provides in that order \(jobs has about 300,000 rows\)/);
    expect(f!.alternatives[0]!.sql).toEqual(["UPDATE jobs SET queue = 'x' WHERE queue = 'mail' ORDER BY `id` LIMIT 100;"]);
  });

  it('reports: ORDER BY without LIMIT is a pointless sort (info)', () => {
    const [f] = expectFindings(dmlWithOrderBy, "DELETE FROM jobs WHERE queue = 'x' ORDER BY id;");
    expect(f!.severity).toBe('info');
  });
});
