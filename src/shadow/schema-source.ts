// Where the shadow's tables come from: the target (read-only introspection plus sampled column
// stats) or, offline, a schema file with sizes given by --rows t=N or a sizes file.
import { readFile } from 'node:fs/promises';
import { introspectTables, sampleColumnStats, type ColumnStats, type IntrospectOptions, type SampleOptions, type TableSnapshot, type TargetSession } from '../db/introspect.js';
import { ConfigError } from '../errors.js';
import { parseSql } from '../parser/parse.js';
import type { CreateTableOperation, TableRef } from '../parser/statement.js';

export interface SchemaTable {
  readonly definition: CreateTableOperation;
  /** CREATE TABLE text to run on the shadow. */
  readonly createSql: string;
  /** Rows the table has (or is said to have) in production. */
  readonly rows: number;
  readonly stats: readonly ColumnStats[] | null;
  /** Target facts when the table came from the target. */
  readonly snapshot: TableSnapshot | null;
}

export interface SchemaSource {
  readonly origin: 'target' | 'schema-file';
  /** Schemas the migrations may qualify these tables with: the target's database, or the schema file's qualifiers. */
  readonly homeSchemas: readonly string[];
  readonly tables: readonly SchemaTable[];
  readonly warnings: readonly string[];
}

export interface TargetSourceOptions {
  readonly introspect?: IntrospectOptions;
  /** Sample column stats (default true); false gives shape-free synthetic rows. */
  readonly sample?: boolean;
  readonly sampleOptions?: SampleOptions;
}

/** Tables the migrations touch (and their foreign-key neighbours) as the target has them. */
export async function schemaFromTarget(session: TargetSession, tables: readonly (string | TableRef)[], options: TargetSourceOptions = {}): Promise<SchemaSource> {
  const snapshots = await introspectTables(session, tables, options.introspect ?? {});
  const warnings: string[] = [];
  const out: SchemaTable[] = [];
  for (const s of snapshots) {
    let stats: readonly ColumnStats[] | null = null;
    if ((options.sample ?? true) && (s.rows ?? 0) > 0) {
      try {
        stats = await sampleColumnStats(session, s, options.sampleOptions ?? {});
      } catch (error) {
        warnings.push(`column statistics of ${s.table.name} could not be sampled (${(error as Error).message}): its rows follow default shapes`);
      }
    }
    if (s.triggers.length > 0) {
      warnings.push(`${s.table.name} has ${s.triggers.length} trigger(s) on the target that the shadow does not run: measured DML times leave out their cost`);
    }
    // The shadow holds the tables in its own database: drop the target's schema from the name.
    const definition = { ...s.definition, table: { schema: null, name: s.table.name } };
    out.push(Object.freeze({ definition, createSql: s.createSql, rows: s.rows ?? 0, stats, snapshot: s }));
  }
  return Object.freeze({ origin: 'target', homeSchemas: Object.freeze([session.database]), tables: Object.freeze(out), warnings: Object.freeze(warnings) });
}

/**
 * The target's tables sized for production: `sizes` (from --rows / --sizes) replace the target's
 * row counts, for a target that is a smaller copy (staging) of the production database. The
 * target's own count stays in `snapshot.rows`.
 */
export function withProductionSizes(source: SchemaSource, sizes: ReadonlyMap<string, number>): SchemaSource {
  if (sizes.size === 0) return source;
  const warnings = [...source.warnings];
  const known = new Set(source.tables.map((t) => t.definition.table.name.toLowerCase()));
  for (const name of sizes.keys()) if (!known.has(name.toLowerCase())) warnings.push(`a size is given for ${name}, which the migrations do not touch on the target`);
  const tables = source.tables.map((t) => {
    const given = sizes.get(t.definition.table.name.toLowerCase());
    if (given === undefined) return t;
    warnings.push(`${t.definition.table.name}: planned for ${given.toLocaleString('en-US')} rows as given (the target holds ${t.rows.toLocaleString('en-US')})`);
    return Object.freeze({ ...t, rows: given });
  });
  return Object.freeze({ ...source, tables: Object.freeze(tables), warnings: Object.freeze(warnings) });
}

export interface FileSourceOptions {
  /** Rows for a table the sizes do not mention (default 1,000). */
  readonly defaultRows?: number;
  /**
   * The tables the migrations name: only these are built, with the tables whose foreign keys
   * reference them and, transitively, the tables those reference (as read from a target).
   * Absent: every table of the file.
   */
  readonly touched?: readonly string[];
}

/** CREATE TABLE statements of a schema file, sized by `sizes` (table name → rows, case-insensitive). */
export function schemaFromFile(text: string, file: string, sizes: ReadonlyMap<string, number>, options: FileSourceOptions = {}): SchemaSource {
  const warnings: string[] = [];
  const tables: SchemaTable[] = [];
  const known = new Set<string>();
  const schemas = new Set<string>();
  const creates = parseSql(text, file).flatMap((st) => (st.operation.kind === 'create-table' ? [{ st, op: st.operation }] : []));
  const kept = options.touched ? keptTables(creates.map((c) => c.op), options.touched) : null;
  for (const { st, op } of creates) {
    const key = op.table.name.toLowerCase();
    known.add(key);
    if (op.table.schema) schemas.add(op.table.schema);
    if (kept && !kept.has(key)) continue;
    if (op.like || op.asSelect) {
      warnings.push(`${file}:${st.location.line}: CREATE TABLE ${op.table.name} ${op.like ? 'LIKE' : 'AS SELECT'} is not used to build the shadow`);
      continue;
    }
    const given = sizes.get(key);
    if (given === undefined) warnings.push(`no size given for table ${op.table.name}: using ${options.defaultRows ?? 1000} rows (add --rows ${op.table.name}=N)`);
    tables.push(
      Object.freeze({
        definition: { ...op, table: { schema: null, name: op.table.name } },
        createSql: unqualify(st.sql, op.table),
        rows: given ?? options.defaultRows ?? 1000,
        stats: null,
        snapshot: null,
      }),
    );
  }
  for (const name of sizes.keys()) if (!known.has(name)) warnings.push(`a size is given for ${name}, which the schema file does not create`);
  if (creates.length === 0) throw new ConfigError(`${file} has no CREATE TABLE statement: pass a schema dump (e.g. mysqldump --no-data)`);
  return Object.freeze({ origin: 'schema-file', homeSchemas: Object.freeze([...schemas]), tables: Object.freeze(tables), warnings: Object.freeze(warnings) });
}

/** The touched tables, the tables referencing them, and every table those reference in turn (lower-case names). */
function keptTables(definitions: readonly CreateTableOperation[], touched: readonly string[]): Set<string> {
  const byName = new Map(definitions.map((d) => [d.table.name.toLowerCase(), d]));
  const kept = new Set<string>();
  const queue: string[] = [];
  const keep = (name: string): void => {
    const key = name.toLowerCase();
    if (kept.has(key)) return;
    kept.add(key);
    queue.push(key);
  };
  const touchedKeys = new Set(touched.map((t) => t.toLowerCase()));
  for (const t of touched) keep(t);
  // Children of the touched tables (not their children in turn): a DELETE or key change on a
  // touched table runs their checks and cascades.
  for (const d of definitions) if (d.foreignKeys.some((fk) => touchedKeys.has(fk.referencedTable.name.toLowerCase()))) keep(d.table.name);
  // Parents, transitively: the kept tables' rows must reference existing ones.
  while (queue.length > 0) {
    for (const fk of byName.get(queue.shift()!)?.foreignKeys ?? []) keep(fk.referencedTable.name);
  }
  return kept;
}

/** `CREATE TABLE app.orders (…)` → `CREATE TABLE orders (…)`, so it lands in the scratch database. */
function unqualify(sql: string, table: TableRef): string {
  if (!table.schema) return sql;
  const id = String.raw`(?:\`(?:[^\`]|\`\`)+\`|[\w$]+)`;
  return sql.replace(new RegExp(String.raw`^(\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMPORARY\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?)${id}\s*\.\s*`, 'i'), '$1');
}

/** Parses `--rows` values: `orders=9000000`, `orders=9M`, `items=250k` (also comma-separated). */
export function parseRowsArgs(args: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const arg of args) {
    for (const part of arg.split(',')) {
      const p = part.trim();
      if (!p) continue;
      const m = /^([^=\s]+)\s*=\s*([\d_.]+)\s*([kmb])?$/i.exec(p);
      if (!m) throw new ConfigError(`--rows ${JSON.stringify(p)} is not TABLE=N (e.g. orders=9000000 or orders=9M)`);
      const factor = { k: 1e3, m: 1e6, b: 1e9 }[(m[3] ?? '').toLowerCase() as 'k' | 'm' | 'b'] ?? 1;
      const n = Math.round(Number(m[2]!.replace(/_/g, '')) * factor);
      if (!Number.isFinite(n) || n < 0) throw new ConfigError(`--rows ${JSON.stringify(p)}: the row count must be a non-negative number`);
      out.set(m[1]!.toLowerCase(), n);
    }
  }
  return out;
}

/** A sizes file: a JSON object `{"orders": 9000000}` or lines `orders=9000000` (`#` comments). */
export function parseSizesText(text: string, file: string): Map<string, number> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let obj: unknown;
    try {
      obj = JSON.parse(trimmed);
    } catch (error) {
      throw new ConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    const out = new Map<string, number>();
    for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new ConfigError(`${file}: the size of ${k} must be a non-negative number`);
      out.set(k.toLowerCase(), Math.round(v));
    }
    return out;
  }
  const lines = text.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
  try {
    return parseRowsArgs(lines);
  } catch (error) {
    throw new ConfigError(`${file}: ${(error as Error).message}`);
  }
}

export async function readSizesFile(path: string): Promise<Map<string, number>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read the sizes file ${path}: ${(error as Error).message}`);
  }
  return parseSizesText(text, path);
}
