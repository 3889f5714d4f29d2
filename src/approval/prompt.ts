// The interactive approval: shows a migration's impact and SQL, then asks what to do. Only used
// when stdin and stdout are terminals (the CLI checks); tests inject streams.
import { PassThrough } from 'node:stream';
import { select } from '@inquirer/prompts';
import { AbortedError } from '../errors.js';
import type { MigrationReport, ReportAlternative, StatementReport } from '../report/impact-report.js';
import { describeLock } from '../report/renderers/describe-report.js';
import { formatCount, formatDuration, formatDurationRange } from '../report/format-duration.js';
import type { StatementDecision } from './policy.js';

export interface PromptContext {
  readonly input?: NodeJS.ReadableStream;
  readonly output?: NodeJS.WritableStream;
  readonly signal?: AbortSignal;
}

export type MigrationDecision =
  | { readonly kind: 'apply'; readonly statements: readonly StatementDecision[]; readonly summary: string }
  | { readonly kind: 'skip' };

export interface Prompter {
  decide(
    migration: MigrationReport,
    reasons: readonly string[],
    defaults: readonly StatementDecision[],
  ): Promise<MigrationDecision>;
}

/** Alternatives drydock itself can run in place of the statement (not external tools' command lines). */
export const isExecutable = (a: ReportAlternative): boolean => a.replacesStatement && a.kind !== 'osc-tool';

function estimateText(s: StatementReport): string {
  const e = s.estimate;
  const rows = e.rows === null ? 'rows ?' : `${formatCount(e.rows)} rows`;
  const dur =
    e.durationMs === null
      ? 'duration ?'
      : `~${formatDuration(e.durationMs)}${e.durationRangeMs ? ` (${formatDurationRange(e.durationRangeMs[0], e.durationRangeMs[1])})` : ''}`;
  return `${rows} · ${dur} · ${e.basis}`;
}

function alternativeText(a: ReportAlternative): string {
  const m = a.measurement;
  if (!m) return `${a.title} — not measured`;
  const block = Math.max(m.maxReadBlockMs ?? 0, m.maxWriteBlockMs ?? 0);
  const est = a.estimate?.durationMs ?? m.durationMs;
  return `${a.title} — ${est === null ? 'duration ?' : `~${formatDuration(est)}`}, longest block ${formatDuration(block)}${m.error ? `, FAILED: ${m.error}` : ''}`;
}

/** The impact table shown before the question. */
export function describeMigration(migration: MigrationReport, reasons: readonly string[]): string {
  const lines = [`\n${migration.name} (${migration.file}) — ${migration.statements.length} statements`];
  for (const s of migration.statements) {
    lines.push(`  ${s.location.file}:${s.location.line}  ${s.sql.split('\n')[0]!.slice(0, 100)}`);
    lines.push(`      ${describeLock(s.lock)} · ${estimateText(s)}`);
    for (const f of s.findings) lines.push(`      ${f.severity} ${f.id}: ${f.message.split('. ')[0]}`);
    s.alternatives.forEach((a, i) => {
      if (isExecutable(a)) lines.push(`      alternative ${i + 1} (${a.kind}): ${alternativeText(a)}`);
    });
  }
  if (reasons.length > 0) lines.push('', '  Needs approval because:', ...reasons.map((r) => `    - ${r}`));
  return lines.join('\n') + '\n';
}

export function createPrompter(context: PromptContext = {}): Prompter {
  // Each prompt ends the output stream it is given when it closes; an injected stream (tests, a
  // wrapping UI) therefore gets a fresh pass-through per prompt that never ends the real one.
  const ctx = () => {
    let output: NodeJS.WritableStream | undefined;
    if (context.output) {
      const through = new PassThrough();
      through.pipe(context.output, { end: false });
      output = through;
    }
    return {
      ...(context.input ? { input: context.input } : {}),
      ...(output ? { output } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
    };
  };
  const write = (text: string) => (context.output ?? process.stdout).write(text);
  return {
    async decide(migration, reasons, defaults) {
      try {
        return await decideInteractively(migration, reasons, defaults);
      } catch (error) {
        // Ctrl-C or a closed terminal at the prompt: nothing of this migration has run.
        if (
          error instanceof Error &&
          (error.name === 'AbortPromptError' || error.name === 'ExitPromptError')
        ) {
          throw new AbortedError(`aborted at the approval of ${migration.name}: nothing of it ran`, {
            cause: error,
          });
        }
        throw error;
      }
    },
  };

  async function decideInteractively(
    migration: MigrationReport,
    reasons: readonly string[],
    defaults: readonly StatementDecision[],
  ): Promise<MigrationDecision> {
    write(describeMigration(migration, reasons));
    const withAlternatives = migration.statements.filter((s) => s.alternatives.some(isExecutable));
    const choice = await select(
      {
        message: `Apply ${migration.name}?`,
        choices: [
          { name: 'Apply as written', value: 'as-written' },
          ...(withAlternatives.length > 0
            ? [{ name: 'Apply with safer alternatives (choose per statement)', value: 'alternatives' }]
            : []),
          { name: 'Skip this migration', value: 'skip' },
          { name: 'Abort', value: 'abort' },
        ],
      },
      ctx(),
    );
    if (choice === 'abort') throw new AbortedError(`aborted at ${migration.name}: nothing of it ran`);
    if (choice === 'skip') return { kind: 'skip' };
    if (choice === 'as-written') {
      return {
        kind: 'apply',
        statements: migration.statements.map(() => ({ kind: 'as-written' })),
        summary: 'apply as written',
      };
    }
    const decisions: StatementDecision[] = migration.statements.map(
      (s) => defaults[s.index] ?? { kind: 'as-written' },
    );
    for (const s of withAlternatives) {
      const picked = await select(
        {
          message: `${s.location.file}:${s.location.line} ${s.sql.split('\n')[0]!.slice(0, 70)}`,
          choices: [
            { name: `As written — ${describeLock(s.lock)}, ${estimateText(s)}`, value: -1 },
            ...s.alternatives.flatMap((a, i) =>
              isExecutable(a) ? [{ name: `${a.kind}: ${alternativeText(a)}`, value: i }] : [],
            ),
          ],
          default: (() => {
            const d = decisions[s.index];
            return d?.kind === 'alternative' ? d.index : -1;
          })(),
        },
        ctx(),
      );
      decisions[s.index] = picked === -1 ? { kind: 'as-written' } : { kind: 'alternative', index: picked };
    }
    const used = decisions.flatMap((d, i) =>
      d.kind === 'alternative'
        ? [`statement ${i + 1}: ${migration.statements[i]!.alternatives[d.index]!.kind}`]
        : [],
    );
    return {
      kind: 'apply',
      statements: decisions,
      summary: used.length > 0 ? `apply with ${used.join(', ')}` : 'apply as written',
    };
  }
}
