// `drydock status`: applied / pending / interrupted / running / edited-after-apply migrations.
import { ConfigError } from '../../errors.js';
import { loadMigrations } from '../../migrations/load-migrations.js';
import { migrationPaths } from '../../pipeline/lint.js';
import { readMigrationStatus, type MigrationStatus } from '../../state/migration-status.js';
import { describeHolder, runnerLockName } from '../../state/runner-lock.js';
import { parseServerUrl } from '../../db/connection.js';
import { EXIT } from '../exit-codes.js';
import { commonSetup, str } from '../options.js';
import type { CliIo, Flags } from '../run-cli.js';

export async function statusCommand(positionals: readonly string[], flags: Flags, io: CliIo): Promise<number> {
  const { config } = commonSetup({ ...flags, format: str(flags, 'format') ?? 'text' }, io);
  if (!config.target) throw new ConfigError('drydock status needs --target URL (or DRYDOCK_TARGET_URL): the server whose history to read');
  const migrations = await loadMigrations(migrationPaths(positionals, config), { cwd: io.cwd });
  const status = await readMigrationStatus(config.target, migrations);
  const format = str(flags, 'format') ?? 'text';
  io.stdout.write(format === 'json' ? JSON.stringify(status, null, 2) + '\n' : renderStatus(status, parseServerUrl(config.target).database ?? ''));
  const needsAttention = status.entries.some((e) => e.state === 'interrupted' || e.state === 'drifted');
  return needsAttention ? EXIT.BLOCKED : EXIT.OK;
}

const LABEL: Record<string, string> = {
  applied: 'applied',
  pending: 'pending',
  interrupted: 'INTERRUPTED',
  running: 'running',
  drifted: 'EDITED AFTER APPLY',
};

export function renderStatus(status: MigrationStatus, database: string): string {
  const width = Math.max(4, ...status.entries.map((e) => e.name.length));
  const lines = status.entries.map((e) => {
    const detail =
      e.state === 'interrupted'
        ? `stopped after ${e.statementsApplied}/${e.statementsTotal} statements${e.error ? `: ${e.error}` : ''} — drydock apply resumes it`
        : e.state === 'drifted'
          ? `checksum ${e.checksum?.slice(0, 12)} ≠ applied ${e.recordedChecksum?.slice(0, 12)} — apply refuses until resolved`
          : e.state === 'applied'
            ? `${e.source === 'kysely' ? 'recorded by Kysely' : (e.finishedAt ?? '')}`
            : e.state === 'pending'
              ? `${e.statementsTotal} statements`
              : '';
    return `${e.name.padEnd(width)}  ${LABEL[e.state]!.padEnd(18)}  ${detail}`.trimEnd();
  });
  for (const name of status.missing) lines.push(`${name.padEnd(width)}  ${'MISSING FILE'.padEnd(18)}  recorded in the history but not on disk`);
  if (status.runner) lines.push('', describeHolder(runnerLockName(database), database, status.runner));
  const count = (s: string) => status.entries.filter((e) => e.state === s).length;
  lines.push('', `${count('applied')} applied, ${count('pending')} pending, ${count('interrupted')} interrupted, ${count('drifted')} edited after apply`);
  return lines.join('\n') + '\n';
}
