// A position in a token list with the small vocabulary the hand-written parsers share:
// keyword tests, identifiers, qualified table names, balanced groups and source slices.
import type { TableRef } from './statement.js';
import { SqlSyntaxError, openExecutableComments, type ExecutableCommentGate, type Token } from './tokenize.js';

export class Cursor {
  pos = 0;
  constructor(
    readonly sql: string,
    readonly tokens: readonly Token[],
    /** Which executable comments the target server runs (none given: all). */
    readonly gate?: ExecutableCommentGate,
  ) {}

  peek(k = 0): Token | undefined {
    return this.tokens[this.pos + k];
  }

  atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  next(): Token {
    const t = this.tokens[this.pos];
    if (!t) throw this.error('unexpected end of statement');
    this.pos++;
    return t;
  }

  /** The current token is one of these keywords (unquoted words only). */
  isWord(...words: readonly string[]): boolean {
    return this.isWordAt(0, ...words);
  }

  isWordAt(k: number, ...words: readonly string[]): boolean {
    const t = this.tokens[this.pos + k];
    return t !== undefined && t.type === 'word' && words.includes(t.upper);
  }

  acceptWord(...words: readonly string[]): Token | null {
    if (!this.isWord(...words)) return null;
    return this.next();
  }

  /** Consumes a keyword sequence (`IF NOT EXISTS`) only when all of it is there. */
  acceptWords(...words: readonly string[]): boolean {
    for (let k = 0; k < words.length; k++) if (!this.isWordAt(k, words[k]!)) return false;
    this.pos += words.length;
    return true;
  }

  expectWord(...words: readonly string[]): Token {
    const t = this.acceptWord(...words);
    if (!t) throw this.error(`expected ${words.join(' or ')}`);
    return t;
  }

  isPunct(p: string, k = 0): boolean {
    const t = this.tokens[this.pos + k];
    return t !== undefined && t.type === 'punct' && t.text === p;
  }

  acceptPunct(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.pos++;
    return true;
  }

  expectPunct(p: string): Token {
    if (!this.isPunct(p)) throw this.error(`expected '${p}'`);
    return this.next();
  }

  /** The current token can be an identifier (a word or a backquoted name). */
  isIdentifier(k = 0): boolean {
    const t = this.tokens[this.pos + k];
    return t !== undefined && (t.type === 'word' || t.type === 'quoted');
  }

  identifier(what = 'a name'): string {
    const t = this.peek();
    if (!t || (t.type !== 'word' && t.type !== 'quoted' && !(t.type === 'string' && t.text.startsWith('"')))) {
      throw this.error(`expected ${what}`);
    }
    this.pos++;
    return t.value;
  }

  /** A name that may also be written as a string: character sets, collations (`COLLATE 'utf8mb4_bin'`). */
  nameOrString(what: string): string {
    const t = this.peek();
    if (t && t.type === 'string') {
      this.pos++;
      return t.value;
    }
    return this.identifier(what);
  }

  /** `name` or `schema.name`. */
  tableRef(): TableRef {
    const first = this.identifier('a table name');
    if (this.isPunct('.') && this.isIdentifier(1)) {
      this.pos++;
      return { schema: first, name: this.identifier('a table name') };
    }
    return { schema: null, name: first };
  }

  /** Optional `=` then one value token; strings come back unquoted. */
  optionValue(): string {
    this.acceptPunct('=');
    const t = this.next();
    if (t.type === 'punct' && t.text === '(') {
      this.pos--;
      return this.group().inner;
    }
    return t.type === 'string' || t.type === 'quoted' ? t.value : t.text;
  }

  /** Consumes a balanced `( … )`; returns the whole text and the text between the parentheses. */
  group(): { text: string; inner: string; start: number; end: number } {
    const open = this.expectPunct('(');
    let depth = 1;
    for (;;) {
      const t = this.next();
      if (t.type !== 'punct') continue;
      if (t.text === '(') depth++;
      else if (t.text === ')' && --depth === 0) {
        return {
          text: this.slice(open.start, t.end),
          inner: this.slice(open.end, t.start).trim(),
          start: open.start,
          end: t.end,
        };
      }
    }
  }

  /** Skips tokens up to (not including) a depth-0 comma, an unmatched ')' or the end; returns the token span. */
  skipToComma(): { from: number; to: number } {
    const from = this.pos;
    let depth = 0;
    while (!this.atEnd()) {
      const t = this.peek()!;
      if (t.type === 'punct') {
        if (t.text === '(') depth++;
        else if (t.text === ')') {
          if (depth === 0) break;
          depth--;
        } else if (t.text === ',' && depth === 0) break;
      }
      this.pos++;
    }
    return { from, to: this.pos };
  }

  private serverView: string | null = null;

  /** Source text of tokens [from, to); executable-comment markers inside it are blanked. */
  text(from: number, to: number = this.pos): string {
    const a = this.tokens[from];
    const b = this.tokens[to - 1];
    if (!a || !b || to <= from) return '';
    return this.slice(a.start, b.end);
  }

  /** Source text between two offsets, with executable-comment markers blanked when it crosses one. */
  private slice(start: number, end: number): string {
    const raw = this.sql.slice(start, end);
    if (!raw.includes('/*') && !raw.includes('*/')) return raw;
    this.serverView ??= openExecutableComments(this.sql, this.gate);
    return this.serverView.slice(start, end);
  }

  error(message: string, token: Token | undefined = this.peek()): SqlSyntaxError {
    const found = token ? ` near '${token.text}'` : ' at end of statement';
    return new SqlSyntaxError(token ? token.start : this.sql.trimEnd().length, `${message}${found}`);
  }
}
