// Finds and reads drydock.config.json, overlays DRYDOCK_* environment variables and flags, and
// validates the result. Every mistake is a ConfigError naming the file and the offending key.
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { DEFAULT_CONFIG, type Config } from './config.js';

export const CONFIG_FILE_NAME = 'drydock.config.json';

export interface ConfigOverrides {
  readonly migrations?: string;
  readonly server?: string;
  readonly target?: string;
  readonly shadow?: string;
  readonly shadowRows?: number;
}

const SEVERITIES = ['error', 'warning', 'info'];

export function loadConfig(options: { configFile?: string; cwd?: string; env?: NodeJS.ProcessEnv; overrides?: ConfigOverrides }): Config {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const file = options.configFile ? resolve(cwd, options.configFile) : resolve(cwd, CONFIG_FILE_NAME);
  let fromFile: Record<string, unknown> = {};
  if (existsSync(file)) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`);
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the top level must be an object');
      fromFile = parsed as Record<string, unknown>;
    } catch (error) {
      throw new ConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
  } else if (options.configFile) {
    throw new ConfigError(`config file ${file} does not exist`);
  }
  const merged = validate(fromFile, file);
  const o = options.overrides ?? {};
  return Object.freeze({
    ...merged,
    migrations: o.migrations ?? merged.migrations,
    server: o.server ?? env['DRYDOCK_SERVER'] ?? merged.server,
    target: o.target ?? env['DRYDOCK_TARGET_URL'] ?? merged.target,
    shadow: o.shadow ?? env['DRYDOCK_SHADOW_URL'] ?? merged.shadow,
    shadowRows: o.shadowRows ?? merged.shadowRows,
  });
}

function validate(raw: Record<string, unknown>, file: string): Config {
  const known = new Set(Object.keys(DEFAULT_CONFIG));
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) throw new ConfigError(`${file}: unknown key "${key}" (known: ${[...known].join(', ')})`);
  }
  const str = (key: string, v: unknown): string | null => {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') throw new ConfigError(`${file}: "${key}" must be a string`);
    return v;
  };
  const num = (key: string, v: unknown, fallback: number): number => {
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new ConfigError(`${file}: "${key}" must be a non-negative number`);
    return v;
  };
  const obj = (key: string, v: unknown): Record<string, unknown> => {
    if (v === undefined) return {};
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ConfigError(`${file}: "${key}" must be an object`);
    return v as Record<string, unknown>;
  };
  const rules: Record<string, { enabled?: boolean; severity?: 'error' | 'warning' | 'info'; startAfter?: string }> = {};
  for (const [id, v] of Object.entries(obj('rules', raw['rules']))) {
    const r = obj(`rules.${id}`, v);
    const out: { enabled?: boolean; severity?: 'error' | 'warning' | 'info'; startAfter?: string } = {};
    if (r['enabled'] !== undefined) {
      if (typeof r['enabled'] !== 'boolean') throw new ConfigError(`${file}: "rules.${id}.enabled" must be true or false`);
      out.enabled = r['enabled'];
    }
    if (r['severity'] !== undefined) {
      if (!SEVERITIES.includes(String(r['severity']))) throw new ConfigError(`${file}: "rules.${id}.severity" must be one of ${SEVERITIES.join(', ')}`);
      out.severity = r['severity'] as 'error' | 'warning' | 'info';
    }
    if (r['startAfter'] !== undefined) out.startAfter = str(`rules.${id}.startAfter`, r['startAfter']) ?? '';
    rules[id] = Object.freeze(out);
  }
  const t = obj('thresholds', raw['thresholds']);
  const p = obj('policy', raw['policy']);
  const e = obj('execution', raw['execution']);
  const failOn = raw['failOn'] ?? DEFAULT_CONFIG.failOn;
  if (failOn !== 'error' && failOn !== 'warning') throw new ConfigError(`${file}: "failOn" must be "error" or "warning"`);
  const replicas = e['replicaUrls'] ?? [];
  if (!Array.isArray(replicas) || replicas.some((x) => typeof x !== 'string')) throw new ConfigError(`${file}: "execution.replicaUrls" must be a list of server URLs`);
  const forbidden = p['forbiddenRules'] ?? [];
  if (!Array.isArray(forbidden) || forbidden.some((x) => typeof x !== 'string')) throw new ConfigError(`${file}: "policy.forbiddenRules" must be a list of rule ids`);
  const maxSeverity = p['maxSeverity'] ?? DEFAULT_CONFIG.policy.maxSeverity;
  if (![...SEVERITIES, 'none'].includes(String(maxSeverity))) throw new ConfigError(`${file}: "policy.maxSeverity" must be error, warning, info or none`);
  const D = DEFAULT_CONFIG;
  return Object.freeze({
    migrations: str('migrations', raw['migrations']),
    server: str('server', raw['server']),
    target: str('target', raw['target']),
    shadow: str('shadow', raw['shadow']) ?? D.shadow,
    shadowRows: num('shadowRows', raw['shadowRows'], D.shadowRows),
    rules: Object.freeze(rules),
    thresholds: Object.freeze({
      largeTableRows: num('thresholds.largeTableRows', t['largeTableRows'], D.thresholds.largeTableRows),
      smallTableRows: num('thresholds.smallTableRows', t['smallTableRows'], D.thresholds.smallTableRows),
      batchRows: num('thresholds.batchRows', t['batchRows'], D.thresholds.batchRows),
    }),
    failOn: failOn as Config['failOn'],
    policy: Object.freeze({
      maxLockSeconds: num('policy.maxLockSeconds', p['maxLockSeconds'], D.policy.maxLockSeconds),
      maxRows: num('policy.maxRows', p['maxRows'], D.policy.maxRows),
      forbiddenRules: Object.freeze([...(forbidden as string[])]),
      maxSeverity: maxSeverity as Config['policy']['maxSeverity'],
    }),
    execution: Object.freeze({
      lockWaitTimeoutSeconds: num('execution.lockWaitTimeoutSeconds', e['lockWaitTimeoutSeconds'], D.execution.lockWaitTimeoutSeconds),
      ddlRetryTotalSeconds: num('execution.ddlRetryTotalSeconds', e['ddlRetryTotalSeconds'], D.execution.ddlRetryTotalSeconds),
      chunkTargetMs: num('execution.chunkTargetMs', e['chunkTargetMs'], D.execution.chunkTargetMs),
      maxThreadsRunning: num('execution.maxThreadsRunning', e['maxThreadsRunning'], D.execution.maxThreadsRunning),
      maxReplicaLagSeconds: num('execution.maxReplicaLagSeconds', e['maxReplicaLagSeconds'], D.execution.maxReplicaLagSeconds),
      replicaUrls: Object.freeze([...(replicas as string[])]),
    }),
  });
}
