// TRUNCATE TABLE as the replacement for deleting every row: it drops and recreates the table's
// storage instead of deleting row by row, so it takes seconds whatever the size. It is not a
// drop-in replacement, and this module says when it is not and what changes when it is.
import type { TableFacts } from '../../db/capabilities/types.js';
import { tableKey, type ParsedStatement, type TableRef } from '../../parser/statement.js';
import type { Alternative } from '../analyzer.js';
import { quoteTable } from './online-ddl.js';

export interface TruncateVerdict {
  /** The alternative, or null when TRUNCATE would fail or change meaning (see `refusal`). */
  readonly alternative: Alternative | null;
  /** Why TRUNCATE is not offered, in one sentence; null when it is. */
  readonly refusal: string | null;
}

/** The caveats that hold for every TRUNCATE, whatever the table. */
export const TRUNCATE_CAVEATS: readonly string[] = Object.freeze([
  'TRUNCATE is DDL: it commits any open transaction implicitly and cannot be rolled back; take a backup of the rows first if they may be needed.',
  'It needs the DROP privilege on the table (DELETE alone is not enough).',
  'It takes an exclusive metadata lock like any DDL: set a short lock_wait_timeout so it cannot queue traffic behind a long transaction.',
]);

/**
 * The table's facts with the triggers that earlier statements of the migration created or dropped
 * (the target's facts only know the triggers that exist before the migration).
 */
export function withMigrationTriggers(facts: TableFacts | null, table: TableRef, previous: readonly ParsedStatement[]): TableFacts | null {
  let triggers = [...(facts?.triggers ?? [])];
  let changed = false;
  for (const s of previous) {
    const op = s.operation;
    if (op.kind === 'create-trigger' && op.table && tableKey(op.table) === tableKey(table) && op.event && op.timing) {
      triggers.push({ name: op.name, event: op.event, timing: op.timing });
      changed = true;
    } else if (op.kind === 'drop-trigger' && triggers.some((t) => t.name.toLowerCase() === op.name.toLowerCase())) {
      triggers = triggers.filter((t) => t.name.toLowerCase() !== op.name.toLowerCase());
      changed = true;
    }
  }
  if (!changed) return facts;
  const base: TableFacts = facts ?? { table, definition: null, rows: null, dataBytes: null, indexBytes: null, referencedBy: [], triggers: [], totalRowVersions: null };
  return Object.freeze({ ...base, triggers: Object.freeze(triggers) });
}

/**
 * TRUNCATE TABLE for a delete-everything, with the caveats that apply to this table. Other
 * tables' foreign keys make InnoDB refuse it (error 1701) unless foreign_key_checks is off, and
 * then it would leave their rows pointing at nothing: it is not offered then.
 */
export function truncateAlternative(table: TableRef, facts: TableFacts | null): TruncateVerdict {
  const referencing = facts?.referencedBy ?? [];
  if (referencing.length > 0) {
    const names = [...new Set(referencing.map((r) => r.table.name))].join(', ');
    return Object.freeze({
      alternative: null,
      refusal: `TRUNCATE is not safe here: ${names} reference${referencing.length === 1 ? 's' : ''} ${table.name} by foreign key, so InnoDB refuses TRUNCATE (error 1701), and with foreign_key_checks=0 it would leave those rows pointing at nothing (ON DELETE actions do not run)`,
    });
  }
  const notes: string[] = [];
  const deleteTriggers = (facts?.triggers ?? []).filter((t) => t.event === 'DELETE');
  if (deleteTriggers.length > 0) {
    notes.push(`DELETE triggers do not fire on TRUNCATE: ${deleteTriggers.map((t) => `${t.name} (${t.timing} DELETE)`).join(', ')} would be skipped; do their work separately if it matters.`);
  }
  if (facts === null || facts.definition === null) {
    // Nothing from a target: neither the triggers nor the tables that reference this one are known.
    notes.push(`drydock does not know ${deleteTriggers.length > 0 ? 'the other' : 'the table\'s'} triggers and foreign keys (no target): DELETE triggers would not fire, and TRUNCATE fails if another table references this one.`);
  }
  const definition = facts?.definition ?? null;
  if (definition === null || definition.columns.some((c) => c.autoIncrement)) {
    notes.push('AUTO_INCREMENT restarts from 1: new rows reuse ids that old rows had (a problem if ids were exported or cached elsewhere).');
  }
  notes.push(...TRUNCATE_CAVEATS);
  return Object.freeze({
    alternative: Object.freeze({
      kind: 'truncate',
      title: `TRUNCATE ${table.name}: drop and recreate its storage instead of deleting row by row`,
      sql: Object.freeze([`TRUNCATE TABLE ${quoteTable(table)};`]),
      notes: Object.freeze(notes),
      replacesStatement: true,
    }),
    refusal: null,
  });
}
