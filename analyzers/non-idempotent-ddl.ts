// F09: DDL that fails when it runs a second time. DDL commits statement by statement, so when a
// later statement of the migration fails, the earlier ones stay applied; a runner that reruns the
// whole migration then fails on the first of them ("Duplicate column name", "Table already exists").
// MariaDB has IF [NOT] EXISTS for most clauses; MySQL only for CREATE/DROP TABLE.
import { defineAnalyzer } from '../src/analysis/analyzer.js';
import { alterClauses } from '../src/analysis/alternatives/online-ddl.js';
import { isDdl, type AlterAction, type ParsedStatement } from '../src/parser/statement.js';

type Messages = 'rerunFails';

interface Guard {
  /** The statement rewritten with guards, or null when it cannot be guarded on this server. */
  readonly sql: string | null;
}

/** Clause rewrites MariaDB accepts: each returns null when the clause cannot be guarded. */
function guardClause(action: AlterAction, clause: string): string | null {
  const rewrite = (re: RegExp, to: string): string | null => (re.test(clause) ? clause.replace(re, to) : null);
  switch (action.type) {
    case 'add-column':
      return action.ifNotExists ? clause : rewrite(/^ADD(?:\s+COLUMN)?\s+/i, 'ADD COLUMN IF NOT EXISTS ');
    case 'drop-column':
      return action.ifExists ? clause : rewrite(/^DROP(?:\s+COLUMN)?\s+/i, 'DROP COLUMN IF EXISTS ');
    case 'add-index':
      if (action.ifNotExists) return clause;
      if (!action.index.name || action.index.kind === 'primary') return null; // an unnamed index gets a new name every time
      return rewrite(/^ADD\s+((?:CONSTRAINT\s+\S+\s+)?(?:UNIQUE|FULLTEXT|SPATIAL)\s+)?(?:INDEX|KEY)\s+(?!IF\s)/i, 'ADD $1INDEX IF NOT EXISTS ');
    case 'drop-index':
      return action.ifExists ? clause : rewrite(/^DROP\s+(INDEX|KEY)\s+(?!IF\s)/i, 'DROP $1 IF EXISTS ');
    case 'drop-foreign-key':
      return rewrite(/^DROP\s+FOREIGN\s+KEY\s+(?!IF\s)/i, 'DROP FOREIGN KEY IF EXISTS ');
    case 'modify-column':
    case 'alter-column-default':
    case 'table-options':
    case 'convert-charset':
    case 'force':
    case 'alter-column-visibility':
    case 'alter-index-visibility':
      return clause; // running these twice ends in the same state
    default:
      return null;
  }
}

/** Whether running the statement again after it succeeded fails. */
function isRepeatable(s: ParsedStatement): boolean {
  const op = s.operation;
  switch (op.kind) {
    case 'create-table':
      return op.ifNotExists || op.orReplace || op.temporary;
    case 'drop-table':
      return op.ifExists;
    case 'create-index':
      return op.ifNotExists || op.orReplace;
    case 'drop-index':
      return op.ifExists;
    case 'alter-table': {
      const clauses = alterClauses(s.sql);
      return op.actions.every((a, i) => {
        const clause = clauses && clauses.length === op.actions.length ? clauses[i]! : null;
        if (a.type === 'add-column') return a.ifNotExists;
        if (a.type === 'drop-column' || a.type === 'drop-index') return a.ifExists;
        if (a.type === 'add-index') return a.ifNotExists;
        return clause !== null && guardClause(a, clause) === clause && a.type !== 'drop-foreign-key';
      });
    }
    case 'optimize-table':
    case 'truncate-table':
      return true; // running them again ends in the same state
    default:
      return !isDdl(op);
  }
}

/** The statement with IF [NOT] EXISTS guards, as far as the server allows. */
function guarded(s: ParsedStatement, mariadb: boolean): Guard {
  const op = s.operation;
  const sql = s.sql;
  switch (op.kind) {
    case 'create-table':
      return { sql: sql.replace(/^(\s*CREATE\s+TABLE\s+)/i, '$1IF NOT EXISTS ') };
    case 'drop-table':
      return { sql: sql.replace(/^(\s*DROP\s+TABLE\s+)/i, '$1IF EXISTS ') };
    case 'create-index':
      return { sql: mariadb ? sql.replace(/^(\s*CREATE\s+(?:UNIQUE\s+|FULLTEXT\s+|SPATIAL\s+)?INDEX\s+)/i, '$1IF NOT EXISTS ') : null };
    case 'drop-index':
      return { sql: mariadb ? sql.replace(/^(\s*DROP\s+INDEX\s+)/i, '$1IF EXISTS ') : null };
    case 'alter-table': {
      if (!mariadb) return { sql: null };
      const clauses = alterClauses(sql);
      if (!clauses || clauses.length !== op.actions.length) return { sql: null };
      const out = op.actions.map((a, i) => guardClause(a, clauses[i]!));
      if (out.some((c) => c === null)) return { sql: null };
      const head = /^\s*ALTER\s+(?:(?:ONLINE|IGNORE)\s+)*TABLE\s+(?:`(?:[^`]|``)+`|[\w$]+)(?:\s*\.\s*(?:`(?:[^`]|``)+`|[\w$]+))?(?:\s+(?:WAIT\s+\d+|NOWAIT))?/i.exec(sql);
      if (!head) return { sql: null };
      const tail = /,?\s*((?:ALGORITHM|LOCK)\s*=?\s*\w+(?:\s*,\s*(?:ALGORITHM|LOCK)\s*=?\s*\w+)*)\s*$/i.exec(sql);
      return { sql: `${head[0]} ${out.join(', ')}${tail ? `, ${tail[1]}` : ''}` };
    }
    default:
      return { sql: null };
  }
}

export const nonIdempotentDdl = defineAnalyzer<Messages>({
  id: 'non-idempotent-ddl',
  title: 'DDL that fails when the migration is run again',
  category: 'runner-safety',
  severity: 'info',
  appliesTo: 'any',
  messages: {
    rerunFails:
      'This migration has {count} DDL statement{s} that fail{verb} when run a second time (starting at line {line}), and DDL commits statement by statement: if a later statement fails, the earlier ones stay applied, and rerunning the migration stops at the first of them ("Duplicate column name", "Table already exists"). {serverNote}',
  },
  check(statement, context) {
    const all = context.migration.statements;
    if (all.length < 2 || statement.index !== all[0]?.index) return []; // once per migration, on its first statement
    // The last statement needs no guard: nothing after it can fail and leave it applied.
    const fragile = all.slice(0, -1).filter((s) => isDdl(s.operation) && !isRepeatable(s));
    if (fragile.length === 0) return [];
    const mariadb = context.server.isMariaDb;
    const rewritten = fragile.map((s) => ({ s, g: guarded(s, mariadb) }));
    const sql = rewritten.map(({ s, g }) => (g.sql !== null ? `${g.sql};` : `-- line ${s.location.line} has no IF [NOT] EXISTS form on this server: ${s.sql.slice(0, 60)}${s.sql.length > 60 ? '…' : ''}`));
    return [
      {
        messageId: 'rerunFails',
        values: {
          count: fragile.length,
          s: fragile.length === 1 ? '' : 's',
          verb: fragile.length === 1 ? 's' : '',
          line: fragile[0]!.location.line,
          serverNote: mariadb
            ? 'MariaDB accepts IF [NOT] EXISTS on most of them.'
            : 'MySQL has IF [NOT] EXISTS only for CREATE/DROP TABLE: keep one DDL statement per migration (each is atomic on MySQL 8), or apply with drydock apply, which records each statement and resumes after the last one that succeeded.',
        },
        alternatives: [
          Object.freeze({
            kind: 'rewrite' as const,
            title: 'Guard the statements so a rerun skips what is already done',
            sql: Object.freeze(sql),
            notes: Object.freeze(['IF NOT EXISTS checks only the name: a column or index that exists with a different definition is left as it is.']),
            replacesStatement: false,
          }),
        ],
      },
    ];
  },
});
