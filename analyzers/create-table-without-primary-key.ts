// X01/H04: a table created without a PRIMARY KEY. InnoDB clusters it on a hidden row id, row-based
// replicas find changed rows by scanning, online schema change tools refuse it, and MySQL servers
// with sql_require_primary_key=ON reject the CREATE outright.
import { defineAnalyzer, type Alternative } from '../src/analysis/analyzer.js';
import { quoteIdent, quoteTable } from '../src/analysis/alternatives/online-ddl.js';

type Messages = 'noPrimaryKey';

export const createTableWithoutPrimaryKey = defineAnalyzer<Messages>({
  id: 'create-table-without-primary-key',
  title: 'CREATE TABLE without a PRIMARY KEY',
  category: 'hygiene',
  severity: 'warning',
  appliesTo: ['create-table'],
  messages: {
    noPrimaryKey:
      'Table {table} is created without a PRIMARY KEY. InnoDB then clusters it on a hidden 6-byte row id; with row-based replication a replica finds every updated or deleted row by scanning the table (replication lag grows with the table); pt-online-schema-change and gh-ost refuse to alter it later; and MySQL servers running with sql_require_primary_key=ON reject this CREATE.',
  },
  check(statement) {
    const op = statement.operation;
    if (op.kind !== 'create-table' || op.temporary || op.like !== null || op.columns.length === 0) return [];
    if (op.indexes.some((i) => i.kind === 'primary') || op.columns.some((c) => c.primaryKey)) return [];
    const notNull = new Set(op.columns.filter((c) => c.nullable === false).map((c) => c.name.toLowerCase()));
    const candidate = op.indexes.find((i) => i.kind === 'unique' && i.columns.every((c) => c.expression === null && c.length === null && notNull.has(c.name.toLowerCase())));
    const t = quoteTable(op.table);
    const idName = op.columns.some((c) => c.name.toLowerCase() === 'id') ? `${op.table.name}_id` : 'id';
    const alternatives: Alternative[] = [
      Object.freeze({
        kind: 'rewrite' as const,
        title: candidate
          ? `Make the NOT NULL unique key (${candidate.columns.map((c) => c.name).join(', ')}) the primary key`
          : `Give ${op.table.name} a surrogate key ${idName} BIGINT UNSIGNED AUTO_INCREMENT`,
        sql: Object.freeze([
          `${statement.sql};`,
          candidate
            ? `ALTER TABLE ${t} DROP INDEX ${quoteIdent(candidate.name ?? candidate.columns[0]!.name)}, ADD PRIMARY KEY (${candidate.columns.map((c) => quoteIdent(c.name)).join(', ')});`
            : `ALTER TABLE ${t} ADD COLUMN ${quoteIdent(idName)} BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST;`,
        ]),
        notes: Object.freeze(['The table is new and empty, so the ALTER is instant; better still, declare the key in the CREATE TABLE itself.']),
        replacesStatement: true,
      }),
    ];
    return [{ messageId: 'noPrimaryKey', values: { table: op.table.name }, table: op.table.name, alternatives }];
  },
});
