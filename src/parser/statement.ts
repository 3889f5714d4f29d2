// The typed shape of a migration statement: what the splitter found and what the parser made of it.
// Every stage after parsing switches on `Operation['kind']`; nothing downstream re-reads SQL text
// except to splice spans into proposed alternatives.

/** Where a statement starts: its first token (comments before it do not count). 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Byte offset of the first token in the file (UTF-8). */
  readonly offset: number;
}

/** One statement as the splitter cut it out of a file. */
export interface SplitStatement {
  /** 0-based position of the statement in its migration. */
  readonly index: number;
  /**
   * The statement text as the server would receive it: no trailing delimiter, executable
   * comments (`/*! … *\/`, `/*M! … *\/`) kept verbatim, surrounding comments trimmed.
   */
  readonly sql: string;
  readonly location: SourceLocation;
  /** Byte offset just past the statement's last token (before the delimiter). */
  readonly endOffset: number;
  /** The delimiter that ended it (`;` unless a DELIMITER line changed it). */
  readonly delimiter: string;
  /** Comments between the previous statement and this one, verbatim (used for suppressions). */
  readonly leadingComments: readonly string[];
}

export interface TableRef {
  readonly schema: string | null;
  readonly name: string;
}

export type ColumnPosition = { readonly kind: 'first' } | { readonly kind: 'after'; readonly column: string };

export interface ColumnDefinition {
  readonly name: string;
  /** Base type, upper case: `VARCHAR`, `INT`, `DECIMAL`, `ENUM`, `JSON`, … */
  readonly dataType: string;
  /** The type as written, e.g. `varchar(20)`, `decimal(12,2) unsigned`. */
  readonly typeText: string;
  /** Display width / length / precision: VARCHAR(255) → 255, DECIMAL(12,2) → 12. */
  readonly length: number | null;
  /** DECIMAL(12,2) → 2; fractional seconds for TIME/DATETIME/TIMESTAMP. */
  readonly scale: number | null;
  readonly unsigned: boolean;
  /** ENUM/SET member values, unquoted. */
  readonly values: readonly string[] | null;
  readonly charset: string | null;
  readonly collation: string | null;
  /** true = NULL, false = NOT NULL, null = not stated. */
  readonly nullable: boolean | null;
  /** The DEFAULT expression as SQL text (`'new'`, `0`, `CURRENT_TIMESTAMP`, `NULL`); null when absent. */
  readonly defaultValue: string | null;
  readonly autoIncrement: boolean;
  /** Inline PRIMARY KEY / UNIQUE on the column definition. */
  readonly primaryKey: boolean;
  readonly unique: boolean;
  readonly generated: { readonly expression: string; readonly stored: boolean } | null;
  readonly onUpdate: string | null;
  readonly comment: string | null;
  readonly position: ColumnPosition | null;
}

export type IndexKind = 'index' | 'unique' | 'fulltext' | 'spatial' | 'primary';

export interface IndexColumn {
  readonly name: string;
  /** Prefix length, `b(10)` → 10. */
  readonly length: number | null;
  readonly descending: boolean;
  /** Functional key part `((lower(email)))`, as SQL text. */
  readonly expression: string | null;
}

export interface IndexDefinition {
  readonly name: string | null;
  readonly kind: IndexKind;
  readonly columns: readonly IndexColumn[];
  readonly using: 'BTREE' | 'HASH' | null;
}

export interface ForeignKeyDefinition {
  readonly name: string | null;
  readonly columns: readonly string[];
  readonly referencedTable: TableRef;
  readonly referencedColumns: readonly string[];
  readonly onDelete: string | null;
  readonly onUpdate: string | null;
}

export type PartitionOperation =
  | 'partition-by'
  | 'add'
  | 'drop'
  | 'truncate'
  | 'coalesce'
  | 'reorganize'
  | 'exchange'
  | 'rebuild'
  | 'optimize'
  | 'analyze'
  | 'check'
  | 'repair'
  | 'remove-partitioning'
  | 'discard'
  | 'import';

/** One action inside ALTER TABLE. ALGORITHM= and LOCK= are not actions: see AlterTableOperation. */
export type AlterAction =
  | { readonly type: 'add-column'; readonly column: ColumnDefinition; readonly ifNotExists: boolean }
  | { readonly type: 'drop-column'; readonly column: string; readonly ifExists: boolean }
  | { readonly type: 'rename-column'; readonly from: string; readonly to: string }
  | { readonly type: 'modify-column'; readonly column: ColumnDefinition }
  | { readonly type: 'change-column'; readonly from: string; readonly column: ColumnDefinition }
  /** ALTER COLUMN c SET DEFAULT x (`defaultValue` = x) / DROP DEFAULT (`defaultValue` = null). */
  | { readonly type: 'alter-column-default'; readonly column: string; readonly defaultValue: string | null }
  /** ALTER COLUMN c SET VISIBLE / INVISIBLE (MySQL 8.0.23+). */
  | { readonly type: 'alter-column-visibility'; readonly column: string; readonly visible: boolean }
  | { readonly type: 'add-index'; readonly index: IndexDefinition; readonly ifNotExists: boolean }
  | { readonly type: 'drop-index'; readonly name: string; readonly ifExists: boolean }
  | { readonly type: 'rename-index'; readonly from: string; readonly to: string }
  | { readonly type: 'alter-index-visibility'; readonly name: string; readonly visible: boolean }
  | { readonly type: 'drop-primary-key' }
  | { readonly type: 'add-foreign-key'; readonly foreignKey: ForeignKeyDefinition }
  | { readonly type: 'drop-foreign-key'; readonly name: string }
  | { readonly type: 'add-check'; readonly name: string | null; readonly expression: string }
  /** DROP CHECK c / DROP CONSTRAINT c (which may name a check, a foreign key or a unique key). */
  | { readonly type: 'drop-constraint'; readonly name: string; readonly constraintKind: 'check' | 'unknown' }
  /** ENGINE=, ROW_FORMAT=, AUTO_INCREMENT=, COMMENT=, KEY_BLOCK_SIZE=, [DEFAULT] CHARSET=, COLLATE=, … keys upper case. */
  | { readonly type: 'table-options'; readonly options: Readonly<Record<string, string>> }
  | { readonly type: 'convert-charset'; readonly charset: string; readonly collation: string | null }
  /** FORCE: rebuild the table in place. */
  | { readonly type: 'force' }
  | { readonly type: 'rename-table'; readonly to: TableRef }
  | { readonly type: 'partition'; readonly operation: PartitionOperation; readonly text: string }
  /** Something inside ALTER TABLE the parser recognised as an action but could not type. Never dropped. */
  | { readonly type: 'opaque-action'; readonly text: string };

export type AlterActionType = AlterAction['type'];

export interface AlterTableOperation {
  readonly kind: 'alter-table';
  readonly table: TableRef;
  readonly actions: readonly AlterAction[];
  /** Explicit ALGORITHM= clause, upper case (`INSTANT`, `INPLACE`, `COPY`, `NOCOPY`, `DEFAULT`). */
  readonly algorithm: string | null;
  /** Explicit LOCK= clause, upper case (`NONE`, `SHARED`, `EXCLUSIVE`, `DEFAULT`). */
  readonly lock: string | null;
  /** MariaDB `WAIT n` (seconds) / `NOWAIT` (0). */
  readonly wait: number | null;
  readonly online: boolean;
  readonly ignore: boolean;
}

export interface CreateTableOperation {
  readonly kind: 'create-table';
  readonly table: TableRef;
  readonly columns: readonly ColumnDefinition[];
  readonly indexes: readonly IndexDefinition[];
  readonly foreignKeys: readonly ForeignKeyDefinition[];
  readonly checks: readonly { readonly name: string | null; readonly expression: string }[];
  readonly options: Readonly<Record<string, string>>;
  readonly ifNotExists: boolean;
  readonly orReplace: boolean;
  readonly temporary: boolean;
  readonly like: TableRef | null;
  readonly asSelect: boolean;
  readonly partitioned: boolean;
}

export interface DropTableOperation {
  readonly kind: 'drop-table';
  readonly tables: readonly TableRef[];
  readonly ifExists: boolean;
  readonly temporary: boolean;
}

export interface RenameTableOperation {
  readonly kind: 'rename-table';
  readonly pairs: readonly { readonly from: TableRef; readonly to: TableRef }[];
}

export interface TruncateTableOperation {
  readonly kind: 'truncate-table';
  readonly table: TableRef;
}

export interface CreateIndexOperation {
  readonly kind: 'create-index';
  readonly table: TableRef;
  readonly index: IndexDefinition;
  readonly algorithm: string | null;
  readonly lock: string | null;
  readonly ifNotExists: boolean;
  readonly orReplace: boolean;
}

export interface DropIndexOperation {
  readonly kind: 'drop-index';
  readonly table: TableRef;
  readonly name: string;
  readonly algorithm: string | null;
  readonly lock: string | null;
  readonly ifExists: boolean;
}

/** A WHERE clause: its SQL text (spliced from the source) and the columns it mentions. */
export interface WhereClause {
  readonly sql: string;
  readonly columns: readonly { readonly table: string | null; readonly column: string }[];
  /** True when the clause is a constant truth (`WHERE 1`, `WHERE 1=1`, `WHERE TRUE`): no filter at all. */
  readonly alwaysTrue: boolean;
}

export interface DeleteOperation {
  readonly kind: 'delete';
  /** Tables rows are deleted from. */
  readonly targets: readonly TableRef[];
  /** Every table in FROM / USING / JOIN. */
  readonly from: readonly TableRef[];
  readonly where: WhereClause | null;
  readonly orderBy: string | null;
  readonly limit: number | null;
  readonly hasJoin: boolean;
  readonly ignore: boolean;
}

export interface UpdateOperation {
  readonly kind: 'update';
  readonly tables: readonly TableRef[];
  readonly assignments: readonly { readonly table: string | null; readonly column: string; readonly value: string }[];
  readonly where: WhereClause | null;
  readonly orderBy: string | null;
  readonly limit: number | null;
  readonly hasJoin: boolean;
  readonly ignore: boolean;
}

export interface InsertOperation {
  readonly kind: 'insert';
  readonly table: TableRef;
  readonly columns: readonly string[];
  readonly source: 'values' | 'select' | 'set';
  /** Tables read by INSERT … SELECT. */
  readonly sourceTables: readonly TableRef[];
  /** Number of VALUES tuples, when source is `values`. */
  readonly rowCount: number | null;
  readonly replace: boolean;
  readonly ignore: boolean;
  readonly onDuplicateKeyUpdate: boolean;
}

export interface SetVariableOperation {
  readonly kind: 'set-variable';
  readonly assignments: readonly {
    readonly scope: 'session' | 'global' | 'persist' | 'user' | 'names' | 'transaction';
    /** Lower case, without `@@session.` prefixes: `lock_wait_timeout`, `foreign_key_checks`. */
    readonly name: string;
    /** Value as SQL text. */
    readonly value: string;
  }[];
}

export interface TableMaintenanceOperation {
  readonly kind: 'optimize-table' | 'analyze-table';
  readonly tables: readonly TableRef[];
}

export interface TriggerOperation {
  readonly kind: 'create-trigger' | 'drop-trigger';
  readonly name: string;
  /** For CREATE: the table it fires on. */
  readonly table: TableRef | null;
  readonly timing: 'BEFORE' | 'AFTER' | null;
  readonly event: 'INSERT' | 'UPDATE' | 'DELETE' | null;
}

export interface TransactionOperation {
  readonly kind: 'transaction';
  readonly verb: 'begin' | 'commit' | 'rollback';
}

export interface LockTablesOperation {
  readonly kind: 'lock-tables' | 'unlock-tables';
  readonly tables: readonly TableRef[];
}

export interface SelectOperation {
  readonly kind: 'select';
  readonly tables: readonly TableRef[];
}

/**
 * A statement drydock does not model in detail (CREATE PROCEDURE, GRANT, CREATE VIEW, …).
 * It is kept, located and shown; analyzers treat it as unknown, never as safe.
 */
export interface OpaqueOperation {
  readonly kind: 'opaque';
  /** Leading keywords, upper case: `CREATE PROCEDURE`, `GRANT`, `CREATE VIEW`. */
  readonly verb: string;
  /** Tables named, where they could be found. */
  readonly tables: readonly TableRef[];
  /** Why it is opaque: `not modelled` or the parser's complaint. */
  readonly reason: string;
}

export type Operation =
  | AlterTableOperation
  | CreateTableOperation
  | DropTableOperation
  | RenameTableOperation
  | TruncateTableOperation
  | CreateIndexOperation
  | DropIndexOperation
  | DeleteOperation
  | UpdateOperation
  | InsertOperation
  | SetVariableOperation
  | TableMaintenanceOperation
  | TriggerOperation
  | TransactionOperation
  | LockTablesOperation
  | SelectOperation
  | OpaqueOperation;

export type OperationKind = Operation['kind'];

/** A split statement with its typed operation. */
export interface ParsedStatement extends SplitStatement {
  readonly operation: Operation;
  /** Which parser produced the operation. */
  readonly parsedBy: 'node-sql-parser' | 'fallback';
  /** Tables the statement reads or writes, deduplicated, in order of appearance. */
  readonly tables: readonly TableRef[];
}

export type MigrationSourceKind = 'sql' | 'kysely';

export interface Migration {
  /** File name without extension, as Kysely names migrations. */
  readonly name: string;
  /** Path relative to the working directory, as shown to the user. */
  readonly file: string;
  /** sha256 of the file's bytes, hex. */
  readonly checksum: string;
  readonly source: MigrationSourceKind;
  readonly statements: readonly ParsedStatement[];
  /**
   * A Kysely migration that reads data and branches on it: its statements cannot be known
   * statically and must be executed on the shadow. The captured list is what an empty database gives.
   */
  readonly needsShadowExecution: boolean;
  /** For Kysely migrations: whether `down` exists. */
  readonly hasDown: boolean;
}

export const isDdl = (op: Operation): boolean =>
  op.kind === 'alter-table' ||
  op.kind === 'create-table' ||
  op.kind === 'drop-table' ||
  op.kind === 'rename-table' ||
  op.kind === 'truncate-table' ||
  op.kind === 'create-index' ||
  op.kind === 'drop-index' ||
  op.kind === 'create-trigger' ||
  op.kind === 'drop-trigger' ||
  op.kind === 'optimize-table';

export const isDml = (op: Operation): boolean => op.kind === 'delete' || op.kind === 'update' || op.kind === 'insert';

export const tableKey = (t: TableRef): string => (t.schema ? `${t.schema}.${t.name}` : t.name).toLowerCase();
