// In-SQL suppressions: `-- drydock:ignore <rule-id>[, <rule-id>…] -- <reason>` in the comments right
// before a statement silences those rules for that statement; `drydock:ignore-file` silences them for
// the whole migration. A missing reason and an ignore that silences nothing are findings themselves.
import type { ParsedStatement } from '../parser/statement.js';

export interface Suppression {
  readonly ruleIds: readonly string[];
  readonly reason: string | null;
  readonly scope: 'statement' | 'file';
  /** Index of the statement whose leading comments hold it. */
  readonly statementIndex: number;
  /** The comment text, for messages. */
  readonly text: string;
}

const IGNORE = /drydock:(ignore-file|ignore)\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*(?:--\s*(.*?))?\s*(?:\*\/)?\s*$/;

export function parseSuppressions(statement: ParsedStatement): readonly Suppression[] {
  const found: Suppression[] = [];
  for (const comment of statement.leadingComments) {
    for (const line of comment.split(/\r?\n/)) {
      const m = IGNORE.exec(line);
      if (!m) continue;
      const reason = m[3]?.trim() ?? '';
      found.push(
        Object.freeze({
          ruleIds: Object.freeze(m[2]!.split(',').map((s) => s.trim())),
          reason: reason === '' ? null : reason,
          scope: m[1] === 'ignore-file' ? 'file' : 'statement',
          statementIndex: statement.index,
          text: line.trim(),
        }),
      );
    }
  }
  return found;
}
