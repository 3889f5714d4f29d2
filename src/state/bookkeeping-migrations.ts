// drydock's own bookkeeping tables are migrations too: plain .sql files in the package's
// top-level migrations/ folder, applied in file-name order by the state store itself.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InternalError } from '../errors.js';

export interface BookkeepingMigration {
  /** File name without `.sql`, e.g. `0001_drydock_history`. */
  readonly name: string;
  readonly checksum: string;
  readonly statements: readonly string[];
}

/** The package's top-level migrations/ folder, found by walking up from this file (src/ or dist/src/). */
export function bookkeepingDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'migrations');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new InternalError('cannot find drydock\'s own migrations/ folder next to its package.json; reinstall drydock');
}

/**
 * Splits one of our own .sql files. They are ours, so the rules are simple: `--` line comments,
 * statements end with `;` at the end of a line, no procedures or DELIMITER.
 */
export function splitBookkeepingSql(text: string): readonly string[] {
  const withoutComments = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n');
  return Object.freeze(
    withoutComments
      .split(/;\s*(?:\n|$)/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );
}

export function loadBookkeepingMigrations(dir: string = bookkeepingDir()): readonly BookkeepingMigration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  return Object.freeze(
    files.map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      return Object.freeze({
        name: file.replace(/\.sql$/, ''),
        checksum: createHash('sha256').update(text).digest('hex'),
        statements: splitBookkeepingSql(text),
      });
    }),
  );
}
