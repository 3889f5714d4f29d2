// Counter-based randomness and value spaces for synthetic rows. Every value is a pure function
// of (seed, column, row index): the same seed gives the same rows, any row can be recomputed
// without generating the ones before it (children look up their parents' keys this way), and
// nothing is kept in memory per row.

/** A 32-bit avalanche mix (lowbias32). */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Hash of (salt, i) for i up to 2^53. */
export function hash(salt: number, i: number): number {
  if (i < 4294967296) return mix32(Math.imul(i ^ salt, 0x9e3779b1) ^ salt);
  const hi = Math.floor(i / 4294967296) >>> 0;
  return mix32(mix32((i >>> 0) ^ salt) + Math.imul(hi, 0x9e3779b1) + salt);
}

/** Uniform in [0, 1) from (salt, i). */
export const unit = (salt: number, i: number): number => hash(salt, i) / 4294967296;

/** Uniform integer in [0, n) for n up to 2^53. */
export function below(salt: number, i: number, n: number): number {
  if (n <= 4294967296) return Math.floor(unit(salt, i) * n);
  const u = (hash(salt, i) * 2097152 + (hash(salt ^ 0x5bd1e995, i) >>> 11)) / 9007199254740992;
  return Math.floor(u * n);
}

/** Derives a salt from a seed and a name (FNV-1a), so each column gets its own stream. */
export function saltOf(seed: number, ...names: readonly string[]): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (const name of names) {
    for (let k = 0; k < name.length; k++) h = Math.imul(h ^ name.charCodeAt(k), 0x01000193) >>> 0;
    h = Math.imul(h ^ 0x2f, 0x01000193) >>> 0;
  }
  return mix32(h);
}

const PERMUTATION_MULTIPLIERS = [524287, 786433, 999983, 131071, 65537];

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * A bijection of [0, n) (n < 2^33) that looks shuffled: i → (a·i + b) mod n with a coprime to n.
 * Unique columns take the i-th value of a permutation, so values are distinct but not in row order.
 */
export function permutation(n: number, salt: number): (i: number) => number {
  if (n <= 1) return () => 0;
  const a = PERMUTATION_MULTIPLIERS.find((m) => gcd(m, n) === 1) ?? 1;
  const b = salt % n;
  // a < 2^20 and i < 2^33 keep a·i below 2^53, so the arithmetic stays exact.
  return (i) => (((a % n) * i) % n + b) % n;
}

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Digits needed to write n-1 in base 36. */
export function base36Width(n: number): number {
  let w = 1;
  let cap = 36;
  while (cap < n) {
    w++;
    cap *= 36;
  }
  return w;
}

/** k in base 36, left-padded to `width`. Lower case, so distinct under case-insensitive collations. */
const PAIRS: string[] = [];
for (let a = 0; a < 36; a++) for (let b = 0; b < 36; b++) PAIRS.push(BASE36[a]! + BASE36[b]!);

export function base36(k: number, width: number): string {
  let s = '';
  let v = k;
  let d = width;
  for (; d >= 2; d -= 2) {
    s = PAIRS[v % 1296]! + s;
    v = Math.floor(v / 1296);
  }
  return d === 1 ? BASE36[v % 36]! + s : s;
}

/** k as lower-case hex, left-padded to `width` digits. */
export function hex(k: number, width: number): string {
  const s = k.toString(16);
  return s.length >= width ? s.slice(s.length - width) : '0'.repeat(width - s.length) + s;
}

// Text pools: substrings at hashed offsets give varied, word-like strings at the cost of a slice.
const POOL_SIZE = 1 << 18;
let textPool: string | null = null;
let hexPool: string | null = null;

export function textPoolString(): string {
  if (textPool === null) {
    const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ber', 'dan', 'el', 'for', 'gu', 'hal', 'is', 'jo', 'pre', 'qua', 'win', 'xy', 'zo', 'ch', 'st', 'or'];
    const parts: string[] = [];
    let len = 0;
    let i = 0;
    while (len < POOL_SIZE + 70_000) {
      const h = hash(0x51ed, i++);
      const word = syllables[h % syllables.length]! + syllables[(h >>> 8) % syllables.length]! + (h & 0x10000 ? syllables[(h >>> 20) % syllables.length]! : '');
      const piece = (h & 0x300000) === 0 ? word[0]!.toUpperCase() + word.slice(1) + ' ' : word + ' ';
      parts.push(piece);
      len += piece.length;
    }
    textPool = parts.join('');
  }
  return textPool;
}

function hexPoolString(): string {
  if (hexPool === null) {
    let s = '';
    for (let i = 0; s.length < POOL_SIZE + 140_000; i++) s += hex(hash(0x4e7, i), 8);
    hexPool = s;
  }
  return hexPool;
}

/** Word-like text of exactly `len` characters (no tab, newline or backslash), chosen by h. */
export function poolText(h: number, len: number): string {
  const pool = textPoolString();
  if (len <= 0) return '';
  const max = Math.min(len, pool.length - POOL_SIZE);
  // Start on a word, so values do not begin with a space.
  let at = h % POOL_SIZE;
  if (pool.charCodeAt(at) === 32) at++;
  const s = pool.substr(at, max);
  return s.length === len ? s : (s + pool.substr(0, len - s.length)).slice(0, len);
}

/** `len` hex digits chosen by h. */
export function poolHex(h: number, len: number): string {
  const pool = hexPoolString();
  if (len <= 0) return '';
  if (len <= pool.length - POOL_SIZE) return pool.substr(h % POOL_SIZE, len);
  let s = '';
  while (s.length < len) s += pool.substr((h + s.length) % POOL_SIZE, Math.min(len - s.length, 100_000));
  return s;
}
