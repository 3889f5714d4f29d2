// Synthetic, production-shaped rows from a table definition (and, when sampled, column stats).
// Each column gets a generator `value(i)` that is a pure function of the seed and the row index:
// primary and unique keys are injective in i, foreign keys recompute a parent row's key, and the
// rest follow the sampled null fraction, distinct count, range, lengths and top-value skew.
import type { ColumnDefinition, CreateTableOperation, ForeignKeyDefinition, IndexDefinition, TableRef } from '../parser/statement.js';
import type { ColumnStats } from '../db/introspect.js';
import { columnSpace, isIntegerType, UnsupportedColumnError, type ColumnSpace } from './column-space.js';
import { below, hash, permutation, saltOf, unit } from './value-space.js';

export interface ColumnGenerator {
  readonly name: string;
  /** SQL expression the value goes through on load, `?` standing for it (e.g. `UNHEX(?)`). */
  readonly wrap: string | null;
  readonly numeric: boolean;
  /** Values never contain tab, newline or backslash: no escaping needed for LOAD DATA. */
  readonly plainText: boolean;
  /** How the value is chosen, for reports and tests. */
  readonly mode: 'sequence' | 'unique' | 'foreign-key' | 'key-part' | 'shaped';
  /** The row's value as text; null is SQL NULL. */
  readonly value: (i: number) => string | null;
}

export interface TablePlan {
  readonly table: TableRef;
  readonly definition: CreateTableOperation;
  readonly rows: number;
  /** Generated columns in table order; generated (computed) columns are left out. */
  readonly columns: readonly ColumnGenerator[];
  readonly skippedColumns: readonly { readonly name: string; readonly reason: string }[];
  /** Every primary and unique key is unique by construction (the load may skip unique checks). */
  readonly keysGuaranteed: boolean;
  readonly warnings: readonly string[];
}

export interface TableInput {
  readonly definition: CreateTableOperation;
  /** Rows to generate. */
  readonly rows: number;
  readonly stats?: readonly ColumnStats[];
  /** The production row count the stats were sampled from (scales distinct counts); null = rows. */
  readonly sourceRows?: number | null;
}

export interface SynthesisOptions {
  readonly seed?: number;
  /** Null fraction for nullable columns without stats. */
  readonly defaultNullFraction?: number;
}

const lower = (s: string): string => s.toLowerCase();
const refKey = (t: TableRef): string => lower(t.name);

/**
 * Plans every table, parents before children (foreign-key order; cycles broken arbitrarily).
 * Row counts may be lowered when a key cannot hold that many distinct values; see `warnings`.
 */
export function planTables(inputs: readonly TableInput[], options: SynthesisOptions = {}): readonly TablePlan[] {
  const byName = new Map(inputs.map((t) => [refKey(t.definition.table), t]));
  const order = foreignKeyOrder(inputs.map((t) => t.definition));
  const plans = new Map<string, TablePlan>();
  // A child with rows needs at least one parent row to point at.
  const minRows = new Map<string, number>();
  for (const t of inputs) {
    if (t.rows <= 0) continue;
    for (const fk of t.definition.foreignKeys) {
      const k = refKey(fk.referencedTable);
      if (k !== refKey(t.definition.table)) minRows.set(k, 1);
    }
  }
  for (const def of order) {
    const input = byName.get(refKey(def.table))!;
    const rows = Math.max(input.rows, minRows.get(refKey(def.table)) ?? 0);
    plans.set(refKey(def.table), planTable({ ...input, rows }, plans, options));
  }
  return Object.freeze(order.map((d) => plans.get(refKey(d.table))!));
}

/** Table definitions sorted so that referenced tables come first. */
export function foreignKeyOrder(defs: readonly CreateTableOperation[]): readonly CreateTableOperation[] {
  const byName = new Map(defs.map((d) => [refKey(d.table), d]));
  const out: CreateTableOperation[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (d: CreateTableOperation): void => {
    const k = refKey(d.table);
    if (state.get(k)) return; // done, or a cycle: the caller's order stands
    state.set(k, 'visiting');
    for (const fk of d.foreignKeys) {
      const parent = byName.get(refKey(fk.referencedTable));
      if (parent && parent !== d) visit(parent);
    }
    state.set(k, 'done');
    out.push(d);
  };
  for (const d of defs) visit(d);
  return out;
}

interface Assignment {
  mode: ColumnGenerator['mode'];
  value: (i: number) => string | null;
  space: ColumnSpace | null;
}

/** Plans one table. `parents` holds plans of tables its foreign keys reference (and may include itself later). */
export function planTable(input: TableInput, parents: ReadonlyMap<string, TablePlan>, options: SynthesisOptions = {}): TablePlan {
  const def = input.definition;
  const seed = options.seed ?? 1;
  const tableName = def.table.name;
  const warnings: string[] = [];
  const skipped: { name: string; reason: string }[] = [];
  const stats = new Map((input.stats ?? []).map((s) => [lower(s.column), s]));
  const sourceRows = input.sourceRows ?? null;
  let rows = Math.max(0, Math.floor(input.rows));

  const columns = def.columns.filter((c) => {
    if (c.generated) {
      skipped.push({ name: c.name, reason: 'generated column: the server computes it' });
      return false;
    }
    return true;
  });
  const colByName = new Map(columns.map((c) => [lower(c.name), c]));
  const primary = def.indexes.find((ix) => ix.kind === 'primary') ?? inlineKey(def, 'primary');
  const pkColumns = new Set((primary?.columns ?? []).map((c) => lower(c.name)));
  const jsonColumns = new Set(
    columns.filter((c) => def.checks.some((ch) => new RegExp(`json_valid\\(\\s*\`?${escapeRe(c.name)}\`?\\s*\\)`, 'i').test(ch.expression))).map((c) => lower(c.name)),
  );
  const notNull = (c: ColumnDefinition): boolean => c.nullable === false || pkColumns.has(lower(c.name)) || c.autoIncrement;

  // Foreign keys whose parents are known: the columns they bind and how to read a parent row.
  interface BoundFk {
    readonly fk: ForeignKeyDefinition;
    readonly salt: number;
    readonly parentRows: () => number;
    readonly parentValue: (column: string, j: number) => string | null;
    readonly self: boolean;
  }
  const fkOf = new Map<string, BoundFk>();
  const selfGenerators = new Map<string, (i: number) => string | null>();
  for (const fk of def.foreignKeys) {
    const self = refKey(fk.referencedTable) === refKey(def.table);
    const parent = self ? null : parents.get(refKey(fk.referencedTable));
    if (!self && !parent) {
      warnings.push(`${tableName}: foreign key to ${fk.referencedTable.name} has no generated parent rows; its columns get unrelated values`);
      continue;
    }
    if (fk.columns.some((c) => fkOf.has(lower(c)))) continue; // a column bound by two keys follows the first
    const gens = new Map((parent?.columns ?? []).map((g) => [lower(g.name), g]));
    const missing = fk.referencedColumns.filter((rc) => !self && !gens.has(lower(rc)));
    if (missing.length > 0) {
      warnings.push(`${tableName}: foreign key to ${fk.referencedTable.name}(${missing.join(', ')}) references columns drydock does not generate`);
      continue;
    }
    const bound: BoundFk = {
      fk,
      salt: saltOf(seed, tableName, 'fk', ...fk.columns),
      self,
      parentRows: () => (self ? rows : parent!.rows),
      parentValue: (column, j) => (self ? (selfGenerators.get(lower(column))?.(j) ?? null) : gens.get(lower(column))!.value(j)),
    };
    for (const c of fk.columns) fkOf.set(lower(c), bound);
  }

  // Keys, strongest first: each must end up with a column (or a set of key parts) injective in i.
  const keys: IndexDefinition[] = [];
  if (primary) keys.push(primary);
  for (const ix of def.indexes) if (ix.kind === 'unique' && ix.columns.every((c) => c.expression === null)) keys.push(ix);
  const functionalUnique = def.indexes.some((ix) => ix.kind === 'unique' && ix.columns.some((c) => c.expression !== null));
  const inlineUnique = columns.filter((c) => c.unique && !c.primaryKey).map((c) => ({ name: c.name, kind: 'unique' as const, columns: [{ name: c.name, length: null, descending: false, expression: null }], using: null }));
  keys.push(...inlineUnique);

  const assigned = new Map<string, Assignment>();
  let keysGuaranteed = !functionalUnique;
  // Single-column foreign keys made injective (1:1 tables), and which composite key owns a key part.
  const fkInjective = new Set<string>();
  const keyPartOwner = new Map<string, string>();
  // Columns that a unique key indexes by a prefix only (`UNIQUE KEY (title(20))`): the shortest prefix.
  const uniquePrefix = new Map<string, number>();
  for (const key of keys) {
    for (const part of key.columns) {
      if (part.length === null) continue;
      const n = lower(part.name);
      uniquePrefix.set(n, Math.min(uniquePrefix.get(n) ?? Infinity, part.length));
    }
  }
  const spaceFor = (c: ColumnDefinition, needed: number, fromOne = false): ColumnSpace => {
    const st = stats.get(lower(c.name)) ?? null;
    const prefixLength = uniquePrefix.get(lower(c.name)) ?? null;
    return columnSpace({ column: c, stats: st, needed, rows, salt: saltOf(seed, tableName, c.name), json: jsonColumns.has(lower(c.name)), fromOne, prefixLength });
  };
  const capRows = (capacity: number, why: string): void => {
    if (capacity < rows) {
      warnings.push(`${tableName}: ${why} holds only ${capacity} distinct values; generating ${capacity} rows instead of ${rows}`);
      rows = Math.max(0, Math.floor(capacity));
    }
  };
  const injectiveFk = (b: BoundFk): void => {
    // One child per parent row (a 1:1 table): row i points at parent row i.
    capRows(b.self ? rows : b.parentRows(), `the foreign key to ${b.fk.referencedTable.name}`);
    b.fk.columns.forEach((col, x) => {
      const rc = b.fk.referencedColumns[x]!;
      assigned.set(lower(col), { mode: 'foreign-key', value: (i) => b.parentValue(rc, i), space: null });
    });
  };

  for (const key of keys) {
    const cols = key.columns.map((k) => colByName.get(lower(k.name))).filter((c): c is ColumnDefinition => c !== undefined);
    if (cols.length !== key.columns.length) {
      // A key over a generated column: its values come from the server, uniqueness is not ours to promise.
      keysGuaranteed = false;
      continue;
    }
    const names = cols.map((c) => lower(c.name));
    if (names.some((n) => ['sequence', 'unique'].includes(assigned.get(n)?.mode ?? '') || (assigned.get(n)?.mode === 'foreign-key' && fkInjective.has(n)))) continue;
    // A key containing all parts of an enumerated key is unique already.
    const owners = new Set([...keyPartOwner.values()]);
    if ([...owners].some((o) => [...keyPartOwner].filter(([, v]) => v === o).every(([k]) => names.includes(k)))) continue;
    if (names.some((n) => assigned.has(n))) {
      // Part of the key is already decided: make one free column unique, if any has room.
      const free = cols.find((c) => !assigned.has(lower(c.name)) && !fkOf.has(lower(c.name)));
      if (free) {
        const space = spaceFor(free, rows);
        capRows(space.capacity, `column ${free.name} of key ${key.name ?? 'PRIMARY'}`);
        assignUnique(free, space);
      } else {
        keysGuaranteed = false;
        warnings.push(`${tableName}: cannot guarantee uniqueness of key ${key.name ?? 'PRIMARY'}; duplicate rows will be reported by the load`);
      }
      continue;
    }
    if (cols.length === 1) {
      const c = cols[0]!;
      const b = fkOf.get(lower(c.name));
      if (b && b.fk.columns.length === 1) {
        injectiveFk(b);
        fkInjective.add(lower(c.name));
      } else if (key.kind === 'primary' && isIntegerType(c.dataType.toUpperCase())) {
        const space = spaceFor(c, rows, true);
        capRows(space.capacity, `column ${c.name}`);
        assigned.set(lower(c.name), { mode: 'sequence', value: (i) => space.at(i), space });
      } else {
        const space = spaceFor(c, rows);
        capRows(space.capacity, `column ${c.name}`);
        assignUnique(c, space);
      }
      continue;
    }
    // No foreign key among the parts: one column carries the uniqueness (the most distinct in the
    // sample, else the last, as in (carrier, tracking_no)), the others keep their shapes.
    if (!names.some((n) => fkOf.has(n))) {
      const ranked = [...cols].reverse().sort((a, b) => (stats.get(lower(b.name))?.distinct ?? 0) - (stats.get(lower(a.name))?.distinct ?? 0));
      const pick = ranked.map((c) => ({ c, space: trySpace(c) })).find((x) => x.space !== null && x.space.capacity >= rows);
      if (pick?.space) {
        assignUnique(pick.c, pick.space);
        continue;
      }
    }
    enumerateKey(key, cols);
  }

  function trySpace(c: ColumnDefinition): ColumnSpace | null {
    try {
      return spaceFor(c, rows);
    } catch (error) {
      if (error instanceof UnsupportedColumnError) return null;
      throw error;
    }
  }

  function assignUnique(c: ColumnDefinition, space: ColumnSpace): void {
    const perm = permutation(rows, saltOf(seed, tableName, c.name, 'perm'));
    const stride = Math.max(1, Math.floor(space.capacity / Math.max(1, rows)));
    const nullable = !notNull(c);
    const nf = nullable ? (stats.get(lower(c.name))?.nullFraction ?? 0) : 0;
    const salt = saltOf(seed, tableName, c.name, 'null');
    assigned.set(lower(c.name), { mode: 'unique', value: (i) => (nf > 0 && unit(salt, i) < nf ? null : space.at(perm(i) * stride)), space });
  }

  // Composite keys become mixed-radix counters over their parts, first part most significant,
  // so rows arrive in key order (fast to load) and every tuple is distinct.
  function enumerateKey(key: IndexDefinition, cols: readonly ColumnDefinition[]): void {
    interface Part {
      readonly columns: readonly ColumnDefinition[];
      readonly domain: number;
      readonly set: (digit: () => (i: number) => number) => void;
    }
    const parts: Part[] = [];
    const seen = new Set<string>();
    for (const c of cols) {
      const n = lower(c.name);
      if (seen.has(n)) continue;
      const b = fkOf.get(n);
      if (b && b.fk.columns.every((fc) => cols.some((k) => lower(k.name) === lower(fc)))) {
        b.fk.columns.forEach((fc) => seen.add(lower(fc)));
        const parentRows = Math.max(1, b.self ? rows : b.parentRows());
        const perm = permutation(parentRows, b.salt);
        parts.push({
          columns: b.fk.columns.map((fc) => colByName.get(lower(fc))!),
          domain: parentRows,
          set: (digit) => {
            b.fk.columns.forEach((fc, x) => {
              const rc = b.fk.referencedColumns[x]!;
              assigned.set(lower(fc), { mode: 'foreign-key', value: (i) => b.parentValue(rc, perm(digit()(i))), space: null });
            });
          },
        });
      } else {
        seen.add(n);
        const space = spaceFor(c, rows, isIntegerType(c.dataType.toUpperCase()));
        parts.push({ columns: [c], domain: space.capacity, set: (digit) => assigned.set(n, { mode: 'key-part', value: (i) => space.at(digit()(i)), space }) });
      }
    }
    // Radices: the most significant part spans its whole domain, later ones only what is needed.
    const radix: number[] = parts.map(() => 1);
    let remaining = rows;
    for (let p = parts.length - 1; p >= 0; p--) {
      if (p === 0) radix[p] = Math.min(parts[p]!.domain, Math.max(1, remaining));
      else {
        const headroom = parts.slice(0, p).reduce((acc, q) => Math.min(Number.MAX_SAFE_INTEGER, acc * q.domain), 1);
        radix[p] = Math.min(parts[p]!.domain, Math.max(1, Math.ceil(remaining / headroom)));
      }
      remaining = Math.ceil(remaining / radix[p]!);
    }
    const capacity = radix.reduce((a, r) => a * r, 1);
    capRows(capacity, `key ${key.name ?? 'PRIMARY'} (${cols.map((c) => c.name).join(', ')})`);
    const owner = `${key.kind}:${key.name ?? ''}:${columnList(cols)}`;
    parts.forEach((part, p) => {
      const below_ = radix.slice(p + 1).reduce((a, r) => a * r, 1);
      const r = radix[p]!;
      part.set(() => (i) => Math.floor(i / below_) % r);
      for (const c of part.columns) keyPartOwner.set(lower(c.name), owner);
    });
  }

  // Remaining columns: foreign keys first (shared row pick per key), then shaped values.
  for (const c of columns) {
    const n = lower(c.name);
    if (assigned.has(n)) continue;
    const b = fkOf.get(n);
    if (b) {
      const st = stats.get(n) ?? null;
      const nullable = b.fk.columns.every((fc) => !notNull(colByName.get(lower(fc)) ?? c));
      const nf = nullable ? (st?.nullFraction ?? options.defaultNullFraction ?? 0.1) : 0;
      const pick = parentPicker(b, st, sourceRows, nullable);
      b.fk.columns.forEach((fc, x) => {
        const rc = b.fk.referencedColumns[x]!;
        if (assigned.has(lower(fc))) return;
        assigned.set(lower(fc), {
          mode: 'foreign-key',
          value: (i) => {
            if (nf > 0 && unit(b.salt ^ 0x7a11, i) < nf) return null;
            const j = pick(i);
            return j < 0 ? null : b.parentValue(rc, j);
          },
          space: null,
        });
      });
      continue;
    }
    try {
      assigned.set(n, shaped(c));
    } catch (error) {
      if (!(error instanceof UnsupportedColumnError)) throw error;
      if (!notNull(c) || c.defaultValue !== null) {
        skipped.push({ name: c.name, reason: `${error.message}; left to its default` });
        continue;
      }
      throw error;
    }
  }

  function parentPicker(b: BoundFk, st: ColumnStats | null, srcRows: number | null, nullable: boolean): (i: number) => number {
    if (b.self) {
      // Point at an earlier row, so a tree is built top-down; the first row points at itself.
      return (i) => (i === 0 ? (nullable ? -1 : 0) : below(b.salt, i, i));
    }
    const parentRows = b.parentRows();
    if (parentRows <= 0) return () => -1;
    // Sampled skew: the top values' shares go to the first parent rows, the rest spread evenly
    // over a parent range as wide as the scaled distinct count.
    const top = (st?.topValues ?? []).slice(0, 50);
    const distinct = st ? Math.max(1, Math.min(parentRows, scaleDistinct(st.distinct, srcRows, rows))) : parentRows;
    const nonNull = st ? 1 - st.nullFraction : 1;
    const cum: number[] = [];
    let acc = 0;
    for (const t of top) cum.push((acc += t.fraction / Math.max(nonNull, 1e-9)));
    const perm = permutation(parentRows, b.salt);
    return (i) => {
      const u = unit(b.salt ^ 0x3c6e, i);
      if (acc > 0 && u < acc) {
        let x = 0;
        while (cum[x]! <= u) x++;
        return perm(x % parentRows);
      }
      const rest = Math.max(1, distinct - top.length);
      return perm((top.length + below(b.salt ^ 0x1f, i, rest)) % parentRows);
    };
  }

  function shaped(c: ColumnDefinition): Assignment {
    const n = lower(c.name);
    const st = stats.get(n) ?? null;
    const nullable = !notNull(c);
    const salt = saltOf(seed, tableName, c.name, 'shape');
    const def = literalDefault(c.defaultValue);
    const defaultIsNull = c.defaultValue !== null && /^null$/i.test(c.defaultValue.trim());
    const nf = nullable ? (st ? st.nullFraction : defaultIsNull ? 0.5 : (options.defaultNullFraction ?? 0.1)) : 0;
    const distinct = st ? Math.max(1, scaleDistinct(st.distinct, sourceRows, rows)) : null;
    const space = spaceFor(c, Math.min(distinct ?? rows, rows));
    const d = Math.min(distinct ?? space.capacity, space.capacity);
    const stride = Math.max(1, Math.floor(space.capacity / d));
    const top = (st?.topValues ?? []).slice(0, 50);
    const nonNull = st ? 1 - st.nullFraction : 1;
    const cum: number[] = [];
    let acc = 0;
    for (const t of top) cum.push((acc += t.fraction / Math.max(nonNull, 1e-9)));
    // Without stats a literal default is the most common value (half the rows), as in most tables.
    const defaultShare = !st && def !== null ? 0.5 : 0;
    // The top values are part of the distinct count: the rest of the rows spread over what remains.
    const rest = Math.max(1, d - top.length);
    const plainTop = top.every((t) => !/[\t\n\\]/.test(t.value)) && (def === null || !/[\t\n\\]/.test(def));
    const value = (i: number): string | null => {
      if (nf > 0 && unit(salt, i) < nf) return null;
      if (defaultShare > 0 && unit(salt ^ 0x2d, i) < defaultShare) return def;
      if (acc > 0) {
        const u = unit(salt ^ 0x3c6e, i);
        if (u < acc) {
          let x = 0;
          while (cum[x]! <= u) x++;
          return top[x]!.value;
        }
      }
      return space.at(below(salt ^ 0x1f, i, rest) * stride);
    };
    return { mode: 'shaped', value, space: { ...space, plainText: space.plainText && plainTop } };
  }

  for (const [n, a] of assigned) selfGenerators.set(n, a.value);

  const generators: ColumnGenerator[] = [];
  for (const c of columns) {
    const a = assigned.get(lower(c.name));
    if (!a) continue;
    generators.push(
      Object.freeze({
        name: c.name,
        wrap: a.space?.wrap ?? null,
        numeric: a.space?.numeric ?? parentNumeric(c),
        plainText: a.space?.plainText ?? true,
        mode: a.mode,
        value: a.value,
      }),
    );
  }
  return Object.freeze({
    table: def.table,
    definition: def,
    rows,
    columns: Object.freeze(generators),
    skippedColumns: Object.freeze(skipped),
    keysGuaranteed,
    warnings: Object.freeze(warnings),
  });
}

const columnList = (cols: readonly ColumnDefinition[]): string => cols.map((c) => c.name).join(',');

function parentNumeric(c: ColumnDefinition): boolean {
  const t = c.dataType.toUpperCase();
  return isIntegerType(t) || t === 'DECIMAL' || t === 'FLOAT' || t === 'DOUBLE';
}

/** The table's PRIMARY KEY declared on a column (`id INT PRIMARY KEY`). */
function inlineKey(def: CreateTableOperation, kind: 'primary'): IndexDefinition | null {
  const c = def.columns.find((col) => col.primaryKey);
  return c ? { name: 'PRIMARY', kind, columns: [{ name: c.name, length: null, descending: false, expression: null }], using: null } : null;
}

/** Distinct values to aim for at `rows`: near-unique columns scale with the table, categories do not. */
export function scaleDistinct(distinct: number, sourceRows: number | null, rows: number): number {
  if (sourceRows === null || sourceRows <= 0) return Math.min(distinct, rows);
  const ratio = distinct / sourceRows;
  return Math.max(1, Math.min(rows, ratio > 0.1 ? Math.round(ratio * rows) : distinct));
}

/** A DEFAULT that is a plain literal, unquoted; null for NULL, expressions and no default. */
export function literalDefault(text: string | null): string | null {
  if (text === null) return null;
  const t = text.trim();
  if (/^NULL$/i.test(t)) return null;
  const m = /^(?:_\w+)?'((?:[^'\\]|''|\\.)*)'$/s.exec(t);
  if (m) return m[1]!.replace(/''/g, "'").replace(/\\(.)/g, '$1');
  if (/^[-+]?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(t)) return t;
  return null;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export { hash as rowHash };
