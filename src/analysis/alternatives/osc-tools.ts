// Command lines for external online-schema-change tools (pt-online-schema-change, gh-ost). They copy
// the table in small throttled chunks while the original keeps serving reads and writes, then swap.
// The --alter text never carries ALGORITHM=/LOCK= (the tools run their own ALTER on a shadow copy).
import type { TableFacts } from '../../db/capabilities/types.js';
import type { TableRef } from '../../parser/statement.js';
import type { Alternative } from '../analyzer.js';

/** Single-quotes a shell argument (backticks and $ stay literal inside single quotes). */
export const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export interface OscOptions {
  readonly table: TableRef;
  /** The ALTER clauses, without `ALTER TABLE name` and without ALGORITHM=/LOCK=. */
  readonly alter: readonly string[];
  /** What is known about the table: foreign keys, triggers and keys change the flags and notes. */
  readonly facts: TableFacts | null;
  readonly isMariaDb: boolean;
  /** Extra notes (e.g. "duplicates are dropped silently"). */
  readonly notes?: readonly string[];
  /** Triggers known from elsewhere (created earlier in the migration), in addition to the facts'. */
  readonly hasTriggers?: boolean;
}

const withTriggers = (o: OscOptions): boolean => o.hasTriggers === true || (o.facts?.triggers.length ?? 0) > 0;

function database(table: TableRef): { readonly value: string; readonly note: string | null } {
  if (table.schema) return { value: table.schema, note: null };
  return { value: '"$DB"', note: 'Set DB to the database that holds the table, and add the connection options (h=, u=, p= / --host, --user, --password) your setup needs.' };
}

const hasPrimaryOrUnique = (facts: TableFacts | null): boolean | null => {
  if (!facts?.definition) return null;
  const def = facts.definition;
  if (def.indexes.some((i) => i.kind === 'primary') || def.columns.some((c) => c.primaryKey)) return true;
  const notNull = new Set(def.columns.filter((c) => c.nullable === false).map((c) => c.name.toLowerCase()));
  return (
    def.indexes.some((i) => i.kind === 'unique' && i.columns.every((c) => c.expression === null && notNull.has(c.name.toLowerCase()))) ||
    def.columns.some((c) => c.unique && c.nullable === false)
  );
};

/** Notes shared by both tools about the table's foreign keys, triggers and keys. */
function tableNotes(facts: TableFacts | null, triggers: boolean): string[] {
  const notes: string[] = [];
  if (hasPrimaryOrUnique(facts) === false) notes.push('The table has no PRIMARY KEY or NOT NULL UNIQUE key: both tools refuse to run until one exists.');
  if ((facts?.definition?.foreignKeys.length ?? 0) > 0) notes.push('The table has foreign keys: the copy gets them under new names (pt-osc prefixes an underscore); gh-ost refuses tables with foreign keys.');
  if ((facts?.referencedBy.length ?? 0) > 0) notes.push('Other tables reference this one: pt-osc must re-point their foreign keys (--alter-foreign-keys-method); gh-ost refuses.');
  if (triggers) notes.push('The table has triggers: pt-osc needs --preserve-triggers (MySQL 5.7.2+); gh-ost needs --include-triggers.');
  return notes;
}

export function ptOscAlternative(options: OscOptions): Alternative {
  const db = database(options.table);
  const args = ['pt-online-schema-change', `--alter ${shellQuote(options.alter.join(', '))}`];
  if ((options.facts?.referencedBy.length ?? 0) > 0) args.push('--alter-foreign-keys-method=auto');
  if (withTriggers(options)) args.push('--preserve-triggers');
  args.push('--max-load Threads_running=50', '--critical-load Threads_running=200', '--set-vars lock_wait_timeout=5');
  args.push(`D=${db.value},t=${options.table.name}`, '--execute');
  const notes = [
    'Copies the table in small chunks through triggers while reads and writes continue; throttles on load and replica lag; swaps with an atomic RENAME at the end.',
    'Run it with --dry-run first; it needs free disk space for a full copy of the table.',
    ...tableNotes(options.facts, withTriggers(options)),
    ...(options.notes ?? []),
  ];
  if (db.note) notes.push(db.note);
  return Object.freeze({
    kind: 'osc-tool',
    title: `Run the change with pt-online-schema-change on ${options.table.name}`,
    sql: Object.freeze([args.join(' ')]),
    notes: Object.freeze(notes),
    replacesStatement: true,
  });
}

export function ghOstAlternative(options: OscOptions): Alternative {
  const db = database(options.table);
  const args = [
    'gh-ost',
    `--database=${db.value}`,
    `--table=${options.table.name}`,
    `--alter=${shellQuote(options.alter.join(', '))}`,
  ];
  if (withTriggers(options)) args.push('--include-triggers');
  args.push('--max-lag-millis=1500', '--cut-over-lock-timeout-seconds=3', '--execute');
  const notes = [
    'Copies rows in chunks and applies concurrent changes from the binary log (row format, full row image); no triggers on the table; pausable and throttled on replica lag.',
    ...tableNotes(options.facts, withTriggers(options)),
    ...(options.notes ?? []),
  ];
  if (options.isMariaDb) notes.push('gh-ost does not officially support MariaDB; prefer pt-online-schema-change there.');
  if (db.note) notes.push(db.note);
  return Object.freeze({
    kind: 'osc-tool',
    title: `Run the change with gh-ost on ${options.table.name}`,
    sql: Object.freeze([args.join(' ')]),
    notes: Object.freeze(notes),
    replacesStatement: true,
  });
}

/** Both tools, pt-osc first (it works on MySQL and MariaDB and with foreign keys). */
export function oscAlternatives(options: OscOptions): readonly Alternative[] {
  return Object.freeze([ptOscAlternative(options), ghOstAlternative(options)]);
}

export { hasPrimaryOrUnique };
