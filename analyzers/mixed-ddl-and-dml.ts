// F08/M04: DDL and DML in one migration. DDL commits implicitly (before and after itself), so the
// migration is never atomic: when a later statement fails, the earlier ones stay applied, and the
// rerun fails on them. DML after DDL in the same run also keeps the deploy waiting for the data work.
import { defineAnalyzer } from '../src/analysis/analyzer.js';
import { isDdl, isDml, tableKey, type ParsedStatement } from '../src/parser/statement.js';

type Messages = 'mixed';

type Kind = 'ddl' | 'dml' | null;

/**
 * The kind of every statement of a migration, computed once per migration (the rule runs on each
 * statement and looks at all of them). DML that only fills tables created earlier in the migration
 * (seed rows) is part of creating them and counts as neither.
 */
const kindsCache = new WeakMap<readonly ParsedStatement[], readonly Kind[]>();
function kindsOf(all: readonly ParsedStatement[]): readonly Kind[] {
  let kinds = kindsCache.get(all);
  if (kinds) return kinds;
  const created = new Set<string>();
  kinds = all.map((s) => {
    const op = s.operation;
    if (op.kind === 'create-table') created.add(tableKey(op.table));
    if (isDdl(op)) return 'ddl';
    if (!isDml(op)) return null;
    const seed = op.kind === 'insert' && created.has(tableKey(op.table)) && op.sourceTables.every((t) => created.has(tableKey(t)));
    return seed ? null : 'dml';
  });
  kindsCache.set(all, kinds);
  return kinds;
}

export const mixedDdlAndDml = defineAnalyzer<Messages>({
  id: 'mixed-ddl-and-dml',
  title: 'DDL and DML in one migration',
  category: 'runner-safety',
  severity: 'warning',
  appliesTo: 'any',
  messages: {
    mixed:
      'This migration mixes schema changes and data changes: this {kind} follows {previous} at line {line}. Every DDL statement commits implicitly, before and after itself, so the migration cannot be atomic: if a later statement fails, the earlier ones stay applied, the migration is recorded as failed, and running it again fails on the changes already made. Data changes also run at DDL pace here, with no batching or resume.',
  },
  check(statement, context) {
    const all = context.migration.statements;
    const kinds = kindsOf(all);
    const at = all.indexOf(statement);
    const mine = kinds[at] ?? null;
    if (mine === null) return [];
    const firstAt = kinds.findIndex((k) => k !== null);
    const first = { p: all[firstAt]!, k: kinds[firstAt]! };
    if (firstAt >= at || first.k === mine) return [];
    // Report once: at the first statement where the kind switches.
    if (kinds.slice(0, at).some((k) => k !== null && k !== first.k)) return [];
    const groups: string[] = [];
    let current: Kind = null;
    let n = 0;
    for (const [i, s] of all.entries()) {
      const k: Kind = kinds[i] ?? current;
      if (k !== current) {
        n++;
        groups.push(`-- migration ${n}: ${k === 'ddl' ? 'schema changes' : 'data changes (batched where large)'}`);
        current = k;
      }
      groups.push(`${s.sql};`);
    }
    return [
      {
        messageId: 'mixed',
        values: { kind: mine === 'ddl' ? 'DDL statement' : 'data change', previous: first.k === 'ddl' ? 'a DDL statement' : 'a data change', line: first.p.location.line },
        alternatives: [
          Object.freeze({
            kind: 'rewrite' as const,
            title: `Split into ${n} migrations, one kind of change each`,
            sql: Object.freeze(groups),
            notes: Object.freeze(['Each migration then either fully applies or can be rerun; large data changes can run batched and resumable on their own schedule.']),
            replacesStatement: false,
          }),
        ],
      },
    ];
  },
});
