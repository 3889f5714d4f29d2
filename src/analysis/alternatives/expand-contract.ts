// Expand-and-contract plans: instead of one blocking ALTER, a few cheap statements spread over
// deploys (add the new shape next to the old, backfill in small batches, switch, remove the old).
// They never replace the statement 1:1 (`replacesStatement: false`).
import type { ColumnDefinition, TableRef } from '../../parser/statement.js';
import type { Alternative } from '../analyzer.js';
import { buildAlter, quoteIdent, quoteTable, renderColumn, type AlgorithmClause } from './online-ddl.js';

/** Rows per backfill chunk in the proposed SQL; the executor adapts it to a time target. */
export const BACKFILL_CHUNK_ROWS = 10_000;

export function expandContract(title: string, sql: readonly string[], notes: readonly string[] = []): Alternative {
  return Object.freeze({ kind: 'expand-contract', title, sql: Object.freeze([...sql]), notes: Object.freeze([...notes]), replacesStatement: false });
}

/** The primary key columns of a table definition, or null when unknown / absent. */
export function primaryKeyOf(definition: { readonly columns: readonly ColumnDefinition[]; readonly indexes: readonly { readonly kind: string; readonly columns: readonly { readonly name: string }[] }[] } | null): readonly string[] | null {
  if (!definition) return null;
  const pk = definition.indexes.find((i) => i.kind === 'primary');
  if (pk) return pk.columns.map((c) => c.name);
  const inline = definition.columns.find((c) => c.primaryKey);
  return inline ? [inline.name] : null;
}

/**
 * One representative chunk of a keyset-batched UPDATE, with a comment on how to continue.
 * With a single-column primary key it walks key ranges; otherwise it repeats a LIMITed update until
 * no row is left (which needs `remaining` to select only rows not done yet).
 */
export function backfillChunk(table: TableRef, set: string, remaining: string, primaryKey: readonly string[] | null): readonly string[] {
  const t = quoteTable(table);
  if (primaryKey && primaryKey.length === 1) {
    const pk = quoteIdent(primaryKey[0]!);
    return [
      `UPDATE ${t} SET ${set} WHERE ${pk} >= 1 AND ${pk} < ${BACKFILL_CHUNK_ROWS + 1} AND ${remaining};`,
      `-- repeat for the next ${pk} range (${BACKFILL_CHUNK_ROWS + 1} … ${2 * BACKFILL_CHUNK_ROWS}, …) up to SELECT MAX(${pk}) FROM ${t}, committing after each chunk`,
    ];
  }
  return [
    `UPDATE ${t} SET ${set} WHERE ${remaining} LIMIT ${BACKFILL_CHUNK_ROWS};`,
    `-- repeat until it affects 0 rows, committing after each chunk (index the filtered column first on a big table)`,
  ];
}

export interface ChangeTypeOptions {
  readonly table: TableRef;
  /** The column as it is now. */
  readonly column: string;
  /** The column as the statement wants it (its name is the final name). */
  readonly target: ColumnDefinition;
  readonly primaryKey: readonly string[] | null;
  /** Clause for adding the new column (INSTANT where the server can), or null. */
  readonly addClause: AlgorithmClause | null;
  readonly dropClause: AlgorithmClause | null;
  /** Indexes and foreign keys that include the column (they go when it is dropped). */
  readonly dependents?: readonly string[];
}

/** Add a new column of the new type, dual-write, backfill in batches, switch, drop the old one. */
export function changeColumnTypePlan(options: ChangeTypeOptions): Alternative {
  const { table, column, target } = options;
  const t = quoteTable(table);
  const temp = `${target.name}_new`;
  const c = quoteIdent(column);
  const n = quoteIdent(temp);
  const addDef = renderColumn(target, { name: temp, position: null, nullable: true, defaultValue: null });
  const sql = [
    `${buildAlter(table, [`ADD COLUMN ${addDef}`], options.addClause)};`,
    `-- deploy: the application writes both ${column} and ${temp} (or add BEFORE INSERT/UPDATE triggers setting NEW.${quoteIdent(temp)} = NEW.${c})`,
    ...backfillChunk(table, `${n} = ${c}`, `${n} IS NULL AND ${c} IS NOT NULL`, options.primaryKey),
    `SELECT COUNT(*) FROM ${t} WHERE NOT (${n} <=> ${c});  -- expect 0 before switching`,
    `-- deploy: the application reads ${temp}`,
    `${buildAlter(table, [`DROP COLUMN ${c}`, `CHANGE COLUMN ${n} ${renderColumn(target, { position: null })}`], options.dropClause)};`,
  ];
  const notes = [
    'Each step is short; the backfill runs in chunks that commit separately, so no long lock is held and replicas keep up.',
    'Values that do not fit the new type surface during the backfill (strict mode errors) instead of in the middle of one huge ALTER.',
  ];
  if (options.dependents && options.dependents.length > 0) {
    notes.push(`${column} is part of ${options.dependents.join(', ')}: create the same on ${temp} before the switch, or they disappear with the DROP COLUMN.`);
  }
  return expandContract(`Expand and contract: add ${temp} as ${target.typeText}, backfill in batches, switch, drop ${column}`, sql, notes);
}

export interface NotNullOptions {
  readonly table: TableRef;
  readonly column: ColumnDefinition;
  /** SQL value used to fill existing NULLs. */
  readonly fill: string;
  readonly primaryKey: readonly string[] | null;
  /** Clause for the final MODIFY, or null. */
  readonly modifyClause: AlgorithmClause | null;
}

/** Backfill NULLs in batches, verify none are left, then tighten to NOT NULL. */
export function notNullPlan(options: NotNullOptions): Alternative {
  const { table, column } = options;
  const t = quoteTable(table);
  const c = quoteIdent(column.name);
  const sql = [
    ...backfillChunk(table, `${c} = ${options.fill}`, `${c} IS NULL`, options.primaryKey),
    `SELECT COUNT(*) FROM ${t} WHERE ${c} IS NULL;  -- expect 0`,
    `${buildAlter(table, [`MODIFY COLUMN ${renderColumn(column, { position: null, nullable: false })}`], options.modifyClause)};`,
  ];
  return expandContract(`Backfill NULLs in ${column.name} in batches, then make it NOT NULL`, sql, [
    'Deploy code that never writes NULL before the final step; otherwise new NULLs arrive during the backfill.',
  ]);
}

export interface AddRequiredColumnOptions {
  readonly table: TableRef;
  readonly column: ColumnDefinition;
  readonly fill: string;
  readonly primaryKey: readonly string[] | null;
  readonly addClause: AlgorithmClause | null;
  readonly modifyClause: AlgorithmClause | null;
}

/** Add the column nullable (instant), backfill in batches, then make it NOT NULL with a default. */
export function addRequiredColumnPlan(options: AddRequiredColumnOptions): Alternative {
  const { table, column } = options;
  const c = quoteIdent(column.name);
  const sql = [
    `${buildAlter(table, [`ADD COLUMN ${renderColumn(column, { nullable: true, defaultValue: null })}`], options.addClause)};`,
    `-- deploy: the application writes ${column.name} on every insert`,
    ...backfillChunk(table, `${c} = ${options.fill}`, `${c} IS NULL`, options.primaryKey),
    `SELECT COUNT(*) FROM ${quoteTable(table)} WHERE ${c} IS NULL;  -- expect 0`,
    `${buildAlter(table, [`MODIFY COLUMN ${renderColumn(column, { position: null, nullable: false, defaultValue: options.fill })}`], options.modifyClause)};`,
  ];
  return expandContract(`Add ${column.name} as NULL, backfill in batches, then require it`, sql, [
    'The final MODIFY to NOT NULL rebuilds the table in place (writes continue); on a very large table run it with an online schema change tool.',
  ]);
}
