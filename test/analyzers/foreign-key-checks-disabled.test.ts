import { describe, expect, it } from 'vitest';
import { foreignKeyChecksDisabled } from '../../analyzers/foreign-key-checks-disabled.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

describe('foreign-key-checks-disabled', () => {
  it('accepts: checks turned off for DDL only and turned back on', () => {
    expectNoFindings(foreignKeyChecksDisabled, 'SET foreign_key_checks = 0;\nALTER TABLE items ADD CONSTRAINT fk FOREIGN KEY (order_id) REFERENCES orders (id);\nSET foreign_key_checks = 1;\nINSERT INTO items (id) VALUES (1);');
  });

  it('reports: checks left off at the end of the migration', () => {
    const [f] = expectFindings(foreignKeyChecksDisabled, 'SET FOREIGN_KEY_CHECKS = 0;\nALTER TABLE items ADD CONSTRAINT fk FOREIGN KEY (order_id) REFERENCES orders (id);');
    expect(f!.message).toMatch(/no later statement in this migration turns them back on/);
    expect(f!.alternatives[0]!.sql.at(-1)).toBe('SET SESSION foreign_key_checks = 1;');
  });

  it('reports: writes made while the checks are off', () => {
    const fs = expectFindings(foreignKeyChecksDisabled, "SET foreign_key_checks = OFF;\nINSERT INTO items (id, order_id) VALUES (1, 99);\nSET foreign_key_checks = 1;");
    expect(fs.map((f) => f.message)).toEqual([expect.stringMatching(/^This INSERT on items runs while foreign_key_checks is off/)]);
  });
});
