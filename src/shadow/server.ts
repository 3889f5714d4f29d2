// A private, throwaway MySQL/MariaDB server for the shadow: found on PATH, initialised into a
// temporary data folder, listening on a free loopback port, and always removed afterwards
// (on stop(), and on Ctrl-C / SIGTERM / process exit through the cleanup registry).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { freemem, tmpdir, userInfo } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { RowDataPacket } from 'mysql2/promise';
import { connect, parseServerVersion } from '../db/connection.js';
import type { Flavor, ServerVersion } from '../db/capabilities/types.js';
import { ShadowError } from '../errors.js';
import { RESIZE_CHUNK_BYTES } from './buffer-pool.js';
import { registerCleanup } from './cleanup.js';

const execFileAsync = promisify(execFile);

export const SHADOW_DIR_PREFIX = 'drydock-shadow-';

export interface ServerBinary {
  readonly path: string;
  readonly flavor: Flavor;
  readonly version: ServerVersion;
}

/** Server settings drydock chose for a private server; values as passed on the command line. */
export interface PrivateServerSettings {
  readonly bufferPoolBytes: number;
  readonly redoLogBytes: number;
  readonly flushLogAtTrxCommit: 0 | 1 | 2;
  readonly doublewrite: boolean;
  /** Binary log like the target's (its writes are part of every DDL and DML commit); null: none. */
  readonly binlog: BinlogSettings | null;
  readonly sqlMode: string | null;
  readonly characterSet: string | null;
  readonly collation: string | null;
}

export interface BinlogSettings {
  /** sync_binlog: 1 syncs the log at every commit, 0 leaves it to the OS, N every N commits. */
  readonly syncBinlog: number;
  /** ROW, STATEMENT or MIXED; null keeps the server's default. */
  readonly format: string | null;
}

export interface PrivateServerOptions {
  /** Preferred flavor (the target's); any flavor found is used when the preferred one is missing. */
  readonly flavor?: Flavor | null;
  /** Folders to search, default `process.env.PATH`. */
  readonly searchPath?: string;
  /** Requested sizes; capped by what this machine can spare. */
  readonly bufferPoolBytes?: number;
  readonly redoLogBytes?: number;
  /** Fast but unsafe durability while drydock loads rows; `settle()` sets the target's value later. */
  readonly flushLogAtTrxCommit?: 0 | 1 | 2;
  /** The target's doublewrite buffer (default off: cheaper writes, and a warning when the target has it). */
  readonly doublewrite?: boolean;
  /** The target's binary log; default none. Drydock's own bulk loads skip it per session. */
  readonly binlog?: BinlogSettings | null;
  readonly sqlMode?: string | null;
  readonly characterSet?: string | null;
  readonly collation?: string | null;
  readonly startTimeoutMs?: number;
  /** Extra mysqld arguments, appended last. */
  readonly extraArgs?: readonly string[];
}

export interface PrivateServer {
  /** `mysql://root@127.0.0.1:PORT/` — no password, loopback only. */
  readonly url: string;
  readonly port: number;
  readonly binary: ServerBinary;
  readonly dataDir: string;
  readonly settings: PrivateServerSettings;
  /** Settings drydock wanted but had to change, in words (e.g. smaller buffer pool than asked). */
  readonly notes: readonly string[];
  /**
   * Null while the server runs (or after drydock stopped it); once it has died on its own, how it
   * ended and the end of its error log, for the error that follows. A refused connection can
   * arrive before the exit is noticed: `graceMs` waits that long for it.
   */
  exitStatus(graceMs?: number): Promise<string | null>;
  /** Stops the server and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

const MB = 1024 * 1024;
const DEFAULT_BUFFER_POOL = 256 * MB;
const DEFAULT_REDO = 256 * MB;

/** mysqld / mariadbd binaries on the search path, with flavor and version, in PATH order. */
export async function findServerBinaries(searchPath = process.env['PATH'] ?? ''): Promise<readonly ServerBinary[]> {
  const seen = new Set<string>();
  const found: ServerBinary[] = [];
  for (const dir of searchPath.split(delimiter)) {
    if (!dir) continue;
    for (const name of ['mariadbd', 'mysqld']) {
      const path = join(dir, name);
      if (!isExecutable(path)) continue;
      let key: string;
      try {
        key = realpathSync(path);
      } catch {
        continue;
      }
      if (seen.has(key)) continue;
      seen.add(key);
      const version = await binaryVersion(path);
      if (version) found.push(Object.freeze({ path, flavor: version.flavor, version }));
    }
  }
  return Object.freeze(found);
}

async function binaryVersion(path: string): Promise<ServerVersion | null> {
  try {
    const { stdout } = await execFileAsync(path, ['--no-defaults', '--version'], { timeout: 15_000 });
    const m = /\bVer\s+(\S+)/.exec(stdout);
    if (!m) return null;
    // `mysqld --version` of MariaDB says "Ver 10.11.19-MariaDB-…"; MySQL's has no flavor marker.
    return parseServerVersion(m[1]!);
  } catch {
    return null;
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(names: readonly string[], extraDirs: readonly string[], searchPath: string): string | null {
  for (const dir of [...extraDirs, ...searchPath.split(delimiter)]) {
    if (!dir) continue;
    for (const n of names) if (isExecutable(join(dir, n))) return join(dir, n);
  }
  return null;
}

export function pickBinary(binaries: readonly ServerBinary[], flavor: Flavor | null | undefined): ServerBinary | null {
  return (flavor ? binaries.find((b) => b.flavor === flavor) : undefined) ?? binaries[0] ?? null;
}

/** Starts a private server. Throws ShadowError naming what to install when nothing is found. */
export async function startPrivateServer(options: PrivateServerOptions = {}): Promise<PrivateServer> {
  const searchPath = options.searchPath ?? process.env['PATH'] ?? '';
  sweepOrphans();
  const binaries = await findServerBinaries(searchPath);
  const binary = pickBinary(binaries, options.flavor);
  if (!binary) {
    throw new ShadowError(
      'no mysqld or mariadbd found on PATH for --shadow auto: install a MySQL or MariaDB server package, or pass --shadow mysql://user:pass@host:port/',
    );
  }

  const notes: string[] = [];
  // Leave most memory to the rest of the machine: at most a quarter of what is free now.
  const memCap = Math.max(64 * MB, Math.floor(freemem() / 4 / MB) * MB);
  const wantPool = options.bufferPoolBytes ?? DEFAULT_BUFFER_POOL;
  const bufferPoolBytes = Math.max(32 * MB, Math.min(wantPool, memCap));
  if (bufferPoolBytes < wantPool) notes.push(`buffer pool ${mb(bufferPoolBytes)} instead of ${mb(wantPool)} (memory on this machine)`);
  const wantRedo = options.redoLogBytes ?? DEFAULT_REDO;
  const redoLogBytes = Math.max(16 * MB, Math.min(wantRedo, 1024 * MB));
  if (redoLogBytes < wantRedo) notes.push(`redo log ${mb(redoLogBytes)} instead of ${mb(wantRedo)}`);
  const settings: PrivateServerSettings = Object.freeze({
    bufferPoolBytes,
    redoLogBytes,
    flushLogAtTrxCommit: options.flushLogAtTrxCommit ?? 0,
    doublewrite: options.doublewrite ?? false,
    binlog: options.binlog ?? null,
    sqlMode: options.sqlMode ?? null,
    characterSet: options.characterSet ?? null,
    collation: options.collation ?? null,
  });

  const dir = mkdtempSync(join(tmpdir(), SHADOW_DIR_PREFIX));
  const dataDir = join(dir, 'data');
  const filesDir = join(dir, 'files');
  mkdirSync(filesDir);
  // mysqld refuses to run as root unless told which user to be; prefer the unprivileged `mysql`.
  const runAs = serverUser();
  if (runAs.chown !== null) chownTree(dir, runAs.chown.uid, runAs.chown.gid);

  let child: ChildProcess | null = null;
  let stopped = false;
  const killSync = (): void => {
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  const unregister = registerCleanup({ sync: () => { killSync(); removeDir(); } });

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    unregister();
    // The data is thrown away, so there is nothing to flush: kill and wait for the exit.
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));
      killSync();
      await Promise.race([exited, sleep(10_000)]);
    }
    removeDir();
  };

  try {
    await initialise(binary, dataDir, runAs.user, dir, searchPath);
    let lastError = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const args = serverArgs(binary, { dir, dataDir, filesDir, port, user: runAs.user, settings, extraArgs: options.extraArgs ?? [] });
      child = spawn(binary.path, args, { detached: true, stdio: 'ignore' });
      child.on('error', () => {});
      writeFileSync(join(dir, 'owner.json'), JSON.stringify({ ownerPid: process.pid, serverPid: child.pid }));
      const url = `mysql://root@127.0.0.1:${port}/`;
      const ready = await waitReady(child, url, join(dir, 'mysqld.sock'), options.startTimeoutMs ?? 60_000);
      if (ready === 'ready') {
        const running = child;
        const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
        const exitStatus = async (graceMs = 0): Promise<string | null> => {
          if (running.exitCode === null && running.signalCode === null && graceMs > 0) await Promise.race([exited, sleep(graceMs)]);
          if (stopped || (running.exitCode === null && running.signalCode === null)) return null;
          const how = running.signalCode !== null ? `was killed by ${running.signalCode}` : `exited with code ${running.exitCode}`;
          return `the private ${binary.flavor} server ${how}; its log ends:\n${tailLog(join(dir, 'error.log'))}`;
        };
        return Object.freeze({ url, port, binary, dataDir, settings, notes: Object.freeze(notes), exitStatus, stop });
      }
      lastError = tailLog(join(dir, 'error.log'));
      const foreign = child.exitCode === null && child.signalCode === null;
      killSync();
      await new Promise<void>((resolve) => (child!.exitCode !== null || child!.signalCode !== null ? resolve() : child!.once('exit', () => resolve())));
      // Only a lost port race is worth a retry.
      if (!foreign && !/in use|bind on tcp\/ip port/i.test(lastError)) break;
    }
    throw new ShadowError(`private ${binary.flavor} server ${binary.path} did not start:\n${lastError}`);
  } catch (error) {
    await stop();
    if (error instanceof ShadowError) throw error;
    throw new ShadowError(`cannot start a private ${binary.flavor} server from ${binary.path}: ${(error as Error).message}`, { cause: error });
  }
}

async function initialise(binary: ServerBinary, dataDir: string, user: string | null, dir: string, searchPath: string): Promise<void> {
  const userArg = user === null ? [] : [`--user=${user}`];
  const log = join(dir, 'init.log');
  try {
    if (binary.flavor === 'mysql') {
      await execFileAsync(binary.path, ['--no-defaults', '--initialize-insecure', ...userArg, `--datadir=${dataDir}`, `--log-error=${log}`], { timeout: 120_000 });
    } else {
      const binDir = dirname(realpathSync(binary.path));
      const prefix = dirname(binDir);
      const script = findOnPath(['mariadb-install-db', 'mysql_install_db'], [binDir, join(prefix, 'bin'), join(prefix, 'scripts')], searchPath);
      if (!script) throw new ShadowError(`mariadb-install-db not found next to ${binary.path} or on PATH: it is needed to initialise a private MariaDB server`);
      const { stdout, stderr } = await execFileAsync(
        script,
        ['--no-defaults', `--basedir=${prefix}`, `--datadir=${dataDir}`, ...userArg, '--auth-root-authentication-method=normal', '--skip-test-db'],
        { timeout: 120_000 },
      );
      writeFileSync(log, stdout + stderr);
    }
  } catch (error) {
    if (error instanceof ShadowError) throw error;
    const detail = existsSync(log) ? tailLog(log) : String((error as { stderr?: string }).stderr ?? (error as Error).message);
    throw new ShadowError(`initialising a private ${binary.flavor} data folder failed:\n${detail}`, { cause: error });
  }
}

interface ArgsInput {
  readonly dir: string;
  readonly dataDir: string;
  readonly filesDir: string;
  readonly port: number;
  /** `--user` for mysqld; null when not running as root (the option only matters for root). */
  readonly user: string | null;
  readonly settings: PrivateServerSettings;
  readonly extraArgs: readonly string[];
}

export function serverArgs(binary: ServerBinary, a: ArgsInput): string[] {
  const s = a.settings;
  const mysql = binary.flavor === 'mysql';
  const args = [
    '--no-defaults',
    `--datadir=${a.dataDir}`,
    `--port=${a.port}`,
    '--bind-address=127.0.0.1',
    `--socket=${join(a.dir, 'mysqld.sock')}`,
    `--pid-file=${join(a.dir, 'mysqld.pid')}`,
    `--log-error=${join(a.dir, 'error.log')}`,
    `--secure-file-priv=${a.filesDir}`,
    '--local-infile=1',
    ...binlogArgs(s.binlog),
    `--innodb-buffer-pool-size=${s.bufferPoolBytes}`,
    // The dry run shrinks the pool for one measurement (buffer-pool.ts): resizing goes by chunks.
    `--innodb-buffer-pool-chunk-size=${RESIZE_CHUNK_BYTES}`,
    `--innodb-flush-log-at-trx-commit=${s.flushLogAtTrxCommit}`,
    `--innodb-doublewrite=${s.doublewrite ? 'ON' : mysql ? 'OFF' : '0'}`,
    // MySQL 8.0.30 replaced the redo log files by one capacity setting.
    mysql && atLeast(binary.version, 8, 0, 30) ? `--innodb-redo-log-capacity=${s.redoLogBytes}` : `--innodb-log-file-size=${s.redoLogBytes}`,
    '--max-connections=200',
  ];
  if (a.user !== null) args.splice(1, 0, `--user=${a.user}`);
  if (mysql && atLeast(binary.version, 8, 0, 0)) args.push('--mysqlx=OFF');
  if (s.characterSet) args.push(`--character-set-server=${s.characterSet}`);
  if (s.collation) args.push(`--collation-server=${s.collation}`);
  if (s.sqlMode !== null) args.push(`--sql-mode=${s.sqlMode}`);
  return [...args, ...a.extraArgs];
}

function binlogArgs(b: BinlogSettings | null): string[] {
  if (b === null) return ['--skip-log-bin'];
  // server-id is needed by MySQL 5.7 to start with a binary log; later versions default it to 1.
  const args = ['--log-bin=binlog', '--server-id=1', `--sync-binlog=${Math.max(0, Math.round(b.syncBinlog))}`];
  if (b.format && /^(ROW|STATEMENT|MIXED)$/i.test(b.format)) args.push(`--binlog-format=${b.format.toUpperCase()}`);
  return args;
}

function atLeast(v: ServerVersion, major: number, minor: number, patch: number): boolean {
  return v.major !== major ? v.major > major : v.minor !== minor ? v.minor > minor : v.patch >= patch;
}

async function waitReady(child: ChildProcess, url: string, socket: string, timeoutMs: number): Promise<'ready' | 'failed'> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return 'failed';
    let answer: string | null = null;
    try {
      const conn = await connect(url, { connectTimeoutMs: 2000 });
      try {
        const [rows] = await conn.query<RowDataPacket[]>('SELECT @@socket AS s');
        answer = String(rows[0]?.['s'] ?? '');
      } finally {
        await conn.end().catch(() => {});
      }
    } catch {
      await sleep(150);
      continue;
    }
    // Another process may have taken the port between our probe and the server's bind: only a
    // server with our socket is ours.
    return answer === socket ? 'ready' : 'failed';
  }
  return 'failed';
}

function serverUser(): { user: string | null; chown: { uid: number; gid: number } | null } {
  const me = userInfo();
  if (me.uid !== 0) return { user: null, chown: null };
  try {
    const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('mysql:'));
    const parts = line?.split(':');
    if (parts && parts[2] && parts[3]) return { user: 'mysql', chown: { uid: Number(parts[2]), gid: Number(parts[3]) } };
  } catch {
    // no passwd file: run as root below
  }
  return { user: 'root', chown: null };
}

function chownTree(path: string, uid: number, gid: number): void {
  chownSync(path, uid, gid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const p = join(path, entry.name);
    if (entry.isDirectory()) chownTree(p, uid, gid);
    else chownSync(p, uid, gid);
  }
}

/** Removes folders (and kills servers) left by drydock processes that died without cleaning up. */
function sweepOrphans(): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir()).filter((n) => n.startsWith(SHADOW_DIR_PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(tmpdir(), name);
    try {
      const owner = JSON.parse(readFileSync(join(dir, 'owner.json'), 'utf8')) as { ownerPid?: number; serverPid?: number };
      if (typeof owner.ownerPid !== 'number' || alive(owner.ownerPid)) continue;
      if (typeof owner.serverPid === 'number' && alive(owner.serverPid) && cmdlineMentions(owner.serverPid, dir)) {
        process.kill(owner.serverPid, 'SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // not ours, still starting, or unreadable: leave it
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function cmdlineMentions(pid: number, text: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function tailLog(path: string, lines = 15): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number): string => `${Math.round(bytes / MB)} MB`;
