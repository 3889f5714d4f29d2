import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DummyDriver, FileMigrationProvider, Kysely, Migrator, MysqlAdapter, MysqlIntrospector, MysqlQueryCompiler } from 'kysely';
import { firstInvalidUtf8, loadMigrations } from '../../src/migrations/load-migrations.js';
import { CaptureError, MigrationSourceError, ParseError } from '../../src/errors.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = 'test/fixtures/migrations';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'drydock-load-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A fresh folder under tmp holding `files`. */
async function folder(name: string, files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = path.join(tmp, name);
  await fs.mkdir(dir);
  for (const [f, content] of Object.entries(files)) await writeFile(path.join(dir, f), content);
  return dir;
}

async function loadError(paths: string[], cwd: string): Promise<Error> {
  const result = await loadMigrations(paths, { cwd }).then(
    () => null,
    (e: unknown) => e as Error,
  );
  if (!result) throw new Error('expected loadMigrations to fail');
  return result;
}

describe('migration order', () => {
  it('orders migrations as Kysely\'s Migrator does, not by locale', async () => {
    const migrator = new Migrator({
      db: new Kysely<any>({
        dialect: {
          createAdapter: () => new MysqlAdapter(),
          createDriver: () => new DummyDriver(),
          createIntrospector: (db) => new MysqlIntrospector(db),
          createQueryCompiler: () => new MysqlQueryCompiler(),
        },
      }),
      provider: new FileMigrationProvider({ fs, path, migrationFolder: path.join(root, fixtures, 'order') }),
    });
    const kyselyOrder = (await migrator.getMigrations()).map((m) => m.name);
    const ours = (await loadMigrations([`${fixtures}/order`], { cwd: root })).map((m) => m.name);
    expect(ours).toEqual(kyselyOrder);
    expect(ours).toEqual(['10_ten', '9_nine', 'B_upper', 'a-dash', 'a_under', 'b_lower', 'é_accent']);
    // The fixture names are chosen so that localeCompare would order them differently.
    expect([...ours].sort((a, b) => a.localeCompare(b))).not.toEqual(ours);
  });

  it('sorts explicitly named files by name too, and mixes SQL and Kysely migrations', async () => {
    const migrations = await loadMigrations(
      [`${fixtures}/mixed/003_more.sql`, `${fixtures}/mixed/001_create.sql`, `${fixtures}/mixed/002_kysely.ts`],
      { cwd: root },
    );
    expect(migrations.map((m) => [m.name, m.source, m.file])).toEqual([
      ['001_create', 'sql', `${fixtures}/mixed/001_create.sql`],
      ['002_kysely', 'kysely', `${fixtures}/mixed/002_kysely.ts`],
      ['003_more', 'sql', `${fixtures}/mixed/003_more.sql`],
    ]);
  });

  it('reads a directory without recursing, ignoring other files and declaration files', async () => {
    const migrations = await loadMigrations([`${fixtures}/mixed`], { cwd: root });
    expect(migrations.map((m) => m.name)).toEqual(['001_create', '002_kysely', '003_more']);
    const order = await loadMigrations([`${fixtures}/order`], { cwd: root });
    expect(order.map((m) => m.name)).not.toContain('types');
    expect(order.map((m) => m.name)).not.toContain('helper');
  });

  it('counts a file named twice (directly and through its directory) once', async () => {
    const migrations = await loadMigrations([`${fixtures}/mixed`, `${fixtures}/mixed/001_create.sql`], { cwd: root });
    expect(migrations.map((m) => m.name)).toEqual(['001_create', '002_kysely', '003_more']);
  });
});

describe('SQL migrations', () => {
  it('checksums the file bytes and parses its statements with locations', async () => {
    const migrations = await loadMigrations([`${fixtures}/mixed/003_more.sql`], { cwd: root });
    const m = migrations[0]!;
    const bytes = await readFile(path.join(root, fixtures, 'mixed/003_more.sql'));
    expect(m.checksum).toBe(sha256(bytes));
    expect(m.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(m.statements.map((s) => [s.operation.kind, s.location.line, s.location.file])).toEqual([
      ['alter-table', 1, `${fixtures}/mixed/003_more.sql`],
      ['delete', 2, `${fixtures}/mixed/003_more.sql`],
    ]);
    expect(m.needsShadowExecution).toBe(false);
    expect(m.hasDown).toBe(false);
    expect(Object.isFrozen(m)).toBe(true);
  });

  it('skips a UTF-8 byte-order mark but keeps byte offsets true to the file', async () => {
    const sql = 'ALTER TABLE t ADD COLUMN c INT;\nDROP TABLE u;\n';
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sql)]);
    const dir = await folder('bom', { '001_bom.sql': bytes });
    const [m] = await loadMigrations([dir], { cwd: tmp });
    expect(m!.checksum).toBe(sha256(bytes));
    expect(m!.statements.map((s) => s.sql)).toEqual(['ALTER TABLE t ADD COLUMN c INT', 'DROP TABLE u']);
    for (const s of m!.statements) {
      expect(bytes.subarray(s.location.offset, s.endOffset).toString()).toBe(s.sql);
    }
    expect(m!.statements[0]!.location).toMatchObject({ file: 'bom/001_bom.sql', line: 1, column: 1 });
  });

  it('rejects a file that is not UTF-8, naming the byte, its line and column', async () => {
    const bytes = Buffer.concat([Buffer.from('SELECT 1;\nUPDATE t SET name = \''), Buffer.from([0xe9]), Buffer.from("';\n")]);
    const dir = await folder('latin1', { '001_latin1.sql': bytes });
    const err = await loadError([dir], tmp);
    expect(err).toBeInstanceOf(MigrationSourceError);
    expect(err.message).toBe('latin1/001_latin1.sql: is not valid UTF-8: byte 0xe9 at line 2, column 22 (byte offset 31); save the file as UTF-8');
  });

  it('rejects an empty file and a comment-only file with their own messages', async () => {
    const dir = await folder('empty', { '001_empty.sql': '' });
    expect((await loadError([dir], tmp)).message).toBe('empty/001_empty.sql: contains no statements (the file is empty): delete it or add SQL');
    const dir2 = await folder('comments', { '001_comments.sql': '-- TODO: add the index\n/* later */\n# nothing\n' });
    const err = await loadError([dir2], tmp);
    expect(err).toBeInstanceOf(MigrationSourceError);
    expect(err.message).toBe('comments/001_comments.sql: contains no statements (it holds only comments): delete it or add SQL');
  });

  it('rejects two files with the same migration name, naming both', async () => {
    const dir = await folder('dup', { '001_a.sql': 'SELECT 1;', '001_a.ts': 'export async function up() {}', '002_b.sql': 'SELECT 2;' });
    const err = await loadError([dir], tmp);
    expect(err).toBeInstanceOf(MigrationSourceError);
    expect(err.message).toBe(
      'dup/001_a.ts: has the same migration name "001_a" as dup/001_a.sql: migrations are named by file name without extension, so rename or remove one of them',
    );
  });

  it('rejects a missing path and a file that is not a migration', async () => {
    expect((await loadError(['nope'], tmp)).message).toBe('nope: does not exist: check the migration path');
    const dir = await folder('wrong-ext', { 'schema.d.ts': 'export {};', 'notes.txt': 'x' });
    expect((await loadError([path.join(dir, 'schema.d.ts')], tmp)).message).toMatch(/^wrong-ext\/schema\.d\.ts: is not a migration file/);
    expect((await loadError([path.join(dir, 'notes.txt')], tmp)).message).toMatch(/^wrong-ext\/notes\.txt: is not a migration file/);
  });
});

describe('Kysely migrations', () => {
  it('places each captured statement at its call in the .ts file', async () => {
    const migrations = await loadMigrations(['examples/kysely-app/migrations'], { cwd: root });
    expect(migrations.map((m) => m.name)).toEqual(['001_create_shop', '002_order_status', '003_vip_priority']);
    const m = migrations[1]!;
    const file = 'examples/kysely-app/migrations/002_order_status.ts';
    const bytes = await readFile(path.join(root, file));
    expect(m).toMatchObject({ file, source: 'kysely', checksum: sha256(bytes), hasDown: true, needsShadowExecution: false });
    expect(m.statements.map((s) => [s.index, s.location.line, s.location.column, s.operation.kind])).toEqual([
      [0, 7, 3, 'alter-table'],
      [1, 12, 3, 'alter-table'],
      [2, 14, 3, 'create-index'],
      [3, 16, 3, 'delete'],
      [4, 22, 3, 'update'],
      [5, 24, 3, 'insert'],
    ]);
    expect(m.statements.every((s) => s.location.file === file)).toBe(true);
    // The offset is the byte of the call in the file.
    for (const s of m.statements) expect(bytes.subarray(s.location.offset).toString().startsWith('await ')).toBe(true);
    expect(m.statements[1]!.sql).toBe('ALTER TABLE `orders` ADD COLUMN `priority` TINYINT NOT NULL DEFAULT 0, ALGORITHM=INSTANT');
    const instant = m.statements[1]!.operation;
    expect(instant.kind === 'alter-table' && instant.algorithm).toBe('INSTANT');
  });

  it('marks a migration that branches on read rows as needing shadow execution', async () => {
    const migrations = await loadMigrations(['examples/kysely-app/migrations/003_vip_priority.ts'], { cwd: root });
    expect(migrations[0]).toMatchObject({ needsShadowExecution: true, hasDown: false });
    expect(migrations[0]!.statements.map((s) => [s.operation.kind, s.location.line])).toEqual([['select', 7]]);
  });

  it('keeps the comments above a call, so drydock:ignore works in .ts files', async () => {
    const [m] = await loadMigrations([`${fixtures}/mixed/002_kysely.ts`], { cwd: root });
    expect(m!.statements[0]!.leadingComments).toEqual(['// drydock:ignore some-rule -- reviewed: the table is tiny']);
    expect(m!.statements[1]!.leadingComments).toEqual([]);
  });

  it('reports a migration that throws while being captured, with file, message and line', async () => {
    const err = await loadError([`${fixtures}/capture/throws.ts`], root);
    expect(err).toBeInstanceOf(CaptureError);
    expect(err.message).toMatch(
      /^test\/fixtures\/migrations\/capture\/throws\.ts: up\(db\) threw while its SQL was being captured \(line 6\): the config service is unreachable\./,
    );
  });

  it('rejects a Kysely migration that sends nothing, an empty file, and an explicit file without up', async () => {
    expect((await loadError([`${fixtures}/capture/noop.ts`], root)).message).toBe(
      'test/fixtures/migrations/capture/noop.ts: contains no statements (its up(db) sends no SQL): delete it or add SQL',
    );
    const dir = await folder('empty-ts', { '001_empty.ts': '\n' });
    expect((await loadError([dir], tmp)).message).toBe('empty-ts/001_empty.ts: contains no statements (the file is empty): delete it or add SQL');
    const err = await loadError([`${fixtures}/capture/no-up.ts`], root);
    expect(err).toBeInstanceOf(MigrationSourceError);
    expect(err.message).toMatch(/^test\/fixtures\/migrations\/capture\/no-up\.ts: exports no up\(db\) function/);
  });
});

describe('Kysely migrations that cannot be loaded', () => {
  it('reports captured SQL that cannot be parsed at the call in the .ts file', async () => {
    const err = await loadError([`${fixtures}/capture/unparseable.ts`], root);
    expect(err).toBeInstanceOf(ParseError);
    expect(err).toMatchObject({ file: `${fixtures}/capture/unparseable.ts`, line: 6, column: 3 });
    expect(err.message).toMatch(/^test\/fixtures\/migrations\/capture\/unparseable\.ts:6:3: the SQL this call sends cannot be parsed/);
    expect(err.message).toContain("UPDATE t SET note = 'unterminated");
  });

  it('reports a module that does not compile', async () => {
    const dir = await folder('syntax', { '001_broken.ts': 'export async function up(db) {\n  await db.schema.createTable(\n}\n' });
    const err = await loadError([dir], tmp);
    expect(err).toBeInstanceOf(CaptureError);
    expect(err.message).toMatch(/^syntax\/001_broken\.ts: cannot be loaded/);
    expect(err.message).toMatch(/fix the module/);
  });

  it('reports a module that throws while it is imported, with the line', async () => {
    const dir = await folder('import-throws', {
      'package.json': '{ "type": "module" }',
      '001_boom.mjs': 'const config = undefined;\nconst table = config.table;\nexport async function up() {}\n',
    });
    const err = await loadError([dir], tmp);
    expect(err).toBeInstanceOf(CaptureError);
    expect(err.message).toMatch(/^import-throws\/001_boom\.mjs: cannot be loaded \(line 2\): Cannot read properties of undefined/);
  });
});

describe('firstInvalidUtf8', () => {
  it('finds bad lead bytes, bad continuations, overlongs, surrogates and truncation', () => {
    const at = (...b: number[]) => firstInvalidUtf8(Uint8Array.from(b));
    expect(at(0x61, 0xc3, 0xa9, 0x62)).toBeNull(); // aéb
    expect(at(0xf0, 0x9f, 0x98, 0x80)).toBeNull(); // 😀
    expect(at(0x61, 0xff)).toBe(1);
    expect(at(0x61, 0xc3, 0x41)).toBe(1);
    expect(at(0xc0, 0xaf)).toBe(0); // overlong '/'
    expect(at(0x61, 0xe0, 0x80, 0xaf)).toBe(1); // overlong
    expect(at(0xed, 0xa0, 0x80)).toBe(0); // surrogate half
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(0); // above U+10FFFF
    expect(at(0x61, 0xe2, 0x82)).toBe(1); // truncated
    // Agrees with the platform decoder on whether the bytes are valid.
    for (const bytes of [[0x61, 0xff], [0xe2, 0x82, 0xac], [0xed, 0xa0, 0x80]]) {
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8(Uint8Array.from(bytes)) === null).toBe(valid);
    }
  });
});
