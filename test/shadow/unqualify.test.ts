import { describe, expect, it } from 'vitest';
import { largeDmlUnbatched } from '../../analyzers/large-dml-unbatched.js';
import { unqualifyAnalysis, unqualifySql } from '../../src/shadow/unqualify.js';
import { analyzeSql } from '../analyzers/lint-sql.js';

const home = new Set(['app']);

describe('unqualifySql', () => {
  it('takes the home schema out of table and column paths, quoted or not', () => {
    expect(unqualifySql('ALTER TABLE app.orders ADD COLUMN x INT', home)).toBe('ALTER TABLE orders ADD COLUMN x INT');
    expect(unqualifySql('ALTER TABLE `app`.`orders` ADD INDEX i (a)', home)).toBe('ALTER TABLE `orders` ADD INDEX i (a)');
    expect(unqualifySql('UPDATE APP.orders SET n = 1 WHERE app.orders.id < 10', home)).toBe('UPDATE orders SET n = 1 WHERE orders.id < 10');
    expect(unqualifySql('RENAME TABLE app.a TO app.b', home)).toBe('RENAME TABLE a TO b');
  });

  it('leaves other schemas, strings, comments and column paths that merely end in the name alone', () => {
    expect(unqualifySql('ALTER TABLE other.orders ADD COLUMN x INT', home)).toBe('ALTER TABLE other.orders ADD COLUMN x INT');
    expect(unqualifySql("UPDATE app.t SET note = 'app.t' WHERE 1", home)).toBe("UPDATE t SET note = 'app.t' WHERE 1");
    expect(unqualifySql('SELECT o.app.x FROM t', home)).toBe('SELECT o.app.x FROM t');
    // A space between schema and dot is not a qualified name the tokenizer would join: untouched.
    expect(unqualifySql('SELECT app . t FROM t', home)).toBe('SELECT app . t FROM t');
  });
});

describe('unqualifyAnalysis', () => {
  const tables = { orders: { rows: 5_000_000, create: 'CREATE TABLE orders (id INT PRIMARY KEY, status INT NOT NULL)' } };

  it('rewrites the statement, its tables and its batched alternative', () => {
    const sa = analyzeSql('DELETE FROM app.orders WHERE app.orders.status = 3;', [largeDmlUnbatched], { tables }).migrations[0]!.statements[0]!;
    expect(sa.statement.tables).toEqual([{ schema: 'app', name: 'orders' }]);
    const r = unqualifyAnalysis(sa, home);
    if (!r.ok) throw new Error(r.reason);
    expect(r.analysis.statement.sql).toBe('DELETE FROM orders WHERE orders.status = 3');
    expect(r.analysis.statement.tables).toEqual([{ schema: null, name: 'orders' }]);
    expect(r.analysis.statement.location).toEqual(sa.statement.location);
    const batched = r.analysis.findings.flatMap((f) => f.alternatives).find((a) => a.kind === 'batched');
    expect(batched, 'the rule offers a batched rewrite').toBeDefined();
    expect(batched?.batched?.table).toEqual({ schema: null, name: 'orders' });
    expect(batched?.batched?.where).not.toMatch(/app\./);
    for (const q of batched?.sql ?? []) expect(q).not.toMatch(/app\./);
  });

  it('refuses a statement that names another schema, and passes an unqualified one through unchanged', () => {
    const other = analyzeSql('ALTER TABLE billing.invoices ADD COLUMN x INT;', []).migrations[0]!.statements[0]!;
    const r = unqualifyAnalysis(other, home);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/names billing\.invoices/);
    const plain = analyzeSql('ALTER TABLE orders ADD COLUMN x INT;', []).migrations[0]!.statements[0]!;
    const p = unqualifyAnalysis(plain, home);
    expect(p.ok && p.analysis).toBe(plain);
  });
});
