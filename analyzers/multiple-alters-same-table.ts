// L24: several ALTERs of one table in a migration. Each takes the exclusive metadata lock again,
// each rebuild rewrites the table again, each instant change spends another row version. Merging
// them into one statement does the work once, but an instant change merged with a rebuilding one
// becomes part of the rebuild, so instant changes are merged among themselves.
import { defineAnalyzer, type Alternative } from '../src/analysis/analyzer.js';
import { statementAsAlter } from '../src/analysis/alternatives/alter-facts.js';
import { buildAlter } from '../src/analysis/alternatives/online-ddl.js';
import { createdInMigration, sizeNote, sizeSeverity } from '../src/analysis/size-severity.js';
import type { LockProfile } from '../src/db/capabilities/types.js';
import { tableKey, type ParsedStatement, type TableRef } from '../src/parser/statement.js';

type Messages = 'several';

const sameTable = (a: TableRef, b: TableRef): boolean =>
  tableKey(a) === tableKey(b) || (a.name.toLowerCase() === b.name.toLowerCase() && (a.schema === null || b.schema === null));

export const multipleAltersSameTable = defineAnalyzer<Messages>({
  id: 'multiple-alters-same-table',
  title: 'Several ALTERs of one table should be one statement',
  category: 'locking',
  severity: 'warning',
  appliesTo: ['alter-table', 'create-index', 'drop-index'],
  messages: {
    several:
      'This is statement {count} changing {table} in this migration (the others start on line {lines}). Each one takes the exclusive metadata lock on {table} again, and each rebuild or index build reads the whole table again{size}; {merged}.',
  },
  check(statement, context) {
    const current = statementAsAlter(statement);
    if (!current || createdInMigration(context, current.table)) return [];
    const op = statement.operation;
    if (op.kind === 'alter-table' && op.actions.some((a) => a.type === 'rename-table' || a.type === 'partition')) return [];
    const earlier = context.previous.filter((s) => {
      const a = statementAsAlter(s);
      return a !== null && s.operation.kind !== 'optimize-table' && sameTable(a.table, current.table);
    });
    if (earlier.length === 0) return [];
    const all: readonly ParsedStatement[] = [...earlier, statement];
    const facts = context.table(current.table);
    const profileOf = (s: ParsedStatement): LockProfile => {
      const o = s.operation;
      if (o.kind === 'alter-table') return context.server.profileAlter({ ...o, algorithm: null, lock: null }, facts, context.session);
      return context.server.profileOperation(o, facts, context.session);
    };
    // Facts are as of this statement; an earlier MODIFY/CHANGE profiled against them would look
    // like a no-op, so earlier statements that redefine columns never count as instant.
    const redefines = (s: ParsedStatement): boolean =>
      s !== statement && s.operation.kind === 'alter-table' && s.operation.actions.some((a) => a.type === 'modify-column' || a.type === 'change-column');
    const instant = all.filter((s) => !redefines(s) && profileOf(s).algorithm === 'INSTANT');
    const other = all.filter((s) => !instant.includes(s));
    if (instant.length < 2 && other.length < 2) return [];
    const merge = (group: readonly ParsedStatement[]): string[] =>
      group.length === 0 ? [] : [buildAlter(current.table, group.flatMap((s) => statementAsAlter(s)?.clauses ?? [])) + ';'];
    const sql = [...merge(instant), ...merge(other)];
    const notes = ['Replace the separate statements with these, in this order (keep any data changes that must run between them in between).'];
    if (instant.length > 0 && other.length > 0) notes.push('The instant changes stay in their own statement: merged into the other ALTER they would be done by its rebuild instead of instantly.');
    const alternative: Alternative = Object.freeze({
      kind: 'combine',
      title: `Merge the ${all.length} changes of ${current.table.name} into ${sql.length === 1 ? 'one statement' : `${sql.length} statements (instant changes apart)`}`,
      sql: Object.freeze(sql),
      notes: Object.freeze(notes),
      replacesStatement: false,
    });
    return [
      {
        messageId: 'several',
        values: {
          count: all.length,
          table: current.table.name,
          lines: earlier.map((s) => s.location.line).join(', '),
          size: sizeNote(context, current.table),
          merged: sql.length === 1 ? 'one merged statement does it once' : 'merging the instant changes together and the others together does it twice instead',
        },
        severity: sizeSeverity(context, current.table, 'rebuild') === 'info' ? 'info' : 'warning',
        table: current.table.name,
        alternatives: [alternative],
      },
    ];
  },
});
