// What is known about tables as the migrations proceed: the target's facts (or none), updated by
// each statement so that later statements see tables created, renamed, altered or dropped before them.
import type { TableFacts } from '../db/capabilities/types.js';
import type {
  AlterTableOperation,
  ColumnDefinition,
  CreateTableOperation,
  IndexDefinition,
  Operation,
  TableRef,
} from '../parser/statement.js';
import { tableKey } from '../parser/statement.js';

export type TableFactsMap = ReadonlyMap<string, TableFacts>;

export function emptyFacts(table: TableRef, definition: CreateTableOperation | null, rows: number | null): TableFacts {
  return Object.freeze({
    table,
    definition,
    rows,
    dataBytes: rows === 0 ? 0 : null,
    indexBytes: rows === 0 ? 0 : null,
    referencedBy: [],
    triggers: [],
    totalRowVersions: null,
  });
}

/** Looks a table up by name, ignoring a schema qualifier the target facts may not carry. */
export function lookupFacts(facts: TableFactsMap, ref: TableRef): TableFacts | null {
  return findEntry(facts, ref)?.[1] ?? null;
}

/** The map key a table is stored under, and its facts. */
function findEntry(facts: TableFactsMap, ref: TableRef): [string, TableFacts] | null {
  for (const key of [tableKey(ref), tableKey({ schema: null, name: ref.name })]) {
    const f = facts.get(key);
    if (f) return [key, f];
  }
  return null;
}

/** Replaces the entry of `ref` (under the key it was found) with `next`, optionally renamed. */
function replaceEntry(facts: TableFactsMap, ref: TableRef, update: (f: TableFacts) => TableFacts, renameTo?: TableRef): TableFactsMap {
  const entry = findEntry(facts, ref);
  if (!entry) return facts;
  const [key, f] = entry;
  const next = new Map(facts);
  next.delete(key);
  const updated = update(f);
  next.set(renameTo ? tableKey(renameTo) : key, renameTo ? Object.freeze({ ...updated, table: renameTo }) : updated);
  return next;
}

/** The facts after `op` ran. Pure: returns a new map when something changed. */
export function applyOperation(facts: TableFactsMap, op: Operation): TableFactsMap {
  switch (op.kind) {
    case 'create-table': {
      const next = new Map(facts);
      const like = op.like ? lookupFacts(facts, op.like) : null;
      const definition = op.like ? (like?.definition ?? null) : op;
      // A table created by the migration starts empty (CREATE … AS SELECT aside: unknown).
      next.set(tableKey(op.table), emptyFacts(op.table, definition, op.asSelect ? null : 0));
      return next;
    }
    case 'drop-table': {
      const next = new Map(facts);
      for (const t of op.tables) {
        const entry = findEntry(next, t);
        if (entry) next.delete(entry[0]);
      }
      return next;
    }
    case 'rename-table':
      return op.pairs.reduce((acc, { from, to }) => replaceEntry(acc, from, (f) => f, to), facts);
    case 'truncate-table':
      return replaceEntry(facts, op.table, (f) => Object.freeze({ ...f, rows: 0 }));
    case 'alter-table': {
      const renamed = op.actions.find((a) => a.type === 'rename-table');
      return replaceEntry(
        facts,
        op.table,
        (f) => Object.freeze({ ...f, definition: f.definition ? alterDefinition(f.definition, op) : null }),
        renamed?.type === 'rename-table' ? renamed.to : undefined,
      );
    }
    case 'create-index':
      return replaceEntry(facts, op.table, (f) =>
        f.definition ? Object.freeze({ ...f, definition: withIndexes(f.definition, [...f.definition.indexes, op.index]) }) : f,
      );
    case 'drop-index':
      return replaceEntry(facts, op.table, (f) =>
        f.definition
          ? Object.freeze({ ...f, definition: withIndexes(f.definition, f.definition.indexes.filter((i) => i.name?.toLowerCase() !== op.name.toLowerCase())) })
          : f,
      );
    default:
      return facts;
  }
}

function withIndexes(def: CreateTableOperation, indexes: readonly IndexDefinition[]): CreateTableOperation {
  return Object.freeze({ ...def, indexes: Object.freeze(indexes) });
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Applies the column and index actions of an ALTER to a table definition (best effort). */
function alterDefinition(def: CreateTableOperation, op: AlterTableOperation): CreateTableOperation {
  let columns: ColumnDefinition[] = [...def.columns];
  let indexes: IndexDefinition[] = [...def.indexes];
  let foreignKeys = [...def.foreignKeys];
  for (const a of op.actions) {
    switch (a.type) {
      case 'add-column':
        columns.push(a.column);
        break;
      case 'drop-column':
        columns = columns.filter((c) => !sameName(c.name, a.column));
        break;
      case 'rename-column':
        columns = columns.map((c) => (sameName(c.name, a.from) ? { ...c, name: a.to } : c));
        break;
      case 'modify-column':
        columns = columns.map((c) => (sameName(c.name, a.column.name) ? a.column : c));
        break;
      case 'change-column':
        columns = columns.map((c) => (sameName(c.name, a.from) ? a.column : c));
        break;
      case 'add-index':
        indexes.push(a.index);
        break;
      case 'drop-index':
        indexes = indexes.filter((i) => !(i.name && sameName(i.name, a.name)));
        break;
      case 'drop-primary-key':
        indexes = indexes.filter((i) => i.kind !== 'primary');
        break;
      case 'rename-index':
        indexes = indexes.map((i) => (i.name && sameName(i.name, a.from) ? { ...i, name: a.to } : i));
        break;
      case 'add-foreign-key':
        foreignKeys.push(a.foreignKey);
        break;
      case 'drop-foreign-key':
        foreignKeys = foreignKeys.filter((fk) => !(fk.name && sameName(fk.name, a.name)));
        break;
      default:
        break;
    }
  }
  return Object.freeze({ ...def, columns: Object.freeze(columns), indexes: Object.freeze(indexes), foreignKeys: Object.freeze(foreignKeys) });
}
