// Cuts a migration file into statements in one linear pass (no regular expressions over the text).
// Each statement keeps its exact place (UTF-8 byte offsets, 1-based line and code-point column) so
// findings point at the source and alternatives can splice text spans. The rules are the mysql
// client's, with one deliberate difference: CREATE TRIGGER/PROCEDURE/FUNCTION/EVENT and MariaDB's
// BEGIN NOT ATOMIC are not cut at the `;` inside their bodies, so migrations need no DELIMITER.
// Executable comments (/*! */, /*M! */) are statement text and never cut. Text that cannot be
// split (an unterminated quote or comment, a misplaced DELIMITER) is a ParseError, never dropped.

import { ParseError } from '../errors.js';
import type { SourceLocation, SplitStatement } from './statement.js';

export interface SplitOptions {
  readonly file: string;
}

/**
 * Splits a migration file's text into statements, never losing one. Throws ParseError
 * (src/errors.ts) for an unterminated quote or comment, naming file:line:column and a snippet.
 */
export function splitStatements(text: string, options: SplitOptions): readonly SplitStatement[] {
  return new Splitter(text, options.file).run();
}

const LF = 10;
const SPACE = 32;
const BANG = 33; // !
const DQUOTE = 34; // "
const HASH = 35; // #
const SQUOTE = 39; // '
const LPAREN = 40; // (
const RPAREN = 41; // )
const STAR = 42; // *
const COMMA = 44; // ,
const DASH = 45; // -
const DOT = 46; // .
const SLASH = 47; // /
const COLON = 58; // :
const SEMICOLON = 59; // ;
const UPPER_D = 68;
const UPPER_M = 77;
const BACKSLASH = 92;
const BACKTICK = 96; // `
const LOWER_D = 100;
const BOM = 0xfeff;

/** ASCII characters of unquoted identifiers and keywords; every code point from U+0080 counts too. */
const WORD_CHARS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9_$]/.test(ch)) WORD_CHARS[c] = 1;
}
/** ASCII characters that can change the scanner's state inside a statement; the rest are skipped in bulk. */
const BASE_SPECIAL = new Uint8Array(128);
for (const ch of '\n\'"`-#/;') BASE_SPECIAL[ch.charCodeAt(0)] = 1;

/** Also false for NaN, what charCodeAt gives past the end. */
const isWordChar = (c: number): boolean => (c >= 128 ? c !== BOM : WORD_CHARS[c] === 1);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Objects whose CREATE carries a compound body where `;` does not end the statement. */
const COMPOUND_OBJECTS = new Set(['TRIGGER', 'PROCEDURE', 'FUNCTION', 'EVENT']);
/** Words between CREATE and the object keyword that keep a CREATE a candidate. */
const CREATE_MODIFIERS = new Set(['OR', 'REPLACE', 'AGGREGATE']);
/** Words after DEFINER that show the CREATE is not for a compound object (views, mostly). */
const NOT_COMPOUND_AFTER_DEFINER = new Set(['VIEW', 'SQL', 'ALGORITHM', 'TABLE']);
/**
 * Words after which a compound body starts a new statement, so IF / LOOP / WHILE / REPEAT open a
 * block there rather than being the IF() or REPEAT() function or `IF [NOT] EXISTS`.
 * The last ones are routine characteristics (`DETERMINISTIC`, `READS SQL DATA`, `SQL SECURITY INVOKER`).
 */
const STATEMENT_START_WORDS = new Set([
  'BEGIN',
  'THEN',
  'ELSE',
  'DO',
  'LOOP',
  'REPEAT',
  'ROW',
  'DETERMINISTIC',
  'SQL',
  'DATA',
  'INVOKER',
  'DEFINER',
]);
/** Words that may follow END to close a specific block: `END IF`, `END LOOP`, … */
const NAMED_BLOCK_ENDS = new Set(['IF', 'CASE', 'LOOP', 'WHILE', 'REPEAT', 'FOR']);
/** The longest word the head and block trackers ever compare against (DETERMINISTIC). */
const LONGEST_KEYWORD = 13;

/** How far the statement's first words have been recognised (is it a compound-creating statement?). */
const enum Head {
  Start,
  Create,
  Definer,
  Begin,
  BeginNot,
  Decided,
}

interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/**
 * Converts string indexes to UTF-8 byte offset, line and column. Statement boundaries arrive in
 * increasing order, so it walks forward from the last answer and the whole file costs one pass.
 */
class PositionCursor {
  readonly #text: string;
  #index = 0;
  #offset = 0;
  #line = 1;
  #column = 1;

  constructor(text: string) {
    this.#text = text;
  }

  at(target: number): Position {
    if (target < this.#index) {
      this.#index = 0;
      this.#offset = 0;
      this.#line = 1;
      this.#column = 1;
    }
    const text = this.#text;
    let i = this.#index;
    let offset = this.#offset;
    let line = this.#line;
    let column = this.#column;
    while (i < target) {
      const c = text.charCodeAt(i);
      if (c === BOM && i === 0) {
        // A byte-order mark takes bytes but no column.
        offset += 3;
      } else if (c < 0x80) {
        offset += 1;
        if (c === LF) {
          line++;
          column = 1;
        } else column++;
      } else if (c < 0x800) {
        offset += 2;
        column++;
      } else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
        // One code point, four bytes, two UTF-16 units.
        offset += 4;
        column++;
        i++;
      } else {
        // Lone surrogates are encoded as U+FFFD (3 bytes), as Buffer.from does.
        offset += 3;
        column++;
      }
      i++;
    }
    this.#index = i;
    this.#offset = offset;
    this.#line = line;
    this.#column = column;
    return { line, column, offset };
  }
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

class Splitter {
  readonly #text: string;
  readonly #file: string;
  readonly #cursor: PositionCursor;
  readonly #statements: SplitStatement[] = [];

  #delimiter = ';';
  /** BASE_SPECIAL plus the delimiter's first character, or null when that is not ASCII (no bulk skip). */
  #special: Uint8Array | null = BASE_SPECIAL;
  /** Only the default `;` needs BEGIN…END tracking; a custom delimiter is the author's own boundary. */
  #customDelimiter = false;

  // The statement being collected.
  #start = -1;
  #end = -1;
  #leadingComments: string[] = [];
  #head = Head.Start;
  #definerWords = 0;
  #compound = false;
  #blocks: string[] = [];
  /** An END was seen; the next word decides whether it is `END IF`, `END LOOP`, … or a bare END. */
  #pendingEnd = false;
  /** Whether that END, if bare, can close a block where it stands (else it is a column named end). */
  #pendingBareEnd = false;
  /** The previous token ends a statement inside a compound body (`;`, BEGIN, THEN, …). */
  #statementPosition = true;
  #afterDot = false;

  /** Where the executable comment we are inside started, or -1. */
  #execStart = -1;
  /** Only whitespace so far on this line: a DELIMITER command may start here (mysql client rule). */
  #atLineStart = true;

  constructor(text: string, file: string) {
    this.#text = text;
    this.#file = file;
    this.#cursor = new PositionCursor(text);
  }

  run(): readonly SplitStatement[] {
    const text = this.#text;
    const n = text.length;
    let i = n > 0 && text.charCodeAt(0) === BOM ? 1 : 0;

    while (i < n) {
      const c = text.charCodeAt(i);

      if (c <= SPACE) {
        if (c === LF) this.#atLineStart = true;
        i++;
        continue;
      }

      if (this.#atLineStart && (c === UPPER_D || c === LOWER_D)) {
        if (this.#start < 0) {
          const next = this.#delimiterCommand(i);
          if (next >= 0) {
            i = next;
            continue;
          }
        } else if (this.#execStart < 0) {
          this.#checkStrayDelimiterCommand(i);
        }
      }
      this.#atLineStart = false;

      const inExec = this.#execStart >= 0;
      if (
        !inExec &&
        c === this.#delimiter.charCodeAt(0) &&
        (this.#delimiter.length === 1 || text.startsWith(this.#delimiter, i)) &&
        this.#delimiterEndsStatement()
      ) {
        if (this.#start >= 0) this.#emit();
        i += this.#delimiter.length;
        continue;
      }

      switch (c) {
        case SQUOTE:
        case DQUOTE:
        case BACKTICK: {
          const end = this.#scanQuoted(i, c);
          this.#token(i, end);
          this.#punctuation(c);
          i = end;
          continue;
        }
        case DASH:
          // `--` starts a comment before whitespace (server rule); between statements, before anything
          // (mysql client rule: no statement starts with `--`, and `--TODO` lines are common).
          if (
            !inExec &&
            text.charCodeAt(i + 1) === DASH &&
            (this.#start < 0 || i + 2 >= n || text.charCodeAt(i + 2) <= SPACE)
          ) {
            i = this.#lineComment(i);
            continue;
          }
          break;
        case HASH:
          if (!inExec) {
            i = this.#lineComment(i);
            continue;
          }
          break;
        case SLASH:
          if (!inExec && text.charCodeAt(i + 1) === STAR) {
            i = this.#blockComment(i);
            continue;
          }
          break;
        case STAR:
          if (inExec && text.charCodeAt(i + 1) === SLASH) {
            this.#execStart = -1;
            this.#end = i + 2;
            i += 2;
            continue;
          }
          break;
      }

      if (isWordChar(c)) {
        i = this.#skipPlain(this.#word(i));
        continue;
      }

      // Any other character is a one-character token (operators, parentheses, a `;` inside a body).
      let end = i + 1;
      if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(end))) end++;
      this.#token(i, end);
      this.#punctuation(c);
      i = this.#skipPlain(end);
    }

    if (this.#execStart >= 0) {
      this.#fail(this.#execStart, 'unterminated executable comment starting here: add the closing */');
    }
    if (this.#start >= 0) {
      this.#resolvePendingEnd();
      if (this.#compound && this.#blocks.length > 0) {
        this.#fail(
          this.#start,
          'this compound statement has no matching END before the end of the file: check its BEGIN/END pairs, ' +
            'or end it with a custom delimiter (DELIMITER // … //)',
        );
      }
      this.#emit();
    }
    return Object.freeze(this.#statements);
  }

  /**
   * Inside a statement whose words need no tracking, skips characters that cannot change any state
   * (words, numbers, operators, blanks) in one tight loop; most of a file's text goes through here.
   */
  #skipPlain(from: number): number {
    const special = this.#special;
    if (special === null || this.#execStart >= 0) return from;
    if (!this.#customDelimiter && (this.#head !== Head.Decided || this.#compound)) return from;
    const text = this.#text;
    const n = text.length;
    let i = from;
    let end = -1;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 128 && special[c] === 1) break;
      if (c > SPACE) end = i + 1;
    }
    if (end > 0) this.#end = end;
    return i;
  }

  /** A token of the current statement from `start` to `end` (exclusive). */
  #token(start: number, end: number): void {
    if (this.#start < 0) this.#start = start;
    this.#end = end;
  }

  /** Records a non-word token for the compound-body tracker. */
  #punctuation(c: number): void {
    if (this.#head !== Head.Decided) {
      // A statement starting with `(`, a string, … is never compound-creating.
      if (this.#head === Head.Start) this.#head = Head.Decided;
      return;
    }
    if (!this.#compound) return;
    // `END` directly followed by punctuation (`END)`, `END,`) is a bare END.
    this.#resolvePendingEnd();
    this.#statementPosition = c === SEMICOLON || c === RPAREN || c === COLON;
    this.#afterDot = c === DOT;
  }

  /** Whether a delimiter here ends the statement, or is a `;` inside a BEGIN…END body. */
  #delimiterEndsStatement(): boolean {
    if (!this.#compound || this.#start < 0) return true;
    this.#resolvePendingEnd();
    return this.#blocks.length === 0;
  }

  #word(start: number): number {
    const text = this.#text;
    const n = text.length;
    let j = start + 1;
    if (this.#customDelimiter && isWordChar(this.#delimiter.charCodeAt(0))) {
      // A delimiter such as `$$` may touch the word before it: `END$$`.
      while (j < n && isWordChar(text.charCodeAt(j)) && !text.startsWith(this.#delimiter, j)) j++;
    } else {
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
    }
    this.#token(start, j);
    if (this.#start === start && j - start === 9 && text.slice(start, j).toUpperCase() === 'DELIMITER') {
      // No SQL statement starts with DELIMITER: it is the client command, out of place.
      this.#fail(start, 'the DELIMITER command must start a line of its own: move it to a new line');
    }
    const tracking = !this.#customDelimiter && (this.#head !== Head.Decided || this.#compound);
    if (tracking) {
      const word = j - start <= LONGEST_KEYWORD ? text.slice(start, j).toUpperCase() : '';
      if (this.#head !== Head.Decided) this.#headWord(word);
      else this.#bodyWord(word, j);
    }
    return j;
  }

  /** Recognises `CREATE [OR REPLACE] [DEFINER=…] TRIGGER|PROCEDURE|FUNCTION|EVENT` and `BEGIN NOT ATOMIC`. */
  #headWord(word: string): void {
    switch (this.#head) {
      case Head.Start:
        this.#head = word === 'CREATE' ? Head.Create : word === 'BEGIN' ? Head.Begin : Head.Decided;
        return;
      case Head.Create:
        if (CREATE_MODIFIERS.has(word)) return;
        if (word === 'DEFINER') {
          this.#head = Head.Definer;
          this.#definerWords = 0;
          return;
        }
        this.#decideHead(COMPOUND_OBJECTS.has(word));
        return;
      case Head.Definer:
        // DEFINER = user@host | 'user'@'host' | CURRENT_USER[()]: skip its few words.
        if (COMPOUND_OBJECTS.has(word)) this.#decideHead(true);
        else if (word === 'AGGREGATE') this.#head = Head.Create;
        else if (NOT_COMPOUND_AFTER_DEFINER.has(word) || ++this.#definerWords > 3) this.#decideHead(false);
        return;
      case Head.Begin:
        // `BEGIN;` and `BEGIN WORK;` start a transaction; MariaDB's `BEGIN NOT ATOMIC` starts a block.
        if (word === 'NOT') this.#head = Head.BeginNot;
        else this.#decideHead(false);
        return;
      case Head.BeginNot:
        this.#decideHead(word === 'ATOMIC');
        if (this.#compound) {
          this.#blocks.push('BEGIN');
          this.#statementPosition = true;
        }
        return;
      case Head.Decided:
        return;
    }
  }

  #decideHead(compound: boolean): void {
    this.#head = Head.Decided;
    this.#compound = compound;
    this.#statementPosition = false;
  }

  /** Tracks BEGIN…END, IF…END IF, CASE…END [CASE], LOOP/WHILE/REPEAT/FOR…END x inside a compound body. */
  #bodyWord(word: string, end: number): void {
    if (this.#afterDot) {
      // `NEW.end`, `t.begin`: a column, not a keyword.
      this.#afterDot = false;
      this.#statementPosition = false;
      return;
    }
    if (this.#pendingEnd) {
      this.#pendingEnd = false;
      if (NAMED_BLOCK_ENDS.has(word)) {
        this.#closeNamed(word);
        this.#statementPosition = false;
        return;
      }
      if (this.#pendingBareEnd) this.#closeBare();
    }
    const blocks = this.#blocks;
    switch (word) {
      case 'BEGIN':
      case 'CASE':
        blocks.push(word);
        break;
      case 'IF':
      case 'REPEAT':
        // Elsewhere, or with arguments, these are `IF [NOT] EXISTS` or the IF() and REPEAT() functions.
        if (this.#statementPosition && !this.#argumentListFollows(end)) blocks.push(word);
        break;
      case 'LOOP':
      case 'WHILE':
        if (this.#statementPosition) blocks.push(word);
        break;
      case 'FOR':
        // MariaDB `FOR x IN …`; not `FOR EACH ROW`, `FOR UPDATE` or a handler's FOR.
        if (this.#forLoopFollows(end)) blocks.push(word);
        break;
      case 'END':
        // A bare END of a block follows a `;` (or an empty BEGIN); a CASE expression's END follows
        // anything. `END REPEAT` follows UNTIL's condition, so named ends are accepted anywhere.
        if (blocks.length > 0) {
          this.#pendingEnd = true;
          this.#pendingBareEnd = this.#statementPosition || this.#innermostRealBlock() === 'CASE';
        }
        break;
    }
    this.#statementPosition = STATEMENT_START_WORDS.has(word);
  }

  /** The innermost open block, skipping IFs that never became blocks (an IF() taken for an IF statement). */
  #innermostRealBlock(): string | undefined {
    const blocks = this.#blocks;
    for (let k = blocks.length - 1; k >= 0; k--) {
      if (blocks[k] !== 'IF') return blocks[k];
    }
    return undefined;
  }

  /** `END IF`, `END LOOP`, …: closes the nearest block of that kind and anything left open inside it. */
  #closeNamed(kind: string): void {
    const k = this.#blocks.lastIndexOf(kind);
    if (k >= 0) this.#blocks.length = k;
  }

  /** A bare END closes a BEGIN or a CASE expression; IF/loop entries above it were mistaken and go too. */
  #closeBare(): void {
    const blocks = this.#blocks;
    while (blocks.length > 0) {
      const kind = blocks.pop();
      if (kind === 'BEGIN' || kind === 'CASE') return;
    }
  }

  #resolvePendingEnd(): void {
    if (this.#pendingEnd) {
      this.#pendingEnd = false;
      if (this.#pendingBareEnd) this.#closeBare();
    }
  }

  /**
   * Looks ahead for a parenthesised list with a top-level comma: `IF(a, b, c)` is the function,
   * `IF (a > b) THEN` the statement. Scans only that parenthesis, so a body stays near linear.
   */
  #argumentListFollows(from: number): boolean {
    const text = this.#text;
    const n = text.length;
    let i = from;
    while (i < n && text.charCodeAt(i) <= SPACE) i++;
    if (text.charCodeAt(i) !== LPAREN) return false;
    let depth = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === LPAREN) depth++;
      else if (c === RPAREN) {
        if (--depth === 0) return false;
      } else if (c === COMMA) {
        if (depth === 1) return true;
      } else if (c === SEMICOLON) return false;
      else if (c === SQUOTE || c === DQUOTE || c === BACKTICK) {
        const close = findClosingQuote(text, i, c);
        if (close < 0) return false;
        i = close - 1;
      } else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
        const close = text.indexOf('*/', i + 2);
        if (close < 0) return false;
        i = close + 1;
      }
    }
    return false;
  }

  /** Looks ahead for `<name> IN` after FOR. */
  #forLoopFollows(from: number): boolean {
    const text = this.#text;
    let i = skipBlanks(text, from);
    const nameStart = i;
    while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
    if (i === nameStart) return false;
    i = skipBlanks(text, i);
    return (
      (text.charCodeAt(i) | 0x20) === 0x69 && // i
      (text.charCodeAt(i + 1) | 0x20) === 0x6e && // n
      !isWordChar(text.charCodeAt(i + 2))
    );
  }

  #emit(): void {
    const start = this.#start;
    const end = this.#end;
    const first = this.#cursor.at(start);
    const last = this.#cursor.at(end);
    const location: SourceLocation = Object.freeze({
      file: this.#file,
      line: first.line,
      column: first.column,
      offset: first.offset,
    });
    this.#statements.push(
      Object.freeze({
        index: this.#statements.length,
        sql: this.#text.slice(start, end),
        location,
        endOffset: last.offset,
        delimiter: this.#delimiter,
        leadingComments: Object.freeze(this.#leadingComments),
      }),
    );
    this.#start = -1;
    this.#end = -1;
    this.#leadingComments = [];
    this.#head = Head.Start;
    this.#compound = false;
    this.#blocks = [];
    this.#pendingEnd = false;
    this.#statementPosition = true;
    this.#afterDot = false;
  }

  /** A comment outside a statement belongs to the next statement's leadingComments. */
  #comment(start: number, end: number): void {
    if (this.#start < 0) this.#leadingComments.push(this.#text.slice(start, end));
  }

  /** `-- …` or `# …` up to the end of the line; returns the index of the line break. */
  #lineComment(start: number): number {
    const text = this.#text;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const textEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    this.#comment(start, textEnd);
    return end;
  }

  /** `/* … *\/`, or the opening of an executable `/*! … *\/` / `/*M! … *\/`, which is statement text. */
  #blockComment(start: number): number {
    const text = this.#text;
    const third = text.charCodeAt(start + 2);
    if (third === BANG || (third === UPPER_M && text.charCodeAt(start + 3) === BANG)) {
      // The server runs the content; it is lexed as SQL until the closing */.
      let i = start + (third === BANG ? 3 : 4);
      while (isDigit(text.charCodeAt(i))) i++;
      this.#token(start, i);
      this.#execStart = start;
      return i;
    }
    const close = text.indexOf('*/', start + 2);
    if (close < 0) this.#fail(start, 'unterminated comment starting here: add the closing */');
    this.#comment(start, close + 2);
    return close + 2;
  }

  /** The end of the quoted string or identifier at `start`; an unterminated one is a ParseError. */
  #scanQuoted(start: number, quote: number): number {
    const end = findClosingQuote(this.#text, start, quote);
    if (end < 0) {
      const what = quote === BACKTICK ? 'quoted identifier' : 'string';
      this.#fail(start, `unterminated ${what} starting here: add the closing ${String.fromCharCode(quote)}`);
    }
    return end;
  }

  /**
   * `DELIMITER xx` at the start of a line (after optional blanks), between statements. Returns the index of the end of the
   * line, or -1 when the word is not a DELIMITER command.
   */
  #delimiterCommand(start: number): number {
    const text = this.#text;
    const keyword = 'DELIMITER';
    if (text.length - start < keyword.length) return -1;
    if (text.slice(start, start + keyword.length).toUpperCase() !== keyword) return -1;
    const after = start + keyword.length;
    const next = text.charCodeAt(after);
    if (isWordChar(next)) return -1; // DELIMITERS, delimiter_x: a word, not the command
    const argStart = skipBlanks(text, after);
    let argEnd = argStart;
    while (argEnd < text.length && text.charCodeAt(argEnd) > SPACE) argEnd++;
    if (argEnd === argStart || argStart === after) {
      // Nothing after it, or `DELIMITER;` with no blank: the mysql client rejects both too.
      this.#fail(start, 'the DELIMITER command needs a blank and a delimiter after it, e.g. DELIMITER //');
    }
    let delimiter = text.slice(argStart, argEnd);
    const quote = delimiter.charCodeAt(0);
    if (quote === SQUOTE || quote === DQUOTE || quote === BACKTICK) {
      // The mysql client takes a quoted delimiter without its quotes: DELIMITER '$$'.
      const close = text.indexOf(delimiter[0] as string, argStart + 1);
      const lineEnd = text.indexOf('\n', argStart);
      if (close > argStart + 1 && (lineEnd < 0 || close < lineEnd)) {
        delimiter = text.slice(argStart + 1, close);
        argEnd = close + 1;
      }
    }
    if (delimiter.includes('\\')) {
      this.#fail(start, 'a delimiter cannot contain a backslash: choose another, e.g. DELIMITER //');
    }
    this.#delimiter = delimiter;
    this.#customDelimiter = delimiter !== ';';
    const first = delimiter.charCodeAt(0);
    this.#special = first < 128 ? BASE_SPECIAL.slice() : null;
    if (this.#special) this.#special[first] = 1;
    // The mysql client ignores the rest of the line: allow a comment there, refuse to lose SQL.
    let lineEnd = text.indexOf('\n', argEnd);
    if (lineEnd < 0) lineEnd = text.length;
    const rest = text.slice(argEnd, lineEnd).trim();
    if (rest !== '' && !rest.startsWith('--') && !rest.startsWith('#') && !rest.startsWith('/*')) {
      this.#fail(
        skipBlanks(text, argEnd),
        'text after a DELIMITER command is ignored by the mysql client: move it to the next line',
      );
    }
    return lineEnd;
  }

  /**
   * Inside a statement, `DELIMITER xx` is text (the mysql client agrees), but a line that can only
   * be the command (`DELIMITER ;` while `//` is active) means the statement above lost its
   * delimiter: say so rather than glue the rest of the file to it.
   */
  #checkStrayDelimiterCommand(start: number): void {
    const text = this.#text;
    const keyword = 'DELIMITER';
    if (text.slice(start, start + keyword.length).toUpperCase() !== keyword) return;
    const argStart = skipBlanks(text, start + keyword.length);
    if (argStart === start + keyword.length) return;
    let argEnd = argStart;
    while (argEnd < text.length && text.charCodeAt(argEnd) > SPACE) argEnd++;
    const arg = text.slice(argStart, argEnd);
    if (arg === '' || arg === this.#delimiter || isWordChar(arg.charCodeAt(0))) return;
    for (let k = 0; k < arg.length; k++) {
      const ch = arg.charCodeAt(k);
      if (ch === SQUOTE || ch === DQUOTE || ch === BACKTICK || ch === LPAREN) return;
    }
    let lineEnd = text.indexOf('\n', argEnd);
    if (lineEnd < 0) lineEnd = text.length;
    if (text.slice(argEnd, lineEnd).trim() !== '') return;
    const began = this.#cursor.at(this.#start).line;
    this.#fail(
      start,
      `a DELIMITER command inside a statement that has not ended (it began on line ${began}): ` +
        `end that statement with ${this.#delimiter} first`,
    );
  }

  #fail(index: number, reason: string): never {
    const at = this.#cursor.at(index);
    throw new ParseError({
      file: this.#file,
      line: at.line,
      column: at.column,
      snippet: lineAround(this.#text, index),
      reason,
    });
  }
}

/**
 * The index just past the quote closing the one at `start`, or -1. Strings take backslash escapes
 * and doubled quotes; backticked identifiers only doubled backticks (a backslash is a plain character).
 */
function findClosingQuote(text: string, start: number, quote: number): number {
  const q = String.fromCharCode(quote);
  const backslashEscapes = quote !== BACKTICK;
  let from = start + 1;
  for (;;) {
    const k = text.indexOf(q, from);
    if (k < 0) return -1;
    if (backslashEscapes) {
      // An odd run of backslashes right before the quote escapes it.
      let b = k - 1;
      while (b > start && text.charCodeAt(b) === BACKSLASH) b--;
      if ((k - 1 - b) % 2 === 1) {
        from = k + 1;
        continue;
      }
    }
    if (text.charCodeAt(k + 1) === quote) {
      from = k + 2;
      continue;
    }
    return k + 1;
  }
}

/** Skips spaces and tabs (not line breaks). */
function skipBlanks(text: string, from: number): number {
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== 9) return i;
    i++;
  }
}

/** The source line holding `index`, cut to a readable width around it. */
function lineAround(text: string, index: number): string {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  let lineEnd = text.indexOf('\n', index);
  if (lineEnd < 0) lineEnd = text.length;
  if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
  const width = 160;
  if (lineEnd - lineStart <= width) return text.slice(lineStart, lineEnd);
  const from = Math.max(lineStart, index - width / 2);
  const to = Math.min(lineEnd, from + width);
  return `${from > lineStart ? '…' : ''}${text.slice(from, to)}${to < lineEnd ? '…' : ''}`;
}
