// `drydock status`: what the target's history says about each migration on disk. The
// classification is pure; readMigrationStatus only gathers the rows (read-only).
import type { Migration } from '../parser/statement.js';
import { connect, parseServerUrl } from '../db/connection.js';
import { ConfigError } from '../errors.js';
import { runnerLockHolder, type RunnerHolder } from './runner-lock.js';
import { StateStore, type HistoryRow } from './state-store.js';

export type MigrationState =
  /** Recorded as applied with the same checksum (by drydock, or adopted from kysely_migration). */
  | 'applied'
  | 'pending'
  /** Started and stopped before the end (killed, Ctrl-C, failure): apply continues where it stopped. */
  | 'interrupted'
  /** Another runner holds the lock and is running it now. */
  | 'running'
  /** Applied, then its file changed: apply refuses until the operator resolves it. */
  | 'drifted';

export interface MigrationStatusEntry {
  readonly name: string;
  readonly file: string | null;
  readonly state: MigrationState;
  readonly checksum: string | null;
  readonly recordedChecksum: string | null;
  /** Who recorded it: drydock's history or Kysely's own table. */
  readonly source: 'drydock' | 'kysely' | null;
  readonly statementsApplied: number;
  readonly statementsTotal: number;
  readonly error: string | null;
  readonly finishedAt: string | null;
}

export interface MigrationStatus {
  readonly entries: readonly MigrationStatusEntry[];
  /** Recorded in the history but no longer on disk. */
  readonly missing: readonly string[];
  readonly runner: RunnerHolder | null;
}

/** Pure: history rows + Kysely's applied names + whether a runner is live → one state per migration. */
export function classifyMigrations(
  migrations: readonly Pick<Migration, 'name' | 'file' | 'checksum' | 'statements'>[],
  history: readonly HistoryRow[],
  kyselyApplied: readonly string[],
  runnerLive: boolean,
): Pick<MigrationStatus, 'entries' | 'missing'> {
  const byName = new Map(history.map((h) => [h.name, h]));
  const kysely = new Set(kyselyApplied);
  const entries = migrations.map((m): MigrationStatusEntry => {
    const h = byName.get(m.name);
    const base = {
      name: m.name,
      file: m.file,
      checksum: m.checksum,
      statementsTotal: m.statements.length,
    };
    if (!h) {
      if (kysely.has(m.name)) {
        return Object.freeze({ ...base, state: 'applied', recordedChecksum: null, source: 'kysely', statementsApplied: m.statements.length, error: null, finishedAt: null });
      }
      return Object.freeze({ ...base, state: 'pending', recordedChecksum: null, source: null, statementsApplied: 0, error: null, finishedAt: null });
    }
    const recorded = { recordedChecksum: h.checksum, source: 'drydock' as const, statementsApplied: h.statementsApplied, error: h.error, finishedAt: h.finishedAt };
    const done = h.status === 'success' || h.status === 'adopted';
    let state: MigrationState;
    if (done) state = h.checksum === m.checksum ? 'applied' : 'drifted';
    else if (h.status === 'running' && runnerLive) state = 'running';
    else state = 'interrupted';
    return Object.freeze({ ...base, ...recorded, state });
  });
  const onDisk = new Set(migrations.map((m) => m.name));
  const missing = history.filter((h) => !onDisk.has(h.name)).map((h) => h.name);
  return { entries: Object.freeze(entries), missing: Object.freeze(missing) };
}

/** Reads the target's bookkeeping (never creates it) and classifies the given migrations. */
export async function readMigrationStatus(
  url: string,
  migrations: readonly Pick<Migration, 'name' | 'file' | 'checksum' | 'statements'>[],
  options: { kyselyTable?: string } = {},
): Promise<MigrationStatus> {
  const database = parseServerUrl(url).database;
  if (!database) throw new ConfigError('the target URL names no database: add it, e.g. mysql://user@host:3306/app');
  const conn = await connect(url);
  try {
    const store = new StateStore(conn, []);
    const [history, kysely, runner] = [
      await store.history(),
      await store.kyselyApplied(options.kyselyTable),
      await runnerLockHolder(conn, database),
    ];
    return Object.freeze({ ...classifyMigrations(migrations, history, kysely, runner !== null), runner });
  } finally {
    await conn.end().catch(() => {});
  }
}
