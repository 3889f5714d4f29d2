// Turns migration paths into Migration values: which files, in which order (Kysely's), their
// checksums, and their statements, parsed. SQL files are split and parsed as written; Kysely
// migrations are captured (see capture-kysely.ts) and their statements located in the .ts file.
import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { MigrationSourceError, ParseError } from '../errors.js';
import { parseSql } from '../parser/parse.js';
import type { Migration, ParsedStatement } from '../parser/statement.js';
import type { CallSite } from './capture-kysely.js';

export interface LoadMigrationsOptions {
  readonly cwd?: string;
}

const SQL_EXTENSIONS = ['.sql'];
// What Kysely's FileMigrationProvider imports, declaration files excepted.
const KYSELY_EXTENSIONS = ['.js', '.ts', '.mjs', '.mts'];

interface Candidate {
  readonly absolute: string;
  /** Relative to cwd, for messages and locations. */
  readonly shown: string;
  readonly name: string;
  readonly source: 'sql' | 'kysely';
  /** Named on the command line (not found by listing a directory). */
  readonly explicit: boolean;
}

/**
 * Paths may be files or directories (a directory: its *.sql, *.ts, *.mts, *.js, *.mjs files,
 * not *.d.ts, not recursive). Migrations are sorted by name (the file name without extension)
 * the way Kysely's Migrator sorts them: `Object.keys(migrations).sort()`, i.e. by UTF-16 code
 * units, not localeCompare. Files named explicitly follow the same rule.
 */
export async function loadMigrations(paths: readonly string[], options: LoadMigrationsOptions = {}): Promise<readonly Migration[]> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const candidates = await discover(paths, cwd);
  const migrations: Migration[] = [];
  for (const c of candidates) {
    const migration = c.source === 'sql' ? await loadSqlMigration(c) : await loadKyselyMigration(c);
    if (migration) migrations.push(migration);
  }
  return Object.freeze(migrations);
}

/** Kysely's order: Array.prototype.sort's default, plain code-unit comparison. */
export const compareMigrationNames = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The migration name Kysely gives a file: its name up to the last dot. */
export const migrationName = (file: string): string => {
  const base = path.basename(file);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
};

function sourceOf(fileName: string): 'sql' | 'kysely' | null {
  if (fileName.endsWith('.d.ts') || fileName.endsWith('.d.mts')) return null;
  if (SQL_EXTENSIONS.some((e) => fileName.endsWith(e))) return 'sql';
  if (KYSELY_EXTENSIONS.some((e) => fileName.endsWith(e))) return 'kysely';
  return null;
}

const display = (cwd: string, absolute: string): string => path.relative(cwd, absolute) || path.basename(absolute);

async function discover(paths: readonly string[], cwd: string): Promise<readonly Candidate[]> {
  const byRealPath = new Map<string, Candidate>();
  const add = async (absolute: string, explicit: boolean): Promise<void> => {
    const real = await realpath(absolute);
    const existing = byRealPath.get(real);
    if (existing) {
      // The same file named twice (a directory and a file in it): one migration.
      if (explicit && !existing.explicit) byRealPath.set(real, { ...existing, explicit });
      return;
    }
    const source = sourceOf(path.basename(absolute));
    if (!source) return;
    byRealPath.set(real, { absolute, shown: display(cwd, absolute), name: migrationName(absolute), source, explicit });
  };

  for (const p of paths) {
    const absolute = path.resolve(cwd, p);
    const info = await stat(absolute).catch(() => null);
    if (!info) throw new MigrationSourceError(p, 'does not exist: check the migration path');
    if (info.isDirectory()) {
      const entries = (await readdir(absolute)).sort(compareMigrationNames);
      for (const entry of entries) {
        const file = path.join(absolute, entry);
        if (!sourceOf(entry)) continue;
        const entryInfo = await stat(file).catch(() => null);
        if (entryInfo?.isFile()) await add(file, false);
      }
    } else {
      if (!sourceOf(path.basename(absolute))) {
        throw new MigrationSourceError(
          display(cwd, absolute),
          'is not a migration file: use .sql, or a Kysely migration in .ts, .mts, .js or .mjs (declaration files are not migrations)',
        );
      }
      await add(absolute, true);
    }
  }

  const byName = new Map<string, Candidate>();
  for (const c of byRealPath.values()) {
    const other = byName.get(c.name);
    if (other) {
      const [first, second] = [other.shown, c.shown].sort(compareMigrationNames);
      throw new MigrationSourceError(
        second!,
        `has the same migration name "${c.name}" as ${first}: migrations are named by file name without extension, so rename or remove one of them`,
      );
    }
    byName.set(c.name, c);
  }
  return [...byName.values()].sort((a, b) => compareMigrationNames(a.name, b.name));
}

// ---- reading bytes ------------------------------------------------------------------------

interface SourceText {
  readonly bytes: Buffer;
  /** Decoded text without a byte-order mark. */
  readonly text: string;
  /** Bytes removed from the start (3 for a UTF-8 BOM), to keep byte offsets true to the file. */
  readonly bomBytes: number;
  readonly checksum: string;
}

async function readSource(c: Candidate): Promise<SourceText> {
  let bytes: Buffer;
  try {
    bytes = await readFile(c.absolute);
  } catch (err) {
    throw new MigrationSourceError(c.shown, `cannot be read: ${(err as Error).message}`, { cause: err });
  }
  const checksum = createHash('sha256').update(bytes).digest('hex');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (err) {
    const at = firstInvalidUtf8(bytes);
    const where = at === null ? '' : `: byte 0x${bytes[at]!.toString(16).padStart(2, '0')} at ${lineColumn(bytes, at)} (byte offset ${at})`;
    throw new MigrationSourceError(c.shown, `is not valid UTF-8${where}; save the file as UTF-8`, { cause: err });
  }
  const bomBytes = text.startsWith('\uFEFF') ? 3 : 0;
  return { bytes, text: bomBytes ? text.slice(1) : text, bomBytes, checksum };
}

/**
 * Offset of the first byte sequence that is not UTF-8 (bad lead byte, bad continuation,
 * overlong form, surrogate, above U+10FFFF, truncated): the start of the sequence, which is
 * the character a user sees wrong (a Latin-1 `é` is one lone 0xe9).
 */
export function firstInvalidUtf8(bytes: Uint8Array): number | null {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    } else {
      return i;
    }
    for (let k = 1; k <= need; k++) {
      const cb = bytes[i + k];
      if (cb === undefined) return i; // truncated at the end of the file
      const [l, h] = k === 1 ? [lo, hi] : [0x80, 0xbf];
      if (cb < l || cb > h) return i;
    }
    i += need + 1;
  }
  return null;
}

function lineColumn(bytes: Uint8Array, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Columns count characters; the bytes before the bad one on its line are valid UTF-8.
  const column = new TextDecoder().decode(bytes.subarray(lineStart, offset)).length + 1;
  return `line ${line}, column ${column}`;
}

// ---- SQL files ----------------------------------------------------------------------------

async function loadSqlMigration(c: Candidate): Promise<Migration> {
  const src = await readSource(c);
  // The splitter skips a byte-order mark itself and counts its bytes, so offsets stay true to
  // the file: hand it the text as read.
  const statements = parseSql(src.bomBytes ? `\uFEFF${src.text}` : src.text, c.shown);
  if (statements.length === 0) throw noStatements(c, src.text);
  return Object.freeze({
    name: c.name,
    file: c.shown,
    checksum: src.checksum,
    source: 'sql',
    statements: Object.freeze([...statements]),
    needsShadowExecution: false,
    hasDown: false,
  });
}

function noStatements(c: Candidate, text: string): MigrationSourceError {
  const why = text.trim() === '' ? 'the file is empty' : 'it holds only comments';
  return new MigrationSourceError(c.shown, `contains no statements (${why}): delete it or add SQL`);
}

// ---- Kysely migrations --------------------------------------------------------------------

async function loadKyselyMigration(c: Candidate): Promise<Migration | null> {
  const src = await readSource(c);
  if (src.text.trim() === '') throw noStatements(c, src.text);
  // Loaded on demand: Kysely (and tsx) cost a few hundred milliseconds that SQL-only runs skip.
  const { captureKyselyQueries, NotAMigrationError } = await import('./capture-kysely.js');
  let details;
  try {
    details = await captureKyselyQueries(c.absolute, { displayName: c.shown });
  } catch (err) {
    // Like Kysely's FileMigrationProvider, a module without `up` in a migrations folder is not
    // a migration (a helper, shared types); named explicitly, it is a mistake.
    if (!c.explicit && err instanceof NotAMigrationError) return null;
    throw err;
  }

  const lines = src.text.split('\n');
  const statements: ParsedStatement[] = [];
  for (const q of details.queries) {
    const site: CallSite = q.callSite ?? { line: details.functionLine, column: 1 };
    let parsed: readonly ParsedStatement[];
    try {
      parsed = parseSql(q.text, c.shown);
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      // The inner location is inside the captured text, not the file: say it in those terms.
      const reason = err.message.replace(`${err.file}:${err.line}:${err.column}: `, '');
      throw new ParseError(
        {
          file: c.shown,
          line: site.line,
          column: site.column,
          snippet: q.text,
          reason: `the SQL this call sends cannot be parsed: ${reason} (at character ${err.column} of: ${q.text})`,
        },
        { cause: err },
      );
    }
    const location = Object.freeze({ file: c.shown, line: site.line, column: site.column, offset: byteOffset(lines, site, src.bomBytes) });
    const endOffset = byteOffset(lines, { line: site.line, column: (lines[site.line - 1] ?? '').replace(/\r$/, '').length + 1 }, src.bomBytes);
    const comments = commentsAbove(lines, site.line);
    parsed.forEach((p, i) => {
      statements.push(
        Object.freeze({
          ...p,
          index: statements.length,
          location,
          endOffset,
          leadingComments: i === 0 ? comments : Object.freeze([]),
        }),
      );
    });
  }

  if (statements.length === 0 && !details.needsShadowExecution) {
    throw new MigrationSourceError(c.shown, 'contains no statements (its up(db) sends no SQL): delete it or add SQL');
  }
  return Object.freeze({
    name: c.name,
    file: c.shown,
    checksum: src.checksum,
    source: 'kysely',
    statements: Object.freeze(statements),
    needsShadowExecution: details.needsShadowExecution,
    hasDown: details.hasDown,
  });
}

/** UTF-8 byte offset of a 1-based line/column in the file (columns count UTF-16 units, as V8 does). */
function byteOffset(lines: readonly string[], at: CallSite, bomBytes: number): number {
  let offset = bomBytes;
  for (let i = 0; i < at.line - 1 && i < lines.length; i++) offset += Buffer.byteLength(lines[i]!) + 1;
  return offset + Buffer.byteLength((lines[at.line - 1] ?? '').slice(0, at.column - 1));
}

/**
 * The comment lines right above a call, so `// drydock:ignore <rule> -- <reason>` works in a
 * Kysely migration as `-- drydock:ignore …` does in SQL.
 */
function commentsAbove(lines: readonly string[], line: number): readonly string[] {
  const block: string[] = [];
  for (let i = line - 2; i >= 0; i--) {
    const t = lines[i]!.trim();
    if (t.startsWith('//') || t.startsWith('/*') || t.startsWith('*')) block.unshift(t);
    else break;
  }
  return Object.freeze(block.length > 0 ? [block.join('\n')] : []);
}
