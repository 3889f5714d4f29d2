// Issue 5 §8a: SIGKILL the apply process at random moments, resume, and compare with a clean
// run. 20 trials per scenario per server; the kill moment comes from a seeded RNG
// (DRYDOCK_TEST_SEED to replay) spread over the measured duration of a clean run.
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import type mysql from 'mysql2/promise';
import { describeOnServers } from '../helpers/servers.js';
import { applyMigrations } from '../../src/executor/apply-migrations.js';
import { StateStore } from '../../src/state/state-store.js';
import { fingerprint, prepareScenario, scenarioSteps, type KillScenario } from '../fixtures/kill-scenarios.js';

type Row = mysql.RowDataPacket;
const TRIALS = 20;
const SEED = Number(process.env['DRYDOCK_TEST_SEED'] ?? 20261123);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface KillOutcome {
  readonly killedMidRun: boolean;
  /** From the migration's start to exit (or kill). */
  readonly runMs: number;
  /** Where the worker was: `s<index>` for the last statement started, `+c<n>` for chunks done in it. */
  readonly at: string;
}

/** Starts the worker, waits until its migration starts, kills it `delayMs` later (null: never). */
function runAndKill(url: string, scenario: KillScenario, suffix: string, delayMs: number | null): Promise<KillOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/apply-worker.ts', url, scenario, suffix], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    let exited = false;
    let killedMidRun = false;
    let at = 'start';
    let lockedAt = Date.now();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const e = JSON.parse(line) as { type: string; index?: number; progress?: { chunks: number } };
        if (e.type === 'migration-start') {
          lockedAt = Date.now();
          if (delayMs !== null) setTimeout(() => {
            if (!exited) {
              killedMidRun = true;
              child.kill('SIGKILL');
            }
          }, delayMs);
        }
        if (e.type === 'statement-start') at = `s${e.index}`;
        if (e.type === 'chunk') at = `s${e.index}+c${e.progress!.chunks}`;
        if (e.type === 'statement-done') at = `s${e.index}done`;
      }
    });
    child.on('exit', (code, signal) => {
      exited = true;
      if (signal === 'SIGKILL' || code === 0) resolve({ killedMidRun, at, runMs: Date.now() - lockedAt });
      else reject(new Error(`worker exited with ${code}: ${stderr}`));
    });
  });
}

describeOnServers('apply: SIGKILL at random points, then resume', (db) => {
  for (const scenario of ['batched-delete', 'multi-statement'] as const) {
    it(`${scenario}: ${TRIALS} killed runs resume to the same end state as a clean run`, async () => {
      const conn = db().conn;
      // The clean run: a worker nobody kills. It gives the expected end state and the run time.
      await prepareScenario(conn, scenario, 'clean');
      const cleanRun = await runAndKill(db().url, scenario, 'clean', null);
      const cleanMs = cleanRun.runMs;
      const expected = await fingerprint(conn, scenario, 'clean');
      expect(cleanRun.killedMidRun).toBe(false);
      expect((await new StateStore(conn).historyOf(scenarioSteps(scenario, 'clean')[0]!.migration.name))!.status).toBe('success');

      const random = mulberry32(SEED + (scenario === 'batched-delete' ? 0 : 1000) + (db().server.name === 'mysql' ? 1 : 0));
      const landed: string[] = [];
      for (let trial = 0; trial < TRIALS; trial++) {
        // A worker that finished before its kill time is not a trial: redo it, with fresh data, sooner.
        let suffix = '';
        let kill: KillOutcome = { killedMidRun: false, runMs: 0, at: 'none' };
        let delay = Math.round(random() * cleanMs);
        for (let attempt = 0; attempt < 4 && !kill.killedMidRun; attempt++, delay = Math.round(delay / 3)) {
          suffix = `t${trial}r${attempt}`;
          await prepareScenario(conn, scenario, suffix);
          kill = await runAndKill(db().url, scenario, suffix, delay);
        }
        if (kill.killedMidRun) landed.push(kill.at);
        // The server frees a killed runner's lock once it notices the dead connection.
        const resumed = await applyMigrations(scenarioSteps(scenario, suffix), { url: db().url, chunkTargetMs: 100, runnerLockWaitSec: 30 });
        expect(resumed.migrations[0], `trial ${trial} (killed at ${kill.at}, seed ${SEED})`).toMatchObject({ status: resumed.migrations[0]!.status === 'already-applied' ? 'already-applied' : 'success', error: null });
        expect(await fingerprint(conn, scenario, suffix), `trial ${trial} (killed at ${kill.at}, seed ${SEED})`).toBe(expected);

        // History is consistent: success, every statement done exactly once.
        const name = scenarioSteps(scenario, suffix)[0]!.migration.name;
        const store = new StateStore(conn);
        const h = await store.historyOf(name);
        expect(h).toMatchObject({ status: 'success', statementsApplied: h!.statementsTotal, error: null });
        const cps = await store.checkpoints(name);
        expect(cps.map((c) => c.status)).toEqual(Array(h!.statementsTotal).fill('done'));
        if (scenario === 'batched-delete') {
          const [audit] = await conn.query<Row[]>(`SELECT COUNT(*) AS n FROM ev_${suffix}_audit`);
          expect(cps[0]!.rowsDone).toBe(Number(audit[0]!['n']));
        }
      }
      console.info(`[${db().server.name}] ${scenario}: clean run ${cleanMs} ms; ${landed.length}/${TRIALS} kills mid-run at ${landed.join(' ')} (seed ${SEED})`);
      expect(landed.length).toBe(TRIALS);
      // The kills landed at many different points: chunk numbers for the batched delete (on a fast
      // server every kill can fall between chunks of the one statement), statements otherwise.
      if (scenario === 'batched-delete') expect(new Set(landed).size).toBeGreaterThanOrEqual(4);
      else expect(new Set(landed.map((a) => a.replace(/\+c\d+/, '+c'))).size).toBeGreaterThanOrEqual(4);
    }, 240_000);
  }
});
