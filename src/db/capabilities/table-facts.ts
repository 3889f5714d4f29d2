// Questions about a table that flip an answer (FULLTEXT present? row format? is the column
// indexed? its byte width?), asked through a Facts object. A fact drydock cannot see (no table
// definition) is not guessed: the profile is computed twice, once assuming the favourable answer
// and once the unfavourable one, and fields on which the two disagree become unknown.
import type { ColumnDefinition, CreateTableOperation, ForeignKeyDefinition, IndexDefinition } from '../../parser/statement.js';
import type { SessionState, TableFacts } from './types.js';

export class Facts {
  readonly #unknowns: string[] = [];
  constructor(
    readonly table: TableFacts | null,
    readonly session: SessionState,
    /** Which world this evaluation lives in. */
    readonly optimistic: boolean,
  ) {}

  get definition(): CreateTableOperation | null {
    return this.table?.definition ?? null;
  }

  /** Facts that were not known, for the reasons. */
  get unknowns(): readonly string[] {
    return this.#unknowns;
  }

  /** `known` when known; otherwise records `what` and answers for the current world. */
  ask<T>(known: T | null | undefined, what: string, favourable: T, unfavourable: T): T {
    if (known !== null && known !== undefined) return known;
    if (!this.#unknowns.includes(what)) this.#unknowns.push(what);
    return this.optimistic ? favourable : unfavourable;
  }

  // ---- table-level facts ----

  hasFulltext(): boolean {
    const def = this.definition;
    return this.ask(def ? def.indexes.some((i) => i.kind === 'fulltext') : null, 'whether the table has a FULLTEXT index', false, true);
  }

  /** Number of FULLTEXT indexes (unknown: 0 in the favourable world, 2 in the other). */
  fulltextCount(): number {
    const def = this.definition;
    return this.ask(def ? def.indexes.filter((i) => i.kind === 'fulltext').length : null, 'how many FULLTEXT indexes the table has', 0, 2);
  }

  /** Some index starts with exactly these columns (what a foreign key needs). */
  hasIndexStartingWith(columns: readonly string[]): boolean {
    const def = this.definition;
    const known = def
      ? def.indexes.some((i) => columns.every((c, n) => i.columns[n] !== undefined && sameName(i.columns[n]!.name, c))) ||
        (columns.length === 1 && def.columns.some((c) => sameName(c.name, columns[0]!) && (c.primaryKey || c.unique)))
      : null;
    return this.ask(known, `whether an index supports the foreign key on (${columns.join(', ')})`, true, false);
  }

  hasSpatial(): boolean {
    const def = this.definition;
    return this.ask(def ? def.indexes.some((i) => i.kind === 'spatial') : null, 'whether the table has a SPATIAL index', false, true);
  }

  hasPrimaryKey(): boolean {
    const def = this.definition;
    const known = def ? def.indexes.some((i) => i.kind === 'primary') || def.columns.some((c) => c.primaryKey) : null;
    return this.ask(known, 'whether the table has a primary key', true, false);
  }

  /** ROW_FORMAT as declared; a table that declares none gets the server default, DYNAMIC on every supported version. */
  rowFormat(): string {
    const def = this.definition;
    const known = def ? (option(def.options, 'ROW_FORMAT')?.toUpperCase() ?? 'DYNAMIC') : null;
    return this.ask(known, 'the table row format', 'DYNAMIC', 'COMPRESSED');
  }

  isTemporary(): boolean {
    return this.definition?.temporary ?? false;
  }

  engine(): string | null {
    const def = this.definition;
    return def ? (option(def.options, 'ENGINE')?.toUpperCase() ?? 'INNODB') : null;
  }

  /** Table default character set, when the definition names one (directly or through its collation). */
  tableCharset(): string | null {
    const def = this.definition;
    if (!def) return null;
    const cs = option(def.options, 'DEFAULT CHARSET') ?? option(def.options, 'CHARSET') ?? option(def.options, 'CHARACTER SET') ?? option(def.options, 'DEFAULT CHARACTER SET');
    if (cs) return cs.toLowerCase();
    const coll = option(def.options, 'COLLATE') ?? option(def.options, 'DEFAULT COLLATE');
    return coll ? charsetOfCollation(coll) : null;
  }

  /** Foreign keys of this table with ON DELETE/UPDATE CASCADE or SET NULL/SET DEFAULT. */
  hasCascadingForeignKey(): boolean {
    const def = this.definition;
    const known = def ? def.foreignKeys.some(isCascading) : null;
    return this.ask(known, 'whether the table has cascading foreign keys', false, true);
  }

  // ---- column-level facts ----

  column(name: string): ColumnDefinition | null {
    return this.definition?.columns.find((c) => sameName(c.name, name)) ?? null;
  }

  /** The column's position in the table, or null. */
  columnIndex(name: string): number | null {
    const i = this.definition?.columns.findIndex((c) => sameName(c.name, name)) ?? -1;
    return i >= 0 ? i : null;
  }

  isIndexed(column: string): boolean {
    const def = this.definition;
    const col = this.column(column);
    const known = def && col ? col.primaryKey || col.unique || def.indexes.some((i) => indexCovers(i, column)) : null;
    return this.ask(known, `whether column ${column} is indexed`, false, true);
  }

  inPrimaryKey(column: string): boolean {
    const def = this.definition;
    const col = this.column(column);
    const known = def && col ? col.primaryKey || def.indexes.some((i) => i.kind === 'primary' && indexCovers(i, column)) : null;
    return this.ask(known, `whether column ${column} is in the primary key`, false, true);
  }

  /** The column is one of this table's own foreign-key columns (the child side). */
  inOwnForeignKey(column: string): boolean {
    const def = this.definition;
    return this.ask(def ? def.foreignKeys.some((fk) => fk.columns.some((c) => sameName(c, column))) : null, `whether column ${column} is in one of the table's foreign keys`, false, true);
  }

  /** A foreign key (of another table, or of this one pointing at itself) references the column. */
  isReferenced(column: string): boolean {
    const def = this.definition;
    const self = def
      ? def.foreignKeys.some((fk) => sameName(fk.referencedTable.name, def.table.name) && fk.referencedColumns.some((c) => sameName(c, column)))
      : null;
    const others = this.table ? this.table.referencedBy.some((r) => r.foreignKey.referencedColumns.some((c) => sameName(c, column))) : null;
    const known = self === true || others === true ? true : self === null || others === null ? null : false;
    return this.ask(known, `whether a foreign key references column ${column}`, false, true);
  }

  /** Effective character set of a column: its own, its collation's, or the table default. */
  columnCharset(col: ColumnDefinition): string | null {
    if (col.charset) return col.charset.toLowerCase();
    if (col.collation) return charsetOfCollation(col.collation);
    if (BINARY_TYPES.has(col.dataType.toUpperCase())) return 'binary';
    return this.tableCharset();
  }
}

const BINARY_TYPES = new Set(['VARBINARY', 'BINARY', 'BLOB', 'TINYBLOB', 'MEDIUMBLOB', 'LONGBLOB']);

export const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function option(options: Readonly<Record<string, string>>, key: string): string | undefined {
  for (const [k, v] of Object.entries(options)) if (k.toUpperCase() === key) return v;
  return undefined;
}

export const indexCovers = (i: IndexDefinition, column: string): boolean => i.columns.some((c) => sameName(c.name, column));

export const isCascading = (fk: ForeignKeyDefinition): boolean =>
  [fk.onDelete, fk.onUpdate].some((a) => a !== null && /CASCADE|SET\s+(NULL|DEFAULT)/i.test(a));

/** Maximum bytes per character of a character set; null for sets drydock does not know. */
export function maxBytesPerChar(charset: string): number | null {
  const cs = charset.toLowerCase();
  if (['latin1', 'latin2', 'latin5', 'latin7', 'ascii', 'binary', 'cp1250', 'cp1251', 'cp1256', 'cp1257', 'cp850', 'cp852', 'cp866', 'dec8', 'greek', 'hebrew', 'hp8', 'keybcs2', 'koi8r', 'koi8u', 'macce', 'macroman', 'swe7', 'tis620', 'armscii8', 'geostd8'].includes(cs)) return 1;
  if (['ucs2', 'gbk', 'big5', 'sjis', 'cp932', 'euckr', 'gb2312'].includes(cs)) return 2;
  if (['utf8', 'utf8mb3', 'ujis', 'eucjpms'].includes(cs)) return 3;
  if (['utf8mb4', 'utf16', 'utf16le', 'utf32', 'gb18030'].includes(cs)) return 4;
  return null;
}

/** `utf8mb4_0900_ai_ci` → `utf8mb4`; `utf8mb3_general_ci` → `utf8mb3`; `binary` → `binary`. */
export function charsetOfCollation(collation: string): string {
  const c = collation.toLowerCase();
  if (c === 'binary') return 'binary';
  const i = c.indexOf('_');
  return i > 0 ? c.slice(0, i) : c;
}

/** Storage bytes for an ENUM (1 or 2) or SET (1, 2, 3, 4 or 8) with `members` members. */
export function enumSetBytes(dataType: string, members: number): number {
  if (dataType.toUpperCase() === 'ENUM') return members > 255 ? 2 : 1;
  const bytes = Math.ceil(members / 8);
  return bytes > 4 ? 8 : Math.max(bytes, 1);
}
