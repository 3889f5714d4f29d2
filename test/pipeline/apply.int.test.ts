// drydock apply on the outage scenario, end to end on real servers: refusal without approval,
// --yes with a policy and --use-alternative, an interactive session driven through streams, and
// a reviewed plan file executed exactly (and refused once stale).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeEach, expect, it } from 'vitest';
import type mysql from 'mysql2/promise';
import { createPrompter } from '../../src/approval/prompt.js';
import { DEFAULT_CONFIG, type Config } from '../../src/config/config.js';
import { executeApply, prepareApply, type ApplyInput } from '../../src/pipeline/apply.js';
import { lintReportFor } from '../../src/cli/lint-report.js';
import { planMigrations } from '../../src/pipeline/plan.js';
import { ANALYZERS } from '../../src/cli/catalogue.js';
import { describeOnServers } from '../helpers/servers.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const SCHEMA = readFileSync(join(ROOT, 'examples/outage/schema.sql'), 'utf8');
const LENIENT = { ...DEFAULT_CONFIG.policy, maxLockSeconds: 3600, maxRows: 1e9, maxSeverity: 'none' as const };

function migrationsCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dd-apply-'));
  cpSync(join(ROOT, 'examples/outage/migrations'), dir, { recursive: true });
  return dir;
}

function input(config: Config, dir: string, over: Partial<ApplyInput> = {}): ApplyInput {
  return {
    paths: [dir],
    config,
    analyzers: ANALYZERS,
    cwd: ROOT,
    useAlternatives: [],
    yes: false,
    prompter: null,
    approver: 'test-operator',
    resolve: {},
    buildReport: (o) => lintReportFor(o, config, 'lint', []),
    ...over,
  };
}

async function rows<T = mysql.RowDataPacket>(conn: mysql.Connection, sql: string): Promise<T[]> {
  const [r] = await conn.query<mysql.RowDataPacket[]>(sql);
  return r as T[];
}

describeOnServers('drydock apply on the outage scenario', (db) => {
  let config: Config;
  beforeEach(async () => {
    const { conn } = db();
    for (const t of ['drydock_checkpoints', 'drydock_history', 'watchdog', 'node', 'users']) await conn.query(`DROP TABLE IF EXISTS ${t}`);
    for (const stmt of SCHEMA.split(';').filter((s) => /CREATE TABLE/i.test(s))) await conn.query(stmt);
    const seq = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    await conn.query('INSERT INTO watchdog (message, type) VALUES ?', [seq(3000).map((i) => [`m${i}`, 'php'])]);
    await conn.query('INSERT INTO node (title) VALUES ?', [seq(500).map((i) => [`t${i}`])]);
    config = { ...DEFAULT_CONFIG, target: db().url };
  });

  it('refuses without approval in non-interactive mode and changes nothing', async () => {
    const dir = migrationsCopy();
    await expect(prepareApply(input(config, dir))).rejects.toMatchObject({ code: 'APPROVAL_REQUIRED', reasons: expect.arrayContaining([expect.stringMatching(/watchdog/)]) });
    expect((await rows(db().conn, 'SELECT COUNT(*) AS n FROM watchdog'))[0]).toMatchObject({ n: 3000 });
    expect(await rows(db().conn, "SHOW TABLES LIKE 'drydock_history'")).toEqual([]);
  });

  it('applies with --yes under a lenient policy after rehearsing on a shadow, using the batched alternative for the DELETE', async () => {
    // The rehearsal runs on a private throwaway server of the target's flavor (--shadow auto).
    const c = { ...config, policy: LENIENT, shadow: 'auto', shadowRows: 5000 };
    const bindir = process.env['DRYDOCK_TEST_MYSQL_BINDIR'] ?? '/var/tmp/mysql-sid/bin';
    const searchPath = db().version.flavor === 'mysql' ? `${bindir}${delimiter}${process.env['PATH'] ?? ''}` : (process.env['PATH'] ?? '');
    const rehearse = async (files: readonly string[]) => {
      const outcome = await planMigrations({ paths: files, config: c, analyzers: ANALYZERS, cwd: ROOT, toolVersion: 'test', searchPath });
      return { report: outcome.report, details: outcome.details };
    };
    // Static analysis alone cannot say how long the copies block writes: that needs a person.
    await expect(prepareApply(input(c, migrationsCopy(), { yes: true, useAlternatives: ['batched'] }))).rejects.toMatchObject({ code: 'APPROVAL_REQUIRED' });
    const prepared = await prepareApply(input(c, migrationsCopy(), { yes: true, useAlternatives: ['batched'], rehearse }));
    expect(prepared.steps).toHaveLength(1);
    const choices = prepared.steps[0]!.choices;
    expect(choices[5]).toMatchObject({ kind: 'alternative', alternative: { kind: 'batched' } });
    const result = await executeApply(prepared.steps, { config: c, resolve: {} });
    expect(result.ok).toBe(true);
    expect((await rows(db().conn, 'SELECT COUNT(*) AS n FROM watchdog'))[0]).toMatchObject({ n: 0 });
    const [col] = await rows<{ DATA_TYPE: string }>(db().conn, `SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'watchdog' AND COLUMN_NAME = 'wid'`);
    expect(col!.DATA_TYPE).toBe('bigint');
    const history = await rows(db().conn, 'SELECT * FROM drydock_history');
    expect(JSON.stringify(history)).toContain('test-operator');
    // Nothing pending any more.
    expect((await prepareApply(input(c, migrationsCopy(), { yes: true }))).nothingToDo).toBe(true);
  });

  it('asks a person, who picks TRUNCATE for the DELETE', async () => {
    const inputStream = new PassThrough();
    const output = new PassThrough();
    let screen = '';
    const asked = new Set<string>();
    output.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      // Each prompt re-renders its question; answer each distinct question once: the first with
      // "Apply with safer alternatives", every per-statement one with its pre-selected default.
      // eslint-disable-next-line no-control-regex
      for (const m of screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '\n').matchAll(/^\? (.*)$/gm)) {
        const question = m[1]!.split('(Use arrow keys)')[0]!.trim();
        if (question === '' || asked.has(question)) continue;
        asked.add(question);
        const keys = asked.size === 1 ? ['\x1b[B', '\r'] : ['\r'];
        setTimeout(() => keys.forEach((k) => inputStream.write(k)), 20);
      }
    });
    // Picks the first "with alternatives" option, then the default for each statement, but
    // TRUNCATE is pre-selected for the DELETE by --use-alternative truncate.
    const prepared = await prepareApply(
      input(config, migrationsCopy(), { prompter: createPrompter({ input: inputStream, output, signal: AbortSignal.timeout(20_000) }), useAlternatives: ['truncate'] }),
    );
    expect(screen).toContain('Needs approval because');
    const del = prepared.steps[0]!.choices[5];
    expect(del).toMatchObject({ kind: 'alternative', alternative: { kind: 'truncate' } });
    const result = await executeApply(prepared.steps, { config, resolve: {} });
    expect(result.ok).toBe(true);
    expect((await rows(db().conn, 'SELECT COUNT(*) AS n FROM watchdog'))[0]).toMatchObject({ n: 0 });
    expect(JSON.stringify(await rows(db().conn, 'SELECT * FROM drydock_history'))).toContain('truncate');
  });

  it('refuses a plan file made for other migration files or sizes', async () => {
    const dir = migrationsCopy();
    const report = lintReportFor(
      (await import('../../src/pipeline/lint.js')).analyzeMigrations(
        await (await import('../../src/migrations/load-migrations.js')).loadMigrations([dir], { cwd: ROOT }), { config, analyzers: ANALYZERS }, null, null),
      config, 'lint', []);
    const planFile = join(dir, '..', `plan-${Date.now()}.json`);
    const plan = { ...report, plan: { target: { url: db().url, database: db().database, identity: null }, tables: [{ table: 'watchdog', sourceRows: 3000 }], statements: [] } };
    writeFileSync(planFile, JSON.stringify(plan));
    // Edit the migration after the plan: its checksum moves.
    writeFileSync(join(dir, '0001_upgrade_schema.sql'), readFileSync(join(dir, '0001_upgrade_schema.sql'), 'utf8') + '\n-- edited\n');
    await expect(prepareApply(input({ ...config, policy: LENIENT }, dir, { yes: true, planFile }))).rejects.toThrow(/changed since the plan/);
    // Sizes moved beyond the plan's assumptions.
    const grown = { ...plan, migrations: plan.migrations.map((m) => ({ ...m, checksum: 'x' })), plan: { ...plan.plan, tables: [{ table: 'watchdog', sourceRows: 100 }] } };
    writeFileSync(planFile, JSON.stringify(grown));
    await expect(prepareApply(input({ ...config, policy: LENIENT }, dir, { yes: true, planFile }))).rejects.toThrow(/watchdog has 3,000 rows now; the plan assumed 100/);
  });
});
