// Captures the SQL a Kysely migration would send, without a server and without running anything.
// The migration's up(db)/down(db) runs against a Kysely instance whose driver records each
// compiled query and answers with no rows. Compilation is Kysely's own MySQL compiler, and the
// text is produced by the same mysql2 interpolation `connection.query(sql, params)` performs, so
// what we record is the byte-exact statement the real MysqlDialect would put on the wire.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Kysely, MysqlAdapter, MysqlDriver, MysqlIntrospector, MysqlQueryCompiler } from 'kysely';
import type { CompiledQuery, DatabaseConnection, Dialect, QueryResult } from 'kysely';
import mysql2 from 'mysql2';
import { CaptureError, MigrationSourceError } from '../errors.js';

export interface CapturedQuery {
  /** The compiled SQL with `?` placeholders, as Kysely hands it to the driver. */
  readonly sql: string;
  readonly parameters: readonly unknown[];
  /** The statement as mysql2 sends it: parameters interpolated (dates in UTC). */
  readonly text: string;
  /** Kysely's operation node kind: `AlterTableNode`, `RawNode`, `DeleteQueryNode`, … */
  readonly kind: string;
}

export interface CaptureResult {
  readonly queries: readonly CapturedQuery[];
  /** The migration issued at least one read (SELECT, SHOW, introspection). */
  readonly readsData: boolean;
}

/** Where in the migration file a captured query was issued (1-based), when the stack shows it. */
export interface CallSite {
  readonly line: number;
  readonly column: number;
}

export interface LocatedQuery extends CapturedQuery {
  readonly callSite: CallSite | null;
}

/** Everything the loader needs: the queries with their call sites and the data-dependence verdict. */
export interface CaptureDetails {
  readonly queries: readonly LocatedQuery[];
  readonly readsData: boolean;
  /** The SQL depends on what reads return: the list is what an empty database gives. See `judge`. */
  readonly needsShadowExecution: boolean;
  /** Why needsShadowExecution is set, for messages; null when it is not. */
  readonly shadowReason: string | null;
  readonly hasDown: boolean;
  /** Line of the `up`/`down` function in the file, the fallback location. */
  readonly functionLine: number;
}

export interface KyselyMigrationModule {
  readonly up: (db: Kysely<any>) => Promise<void>;
  readonly down?: (db: Kysely<any>) => Promise<void>;
}

/** A capture that takes longer than this is stuck on something other than SQL. */
const CAPTURE_TIMEOUT_MS = 30_000;

/**
 * The SQL `up` (or `down`) of the Kysely migration in `file` would send, in order.
 * Throws CaptureError when the migration throws before it read anything.
 */
export async function captureKyselyMigration(
  file: string,
  direction: 'up' | 'down' = 'up',
): Promise<CaptureResult & { hasDown: boolean }> {
  const details = await captureKyselyQueries(file, { direction });
  return Object.freeze({
    queries: Object.freeze(details.queries.map(({ sql, parameters, text, kind }) => Object.freeze({ sql, parameters, text, kind }))),
    readsData: details.readsData,
    hasDown: details.hasDown,
  });
}

export interface CaptureOptions {
  readonly direction?: 'up' | 'down';
  /** How the file is named in messages (relative to the working directory); defaults to `file`. */
  readonly displayName?: string;
}

export async function captureKyselyQueries(file: string, options: CaptureOptions = {}): Promise<CaptureDetails> {
  const direction = options.direction ?? 'up';
  const absolute = path.resolve(file);
  const shown = options.displayName ?? file;
  const mod = await importMigration(absolute, shown);
  const fn = direction === 'up' ? mod.up : mod.down;
  if (typeof fn !== 'function') {
    throw new MigrationSourceError(shown, `has no ${direction}(db) function to capture`);
  }
  const source = await readFile(absolute, 'utf8').catch(() => '');
  const functionLine = findFunctionLine(source, direction);

  const recorder = new Recorder(absolute);
  const db = new Kysely<any>({ dialect: captureDialect(recorder) });
  let thrown: unknown = undefined;
  let threw = false;
  const previousLimit = Error.stackTraceLimit;
  // Deep async chains (transactions, helpers) push the migration's frame far down the stack.
  Error.stackTraceLimit = Math.max(previousLimit, 100);
  try {
    await withTimeout(fn.call(mod, db), CAPTURE_TIMEOUT_MS, () => {
      return new CaptureError(shown, `${direction}(db) did not finish within ${CAPTURE_TIMEOUT_MS / 1000} s while its SQL was captured: it waits on something other than the database`);
    });
  } catch (err) {
    if (err instanceof CaptureError) throw err;
    threw = true;
    thrown = err;
  } finally {
    Error.stackTraceLimit = previousLimit;
    await db.destroy();
  }

  const verdict = judge(recorder, threw);
  if (threw && !verdict.needsShadowExecution) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    const at = callSiteIn(stackOf(thrown), absolute);
    const where = at ? ` (line ${at.line})` : '';
    throw new CaptureError(
      shown,
      `${direction}(db) threw while its SQL was being captured${where}: ${message}. drydock runs the migration without a database: it must not depend on anything but the Kysely instance it is given`,
      { cause: thrown },
    );
  }
  return Object.freeze({
    queries: Object.freeze(recorder.queries.map((q) => Object.freeze(q))),
    readsData: recorder.queries.some((q) => isRead(q)),
    needsShadowExecution: verdict.needsShadowExecution,
    shadowReason: verdict.reason,
    hasDown: typeof mod.down === 'function',
    functionLine,
  });
}

/**
 * Is the captured SQL the SQL the migration really sends? Every read answers with no rows, so
 * any SQL that depends on a read's answer may differ on a real database. The rule:
 * - the migration looked at the rows of a read (the rows array we returned was touched: its
 *   length, an element, an iteration; `executeTakeFirst` counts, it destructures the rows), or
 * - it threw after a read (typically `executeTakeFirstOrThrow`'s NoResultError, or code that
 *   assumed a row exists).
 * A read whose rows are never looked at (a SELECT left at the end, a sanity query) cannot
 * change what follows, so it does not flag the migration. Affected-row counts of writes are
 * not tracked: Kysely itself reads them for every write, so their use cannot be told apart.
 */
function judge(recorder: Recorder, threw: boolean): { needsShadowExecution: boolean; reason: string | null } {
  if (recorder.rowsInspectedAfter !== null) {
    return { needsShadowExecution: true, reason: `it uses the rows of a read (${abbreviate(recorder.rowsInspectedAfter.text)})` };
  }
  const firstRead = recorder.queries.find((q) => isRead(q));
  if (threw && firstRead) {
    return { needsShadowExecution: true, reason: `it threw after a read (${abbreviate(firstRead.text)}), as when a read finds no row` };
  }
  return { needsShadowExecution: false, reason: null };
}

const abbreviate = (text: string): string => (text.length > 80 ? `${text.slice(0, 77)}...` : text);

const READ_TEXT = /^[\s(]*(select|show|explain|describe|desc|with|table|values|check|checksum)\b/i;
const isRead = (q: CapturedQuery): boolean => q.kind === 'SelectQueryNode' || READ_TEXT.test(q.text);

class Recorder {
  readonly queries: LocatedQuery[] = [];
  /** The read whose rows the migration looked at first, if any. */
  rowsInspectedAfter: LocatedQuery | null = null;
  constructor(private readonly file: string) {}

  record(q: CompiledQuery): LocatedQuery {
    const parameters = Object.freeze([...q.parameters]);
    const captured: LocatedQuery = {
      sql: q.sql,
      parameters,
      // Exactly what mysql2's connection.query(sql, params) sends (stringifyObjects false, UTC).
      text: mysql2.format(q.sql, [...parameters] as any[], false, 'Z'),
      kind: q.query.kind,
      callSite: callSiteIn(currentStack(), this.file),
    };
    this.queries.push(captured);
    return captured;
  }

  /** An empty rows array that notes when the migration looks inside it. */
  watchedRows(read: LocatedQuery): unknown[] {
    const onLook = (): void => {
      this.rowsInspectedAfter ??= read;
    };
    return new Proxy<unknown[]>([], {
      get(target, key, receiver) {
        // Promise resolution probes `then` on every value an async function returns.
        if (key !== 'then') onLook();
        return Reflect.get(target, key, receiver) as unknown;
      },
      has(target, key) {
        onLook();
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        onLook();
        return Reflect.ownKeys(target);
      },
    });
  }
}

class CaptureConnection implements DatabaseConnection {
  constructor(private readonly recorder: Recorder) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const q = this.recorder.record(compiled);
    return { rows: (isRead(q) ? this.recorder.watchedRows(q) : []) as R[] };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const q = this.recorder.record(compiled);
    // Streaming a read means consuming its rows.
    if (isRead(q)) this.recorder.rowsInspectedAfter ??= q;
  }
}

/**
 * Kysely's MysqlDriver minus the pool: its transaction and savepoint methods only call
 * executeQuery on the connection, so inheriting them captures the exact `begin`/`commit`/
 * `savepoint` statements the real driver sends.
 */
class CaptureDriver extends MysqlDriver {
  readonly #connection: CaptureConnection;
  constructor(recorder: Recorder) {
    super({ pool: {} as never });
    this.#connection = new CaptureConnection(recorder);
  }
  override async init(): Promise<void> {}
  override async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection;
  }
  override async releaseConnection(): Promise<void> {}
  override async destroy(): Promise<void> {}
}

function captureDialect(recorder: Recorder): Dialect {
  return {
    createAdapter: () => new MysqlAdapter(),
    createDriver: () => new CaptureDriver(recorder),
    createQueryCompiler: () => new MysqlQueryCompiler(),
    createIntrospector: (db) => new MysqlIntrospector(db),
  };
}

// ---- loading the module -------------------------------------------------------------------

type TsxEsmImport = (specifier: string, parentUrl: string) => Promise<unknown>;
type TsxCjsRequire = (id: string, fromFile: string) => unknown;
let tsxEsm: Promise<TsxEsmImport> | undefined;
let tsxCjs: Promise<TsxCjsRequire> | undefined;

// tsx is loaded on first use only: commands that never meet a Kysely migration do not pay for it.
// Both loaders are namespaced, so they transform only what we import through them.
function tsxImport(): Promise<TsxEsmImport> {
  tsxEsm ??= import('tsx/esm/api').then(({ register }) => {
    const api = register({ namespace: 'drydock-migrations' });
    return (specifier: string, parentUrl: string) => api.import(specifier, parentUrl) as Promise<unknown>;
  });
  return tsxEsm;
}
function tsxRequire(): Promise<TsxCjsRequire> {
  tsxCjs ??= import('tsx/cjs/api').then(({ register }) => {
    const api = register({ namespace: 'drydock-migrations' });
    return (id: string, fromFile: string) => api.require(id, fromFile) as unknown;
  });
  return tsxCjs;
}

/** A module with no `up`: in a migrations folder Kysely skips it; named explicitly it is an error. */
export class NotAMigrationError extends MigrationSourceError {}

/** Loads the module the way Kysely's FileMigrationProvider sees it: `up` on the module or its default export. */
export async function importMigration(absolute: string, shown: string): Promise<KyselyMigrationModule> {
  let loaded: unknown;
  try {
    loaded = await loadModule(absolute);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = callSiteIn(stackOf(err), absolute);
    throw new CaptureError(
      shown,
      `cannot be loaded${at ? ` (line ${at.line})` : ''}: ${message}; fix the module, and check that its imports resolve from its folder`,
      { cause: err },
    );
  }
  const mod = asMigration((loaded as { default?: unknown } | null)?.default) ?? asMigration(loaded);
  if (!mod) {
    throw new NotAMigrationError(shown, 'exports no up(db) function: a Kysely migration exports `up` (and optionally `down`)');
  }
  return mod;
}

function asMigration(value: unknown): KyselyMigrationModule | null {
  if ((typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { up?: unknown }).up === 'function') {
    return value as KyselyMigrationModule;
  }
  return null;
}

async function loadModule(absolute: string): Promise<unknown> {
  const url = pathToFileURL(absolute).href;
  // .mts/.mjs are always ESM; .ts/.js follow the nearest package.json. A CommonJS .ts through
  // tsx's ESM loader becomes a data: URL whose stack frames have no file or line, so CommonJS
  // goes through tsx's require hook, which keeps both. JavaScript goes through tsx as well:
  // its loaders import from Node directly, where a test runner's `import()` rewriting and
  // line shifting cannot reach, so files load (and report lines) as in production.
  const esm = /\.m[jt]s$/.test(absolute) || (await isEsmScope(path.dirname(absolute)));
  if (esm) return (await tsxImport())(url, url);
  return (await tsxRequire())(absolute, url);
}

/** Node's rule: the nearest package.json decides, `"type": "module"` means ESM. */
async function isEsmScope(dir: string): Promise<boolean> {
  for (let d = dir; ; d = path.dirname(d)) {
    const text = await readFile(path.join(d, 'package.json'), 'utf8').catch(() => null);
    if (text !== null) {
      try {
        return (JSON.parse(text) as { type?: unknown }).type === 'module';
      } catch {
        return false;
      }
    }
    if (path.dirname(d) === d) return false;
  }
}

// ---- stack traces -------------------------------------------------------------------------

/**
 * The stack as Node prints it by default. A test runner or APM agent may replace
 * Error.prepareStackTrace with one that ignores source maps; Node's own formatter applies the
 * maps tsx registers, which is what turns frames back into lines of the .ts file.
 */
function currentStack(): string {
  return withNodeStackFormat(() => new Error('capture').stack ?? '');
}

function stackOf(err: unknown): string {
  // `stack` is formatted on first access; make that access use Node's formatter too.
  return err instanceof Error ? withNodeStackFormat(() => err.stack ?? '') : '';
}

function withNodeStackFormat<T>(fn: () => T): T {
  const E = Error as { prepareStackTrace?: unknown };
  const saved = E.prepareStackTrace;
  E.prepareStackTrace = undefined;
  try {
    return fn();
  } finally {
    E.prepareStackTrace = saved;
  }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The first (innermost) frame of `stack` inside `file`. Frames name the file as a path or a
 * file: URL, sometimes with a loader's query string; the file is searched for literally, so
 * spaces and parentheses in paths do not matter.
 */
export function callSiteIn(stack: string, file: string): CallSite | null {
  const names = [escapeRegExp(file), escapeRegExp(pathToFileURL(file).href)].join('|');
  const frame = new RegExp(`(?:^|[\\s(])(?:${names})(?:\\?[^:\\s]*)?:(\\d+):(\\d+)\\)?$`);
  for (const line of stack.split('\n')) {
    const m = frame.exec(line.trim());
    if (m) return { line: Number(m[1]), column: Number(m[2]) };
  }
  return null;
}

/** Line of `up`/`down`'s definition, for queries whose call site the stack does not show. */
function findFunctionLine(source: string, name: 'up' | 'down'): number {
  const patterns = [
    new RegExp(`\\bfunction\\s*\\*?\\s*${name}\\s*\\(`),
    new RegExp(`\\b(?:const|let|var)\\s+${name}\\s*[=:]`),
    new RegExp(`\\b${name}\\s*[:(]`),
  ];
  for (const re of patterns) {
    const m = re.exec(source);
    if (m) return source.slice(0, m.index).split('\n').length;
  }
  return 1;
}

async function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
