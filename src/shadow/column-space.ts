// Value spaces per column type: `at(k)` is the k-th distinct value a column can hold, an
// injective map from [0, capacity) to SQL text. Unique columns take distinct k, columns with a
// sampled distinct count draw k from a range of that size, so distinctness is exact by design.
import type { ColumnDefinition } from '../parser/statement.js';
import type { ColumnStats } from '../db/introspect.js';
import { base36, base36Width, hex, mix32, poolHex, poolText } from './value-space.js';

export interface ColumnSpace {
  /** Number of distinct values the space holds (at most 2^53). */
  readonly capacity: number;
  /** The k-th value, 0 ≤ k < capacity. Spread over the range so that evenly spaced k look varied. */
  at(k: number): string;
  /** SQL expression the text goes through on load, `?` standing for the value (UNHEX(?)). */
  readonly wrap: string | null;
  /** Values are unquoted numbers in an INSERT. */
  readonly numeric: boolean;
  /** Values never contain tab, newline or backslash. */
  readonly plainText: boolean;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

const INT_RANGES: Readonly<Record<string, readonly [number, number, number]>> = {
  // signed min, signed max, unsigned max
  TINYINT: [-128, 127, 255],
  SMALLINT: [-32768, 32767, 65535],
  MEDIUMINT: [-8388608, 8388607, 16777215],
  INT: [-2147483648, 2147483647, 4294967295],
  BIGINT: [-MAX_SAFE, MAX_SAFE, MAX_SAFE],
};

export const isIntegerType = (t: string): boolean => t in INT_RANGES;
export const isTextType = (t: string): boolean => ['CHAR', 'VARCHAR', 'TINYTEXT', 'TEXT', 'MEDIUMTEXT', 'LONGTEXT'].includes(t);
export const isBinaryType = (t: string): boolean => ['BINARY', 'VARBINARY', 'TINYBLOB', 'BLOB', 'MEDIUMBLOB', 'LONGBLOB'].includes(t);
const SPATIAL = new Set(['GEOMETRY', 'POINT', 'LINESTRING', 'POLYGON', 'MULTIPOINT', 'MULTILINESTRING', 'MULTIPOLYGON', 'GEOMETRYCOLLECTION', 'GEOMCOLLECTION']);

export interface SpaceInput {
  readonly column: ColumnDefinition;
  readonly stats: ColumnStats | null;
  /** Distinct values the column needs (rows for unique columns); sizes string suffixes. */
  readonly needed: number;
  /** The table's rows: default ranges grow with it. */
  readonly rows: number;
  readonly salt: number;
  /** MariaDB JSON (LONGTEXT + CHECK json_valid) or MySQL JSON. */
  readonly json: boolean;
  /** Start integer sequences at 1 (keys, line numbers) rather than at the type's or sample's low end. */
  readonly fromOne?: boolean;
  /** The column is indexed by its first N characters/bytes only: distinguish values there. */
  readonly prefixLength?: number | null;
}

export class UnsupportedColumnError extends Error {}

/** The value space for a column; throws UnsupportedColumnError for types drydock cannot generate. */
export function columnSpace(input: SpaceInput): ColumnSpace {
  const c = input.column;
  const t = c.dataType.toUpperCase();
  if (input.json || t === 'JSON') return jsonSpace(input);
  if (isIntegerType(t)) return integerSpace(input, t);
  if (t === 'DECIMAL') return decimalSpace(input);
  if (t === 'FLOAT' || t === 'DOUBLE') return floatSpace(input);
  if (t === 'BIT') {
    const bits = Math.min(c.length ?? 1, 52);
    return numericSpace(0, 2 ** bits - 1, 1, false, 'CAST(? AS UNSIGNED)');
  }
  if (t === 'YEAR') return numericSpace(...numericRange(input, 1990, 2030, 1901, 2155), 1, true, null);
  if (t === 'DATE' || t === 'DATETIME' || t === 'TIMESTAMP') return temporalSpace(input, t);
  if (t === 'TIME') return timeSpace(input);
  if (t === 'ENUM') return enumSpace(c.values ?? []);
  if (t === 'SET') return setSpace(c.values ?? []);
  if (isTextType(t)) return textSpace(input, t);
  if (isBinaryType(t)) return binarySpace(input, t);
  if (t === 'UUID') return uuidSpace();
  if (t === 'INET4') return numericSpace(0, 4294967295, 1, false, null, (v) => `${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`);
  if (t === 'INET6') return numericSpace(0, MAX_SAFE, 1, false, null, (v) => `2001:db8::${hex(Math.floor(v / 65536) % 65536, 4)}:${hex(v % 65536, 4)}`);
  if (SPATIAL.has(t)) return spatialSpace(t);
  if (t === 'VECTOR') {
    const dims = c.length ?? 2;
    return {
      capacity: MAX_SAFE,
      at: (k) => '[' + Array.from({ length: dims }, (_, d) => ((mix32(k + d * 7919) % 2000) / 1000 - 1).toFixed(3)).join(',') + ']',
      wrap: 'STRING_TO_VECTOR(?)',
      numeric: false,
      plainText: true,
    };
  }
  throw new UnsupportedColumnError(`column ${c.name}: drydock cannot generate values of type ${c.typeText}`);
}

function numericSpace(lo: number, hi: number, step: number, numeric: boolean, wrap: string | null, format: (v: number) => string = String): ColumnSpace {
  const capacity = Math.max(1, Math.min(MAX_SAFE, Math.floor((hi - lo) / step) + 1));
  return { capacity, at: (k) => format(lo + k * step), wrap, numeric, plainText: true };
}

const num = (s: string | null | undefined): number | null => {
  if (s === null || s === undefined || s === '') return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
};

/** [lo, hi] from the sample when there is one, else the default, always inside the type's limits. */
function numericRange(input: SpaceInput, defLo: number, defHi: number, typeLo: number, typeHi: number): [number, number] {
  const sLo = num(input.stats?.min);
  const sHi = num(input.stats?.max);
  let lo = sLo ?? defLo;
  let hi = sHi ?? defHi;
  lo = Math.max(typeLo, Math.min(typeHi, lo));
  hi = Math.max(typeLo, Math.min(typeHi, hi));
  if (hi < lo) [lo, hi] = [hi, lo];
  return [lo, hi];
}

function integerSpace(input: SpaceInput, t: string): ColumnSpace {
  const [sMin, sMax, uMax] = INT_RANGES[t]!;
  const typeLo = input.column.unsigned ? 0 : sMin;
  const typeHi = input.column.unsigned ? uMax : sMax;
  if (input.fromOne) return sequenceSpace(input, typeHi);
  // TINYINT(1) is how MySQL spells BOOLEAN.
  if (t === 'TINYINT' && input.column.length === 1 && !input.stats) return numericSpace(0, 1, 1, true, null);
  const defHi = Math.min(typeHi, Math.max(1000, input.rows * 10));
  const [lo, hi0] = numericRange(input, input.column.unsigned ? 0 : 1, defHi, typeLo, typeHi);
  // A unique column needs room for every row even when the sample's range was narrow.
  const hi = hi0 - lo + 1 < input.needed ? Math.min(typeHi, lo + input.needed - 1) : hi0;
  return numericSpace(lo, hi, 1, true, null);
}

/**
 * An integer primary key, in ascending order (rows load in key order). Sampled from a target, the
 * rows' keys spread evenly over the sampled range, so a range condition on the key (`id <= 100000`
 * on a table whose ids run to 1,000,000) selects the share of rows it does in production; without
 * a sample, or when the range is too narrow, 1, 2, 3, …
 */
function sequenceSpace(input: SpaceInput, typeHi: number): ColumnSpace {
  const lo = num(input.stats?.min);
  const hi = num(input.stats?.max);
  const rows = Math.max(1, input.needed);
  if (lo === null || hi === null || lo < 1 || hi > typeHi || hi - lo + 1 < 2 * rows) return numericSpace(1, typeHi, 1, true, null);
  const span = hi - lo + 1;
  return {
    capacity: typeHi - hi + rows,
    // Strictly increasing: the first `rows` values step through [lo, hi], later ones continue past hi.
    at: (k) => String(k < rows ? lo + Math.floor((k * span) / rows) : hi + 1 + (k - rows)),
    wrap: null,
    numeric: true,
    plainText: true,
  };
}

function decimalSpace(input: SpaceInput): ColumnSpace {
  const p = input.column.length ?? 10;
  const s = input.column.scale ?? 0;
  const scale = 10 ** s;
  const typeMaxUnits = Math.min(MAX_SAFE, 10 ** p - 1);
  const typeLoUnits = input.column.unsigned ? 0 : -typeMaxUnits;
  const sLo = num(input.stats?.min);
  const sHi = num(input.stats?.max);
  let loUnits = sLo === null ? 0 : Math.round(sLo * scale);
  let hiUnits = sHi === null ? Math.min(typeMaxUnits, 100_000 * scale) : Math.round(sHi * scale);
  loUnits = Math.max(typeLoUnits, Math.min(typeMaxUnits, loUnits));
  hiUnits = Math.max(typeLoUnits, Math.min(typeMaxUnits, hiUnits));
  if (hiUnits - loUnits + 1 < input.needed) hiUnits = Math.min(typeMaxUnits, loUnits + input.needed - 1);
  const format = (units: number): string => {
    if (s === 0) return String(units);
    const neg = units < 0;
    const a = Math.abs(units);
    const int = Math.floor(a / scale);
    const frac = String(a - int * scale).padStart(s, '0');
    return `${neg ? '-' : ''}${int}.${frac}`;
  };
  return numericSpace(loUnits, hiUnits, 1, true, null, format);
}

function floatSpace(input: SpaceInput): ColumnSpace {
  const [lo, hi] = numericRange(input, 0, 1_000_000, -1e300, 1e300);
  const capacity = 2 ** 32;
  const step = (hi - lo) / capacity || 1;
  // Four significant decimals beyond the unit keep FLOAT's 7 digits from folding neighbours together.
  return { capacity, at: (k) => String(Math.round((lo + k * step) * 100) / 100), wrap: null, numeric: true, plainText: true };
}

// Dates: day strings are cached because formatting dominates the cost of a DATETIME value.
const DAY_MS = 86_400_000;
const dayCache = new Map<number, string>();
function dayString(day: number): string {
  let s = dayCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dayCache.size < 200_000) dayCache.set(day, s);
  }
  return s;
}
const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));
let clocks: string[] | null = null;
function clockString(secondOfDay: number): string {
  if (clocks === null) {
    clocks = new Array<string>(86400);
    for (let t = 0; t < 86400; t++) clocks[t] = `${pad2(Math.floor(t / 3600))}:${pad2(Math.floor(t / 60) % 60)}:${pad2(t % 60)}`;
  }
  return clocks[secondOfDay]!;
}

function parseTemporal(s: string | null | undefined): number | null {
  if (!s) return null;
  const ms = Date.parse(s.replace(' ', 'T') + (s.length > 10 ? 'Z' : 'T00:00:00Z'));
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

function temporalSpace(input: SpaceInput, t: string): ColumnSpace {
  // TIMESTAMP is limited to 1970-01-01 00:00:01 … 2038-01-19 03:14:07 UTC.
  const typeLo = t === 'TIMESTAMP' ? 1 : parseTemporal('1000-01-01')!;
  const typeHi = t === 'TIMESTAMP' ? 2147483647 : parseTemporal('9999-12-31 23:59:59')!;
  const defLo = parseTemporal('2016-01-01')!;
  const defHi = parseTemporal('2025-12-31 23:59:59')!;
  let lo = Math.max(typeLo, parseTemporal(input.stats?.min) ?? defLo);
  let hi = Math.min(typeHi, parseTemporal(input.stats?.max) ?? defHi);
  if (hi < lo) [lo, hi] = [hi, lo];
  if (t === 'DATE') {
    const d0 = Math.floor(lo / 86400);
    const d1 = Math.max(d0 + Math.max(0, input.needed - 1), Math.floor(hi / 86400));
    return numericSpace(d0, d1, 1, false, null, dayString);
  }
  if (hi - lo + 1 < input.needed) hi = Math.min(typeHi, lo + input.needed - 1);
  const fsp = input.column.scale ?? 0;
  return numericSpace(lo, hi, 1, false, null, (sec) => {
    const day = Math.floor(sec / 86400);
    const base = dayString(day) + ' ' + clockString(sec - day * 86400);
    return fsp > 0 ? base + '.' + String(mix32(sec) % 10 ** fsp).padStart(fsp, '0') : base;
  });
}

function timeSpace(input: SpaceInput): ColumnSpace {
  const parse = (s: string | null | undefined): number | null => {
    const m = s ? /^(-)?(\d+):(\d\d):(\d\d)/.exec(s) : null;
    if (!m) return null;
    const v = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
    return m[1] ? -v : v;
  };
  const limit = 838 * 3600 + 59 * 60 + 59;
  const lo = Math.max(-limit, parse(input.stats?.min) ?? 0);
  const hi = Math.min(limit, parse(input.stats?.max) ?? 86399);
  return numericSpace(lo, Math.max(lo, hi), 1, false, null, (v) => {
    const a = Math.abs(v);
    return `${v < 0 ? '-' : ''}${pad2(Math.floor(a / 3600))}:${pad2(Math.floor(a / 60) % 60)}:${pad2(a % 60)}`;
  });
}

function enumSpace(values: readonly string[]): ColumnSpace {
  const plain = values.every((v) => !/[\t\n\\]/.test(v));
  return { capacity: Math.max(1, values.length), at: (k) => values[k % values.length] ?? '', wrap: null, numeric: false, plainText: plain };
}

function setSpace(values: readonly string[]): ColumnSpace {
  const n = Math.min(values.length, 30);
  const plain = values.every((v) => !/[\t\n\\]/.test(v));
  return {
    capacity: 2 ** n,
    at: (k) => {
      const parts: string[] = [];
      for (let b = 0; b < n; b++) if (Math.floor(k / 2 ** b) % 2 === 1) parts.push(values[b]!);
      return parts.join(',');
    },
    wrap: null,
    numeric: false,
    plainText: plain,
  };
}

const TEXT_LIMITS: Readonly<Record<string, number>> = { TINYTEXT: 255, TEXT: 65535, MEDIUMTEXT: 16777215, LONGTEXT: 4294967295 };
const BLOB_LIMITS: Readonly<Record<string, number>> = { TINYBLOB: 255, BLOB: 65535, MEDIUMBLOB: 16777215, LONGBLOB: 4294967295 };

/** Length of the k-th value: between the sampled bounds around the sampled mean, else a default. */
function lengthPicker(input: SpaceInput, maxLen: number, defaultAvg: number, fixed: boolean): (k: number) => number {
  if (fixed) return () => maxLen;
  const st = input.stats;
  const avg = Math.min(maxLen, Math.max(0, st?.avgLength ?? Math.min(defaultAvg, maxLen)));
  const lo = Math.min(maxLen, Math.max(0, st?.minLength ?? Math.max(1, Math.floor(avg / 2))));
  const hi = Math.min(maxLen, Math.max(lo, st?.maxLength ?? Math.min(maxLen, Math.ceil(avg * 1.5))));
  // Triangular-ish spread around avg, kept inside [lo, hi].
  return (k) => {
    const h = mix32(k ^ input.salt);
    const u = ((h & 0xffff) + (h >>> 16)) / 131070; // mean 0.5
    const len = u < 0.5 ? lo + (avg - lo) * (u * 2) : avg + (hi - avg) * ((u - 0.5) * 2);
    return Math.max(lo, Math.min(hi, Math.round(len)));
  };
}

function textSpace(input: SpaceInput, t: string): ColumnSpace {
  const maxLen = Math.min(TEXT_LIMITS[t] ?? input.column.length ?? 255, 1_000_000);
  const width = base36Width(Math.max(2, input.needed));
  const prefix = input.prefixLength ?? null;
  const w = Math.min(width, maxLen, prefix ?? maxLen);
  const capacity = Math.min(MAX_SAFE, 36 ** w);
  const len = lengthPicker(input, maxLen, t === 'CHAR' ? maxLen : Math.min(24, maxLen), false);
  return {
    capacity,
    // A fixed-width base-36 part makes values distinct for distinct k whatever the rest: at the
    // end normally, at the start when only a prefix of the column is indexed.
    at: (k) => {
      const n = Math.max(w, len(k));
      const key = base36(k % 36 ** w, w);
      const rest = poolText(mix32(k ^ input.salt), n - w);
      return prefix !== null ? key + rest.trimEnd() : rest + key;
    },
    wrap: null,
    numeric: false,
    plainText: true,
  };
}

function binarySpace(input: SpaceInput, t: string): ColumnSpace {
  const maxLen = Math.min(BLOB_LIMITS[t] ?? input.column.length ?? 255, 1_000_000);
  const fixed = t === 'BINARY';
  const bytesNeeded = Math.max(1, Math.ceil(Math.log2(Math.max(2, input.needed)) / 8));
  const prefix = input.prefixLength ?? null;
  const wb = Math.min(bytesNeeded, maxLen, 6, prefix ?? 6);
  const len = lengthPicker(input, maxLen, Math.min(32, maxLen), fixed);
  return {
    capacity: Math.min(MAX_SAFE, 256 ** wb),
    at: (k) => {
      const n = Math.max(wb, len(k));
      const rest = poolHex(mix32(k ^ input.salt), 2 * (n - wb));
      return prefix !== null ? hex(k, 2 * wb) + rest : rest + hex(k, 2 * wb);
    },
    wrap: 'UNHEX(?)',
    numeric: false,
    plainText: true,
  };
}

function uuidSpace(): ColumnSpace {
  return {
    capacity: MAX_SAFE,
    at: (k) => {
      const h = poolHex(mix32(k), 20);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${hex(k, 12)}`;
    },
    wrap: null,
    numeric: false,
    plainText: true,
  };
}

function jsonSpace(input: SpaceInput): ColumnSpace {
  const len = lengthPicker(input, 4096, 48, false);
  return {
    capacity: MAX_SAFE,
    at: (k) => `{"id": ${k}, "tag": "${poolText(mix32(k ^ input.salt), Math.max(0, len(k) - 22))}"}`,
    wrap: null,
    numeric: false,
    plainText: true,
  };
}

function spatialSpace(t: string): ColumnSpace {
  const pt = (k: number): string => `${(k % 36000) / 100 - 180} ${(Math.floor(k / 36000) % 18000) / 100 - 90}`;
  const shapes: Readonly<Record<string, (k: number) => string>> = {
    LINESTRING: (k) => `LINESTRING(${pt(k)}, ${pt(k + 1)})`,
    POLYGON: () => 'POLYGON((0 0, 1 0, 1 1, 0 0))',
    MULTIPOINT: (k) => `MULTIPOINT((${pt(k)}))`,
    MULTILINESTRING: (k) => `MULTILINESTRING((${pt(k)}, ${pt(k + 1)}))`,
    MULTIPOLYGON: () => 'MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)))',
    GEOMETRYCOLLECTION: (k) => `GEOMETRYCOLLECTION(POINT(${pt(k)}))`,
    GEOMCOLLECTION: (k) => `GEOMETRYCOLLECTION(POINT(${pt(k)}))`,
  };
  return { capacity: 36000 * 18000, at: shapes[t] ?? ((k) => `POINT(${pt(k)})`), wrap: 'ST_GeomFromText(?)', numeric: false, plainText: true };
}
