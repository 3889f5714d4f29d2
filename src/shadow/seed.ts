// Building the shadow's tables and filling them with synthetic rows, parents before children,
// scaled to a row budget, with progress for the CLI's bar.
import type mysql from 'mysql2/promise';
import type { Connection } from '../db/connection.js';
import { quoteId } from '../db/connection.js';
import { ShadowError } from '../errors.js';
import type { TableRef } from '../parser/statement.js';
import { loadTable, type LoadMethod } from './load.js';
import type { SchemaSource, SchemaTable } from './schema-source.js';
import type { Shadow } from './shadow-database.js';
import { foreignKeyOrder, planTables } from './synthesize.js';

export interface SeedProgress {
  readonly table: string;
  readonly tableRowsDone: number;
  readonly tableRows: number;
  readonly rowsDone: number;
  readonly rowsTotal: number;
}

export interface SeedOptions {
  readonly seed?: number;
  /** Upper bound on rows over all tables; big tables are scaled down proportionally. */
  readonly budgetRows?: number;
  /** Tables at or below this many rows keep their full size under a budget (default 1,000). */
  readonly keepSmallTables?: number;
  readonly method?: 'auto' | LoadMethod;
  readonly onProgress?: (progress: SeedProgress) => void;
  /** Run ANALYZE TABLE after loading so the optimizer sees the new rows (default true). */
  readonly analyze?: boolean;
}

export interface SeededTable {
  readonly table: TableRef;
  /** Production rows (or the size given). */
  readonly sourceRows: number;
  /** Rows in the shadow. */
  readonly rows: number;
  /** sourceRows / rows: how far shadow measurements must be extrapolated. */
  readonly scale: number;
  readonly method: LoadMethod;
  readonly ms: number;
  readonly skippedColumns: readonly { readonly name: string; readonly reason: string }[];
  readonly warnings: readonly string[];
}

export interface SeedResult {
  readonly tables: readonly SeededTable[];
  readonly rows: number;
  readonly ms: number;
  readonly rowsPerSecond: number;
  readonly warnings: readonly string[];
}

/**
 * Creates the tables in the connection's database (foreign-key checks off, so order does not
 * matter). A collation the shadow's server does not know (MySQL's utf8mb4_0900_ai_ci on MariaDB,
 * say) is replaced by the charset's default there; the returned warnings say so.
 */
export async function applySchema(conn: Connection, tables: readonly Pick<SchemaTable, 'definition' | 'createSql'>[]): Promise<readonly string[]> {
  const warnings: string[] = [];
  await conn.query('SET SESSION foreign_key_checks = 0');
  try {
    for (const def of foreignKeyOrder(tables.map((t) => t.definition))) {
      const t = tables.find((x) => x.definition === def)!;
      let sql = t.createSql;
      for (let attempt = 0; ; attempt++) {
        try {
          await conn.query(sql);
          break;
        } catch (error) {
          const e = error as { errno?: number; message: string };
          const unknown = /Unknown collation: '([^']+)'/.exec(e.message)?.[1];
          const replacement = e.errno === 1273 && unknown && attempt < 5 ? await defaultCollation(conn, unknown) : null;
          if (!unknown || !replacement) throw new ShadowError(`cannot create table ${def.table.name} on the shadow: ${e.message}`, { cause: error });
          warnings.push(`table ${def.table.name}: collation ${unknown} does not exist on the shadow's server; ${replacement} is used instead (sorting and comparisons may differ)`);
          sql = sql.split(unknown).join(replacement);
        }
      }
    }
  } finally {
    await conn.query('SET SESSION foreign_key_checks = 1');
  }
  return Object.freeze(warnings);
}

async function defaultCollation(conn: Connection, collation: string): Promise<string | null> {
  const charset = /^([a-z0-9]+?)_/.exec(collation)?.[1];
  if (!charset) return null;
  const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT DEFAULT_COLLATE_NAME AS c FROM information_schema.CHARACTER_SETS WHERE CHARACTER_SET_NAME = ?', [charset]);
  const c = rows[0]?.['c'];
  return typeof c === 'string' && c !== collation ? c : null;
}

/** Shadow rows per table under a budget: small tables stay whole, the rest share what is left. */
export function budgetRows(sizes: readonly number[], budget: number | undefined, keepSmall = 1000): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (budget === undefined || total <= budget) return [...sizes];
  const small = sizes.reduce((a, n) => a + (n <= keepSmall ? n : 0), 0);
  const big = total - small;
  const factor = Math.max(0, budget - small) / Math.max(1, big);
  return sizes.map((n) => (n <= keepSmall ? n : Math.max(Math.min(n, keepSmall), Math.round(n * factor))));
}

/** Generates and loads rows for every table (tables must exist in the connection's database). */
export async function seedShadow(conn: Connection, tables: readonly SchemaTable[], options: SeedOptions = {}): Promise<SeedResult> {
  const started = Date.now();
  const shadowRows = budgetRows(tables.map((t) => t.rows), options.budgetRows, options.keepSmallTables);
  const plans = planTables(
    tables.map((t, x) => ({ definition: t.definition, rows: shadowRows[x]!, ...(t.stats ? { stats: t.stats } : {}), sourceRows: t.rows })),
    options.seed !== undefined ? { seed: options.seed } : {},
  );
  const sourceOf = new Map(tables.map((t) => [t.definition.table.name.toLowerCase(), t.rows]));
  const rowsTotal = plans.reduce((a, p) => a + p.rows, 0);
  let rowsBefore = 0;
  const seeded: SeededTable[] = [];
  for (const plan of plans) {
    const name = plan.table.name;
    const result = await loadTable(conn, plan, {
      method: options.method ?? 'auto',
      onProgress: (done) => options.onProgress?.({ table: name, tableRowsDone: done, tableRows: plan.rows, rowsDone: rowsBefore + done, rowsTotal }),
    });
    if (result.rows !== plan.rows) throw new ShadowError(`${name}: ${result.rows} rows loaded, ${plan.rows} generated`);
    rowsBefore += plan.rows;
    if (options.analyze ?? true) await conn.query(`ANALYZE TABLE ${quoteId(plan.table.name)}`);
    const sourceRows = sourceOf.get(name.toLowerCase()) ?? plan.rows;
    const warnings = [...plan.warnings];
    if (result.fallbackReason) warnings.push(`${name}: loaded with INSERT because LOAD DATA LOCAL was refused (${result.fallbackReason})`);
    seeded.push(
      Object.freeze({
        table: plan.table,
        sourceRows,
        rows: plan.rows,
        scale: plan.rows > 0 ? sourceRows / plan.rows : 1,
        method: result.method,
        ms: result.ms,
        skippedColumns: plan.skippedColumns,
        warnings: Object.freeze(warnings),
      }),
    );
  }
  const ms = Date.now() - started;
  return Object.freeze({
    tables: Object.freeze(seeded),
    rows: rowsTotal,
    ms,
    rowsPerSecond: ms > 0 ? Math.round((rowsTotal * 1000) / ms) : rowsTotal,
    warnings: Object.freeze(seeded.flatMap((t) => t.warnings)),
  });
}

/** Creates the source's tables in the shadow, seeds them, then settles the shadow's settings. */
export async function buildShadow(shadow: Shadow, source: SchemaSource, options: SeedOptions = {}): Promise<SeedResult> {
  const conn = await shadow.connect();
  try {
    const schemaWarnings = await applySchema(conn, source.tables);
    const result = await seedShadow(conn, source.tables, options);
    await shadow.settle();
    return Object.freeze({ ...result, warnings: Object.freeze([...source.warnings, ...schemaWarnings, ...result.warnings]) });
  } finally {
    await conn.end().catch(() => {});
  }
}
