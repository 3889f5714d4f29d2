// Argument handling and the error → exit-code contract. Commands are loaded lazily so that
// `drydock --help` does not pay for the parser, the database driver or the analyzers.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ApprovalRequiredError, DrydockError, ParseError } from '../errors.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { COMMON_OPTIONS, HELP, COMMAND_HELP, VERSION } from './help.js';

export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export type Flags = Record<string, string | boolean | string[] | undefined>;

type Command = (positionals: readonly string[], flags: Flags, io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { options: ParseArgsConfig['options']; load: () => Promise<Command> }> = {
  lint: {
    options: { schema: { type: 'string' }, rows: { type: 'string', multiple: true }, sizes: { type: 'string' } },
    load: async () => (await import('./commands/lint.js')).lintCommand },
  plan: {
    options: {
      'shadow-rows': { type: 'string' },
      'measure-runs': { type: 'string' },
      schema: { type: 'string' },
      rows: { type: 'string', multiple: true },
      sizes: { type: 'string' },
      out: { type: 'string' },
    },
    load: async () => (await import('./commands/plan.js')).planCommand,
  },
  apply: {
    options: {
      plan: { type: 'string' },
      'use-alternative': { type: 'string', multiple: true },
      approver: { type: 'string' },
      'shadow-rows': { type: 'string' },
      resolve: { type: 'string', multiple: true },
      static: { type: 'boolean' },
    },
    load: async () => (await import('./commands/apply.js')).applyCommand,
  },
  status: { options: {}, load: async () => (await import('./commands/status.js')).statusCommand },
};

export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(HELP);
    return name === undefined ? EXIT.CANNOT_RUN : EXIT.OK;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`drydock: unknown command "${name}". Commands: lint, plan, apply, status (see drydock --help)\n`);
    return EXIT.CANNOT_RUN;
  }
  let parsed: { values: Flags; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...rest],
      options: { ...COMMON_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    }) as { values: Flags; positionals: string[] };
  } catch (error) {
    io.stderr.write(`drydock ${name}: ${(error as Error).message}. See drydock ${name} --help\n`);
    return EXIT.CANNOT_RUN;
  }
  if (parsed.values['help']) {
    io.stdout.write(COMMAND_HELP[name] ?? HELP);
    return EXIT.OK;
  }
  try {
    const run = await command.load();
    return await run(parsed.positionals, parsed.values, io);
  } catch (error) {
    io.stderr.write(formatError(error, name));
    return exitCodeFor(error);
  }
}

/** One screen, no stack trace for anything drydock expected; an internal error says so. */
export function formatError(error: unknown, command: string): string {
  if (error instanceof ParseError) {
    const caret = ' '.repeat(Math.max(0, error.column - 1)) + '^';
    return `drydock ${command}: ${error.message}\n\n  ${error.snippet}\n  ${caret}\n\nFix the SQL at ${error.file}:${error.line}:${error.column} and run again.\n`;
  }
  if (error instanceof ApprovalRequiredError) {
    return `drydock ${command}: ${error.message}\n${error.reasons.map((r) => `  - ${r}`).join('\n')}\n`;
  }
  if (error instanceof DrydockError) return `drydock ${command}: ${error.message}\n`;
  const message = error instanceof Error ? error.message : String(error);
  const stack = process.env['DRYDOCK_DEBUG'] && error instanceof Error ? `\n${error.stack}` : '';
  return `drydock ${command}: internal error: ${message}${stack}\nThis is a bug in drydock; run with DRYDOCK_DEBUG=1 for details and report it.\n`;
}

function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}
