// Statements that name their tables with the target's own schema (`ALTER TABLE app.orders …`,
// Kysely's withSchema('app')) are rehearsed on the shadow's copies: the schema is taken out of the
// text, so the names resolve in the scratch database. A name in any other schema is left alone,
// and the caller does not run such a statement: on a shadow server that is also the target's, a
// qualified name would reach the real table.
import type { Alternative } from '../analysis/analyzer.js';
import type { StatementAnalysis } from '../analysis/run-analyzers.js';
import { parseSql } from '../parser/parse.js';
import type { ParsedStatement } from '../parser/statement.js';
import { tokenize } from '../parser/tokenize.js';

const lower = (s: string): string => s.toLowerCase();

/** `sql` with every `schema.` prefix of a name in `schemas` (lower case) removed. */
export function unqualifySql(sql: string, schemas: ReadonlySet<string>): string {
  if (schemas.size === 0) return sql;
  const tokens = tokenize(sql);
  const cuts: [number, number][] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    const schema = tokens[i]!;
    const dot = tokens[i + 1]!;
    const name = tokens[i + 2]!;
    if (schema.type !== 'word' && schema.type !== 'quoted') continue;
    if (dot.type !== 'punct' || dot.text !== '.' || dot.start !== schema.end) continue;
    if (name.type !== 'word' && name.type !== 'quoted') continue;
    // `x.app.t` is a column path, not a schema prefix.
    const before = tokens[i - 1];
    if (before && before.type === 'punct' && before.text === '.' && before.end === schema.start) continue;
    if (!schemas.has(lower(schema.value))) continue;
    cuts.push([schema.start, name.start]);
  }
  let out = sql;
  for (const [from, to] of cuts.reverse()) out = out.slice(0, from) + out.slice(to);
  return out;
}

export type Unqualified = { readonly ok: true; readonly analysis: StatementAnalysis } | { readonly ok: false; readonly reason: string };

/**
 * The analysis of a statement with the target's schema taken out of its SQL, its table names and
 * its alternatives. Refuses (ok: false) when a table of another schema is named, or when the
 * rewritten text still parses to a qualified name: then the statement is not rehearsed.
 */
export function unqualifyAnalysis(analysis: StatementAnalysis, schemas: ReadonlySet<string>): Unqualified {
  const st = analysis.statement;
  const foreign = st.tables.find((t) => t.schema !== null && !schemas.has(lower(t.schema)));
  if (foreign) return { ok: false, reason: `names ${foreign.schema}.${foreign.name}: only tables of the target's database (or of the schema a --schema file qualifies its tables with) are rehearsed on the shadow` };
  if (!st.tables.some((t) => t.schema !== null)) return { ok: true, analysis };
  const sql = unqualifySql(st.sql, schemas);
  let reparsed: ParsedStatement | undefined;
  try {
    reparsed = parseSql(sql, st.location.file)[0];
  } catch {
    reparsed = undefined;
  }
  if (!reparsed || reparsed.tables.some((t) => t.schema !== null)) {
    return { ok: false, reason: 'names its tables with their schema, and drydock could not take the schema out safely: not rehearsed on the shadow' };
  }
  const statement: ParsedStatement = Object.freeze({ ...st, sql, operation: reparsed.operation, parsedBy: reparsed.parsedBy, tables: reparsed.tables });
  const alternative = (a: Alternative): Alternative =>
    Object.freeze({
      ...a,
      sql: a.sql.map((q) => unqualifySql(q, schemas)),
      ...(a.batched
        ? { batched: Object.freeze({ ...a.batched, table: { schema: null, name: a.batched.table.name }, where: a.batched.where === null ? null : unqualifySql(a.batched.where, schemas), set: a.batched.set === null ? null : unqualifySql(a.batched.set, schemas) }) }
        : {}),
    });
  const findings = analysis.findings.map((f) => Object.freeze({ ...f, alternatives: f.alternatives.map(alternative) }));
  return { ok: true, analysis: Object.freeze({ ...analysis, statement, findings }) };
}
