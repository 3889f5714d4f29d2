import { describe, expect, it } from 'vitest';
import { isKeyLookup, largeDmlUnbatched } from '../../analyzers/large-dml-unbatched.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

const EVENTS = { create: 'CREATE TABLE events (id BIGINT PRIMARY KEY, kind VARCHAR(10), at DATETIME, KEY (at))', rows: 5_000_000 };

describe('large-dml-unbatched', () => {
  it('accepts: small tables, unknown sizes, key lookups, statements with their own LIMIT', () => {
    expectNoFindings(largeDmlUnbatched, "DELETE FROM events WHERE kind = 'x';", { tables: { events: { ...EVENTS, rows: 9_000 } } });
    expectNoFindings(largeDmlUnbatched, "DELETE FROM events WHERE kind = 'x';");
    expectNoFindings(largeDmlUnbatched, 'DELETE FROM events WHERE id IN (1, 2, 3);', { tables: { events: EVENTS } });
    expectNoFindings(largeDmlUnbatched, "DELETE FROM events WHERE at < '2020-01-01' LIMIT 1000;", { tables: { events: EVENTS } });
  });

  it('reports: a ranged DELETE on 5M rows gets a batched rewrite that keeps the WHERE in every chunk', () => {
    const [f] = expectFindings(largeDmlUnbatched, "DELETE FROM events WHERE at < '2020-01-01';", { tables: { events: EVENTS } });
    expect(f!.severity).toBe('warning');
    const alt = f!.alternatives[0]!;
    expect(alt.kind).toBe('batched');
    expect(alt.batched?.where).toBe("at < '2020-01-01'");
    expect(alt.sql).toContain("DELETE FROM `events` WHERE `id` > @last_id AND `id` <= @end_id AND (at < '2020-01-01');");
  });

  it('reports: an id range is not a lookup', () => {
    expectFindings(largeDmlUnbatched, 'UPDATE events SET kind = NULL WHERE id > 100;', { tables: { events: EVENTS } });
    expect(isKeyLookup('id = 5 OR kind = 1', ['id'])).toBe(false);
    expect(isKeyLookup('`id` = 5', ['id'])).toBe(true);
    expect(isKeyLookup('a = 1 AND b IN (2,3)', ['a', 'b'])).toBe(true);
    expect(isKeyLookup('a = 1', ['a', 'b'])).toBe(false);
  });
});
