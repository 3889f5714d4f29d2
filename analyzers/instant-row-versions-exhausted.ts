// L08: MySQL 8.0.29+ counts instant ADD/DROP COLUMN changes per table (row versions: 64, 255 from
// 9.1). When the budget is spent the next instant change is refused and the ALTER falls back to a
// rebuild — a surprise on a big table. Only a rebuild resets the counter.
import { defineAnalyzer, type Alternative } from '../src/analysis/analyzer.js';
import { actionProfile, oscFor } from '../src/analysis/alternatives/alter-facts.js';
import { buildAlter, onlineDdlSql } from '../src/analysis/alternatives/online-ddl.js';
import { isKnownEmpty, rowsPhrase, serverName, sizeSeverity } from '../src/analysis/size-severity.js';
import type { ParsedStatement, TableRef } from '../src/parser/statement.js';

type Messages = 'exhausted' | 'nearlyExhausted';

/** Warn when this share of the budget is used. */
const NEARLY = 0.8;

const isColumnVersionAction = (t: string): boolean => t === 'add-column' || t === 'drop-column';

/** Instant ADD/DROP COLUMN statements on the table earlier in this migration (each spends one version). */
function earlierVersions(previous: readonly ParsedStatement[], table: TableRef): number {
  return previous.filter((s) => {
    const o = s.operation;
    return o.kind === 'alter-table' && o.table.name.toLowerCase() === table.name.toLowerCase() && o.actions.some((a) => isColumnVersionAction(a.type));
  }).length;
}

export const instantRowVersionsExhausted = defineAnalyzer<Messages>({
  id: 'instant-row-versions-exhausted',
  title: 'Instant ADD/DROP COLUMN budget (row versions) exhausted',
  category: 'locking',
  severity: 'error',
  appliesTo: ['alter-table'],
  messages: {
    exhausted:
      '{table} has used {used} of its {limit} instant row versions on {server}{earlier}. This ADD/DROP COLUMN cannot be instant any more: it rebuilds the table{size} instead, or fails with ALGORITHM=INSTANT.',
    nearlyExhausted:
      '{table} has used {used} of its {limit} instant row versions on {server}{earlier}. A few more instant ADD/DROP COLUMN changes and the next one silently becomes a full rebuild{size}.',
  },
  check(statement, context) {
    const op = statement.operation;
    const limit = context.server.instantRowVersionLimit;
    if (op.kind !== 'alter-table' || limit === null || isKnownEmpty(context, op.table)) return [];
    const facts = context.table(op.table);
    if (facts?.totalRowVersions === null || facts?.totalRowVersions === undefined) return [];
    if (!op.actions.some((a) => isColumnVersionAction(a.type))) return [];
    const earlier = earlierVersions(context.previous, op.table);
    const used = facts.totalRowVersions + earlier;
    const exhausted = used >= limit;
    if (!exhausted && used < Math.floor(limit * NEARLY)) return [];
    const force = context.server.profileAlterAction({ type: 'force' }, facts, context.session);
    const alternatives: Alternative[] = [];
    const changeClauses = op.actions.filter((a) => isColumnVersionAction(a.type));
    const rebuild = buildAlter(op.table, ['FORCE'], force.clause && force.blocksWrites === false ? force.clause : null);
    alternatives.push(
      onlineDdlSql('Reset the counter with an online rebuild first (off-peak), then make the change instantly', [`${rebuild};`, `-- then run the original ALTER with ALGORITHM=INSTANT`], ['The rebuild reads and rewrites the whole table; writes continue.'], false),
    );
    alternatives.push(...oscFor(context, statement, op, ['The tool builds a new table, which starts with a fresh row-version budget.']));
    const profile = changeClauses[0] ? actionProfile(context, op, changeClauses[0]) : context.lock;
    return [
      {
        messageId: exhausted ? 'exhausted' : 'nearlyExhausted',
        values: {
          table: op.table.name,
          used,
          limit,
          server: serverName(context.server.version),
          earlier: earlier > 0 ? ` (counting ${earlier} earlier instant column change${earlier === 1 ? '' : 's'} in this migration)` : '',
          size: rowsPhrase(context, op.table),
        },
        severity: exhausted ? sizeSeverity(context, op.table, profile.blocksWrites === false ? 'rebuild' : 'blocking') : 'warning',
        table: op.table.name,
        alternatives,
      },
    ];
  },
});
