// A small MySQL/MariaDB tokenizer for one statement. It keeps the offset of every token so the
// parsers can splice original text (defaults, expressions, WHERE clauses) and locate errors.
// Executable comments (`/*!80000 … */`, `/*M!100100 … */`) are opened up: their content is real
// SQL the server runs, so their tokens are emitted as if the comment markers were not there.
// Which ones a server runs depends on the server (see executableCommentGate); without one, all are
// opened, so nothing the server might run is hidden from the analyzers.

export type TokenType = 'word' | 'quoted' | 'string' | 'number' | 'variable' | 'punct';

export interface Token {
  readonly type: TokenType;
  /** The token exactly as written. */
  readonly text: string;
  /** Identifier or string content without quotes and escapes; the text otherwise. */
  readonly value: string;
  /** Upper-case text, for keyword comparisons of words. */
  readonly upper: string;
  /** Offset of the first character inside the statement (UTF-16 code units). */
  readonly start: number;
  /** Offset just past the last character. */
  readonly end: number;
}

/** A lexical error at a known offset inside the statement text. */
export class SqlSyntaxError extends Error {
  readonly offset: number;
  constructor(offset: number, message: string) {
    super(message);
    this.name = 'SqlSyntaxError';
    this.offset = offset;
  }
}

const isWordChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c >= 128;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xfeff;

const NUMBER = /^(?:\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|0[xX][0-9a-fA-F]+|0[bB][01]+)$/;
const MULTI_PUNCT = ['<=>', '->>', ':=', '<=', '>=', '<>', '!=', '||', '&&', '<<', '>>', '->'];

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', Z: '\x1a' };

function unescapeString(body: string, quote: string): string {
  if (!body.includes('\\') && !body.includes(quote)) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\' && i + 1 < body.length) {
      const next = body[++i]!;
      out += ESCAPES[next] ?? next;
    } else if (ch === quote && body[i + 1] === quote) {
      out += quote;
      i++;
    } else out += ch;
  }
  return out;
}

/** Decides whether a server runs an executable comment: `/*!NNNNN` (mariadbOnly false) or `/*M!NNNNNN`. */
export type ExecutableCommentGate = (comment: { readonly mariadbOnly: boolean; readonly version: number | null }) => boolean;

/**
 * The rule a server applies, measured on MySQL 9.7 and MariaDB 10.11: MySQL runs `/*!N` when
 * N ≤ its version and never runs `/*M!`; MariaDB runs `/*M!N` when N ≤ its version and `/*!N`
 * likewise, except that it ignores N from 50700 to 99999 (MySQL 5.7+ features).
 */
export function executableCommentGate(server: { readonly flavor: 'mysql' | 'mariadb'; readonly major: number; readonly minor: number; readonly patch: number }): ExecutableCommentGate {
  const own = server.major * 10000 + server.minor * 100 + server.patch;
  if (server.flavor === 'mysql') return ({ mariadbOnly, version }) => !mariadbOnly && (version === null || version <= own);
  return ({ mariadbOnly, version }) => {
    if (version === null) return true;
    if (!mariadbOnly && version >= 50700 && version <= 99999) return false;
    return version <= own;
  };
}

/** Tokenizes one statement. Throws SqlSyntaxError for unterminated strings, identifiers and comments. */
export function tokenize(sql: string, gate?: ExecutableCommentGate, maxTokens = Infinity): Token[] {
  const tokens: Token[] = [];
  const n = sql.length;
  let i = 0;
  let openExecutable = 0;
  const push = (type: TokenType, start: number, end: number, value?: string): void => {
    const text = end - start === 1 ? sql[start]! : sql.slice(start, end);
    tokens.push({ type, text, value: value ?? text, upper: type === 'word' ? text.toUpperCase() : text, start, end });
  };
  // Scans a quoted run starting at `start` (on the quote); returns the offset past the closing quote.
  const scanQuoted = (start: number, quote: number, backslash: boolean, what: string): number => {
    let j = start + 1;
    for (;;) {
      if (j >= n) throw new SqlSyntaxError(start, `unterminated ${what}`);
      const c = sql.charCodeAt(j);
      if (backslash && c === 92) j += 2;
      else if (c === quote) {
        if (sql.charCodeAt(j + 1) === quote) j += 2;
        else return j + 1;
      } else j++;
    }
  };

  while (i < n && tokens.length < maxTokens) {
    const c = sql.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    // Comments, and executable comments whose content is kept.
    if (c === 47 /* / */ && sql.charCodeAt(i + 1) === 42 /* * */) {
      const bang = sql.charCodeAt(i + 2) === 33 ? 3 : sql[i + 2] === 'M' && sql.charCodeAt(i + 3) === 33 ? 4 : 0;
      if (bang) {
        const digitsAt = i + bang;
        let j = digitsAt;
        while (j < n && isDigit(sql.charCodeAt(j))) j++;
        const version = j > digitsAt ? Number(sql.slice(digitsAt, j)) : null;
        if (!gate || gate({ mariadbOnly: bang === 4, version })) {
          i = j;
          openExecutable++;
          continue;
        }
      }
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) throw new SqlSyntaxError(i, 'unterminated comment');
      i = close + 2;
      continue;
    }
    if (c === 42 && sql.charCodeAt(i + 1) === 47 && openExecutable > 0) {
      openExecutable--;
      i += 2;
      continue;
    }
    if (c === 35 /* # */ || (c === 45 && sql.charCodeAt(i + 1) === 45 && (i + 2 >= n || isSpace(sql.charCodeAt(i + 2))))) {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? n : eol + 1;
      continue;
    }
    if (c === 39 /* ' */ || c === 34 /* " */) {
      const end = scanQuoted(i, c, true, 'string');
      push('string', i, end, unescapeString(sql.slice(i + 1, end - 1), sql[i]!));
      i = end;
      continue;
    }
    if (c === 96 /* ` */) {
      const end = scanQuoted(i, c, false, 'quoted identifier');
      push('quoted', i, end, sql.slice(i + 1, end - 1).replaceAll('``', '`'));
      i = end;
      continue;
    }
    if (c === 64 /* @ */) {
      let j = i + 1;
      if (sql.charCodeAt(j) === 64) j++;
      const q = sql.charCodeAt(j);
      if (q === 39 || q === 34 || q === 96) j = scanQuoted(j, q, q !== 96, 'variable name');
      else while (j < n && (isWordChar(sql.charCodeAt(j)) || sql.charCodeAt(j) === 46)) j++;
      push('variable', i, j);
      i = j;
      continue;
    }
    if (isWordChar(c)) {
      let j = i;
      while (j < n && isWordChar(sql.charCodeAt(j))) j++;
      // x'0F', b'01', n'text': one literal.
      if (j === i + 1 && sql.charCodeAt(j) === 39 && /[xXbBnN]/.test(sql[i]!)) {
        const end = scanQuoted(j, 39, true, 'string');
        push('string', i, end, unescapeString(sql.slice(j + 1, end - 1), "'"));
        i = end;
        continue;
      }
      if (isDigit(c)) {
        // Plain integers are most of a data dump: decide them without regular expressions.
        let digitsEnd = i;
        while (digitsEnd < j && isDigit(sql.charCodeAt(digitsEnd))) digitsEnd++;
        if (digitsEnd === j && sql.charCodeAt(j) !== 46) {
          push('number', i, j);
          i = j;
          continue;
        }
        // Decimal fraction and signed exponent belong to the number.
        if (digitsEnd === j && sql.charCodeAt(j) === 46) {
          j++;
          while (j < n && isWordChar(sql.charCodeAt(j))) j++;
        }
        const last = sql.charCodeAt(j - 1);
        if ((last === 101 || last === 69) && (sql[j] === '+' || sql[j] === '-') && isDigit(sql.charCodeAt(j + 1))) {
          j += 2;
          while (j < n && isDigit(sql.charCodeAt(j))) j++;
        }
        push(NUMBER.test(sql.slice(i, j)) ? 'number' : 'word', i, j);
        i = j;
        continue;
      }
      push('word', i, j);
      i = j;
      continue;
    }
    if (c === 46 && isDigit(sql.charCodeAt(i + 1)) && !(tokens.length && tokens[tokens.length - 1]!.end === i && tokens[tokens.length - 1]!.type !== 'punct')) {
      let j = i + 1;
      while (j < n && isDigit(sql.charCodeAt(j))) j++;
      push('number', i, j);
      i = j;
      continue;
    }
    // Only these characters start a multi-character operator.
    const multi = c === 60 || c === 62 || c === 58 || c === 33 || c === 124 || c === 38 || c === 45 ? MULTI_PUNCT.find((p) => sql.startsWith(p, i)) : undefined;
    const len = multi ? multi.length : 1;
    push('punct', i, i + len);
    i += len;
  }
  return tokens;
}

/** Checks parentheses balance; throws at the first unmatched one. */
export function checkParentheses(tokens: readonly Token[]): void {
  const open: Token[] = [];
  for (const t of tokens) {
    if (t.type !== 'punct') continue;
    if (t.text === '(') open.push(t);
    else if (t.text === ')') {
      if (!open.pop()) throw new SqlSyntaxError(t.start, "unmatched ')'");
    }
  }
  const first = open[0];
  if (first) throw new SqlSyntaxError(first.start, "unclosed '('");
}

/**
 * The statement as the server reads it, same length: the markers of executable comments the
 * server runs are blanked, their content kept. node-sql-parser is given this text (it would drop
 * the content of the comments), and source slices that cross a marker come from it so they
 * never hold half a comment.
 */
export function openExecutableComments(sql: string, gate?: ExecutableCommentGate): string {
  if (!sql.includes('/*!') && !sql.includes('/*M!')) return sql;
  let out = '';
  let open = 0;
  for (let i = 0; i < sql.length; ) {
    const c = sql[i]!;
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < sql.length && sql[j] !== c) j += sql[j] === '\\' && c !== '`' ? 2 : 1;
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if ((sql.startsWith('/*!', i) || sql.startsWith('/*M!', i)) && executed(sql, i, gate)) {
      let j = i + (sql[i + 2] === 'M' ? 4 : 3);
      while (j < sql.length && sql[j]! >= '0' && sql[j]! <= '9') j++;
      out += ' '.repeat(j - i);
      i = j;
      open++;
    } else if (open > 0 && sql.startsWith('*/', i)) {
      out += '  ';
      i += 2;
      open--;
    } else if (c === '#' || (c === '-' && sql[i + 1] === '-' && /[\s]/.test(sql[i + 2] ?? ' '))) {
      const eol = sql.indexOf('\n', i);
      const end = eol < 0 ? sql.length : eol;
      out += sql.slice(i, end);
      i = end;
    } else if (sql.startsWith('/*', i)) {
      const j = sql.indexOf('*/', i + 2);
      const end = j < 0 ? sql.length : j + 2;
      out += sql.slice(i, end);
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function executed(sql: string, at: number, gate: ExecutableCommentGate | undefined): boolean {
  if (!gate) return true;
  const mariadbOnly = sql[at + 2] === 'M';
  const digits = /^\d*/.exec(sql.slice(at + (mariadbOnly ? 4 : 3)))![0];
  return gate({ mariadbOnly, version: digits ? Number(digits) : null });
}


/**
 * Counts the row tuples of a VALUES list without tokenizing it (data dumps hold megabytes of
 * them), from `start` (just after VALUES) to the end of the statement. Also checks quoting and
 * parentheses like tokenize + checkParentheses, and notes a depth-0 ON DUPLICATE KEY UPDATE.
 */
export function scanValueRows(sql: string, start: number, gate?: ExecutableCommentGate): { rowCount: number; onDuplicateKeyUpdate: boolean } {
  const n = sql.length;
  let depth = 0;
  let rowCount = 0;
  let open = 0;
  let counting = true;
  let onDuplicateKeyUpdate = false;
  let lastOpen = -1;
  let i = start;
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (c === 39 || c === 34 || c === 96) {
      let j = i + 1;
      for (;;) {
        if (j >= n) throw new SqlSyntaxError(i, c === 96 ? 'unterminated quoted identifier' : 'unterminated string');
        const d = sql.charCodeAt(j);
        if (d === 92 && c !== 96) j += 2;
        else if (d === c) {
          if (sql.charCodeAt(j + 1) === c) j += 2;
          else break;
        } else j++;
      }
      i = j + 1;
    } else if (c === 40) {
      if (depth === 0 && counting) rowCount++;
      if (depth === 0) lastOpen = i;
      depth++;
      i++;
    } else if (c === 41) {
      if (depth === 0) throw new SqlSyntaxError(i, "unmatched ')'");
      depth--;
      i++;
    } else if (c === 47 && sql.charCodeAt(i + 1) === 42) {
      const bang = sql.charCodeAt(i + 2) === 33 ? 3 : sql[i + 2] === 'M' && sql.charCodeAt(i + 3) === 33 ? 4 : 0;
      let j = i + bang;
      while (bang && j < n && isDigit(sql.charCodeAt(j))) j++;
      const version = j > i + bang ? Number(sql.slice(i + bang, j)) : null;
      if (bang && (!gate || gate({ mariadbOnly: bang === 4, version }))) {
        open++;
        i = j;
      } else {
        const close = sql.indexOf('*/', i + 2);
        if (close < 0) throw new SqlSyntaxError(i, 'unterminated comment');
        i = close + 2;
      }
    } else if (c === 42 && sql.charCodeAt(i + 1) === 47 && open > 0) {
      open--;
      i += 2;
    } else if (c === 35 || (c === 45 && sql.charCodeAt(i + 1) === 45 && (i + 2 >= n || isSpace(sql.charCodeAt(i + 2))))) {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? n : eol + 1;
    } else if (depth === 0 && isWordChar(c)) {
      let j = i;
      while (j < n && isWordChar(sql.charCodeAt(j))) j++;
      const word = sql.slice(i, j).toUpperCase();
      // After the tuples: `AS alias` or `ON DUPLICATE KEY UPDATE …` (its parentheses are no rows).
      if (word !== 'ROW') counting = false;
      if (word === 'DUPLICATE') onDuplicateKeyUpdate = true;
      i = j;
    } else i++;
  }
  if (depth > 0) throw new SqlSyntaxError(lastOpen, "unclosed '('");
  return { rowCount, onDuplicateKeyUpdate };
}
