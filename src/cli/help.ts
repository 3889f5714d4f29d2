import type { ParseArgsConfig } from 'node:util';

export const VERSION = '0.1.0';

export const COMMON_OPTIONS: ParseArgsConfig['options'] = {
  help: { type: 'boolean', short: 'h' },
  migrations: { type: 'string' },
  target: { type: 'string' },
  shadow: { type: 'string' },
  server: { type: 'string' },
  format: { type: 'string' },
  config: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  'non-interactive': { type: 'boolean' },
};

export const HELP = `drydock — safe schema migrations for MySQL and MariaDB

Usage: drydock <command> [FILES/DIRS] [options]

Commands:
  lint     static analysis of migrations; the CI gate (exit 1 when findings block)
  plan     lint + dry-run on a sized shadow database + duration estimates (never writes to the target)
  apply    plan → approval → safe execution with timeouts, batching and checkpoints
  status   applied / pending / interrupted / edited-after-apply migrations

Common options:
  --migrations DIR       migrations folder (default: positional paths, else the config's)
  --target URL           target server, read-only for lint/plan (or DRYDOCK_TARGET_URL)
  --shadow URL|auto      shadow server; auto starts a private throwaway server (default)
  --server SPEC          server to judge against without a target: mysql:8.0, mysql:8.4, mariadb:10.11, …
  --format FMT           text | json | markdown | github | sarif
  --config FILE          config file (default ./drydock.config.json)
  --yes                  apply what the policy approves without prompting
  --non-interactive      never prompt
  -h, --help             help for a command

Exit codes: 0 nothing blocks · 1 findings block · 2 could not run · 3 aborted or needs approval
`;

export const COMMAND_HELP: Record<string, string> = {
  lint: `Usage: drydock lint [FILES/DIRS] [--server SPEC | --target URL | --schema FILE --rows T=N… --sizes FILE]
                    [--format FMT] [--config FILE]

Parses every migration (SQL files and Kysely migrations), runs the analyzers and prints the
findings with file:line and safer alternatives. Exit 1 when a finding at or above the config's
failOn severity (default: error) remains; 2 when the migrations cannot be read or parsed.
With --target, table definitions and sizes come from the server (read-only) and make severities
size-aware; offline, --schema (CREATE TABLE statements) with --rows/--sizes does the same.
Suppress a finding with a comment before the statement:
  -- drydock:ignore <rule-id> -- <reason>
`,
  plan: `Usage: drydock plan [FILES/DIRS] [--target URL [--rows T=N…] | --schema FILE --rows T=N…] [--shadow URL|auto]
                    [--shadow-rows N] [--measure-runs N] [--out plan.json] [--format FMT]

Builds a shadow copy of the tables the migrations touch, fills it with synthetic rows sized like
the target (up to --shadow-rows per table, default 1,000,000), runs every statement and every
proposed alternative there while probes measure blocked reads and writes, and extrapolates the
durations to the target's size. Never writes to the target. With --target, --rows/--sizes give
production's row counts when the target is a smaller copy (staging): the plan is sized to those.
--measure-runs N runs each full-size measurement shorter than 500 ms (and its run with the buffer
pool shrunk) N times on fresh copies and keeps the median; default 3, 1 runs each once (faster,
noisier estimates).
`,
  apply: `Usage: drydock apply [FILES/DIRS] --target URL [--plan plan.json] [--yes] [--use-alternative KIND]
                     [--approver NAME]

Shows each pending migration's measured impact, asks for approval (or applies what the policy
approves with --yes), then runs it with short lock timeouts, batched DML and checkpoints.
Re-running after an interruption resumes where it stopped.
`,
  status: `Usage: drydock status [FILES/DIRS] --target URL

Lists applied, pending, interrupted and edited-after-apply migrations.
`,
};
