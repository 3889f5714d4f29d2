// Comparing a column's type before and after a MODIFY/CHANGE: same type, VARCHAR widening, the
// VARCHAR length-prefix boundary, ENUM/SET appends, and changes that can lose data.
import type { ColumnDefinition } from '../../parser/statement.js';

const INT_RANK: Readonly<Record<string, number>> = { TINYINT: 1, SMALLINT: 2, MEDIUMINT: 3, INT: 4, BIGINT: 5 };
const TEXT_RANK: Readonly<Record<string, number>> = { TINYTEXT: 1, TEXT: 2, MEDIUMTEXT: 3, LONGTEXT: 4, TINYBLOB: 1, BLOB: 2, MEDIUMBLOB: 3, LONGBLOB: 4 };
/** Maximum length in characters (bytes for blobs) of each TEXT/BLOB size class. */
const TEXT_MAX: Readonly<Record<number, number>> = { 1: 255, 2: 65_535, 3: 16_777_215, 4: 4_294_967_295 };
const STRINGS = new Set(['CHAR', 'VARCHAR', 'BINARY', 'VARBINARY']);
const TEMPORAL_FSP = new Set(['TIME', 'DATETIME', 'TIMESTAMP']);
const NUMERIC = new Set([...Object.keys(INT_RANK), 'DECIMAL', 'FLOAT', 'DOUBLE', 'BIT']);

export const isIntegerType = (t: string): boolean => t in INT_RANK;
export const isStringType = (t: string): boolean => STRINGS.has(t) || t in TEXT_RANK || t === 'ENUM' || t === 'SET' || t === 'JSON';

/** The type part of two definitions is identical (charset, NULL-ness, default aside). */
export function sameType(a: ColumnDefinition, b: ColumnDefinition): boolean {
  // INT(11) vs INT: display width is not a type change.
  const len = (c: ColumnDefinition): number | null => (isIntegerType(c.dataType) ? null : c.length);
  return (
    a.dataType === b.dataType &&
    len(a) === len(b) &&
    (a.scale ?? 0) === (b.scale ?? 0) &&
    a.unsigned === b.unsigned &&
    JSON.stringify(a.values) === JSON.stringify(b.values) &&
    (a.generated?.expression ?? null) === (b.generated?.expression ?? null) &&
    (a.generated?.stored ?? null) === (b.generated?.stored ?? null)
  );
}

/** VARCHAR(n) → VARCHAR(m > n) (or VARBINARY): a widening that stays a variable-length string. */
export function isVarcharWidening(a: ColumnDefinition, b: ColumnDefinition): boolean {
  return (
    (a.dataType === 'VARCHAR' || a.dataType === 'VARBINARY') &&
    a.dataType === b.dataType &&
    a.length !== null &&
    b.length !== null &&
    b.length > a.length
  );
}

const BYTES_PER_CHAR: Readonly<Record<string, number>> = {
  latin1: 1, ascii: 1, binary: 1, latin2: 1, cp1250: 1, cp1251: 1, cp1252: 1,
  utf8: 3, utf8mb3: 3, ucs2: 2, utf8mb4: 4, utf16: 4, utf16le: 4, utf32: 4, gbk: 2, big5: 2, sjis: 2, ujis: 3, euckr: 2,
};

/**
 * Maximum bytes per character. An unknown charset counts as 4 (utf8mb4, the default of MySQL 8
 * and MariaDB 11): the boundary then sits at 63 characters, which is the cautious answer.
 */
export function bytesPerChar(charset: string | null, dataType: string): number {
  if (dataType === 'VARBINARY' || dataType === 'BINARY') return 1;
  if (!charset) return 4;
  return BYTES_PER_CHAR[charset.toLowerCase()] ?? 4;
}

/** The charset of a collation name (`utf8mb4_0900_ai_ci` → `utf8mb4`). */
export const charsetOfCollation = (collation: string): string => collation.toLowerCase().split('_')[0] ?? collation.toLowerCase();

/** The largest length, in characters, that keeps a 1-byte length prefix (max bytes ≤ 255). */
export const oneBytePrefixMaxChars = (perChar: number): number => Math.floor(255 / perChar);

/** ENUM/SET change that only appends members at the end. */
export function isAppendOnly(a: ColumnDefinition, b: ColumnDefinition): boolean {
  const old = a.values ?? [];
  const now = b.values ?? [];
  return now.length >= old.length && old.every((v, i) => now[i] === v);
}

/** ENUM storage: 1 byte up to 255 members, 2 above. SET: 1, 2, 3, 4 or 8 bytes for up to 8/16/24/32/64 members. */
export function enumSetStorageBytes(dataType: string, members: number): number {
  if (dataType === 'ENUM') return members <= 255 ? 1 : 2;
  if (members <= 8) return 1;
  if (members <= 16) return 2;
  if (members <= 24) return 3;
  if (members <= 32) return 4;
  return 8;
}

/** Why a type change can lose or reject existing values, or null when it cannot. */
export function narrowingReason(a: ColumnDefinition, b: ColumnDefinition): string | null {
  const from = a.dataType;
  const to = b.dataType;
  if (isIntegerType(from) && isIntegerType(to)) {
    if (INT_RANK[to]! < INT_RANK[from]!) return `${to} holds a smaller range than ${from}`;
    if (INT_RANK[to]! === INT_RANK[from]! && a.unsigned !== b.unsigned) {
      return b.unsigned ? 'UNSIGNED cannot hold negative values' : 'the signed type holds only half the unsigned range';
    }
    if (!a.unsigned && b.unsigned) return 'UNSIGNED cannot hold negative values';
    return null;
  }
  if (isIntegerType(from) && to === 'DECIMAL') {
    const digits = (b.length ?? 10) - (b.scale ?? 0);
    const needed = { TINYINT: 3, SMALLINT: 5, MEDIUMINT: 8, INT: 10, BIGINT: 20 }[from] ?? 20;
    return digits < needed ? `DECIMAL(${b.length ?? 10},${b.scale ?? 0}) has fewer integer digits than ${from}` : null;
  }
  if (from === 'DECIMAL' && to === 'DECIMAL') {
    const ai = (a.length ?? 10) - (a.scale ?? 0);
    const bi = (b.length ?? 10) - (b.scale ?? 0);
    if (bi < ai) return `fewer integer digits (${bi} instead of ${ai})`;
    if ((b.scale ?? 0) < (a.scale ?? 0)) return `fewer decimal places (${b.scale ?? 0} instead of ${a.scale ?? 0}): values are rounded`;
    return null;
  }
  if (from === 'DOUBLE' && to === 'FLOAT') return 'FLOAT keeps only about 7 significant digits';
  if ((from === 'DOUBLE' || from === 'FLOAT') && (isIntegerType(to) || to === 'DECIMAL')) return 'fractional values are rounded';
  if (from === 'DECIMAL' && isIntegerType(to)) return 'fractional values are rounded';
  if (STRINGS.has(from) && STRINGS.has(to) && a.length !== null && b.length !== null && b.length < a.length) {
    return `values longer than ${b.length} are truncated or rejected`;
  }
  if (from in TEXT_RANK && to in TEXT_RANK && TEXT_RANK[to]! < TEXT_RANK[from]!) return `${to} holds at most ${TEXT_MAX[TEXT_RANK[to]!]} bytes`;
  if (from in TEXT_RANK && STRINGS.has(to)) return `values longer than ${b.length ?? 1} are truncated or rejected`;
  if (TEMPORAL_FSP.has(from) && from === to && (b.scale ?? 0) < (a.scale ?? 0)) return `fractional seconds are cut from ${a.scale} to ${b.scale ?? 0} digits`;
  if ((from === 'DATETIME' || from === 'TIMESTAMP') && to === 'DATE') return 'the time of day is dropped';
  if (from === 'DATETIME' && to === 'TIMESTAMP') return 'TIMESTAMP holds only 1970–2038';
  if (isStringType(from) && !isStringType(to)) return `strings that are not valid ${to} values are rejected or converted`;
  if (NUMERIC.has(from) && STRINGS.has(to) && b.length !== null && b.length < 20) return `numbers longer than ${b.length} characters are truncated or rejected`;
  if ((from === 'ENUM' || from === 'SET') && from === to && !(a.values ?? []).every((v) => (b.values ?? []).includes(v))) return 'members are removed';
  return null;
}

/** A short type label: `INT UNSIGNED`, `VARCHAR(64)`, `DECIMAL(12,2)`. */
export function typeLabel(c: ColumnDefinition): string {
  return c.typeText.replace(/\s+/g, ' ').trim();
}
