// Adds the explicit ALGORITHM=/LOCK= clause the plan expected to a DDL statement, so the server
// refuses (error 1845/1846) instead of silently falling back to a slower, more blocking path.
// Also adds MariaDB's `WAIT n` to ALTER TABLE. Pure text splicing with known-good positions,
// checked on MariaDB 10.11 and MySQL 9.7:
//   ALTER TABLE t [WAIT n] ALGORITHM=X, LOCK=Y, <actions>      (both; MySQL also before partition ops)
//   CREATE INDEX i ON t (c) ALGORITHM=X LOCK=Y                  (both, no comma)
//   DROP INDEX i ON t ALGORITHM=X LOCK=Y                        (MySQL only: MariaDB rejects it)
// MariaDB rejects ALGORITHM/LOCK next to partition operations, so those run as written there.
import type { Algorithm, LockClause } from '../db/capabilities/types.js';
import type { Operation } from '../parser/statement.js';

export interface ExpectedClause {
  readonly algorithm: Algorithm;
  readonly lock: LockClause | null;
}

export interface SpliceResult {
  readonly sql: string;
  /** Whether the expected clause is now in the statement (already written counts). */
  readonly clauseApplied: boolean;
  /** Why no clause was added, when one was expected. */
  readonly note: string | null;
}

const IDENT = '(?:`(?:[^`]|``)+`|[A-Za-z0-9_$]+)';
const ALTER_HEAD = new RegExp(
  `^(\\s*ALTER\\s+(?:ONLINE\\s+)?(?:IGNORE\\s+)?TABLE\\s+(?:IF\\s+EXISTS\\s+)?${IDENT}(?:\\s*\\.\\s*${IDENT})?)(\\s+(?:WAIT\\s+\\d+(?:\\.\\d+)?|NOWAIT))?(?=\\s|$)`,
  'i',
);

function clauseText(c: ExpectedClause, separator: string): string {
  return c.lock ? `ALGORITHM=${c.algorithm}${separator}LOCK=${c.lock}` : `ALGORITHM=${c.algorithm}`;
}

export function spliceDdl(
  sql: string,
  op: Operation,
  clause: ExpectedClause | null,
  server: { readonly isMariaDb: boolean; readonly supportsAlterWait: boolean },
  waitSec: number | null,
): SpliceResult {
  const trimmed = sql.replace(/[\s;]+$/, '');
  if (op.kind === 'alter-table') {
    const head = ALTER_HEAD.exec(trimmed);
    if (!head) {
      return { sql, clauseApplied: false, note: clause ? 'could not find the table name in the ALTER statement' : null };
    }
    const afterHead = trimmed.slice(head[0].length);
    const hasWait = head[2] !== undefined || op.wait !== null;
    const wait = server.supportsAlterWait && !hasWait && waitSec !== null ? ` WAIT ${Math.max(0, Math.floor(waitSec))}` : '';
    const already = op.algorithm !== null || op.lock !== null;
    const partition = op.actions.some((a) => a.type === 'partition');
    let insert = '';
    let clauseApplied = already;
    let note: string | null = null;
    if (clause && !already) {
      if (partition && server.isMariaDb) {
        note = 'MariaDB does not accept ALGORITHM=/LOCK= with partition operations; run as written';
      } else if (afterHead.trim().length === 0) {
        note = 'the ALTER has no actions';
      } else {
        insert = ` ${clauseText(clause, ', ')},`;
        clauseApplied = true;
      }
    }
    return { sql: head[0] + wait + insert + afterHead, clauseApplied, note };
  }
  if (op.kind === 'create-index' || op.kind === 'drop-index') {
    if (!clause) return { sql, clauseApplied: false, note: null };
    if (op.algorithm !== null || op.lock !== null) return { sql, clauseApplied: true, note: null };
    if (op.kind === 'drop-index' && server.isMariaDb) {
      return { sql, clauseApplied: false, note: 'MariaDB does not accept ALGORITHM=/LOCK= on DROP INDEX; run as written' };
    }
    return { sql: `${trimmed} ${clauseText(clause, ' ')}`, clauseApplied: true, note: null };
  }
  return { sql, clauseApplied: false, note: clause ? `no ALGORITHM=/LOCK= clause exists for ${op.kind}` : null };
}
