// `drydock apply`: pending migrations → impact → approval → safe execution.
import { userInfo } from 'node:os';
import type { AlternativeKind } from '../../analysis/analyzer.js';
import { createPrompter } from '../../approval/prompt.js';
import { ConfigError } from '../../errors.js';
import type { Resolution } from '../../executor/apply-types.js';
import { executeApply, prepareApply } from '../../pipeline/apply.js';
import { withProgress } from '../apply-progress.js';
import { ANALYZERS } from '../catalogue.js';
import { EXIT } from '../exit-codes.js';
import { lintReportFor } from '../lint-report.js';
import { commonSetup, list, str } from '../options.js';
import type { CliIo, Flags } from '../run-cli.js';

const KINDS: readonly AlternativeKind[] = ['batched', 'truncate', 'online-ddl', 'expand-contract', 'osc-tool', 'combine', 'rewrite'];
const RESOLUTIONS: readonly Resolution[] = ['accept-checksum', 'rerun', 'restart', 'statement-applied', 'statement-not-applied'];

export async function applyCommand(positionals: readonly string[], flags: Flags, io: CliIo): Promise<number> {
  const { config } = commonSetup(flags, io);
  const useAlternatives = list(flags, 'use-alternative').map((k) => {
    if (!(KINDS as readonly string[]).includes(k)) throw new ConfigError(`--use-alternative ${k}: use one of ${KINDS.join(', ')}`);
    return k as AlternativeKind;
  });
  const resolve: Record<string, Resolution> = {};
  for (const r of list(flags, 'resolve')) {
    const [name, how] = r.split('=');
    if (!name || !how || !(RESOLUTIONS as readonly string[]).includes(how)) {
      throw new ConfigError(`--resolve ${r}: write MIGRATION=${RESOLUTIONS.join('|')}`);
    }
    resolve[name] = how as Resolution;
  }
  // Prompts only for a person at a terminal; anywhere else a prompt would hang or exit silently.
  const interactive = Boolean(io.stdin.isTTY && io.stdout.isTTY) && !flags['non-interactive'] && !flags['yes'];
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) return;
    io.stderr.write('\ndrydock: stopping after the current chunk or statement (Ctrl-C again does not hurry it)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    const planFile = str(flags, 'plan');
    const prepared = await prepareApply({
      paths: positionals,
      config,
      analyzers: ANALYZERS,
      cwd: io.cwd,
      ...(planFile ? { planFile } : {}),
      useAlternatives,
      yes: Boolean(flags['yes']),
      prompter: interactive ? createPrompter({ signal: controller.signal }) : null,
      approver: str(flags, 'approver') ?? userInfo().username,
      resolve,
      buildReport: (outcome) => lintReportFor(outcome, config, 'lint', outcome.target?.warnings ?? []),
      ...(flags['static'] || planFile
        ? {}
        : {
            rehearse: async (files: readonly string[]) => {
              const { rehearse } = await import('../rehearse.js');
              return rehearse(files, config, io);
            },
          }),
    });
    if (prepared.nothingToDo) {
      io.stdout.write('nothing to apply: every migration is applied\n');
      return EXIT.OK;
    }
    for (const name of prepared.skipped) io.stdout.write(`${name}: skipped by the operator\n`);
    if (prepared.steps.length === 0) return EXIT.OK;
    const result = await withProgress(
      (onEvent) => executeApply(prepared.steps, { config, resolve, signal: controller.signal, onEvent }),
      { tty: Boolean(io.stdout.isTTY), ci: Boolean(io.env['CI']), write: (l) => io.stderr.write(l) },
    );
    for (const m of result.migrations) {
      io.stdout.write(`${m.name}: ${m.status} (${m.statementsApplied}/${m.statementsTotal} statements)${m.error ? ` — ${m.error}` : ''}\n`);
    }
    if (result.ok) return EXIT.OK;
    return result.migrations.some((m) => m.status === 'interrupted') ? EXIT.ABORTED : EXIT.BLOCKED;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}
