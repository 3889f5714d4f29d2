import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { callSiteIn, captureKyselyMigration, captureKyselyQueries } from '../../src/migrations/capture-kysely.js';
import { CaptureError } from '../../src/errors.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const example = (name: string) => path.join(root, 'examples/kysely-app/migrations', name);
const fixture = (name: string) => path.join(root, 'test/fixtures/migrations', name);

describe('captureKyselyMigration', () => {
  it('captures schema builder, sql tag and DML of the example migration as mysql2 would send them', async () => {
    const r = await captureKyselyMigration(example('002_order_status.ts'));
    expect(r.queries.map((q) => q.text)).toEqual([
      "alter table `orders` add column `status` varchar(20) default 'new' not null",
      'ALTER TABLE `orders` ADD COLUMN `priority` TINYINT NOT NULL DEFAULT 0, ALGORITHM=INSTANT',
      'create index `idx_orders_status` on `orders` (`status`, `created_at`)',
      "delete from `orders` where `created_at` < '2020-01-01 00:00:00.000' and `note` in ('test order', 'don\\'t ship')",
      "update `orders` set `status` = 'legacy' where `id` < 1000",
      "insert into `audit_log` (`message`, `created_at`) values ('orders: status and priority added; legacy orders marked', NOW())",
    ]);
    expect(r.queries.map((q) => q.kind)).toEqual([
      'AlterTableNode', 'RawNode', 'CreateIndexNode', 'DeleteQueryNode', 'UpdateQueryNode', 'InsertQueryNode',
    ]);
    expect(r.queries[3]!.sql).toBe('delete from `orders` where `created_at` < ? and `note` in (?, ?)');
    expect(r.queries[3]!.parameters).toEqual([new Date('2020-01-01T00:00:00Z'), 'test order', "don't ship"]);
    expect(r.readsData).toBe(false);
    expect(r.hasDown).toBe(true);
  });

  it('captures down(db) on request', async () => {
    const r = await captureKyselyMigration(example('002_order_status.ts'), 'down');
    expect(r.queries.map((q) => q.text)).toEqual([
      'drop index `idx_orders_status` on `orders`',
      'alter table `orders` drop column `priority`, drop column `status`',
    ]);
  });

  it('records the line of each call in the .ts file', async () => {
    const r = await captureKyselyQueries(example('002_order_status.ts'));
    expect(r.queries.map((q) => q.callSite?.line)).toEqual([7, 12, 14, 16, 22, 24]);
    expect(r.queries.every((q) => q.callSite?.column === 3)).toBe(true);
  });

  it('keeps lines right for a .ts file in a CommonJS package', async () => {
    const r = await captureKyselyQueries(fixture('cjs-scope/001_cjs.ts'));
    expect(r.queries.map((q) => [q.text, q.callSite?.line])).toEqual([['create table `cjs_t` (`id` integer)', 9]]);
  });

  it('loads plain .mjs migrations and reports down', async () => {
    const r = await captureKyselyQueries(fixture('capture/plain.mjs'));
    expect(r.queries.map((q) => [q.text, q.callSite?.line])).toEqual([['ALTER TABLE t ADD COLUMN c INT', 5]]);
    expect(r.hasDown).toBe(true);
  });

  it('captures the transaction statements Kysely\'s MySQL driver sends', async () => {
    const r = await captureKyselyQueries(fixture('capture/transaction.ts'));
    expect(r.queries.map((q) => q.text)).toEqual([
      'begin',
      "insert into `audit_log` (`message`) values ('start')",
      'delete from `sessions`',
      'commit',
    ]);
    expect(r.queries.map((q) => q.callSite?.line)).toEqual([5, 6, 7, 5]);
    expect(r.hasDown).toBe(false);
  });
});

describe('data-dependent Kysely migrations', () => {
  it('flags a migration that loops over the rows of a SELECT', async () => {
    const r = await captureKyselyQueries(example('003_vip_priority.ts'));
    expect(r.queries.map((q) => q.text)).toEqual(['select `id` from `customers` where `vip` = true']);
    expect(r.readsData).toBe(true);
    expect(r.needsShadowExecution).toBe(true);
    expect(r.shadowReason).toContain('uses the rows of a read');
  });

  it('does not flag a SELECT at the end whose rows nobody reads', async () => {
    const r = await captureKyselyQueries(fixture('capture/read-at-end.ts'));
    expect(r.queries.map((q) => q.text)).toEqual([
      "update `orders` set `status` = 'done' where `status` = 'shipped'",
      'SELECT COUNT(*) FROM orders',
    ]);
    expect(r.readsData).toBe(true);
    expect(r.needsShadowExecution).toBe(false);
  });

  it('does not flag a read whose rows are ignored even when writes follow', async () => {
    const r = await captureKyselyQueries(fixture('capture/read-unused-then-write.ts'));
    expect(r.queries).toHaveLength(2);
    expect(r.readsData).toBe(true);
    expect(r.needsShadowExecution).toBe(false);
  });

  it('flags a migration that throws after a read and keeps what it captured', async () => {
    const r = await captureKyselyQueries(fixture('capture/throws-after-read.ts'));
    expect(r.queries.map((q) => q.text)).toEqual([
      'alter table `orders` add column `region` varchar(10)',
      "select `code` from `regions` where `name` = 'Europe'",
    ]);
    expect(r.needsShadowExecution).toBe(true);
  });

  it('flags a migration that branches on introspection', async () => {
    const r = await captureKyselyQueries(fixture('capture/introspects.ts'));
    expect(r.needsShadowExecution).toBe(true);
  });
});

describe('capture errors', () => {
  it('names the file, the message and the line of a throwing migration', async () => {
    const err = await captureKyselyQueries(fixture('capture/throws.ts'), { displayName: 'capture/throws.ts' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaptureError);
    expect((err as Error).message).toMatch(/^capture\/throws\.ts: up\(db\) threw while its SQL was being captured \(line 6\): the config service is unreachable\./);
  });
});

describe('call sites', () => {
  it('finds the innermost frame of exactly the migration file, as a path or a URL', () => {
    const file = '/srv/my app (v2)/migrations/001_a.ts';
    const stack = [
      'Error: capture',
      '    at CaptureConnection.executeQuery (/srv/my app (v2)/node_modules/drydock/capture.js:10:5)',
      '    at async helper (/srv/my app (v2)/migrations/001_a.ts.bak:3:1)',
      '    at async up (/other/srv/my app (v2)/migrations/001_a.ts:4:1)',
      '    at async Module.up (file:///srv/my%20app%20(v2)/migrations/001_a.ts?namespace=x:12:7)',
      '    at async up (/srv/my app (v2)/migrations/001_a.ts:20:3)',
    ].join('\n');
    expect(callSiteIn(stack, file)).toEqual({ line: 12, column: 7 });
    expect(callSiteIn(stack.split('\n').slice(0, 4).join('\n'), file)).toBeNull();
    expect(callSiteIn('    at /srv/my app (v2)/migrations/001_a.ts:5:9', file)).toEqual({ line: 5, column: 9 });
  });

  it('locates calls in a migration whose folder name has spaces and parentheses', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'drydock capture ('));
    try {
      const file = path.join(dir, '001_space.mjs');
      await writeFile(file, "export async function up(db) {\n\n  await db.schema.createTable('t').addColumn('id', 'integer').execute();\n}\n");
      const r = await captureKyselyQueries(file);
      expect(r.queries.map((q) => [q.text, q.callSite])).toEqual([['create table `t` (`id` integer)', { line: 3, column: 3 }]]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
