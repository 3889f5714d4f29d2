// Column, index, foreign-key and table-option grammar shared by CREATE TABLE and ALTER TABLE.
// Written by hand because node-sql-parser reorders or drops parts of these (charset, collation,
// generated columns, index options) and the analyzers need every attribute as the server saw it.
import type { Cursor } from './cursor.js';
import type {
  ColumnDefinition,
  ColumnPosition,
  ForeignKeyDefinition,
  IndexColumn,
  IndexDefinition,
  IndexKind,
} from './statement.js';

/** Type-name synonyms folded to the name the server reports. */
const TYPE_SYNONYMS: Readonly<Record<string, string>> = {
  INTEGER: 'INT',
  INT4: 'INT',
  INT8: 'BIGINT',
  INT3: 'MEDIUMINT',
  INT2: 'SMALLINT',
  INT1: 'TINYINT',
  MIDDLEINT: 'MEDIUMINT',
  DEC: 'DECIMAL',
  NUMERIC: 'DECIMAL',
  FIXED: 'DECIMAL',
  REAL: 'DOUBLE',
  FLOAT8: 'DOUBLE',
  FLOAT4: 'FLOAT',
  CHARACTER: 'CHAR',
  NCHAR: 'CHAR',
  NVARCHAR: 'VARCHAR',
  VARCHARACTER: 'VARCHAR',
  BOOL: 'TINYINT',
  BOOLEAN: 'TINYINT',
};

export interface ParsedColumn {
  readonly column: ColumnDefinition;
  /** Column-level CHECK constraints (MariaDB prints one for JSON columns). */
  readonly checks: readonly { readonly name: string | null; readonly expression: string }[];
  /** Inline `REFERENCES t (c)`: both MySQL 9 and MariaDB 10.11 create a real foreign key from it. */
  readonly reference: ForeignKeyDefinition | null;
}

/** Reads `[DEFAULT] …` value text: a literal, a function call or a parenthesised expression. */
export function defaultExpression(cur: Cursor): string {
  const from = cur.pos;
  if (cur.isPunct('(')) {
    cur.group();
    return cur.text(from);
  }
  if (cur.isPunct('-') || cur.isPunct('+')) cur.next();
  const t = cur.next();
  // Charset introducer: _utf8mb4'x'.
  if (t.type === 'word' && t.text.startsWith('_') && cur.peek()?.type === 'string') cur.next();
  else if (t.type === 'word' && cur.isPunct('(')) cur.group();
  else if (t.type === 'word' && t.upper === 'NEXT' && cur.isWord('VALUE')) {
    cur.next();
    cur.expectWord('FOR');
    cur.tableRef();
  }
  return cur.text(from);
}

/** Reads `name(len)`, `name`, or `(expr)` key parts with ASC/DESC, inside parentheses. */
export function indexColumns(cur: Cursor): IndexColumn[] {
  cur.expectPunct('(');
  const columns: IndexColumn[] = [];
  do {
    let name = '';
    let length: number | null = null;
    let expression: string | null = null;
    if (cur.isPunct('(')) expression = cur.group().inner;
    else {
      name = cur.identifier('an index column');
      if (cur.isPunct('(')) {
        const g = cur.group();
        length = Number.parseInt(g.inner, 10);
        if (Number.isNaN(length)) throw cur.error('expected a prefix length');
      }
    }
    const dir = cur.acceptWord('ASC', 'DESC');
    columns.push({ name, length, descending: dir?.upper === 'DESC', expression });
  } while (cur.acceptPunct(','));
  cur.expectPunct(')');
  return columns;
}

/** Index options after the key parts; returns USING when given there. */
export function indexOptions(cur: Cursor): 'BTREE' | 'HASH' | null {
  let using: 'BTREE' | 'HASH' | null = null;
  for (;;) {
    if (cur.acceptWord('USING', 'TYPE')) using = indexType(cur);
    else if (cur.acceptWord('KEY_BLOCK_SIZE', 'COMMENT', 'ENGINE_ATTRIBUTE', 'SECONDARY_ENGINE_ATTRIBUTE', 'CLUSTERING')) cur.optionValue();
    else if (cur.acceptWord('VISIBLE', 'INVISIBLE', 'IGNORED')) continue;
    else if (cur.acceptWords('NOT', 'IGNORED')) continue;
    else if (cur.acceptWords('WITH', 'PARSER')) cur.identifier('a parser name');
    else return using;
  }
}

function indexType(cur: Cursor): 'BTREE' | 'HASH' | null {
  const t = cur.next().upper;
  return t === 'BTREE' || t === 'HASH' ? t : null;
}

/**
 * The part of an index definition after its kind keywords: `[IF NOT EXISTS] [name] [USING x] (parts) [options]`.
 * `name` is given when a CONSTRAINT name came first.
 */
export function indexBody(cur: Cursor, kind: IndexKind, name: string | null): { index: IndexDefinition; ifNotExists: boolean } {
  const ifNotExists = cur.acceptWords('IF', 'NOT', 'EXISTS');
  let indexName = name;
  if (!cur.isPunct('(') && !cur.isWord('USING', 'TYPE')) {
    const own = cur.identifier('an index name');
    indexName = kind === 'primary' ? null : own;
  }
  let using: 'BTREE' | 'HASH' | null = null;
  if (cur.acceptWord('USING', 'TYPE')) using = indexType(cur);
  const columns = indexColumns(cur);
  using = indexOptions(cur) ?? using;
  return { index: { name: kind === 'primary' ? 'PRIMARY' : indexName, kind, columns, using }, ifNotExists };
}

/** `ON DELETE …` / `ON UPDATE …` referential action, upper case with single spaces. */
function referenceAction(cur: Cursor): string {
  if (cur.acceptWords('SET', 'NULL')) return 'SET NULL';
  if (cur.acceptWords('SET', 'DEFAULT')) return 'SET DEFAULT';
  if (cur.acceptWords('NO', 'ACTION')) return 'NO ACTION';
  return cur.expectWord('CASCADE', 'RESTRICT').upper;
}

function nameList(cur: Cursor): string[] {
  cur.expectPunct('(');
  const names: string[] = [];
  do names.push(cur.identifier('a column name'));
  while (cur.acceptPunct(','));
  cur.expectPunct(')');
  return names;
}

/** `REFERENCES t (cols) [MATCH …] [ON DELETE …] [ON UPDATE …]`. */
function references(cur: Cursor): Pick<ForeignKeyDefinition, 'referencedTable' | 'referencedColumns' | 'onDelete' | 'onUpdate'> {
  cur.expectWord('REFERENCES');
  const referencedTable = cur.tableRef();
  const referencedColumns = cur.isPunct('(') ? nameList(cur) : [];
  let onDelete: string | null = null;
  let onUpdate: string | null = null;
  for (;;) {
    if (cur.acceptWord('MATCH')) cur.expectWord('FULL', 'PARTIAL', 'SIMPLE');
    else if (cur.acceptWords('ON', 'DELETE')) onDelete = referenceAction(cur);
    else if (cur.acceptWords('ON', 'UPDATE')) onUpdate = referenceAction(cur);
    else return { referencedTable, referencedColumns, onDelete, onUpdate };
  }
}

/** After `FOREIGN KEY`: `[IF NOT EXISTS] [name] (cols) REFERENCES …`. */
export function foreignKeyBody(cur: Cursor, constraintName: string | null): ForeignKeyDefinition {
  cur.acceptWords('IF', 'NOT', 'EXISTS');
  let name = constraintName;
  if (!cur.isPunct('(')) {
    const own = cur.identifier('a foreign key name');
    name ??= own;
  }
  const columns = nameList(cur);
  return { name, columns, ...references(cur) };
}

/** After `CHECK`: `(expr) [[NOT] ENFORCED]`. */
export function checkBody(cur: Cursor): string {
  const expression = cur.group().inner;
  cur.acceptWords('NOT', 'ENFORCED');
  cur.acceptWord('ENFORCED');
  return expression;
}

/** A numeric type argument (length, precision, scale). */
const numberArg = (cur: Cursor, text: string): number => {
  const v = Number.parseInt(text, 10);
  if (Number.isNaN(v)) throw cur.error('expected a number in the type arguments');
  return v;
};

/** Words that start a column attribute, so cannot be a data type (a forgotten type). */
const NOT_TYPES = new Set([
  'NOT', 'NULL', 'DEFAULT', 'AUTO_INCREMENT', 'PRIMARY', 'KEY', 'UNIQUE', 'COMMENT', 'COLLATE', 'CHARSET',
  'AFTER', 'FIRST', 'GENERATED', 'AS', 'REFERENCES', 'CHECK', 'CONSTRAINT', 'UNSIGNED', 'ON', 'VISIBLE', 'INVISIBLE',
]);

/** Parses a column definition after its name: data type, then attributes in any order. */
export function columnDefinition(cur: Cursor, name: string): ParsedColumn {
  const typeStart = cur.pos;
  const first = cur.peek();
  if (!first || first.type !== 'word' || NOT_TYPES.has(first.upper)) throw cur.error(`expected a data type for column ${name}`);
  cur.next();
  let dataType = first.upper;
  let unsigned = false;
  let nullable: boolean | null = null;
  let autoIncrement = false;
  let unique = false;
  if (dataType === 'DOUBLE') cur.acceptWord('PRECISION');
  else if (dataType === 'NATIONAL') dataType = cur.expectWord('CHAR', 'CHARACTER', 'VARCHAR', 'VARCHARACTER').upper;
  else if (dataType === 'LONG') {
    // LONG VARBINARY is MEDIUMBLOB; LONG and LONG VARCHAR are MEDIUMTEXT.
    if (cur.acceptWord('VARBINARY')) dataType = 'MEDIUMBLOB';
    else {
      cur.acceptWord('VARCHAR');
      dataType = 'MEDIUMTEXT';
    }
  }
  else if (dataType === 'SERIAL') {
    dataType = 'BIGINT';
    unsigned = true;
    nullable = false;
    autoIncrement = true;
    unique = true;
  }
  if ((dataType === 'CHARACTER' || dataType === 'CHAR') && cur.acceptWord('VARYING')) dataType = 'VARCHAR';
  let length: number | null = null;
  let scale: number | null = null;
  let values: string[] | null = null;
  const synonym = TYPE_SYNONYMS[dataType];
  if (synonym) {
    if (dataType === 'BOOL' || dataType === 'BOOLEAN') length = 1;
    dataType = synonym;
  }
  if (cur.isPunct('(')) {
    cur.next();
    if (dataType === 'ENUM' || dataType === 'SET') {
      values = [];
      do {
        const v = cur.next();
        if (v.type !== 'string') throw cur.error(`expected a quoted ${dataType} value`, v);
        values.push(v.value);
      } while (cur.acceptPunct(','));
    } else {
      length = numberArg(cur, cur.next().text);
      if (cur.acceptPunct(',')) scale = numberArg(cur, cur.next().text);
    }
    cur.expectPunct(')');
  }
  if (scale === null && (dataType === 'TIME' || dataType === 'DATETIME' || dataType === 'TIMESTAMP') && length !== null) {
    scale = length;
    length = null;
  }
  for (;;) {
    const w = cur.acceptWord('UNSIGNED', 'SIGNED', 'ZEROFILL');
    if (!w) break;
    if (w.upper === 'UNSIGNED') unsigned = true;
    if (w.upper === 'ZEROFILL') unsigned = true;
  }
  const typeText = cur.text(typeStart);

  let charset: string | null = null;
  let collation: string | null = null;
  let defaultValue: string | null = null;
  let primaryKey = false;
  let generated: { expression: string; stored: boolean } | null = null;
  let onUpdate: string | null = null;
  let comment: string | null = null;
  let position: ColumnPosition | null = null;
  const checks: { name: string | null; expression: string }[] = [];
  let reference: ForeignKeyDefinition | null = null;

  for (;;) {
    if (cur.acceptWords('NOT', 'NULL')) nullable = false;
    else if (cur.acceptWord('NULL')) nullable = true;
    else if (cur.acceptWord('DEFAULT')) defaultValue = defaultExpression(cur);
    else if (cur.acceptWord('AUTO_INCREMENT')) autoIncrement = true;
    else if (cur.acceptWords('PRIMARY', 'KEY') || cur.acceptWord('KEY')) primaryKey = true;
    else if (cur.acceptWord('UNIQUE')) {
      cur.acceptWord('KEY');
      unique = true;
    } else if (cur.acceptWord('COMMENT')) comment = cur.next().value;
    else if (cur.acceptWords('CHARACTER', 'SET') || cur.acceptWord('CHARSET')) charset = cur.nameOrString('a character set');
    else if (cur.acceptWord('COLLATE')) collation = cur.nameOrString('a collation');
    else if (cur.acceptWord('BINARY', 'ASCII', 'UNICODE', 'BYTE')) continue;
    else if (cur.acceptWords('ON', 'UPDATE')) onUpdate = defaultExpression(cur);
    else if (cur.acceptWords('GENERATED', 'ALWAYS', 'AS') || (cur.isWord('AS') && cur.isPunct('(', 1) && cur.acceptWord('AS'))) {
      if (cur.isWordAt(0, 'ROW', 'TRANSACTION')) {
        // MariaDB system-versioning columns: AS ROW START / END.
        cur.next();
        cur.expectWord('START', 'END');
      } else generated = { expression: cur.group().inner, stored: false };
    } else if (cur.isWord('VIRTUAL', 'STORED', 'PERSISTENT')) {
      const w = cur.next();
      if (generated !== null) generated = { expression: generated.expression, stored: w.upper !== 'VIRTUAL' };
    } else if (cur.acceptWord('VISIBLE', 'INVISIBLE', 'COMPRESSED')) {
      if (cur.isPunct('=')) cur.optionValue();
    } else if (cur.acceptWord('COLUMN_FORMAT', 'STORAGE', 'SRID', 'ENGINE_ATTRIBUTE', 'SECONDARY_ENGINE_ATTRIBUTE')) cur.optionValue();
    else if (cur.acceptWords('WITH', 'SYSTEM', 'VERSIONING') || cur.acceptWords('WITHOUT', 'SYSTEM', 'VERSIONING')) continue;
    else if (cur.isWord('REFERENCES')) reference = { name: null, columns: [name], ...references(cur) };
    else if (cur.isWord('CONSTRAINT') || cur.isWord('CHECK')) {
      let checkName: string | null = null;
      if (cur.acceptWord('CONSTRAINT') && !cur.isWord('CHECK')) checkName = cur.identifier('a constraint name');
      cur.expectWord('CHECK');
      checks.push({ name: checkName, expression: checkBody(cur) });
    } else if (cur.acceptWord('FIRST')) position = { kind: 'first' };
    else if (cur.acceptWord('AFTER')) position = { kind: 'after', column: cur.identifier('a column name') };
    else break;
  }
  return {
    column: {
      name,
      dataType,
      typeText,
      length,
      scale,
      unsigned,
      values,
      charset,
      collation,
      nullable,
      defaultValue,
      autoIncrement,
      primaryKey,
      unique,
      generated,
      onUpdate,
      comment,
      position,
    },
    checks,
    reference,
  };
}

/** Table option keys (single words); values follow an optional `=`. */
const TABLE_OPTION_WORDS = new Set([
  'ENGINE', 'TYPE', 'AUTO_INCREMENT', 'AVG_ROW_LENGTH', 'CHECKSUM', 'TABLE_CHECKSUM', 'COMMENT', 'COMPRESSION',
  'CONNECTION', 'DELAY_KEY_WRITE', 'ENCRYPTION', 'INSERT_METHOD', 'KEY_BLOCK_SIZE', 'MAX_ROWS', 'MIN_ROWS',
  'PACK_KEYS', 'PASSWORD', 'ROW_FORMAT', 'STATS_AUTO_RECALC', 'STATS_PERSISTENT', 'STATS_SAMPLE_PAGES',
  'TABLESPACE', 'UNION', 'PAGE_COMPRESSED', 'PAGE_COMPRESSION_LEVEL', 'TRANSACTIONAL', 'SEQUENCE', 'ENCRYPTED',
  'ENCRYPTION_KEY_ID', 'IETF_QUOTES', 'ENGINE_ATTRIBUTE', 'SECONDARY_ENGINE', 'SECONDARY_ENGINE_ATTRIBUTE',
  'AUTOEXTEND_SIZE', 'CHARSET', 'COLLATE', 'STORAGE', 'START',
]);

/** The current tokens start a table option. */
export function isTableOption(cur: Cursor): boolean {
  const t = cur.peek();
  // MariaDB prints engine-defined options quoted: `PAGE_COMPRESSED`='1'.
  if (t?.type === 'quoted') return cur.isPunct('=', 1);
  if (!t || t.type !== 'word') return false;
  if (t.upper === 'DEFAULT') return cur.isWordAt(1, 'CHARSET', 'CHARACTER', 'COLLATE');
  if (t.upper === 'CHARACTER') return cur.isWordAt(1, 'SET');
  if (t.upper === 'DATA' || t.upper === 'INDEX') return cur.isWordAt(1, 'DIRECTORY');
  if (t.upper === 'START') return cur.isWordAt(1, 'TRANSACTION');
  if (t.upper === 'ALGORITHM' || t.upper === 'LOCK') return false;
  // Any `NAME = value` is an option (engine-specific ones too, like Aria's PAGE_CHECKSUM=1).
  if (cur.isPunct('=', 1)) return true;
  return TABLE_OPTION_WORDS.has(t.upper) && cur.peek(1) !== undefined && !cur.isPunct(',', 1);
}

/** Reads table options (space or comma separated) while they continue; keys upper case. */
export function tableOptions(cur: Cursor, options: Record<string, string>, allowCommas: boolean): void {
  for (;;) {
    if (allowCommas && cur.isPunct(',')) {
      const save = cur.pos;
      cur.next();
      if (!isTableOption(cur)) {
        cur.pos = save;
        return;
      }
    }
    if (!isTableOption(cur)) return;
    cur.acceptWord('DEFAULT');
    const keyToken = cur.next();
    const key = keyToken.type === 'quoted' ? keyToken.value.toUpperCase() : keyToken.upper;
    let name = key;
    if (key === 'CHARACTER') {
      cur.expectWord('SET');
      name = 'CHARSET';
    } else if (key === 'DATA' || key === 'INDEX') name = `${key} ${cur.expectWord('DIRECTORY').upper}`;
    else if (key === 'TYPE') name = 'ENGINE';
    else if (key === 'TABLE_CHECKSUM') name = 'CHECKSUM';
    else if (key === 'START') {
      cur.expectWord('TRANSACTION');
      options['START TRANSACTION'] = '';
      continue;
    } else if (key === 'STORAGE') {
      options[name] = cur.next().text;
      continue;
    }
    options[name] = cur.optionValue();
    if (key === 'TABLESPACE' && cur.acceptWord('STORAGE')) cur.next();
  }
}
