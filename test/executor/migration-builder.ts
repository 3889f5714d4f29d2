// Builds Migration values for executor tests without the parser: each statement's operation is
// written out by hand, so these tests exercise the executor alone.
import { createHash } from 'node:crypto';
import type { ColumnDefinition, Migration, Operation, ParsedStatement, TableRef } from '../../src/parser/statement.js';

export const t = (name: string): TableRef => ({ schema: null, name });

export function column(name: string, typeText = 'INT'): ColumnDefinition {
  return {
    name, dataType: typeText.replace(/\(.*/, '').toUpperCase(), typeText, length: null, scale: null, unsigned: false,
    values: null, charset: null, collation: null, nullable: true, defaultValue: null, autoIncrement: false,
    primaryKey: false, unique: false, generated: null, onUpdate: null, comment: null, position: null,
  };
}

export const op = {
  addColumn: (table: string, col: string, typeText = 'INT'): Operation => ({
    kind: 'alter-table', table: t(table), algorithm: null, lock: null, wait: null, online: false, ignore: false,
    actions: [{ type: 'add-column', column: column(col, typeText), ifNotExists: false }],
  }),
  addIndex: (table: string, index: string, cols: readonly string[]): Operation => ({
    kind: 'alter-table', table: t(table), algorithm: null, lock: null, wait: null, online: false, ignore: false,
    actions: [{ type: 'add-index', ifNotExists: false, index: { name: index, kind: 'index', using: null, columns: cols.map((c) => ({ name: c, length: null, descending: false, expression: null })) } }],
  }),
  modifyColumn: (table: string, col: string, typeText: string): Operation => ({
    kind: 'alter-table', table: t(table), algorithm: null, lock: null, wait: null, online: false, ignore: false,
    actions: [{ type: 'modify-column', column: column(col, typeText) }],
  }),
  createTable: (table: string): Operation => ({
    kind: 'create-table', table: t(table), columns: [], indexes: [], foreignKeys: [], checks: [], options: {},
    ifNotExists: false, orReplace: false, temporary: false, like: null, asSelect: false, partitioned: false,
  }),
  delete: (table: string, where: string | null): Operation => ({
    kind: 'delete', targets: [t(table)], from: [t(table)], orderBy: null, limit: null, hasJoin: false, ignore: false,
    where: where === null ? null : { sql: where, columns: [], alwaysTrue: false },
  }),
  update: (table: string, where: string | null): Operation => ({
    kind: 'update', tables: [t(table)], assignments: [], orderBy: null, limit: null, hasJoin: false, ignore: false,
    where: where === null ? null : { sql: where, columns: [], alwaysTrue: false },
  }),
  insert: (table: string): Operation => ({
    kind: 'insert', table: t(table), columns: [], source: 'select', sourceTables: [], rowCount: null, replace: false, ignore: false, onDuplicateKeyUpdate: false,
  }),
  set: (name: string, value: string): Operation => ({ kind: 'set-variable', assignments: [{ scope: 'session', name, value }] }),
};

export function migration(name: string, statements: readonly (readonly [string, Operation])[]): Migration {
  const parsed: ParsedStatement[] = statements.map(([sql, operation], index) => ({
    index, sql, operation, parsedBy: 'fallback', tables: [],
    location: { file: `${name}.sql`, line: index + 1, column: 1, offset: 0 },
    endOffset: 0, delimiter: ';', leadingComments: [],
  }));
  return {
    name, file: `migrations/${name}.sql`, source: 'sql', needsShadowExecution: false, hasDown: false,
    checksum: createHash('sha256').update(statements.map(([s]) => s).join(';\n')).digest('hex'),
    statements: parsed,
  };
}

export const approval = { approver: 'tester', reportHash: 'sha256:test', decision: 'approved' } as const;
