// Flags shared by every command, normalised into a Config and a report format.
import { loadConfig } from '../config/load-config.js';
import type { Config } from '../config/config.js';
import { ConfigError } from '../errors.js';
import { parseReportFormat, renderReport, shouldUseColor, type ImpactReport, type ReportFormat } from '../report/index.js';
import type { CliIo, Flags } from './run-cli.js';

export function str(flags: Flags, name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}

export function list(flags: Flags, name: string): readonly string[] {
  const v = flags[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

export function positiveInt(flags: Flags, name: string): number | undefined {
  const v = str(flags, name);
  if (v === undefined) return undefined;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`--${name} must be a positive whole number, got ${JSON.stringify(v)}`);
  return n;
}

export function commonSetup(flags: Flags, io: CliIo): { config: Config; format: ReportFormat } {
  const overrides: { migrations?: string; server?: string; target?: string; shadow?: string; shadowRows?: number } = {};
  const m = str(flags, 'migrations');
  if (m) overrides.migrations = m;
  const s = str(flags, 'server');
  if (s) overrides.server = s;
  const t = str(flags, 'target');
  if (t) overrides.target = t;
  const sh = str(flags, 'shadow');
  if (sh) overrides.shadow = sh;
  const rows = positiveInt(flags, 'shadow-rows');
  if (rows) overrides.shadowRows = rows;
  const configFile = str(flags, 'config');
  const config = loadConfig({ cwd: io.cwd, env: io.env, overrides, ...(configFile ? { configFile } : {}) });
  const format = parseReportFormat(str(flags, 'format') ?? 'text');
  return { config, format };
}

export function writeReport(report: ImpactReport, format: ReportFormat, io: CliIo): void {
  const color = shouldUseColor(Boolean(io.stdout.isTTY), io.env);
  const text = renderReport(report, format, { color });
  io.stdout.write(text.endsWith('\n') ? text : text + '\n');
}
