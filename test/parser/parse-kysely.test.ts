// SQL exactly as Kysely's MySQL compiler writes it (no database needed: DummyDriver), parsed.
import { DummyDriver, Kysely, MysqlAdapter, MysqlIntrospector, MysqlQueryCompiler, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/parser/parse.js';
import type { Operation } from '../../src/parser/statement.js';

const db = new Kysely<any>({
  dialect: {
    createAdapter: () => new MysqlAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new MysqlIntrospector(k),
    createQueryCompiler: () => new MysqlQueryCompiler(),
  },
});

const parse = (q: { compile(): { sql: string } }): Operation => {
  const text = q.compile().sql;
  return parseStatement({ index: 0, sql: text, location: { file: 'k.ts', line: 1, column: 1, offset: 0 }, endOffset: text.length, delimiter: ';', leadingComments: [] }).operation;
};

describe('Kysely-compiled migrations', () => {
  it('createTable with constraints', () => {
    const op = parse(
      db.schema
        .createTable('person')
        .ifNotExists()
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('first_name', 'varchar(255)', (c) => c.notNull())
        .addColumn('email', 'varchar(191)', (c) => c.unique())
        .addColumn('created_at', 'timestamp', (c) => c.defaultTo(sql`CURRENT_TIMESTAMP`).notNull())
        .addColumn('score', 'decimal(8, 2)', (c) => c.defaultTo(0))
        .addColumn('team_id', 'integer', (c) => c.references('team.id').onDelete('cascade'))
        .addUniqueConstraint('person_name_unique', ['first_name', 'email'])
        .addCheckConstraint('score_positive', sql`score >= 0`),
    );
    expect(op).toMatchObject({
      kind: 'create-table',
      ifNotExists: true,
      columns: [
        { name: 'id', dataType: 'INT', primaryKey: true, autoIncrement: true },
        { name: 'first_name', dataType: 'VARCHAR', length: 255, nullable: false },
        { name: 'email', unique: true },
        { name: 'created_at', dataType: 'TIMESTAMP', defaultValue: 'CURRENT_TIMESTAMP', nullable: false },
        { name: 'score', dataType: 'DECIMAL', length: 8, scale: 2, defaultValue: '0' },
        { name: 'team_id' },
      ],
      indexes: [
        { name: 'PRIMARY', kind: 'primary' },
        { name: 'email', kind: 'unique' },
        { name: 'person_name_unique', kind: 'unique', columns: [{ name: 'first_name' }, { name: 'email' }] },
      ],
      foreignKeys: [{ columns: ['team_id'], referencedTable: { schema: null, name: 'team' }, referencedColumns: ['id'], onDelete: 'CASCADE' }],
      checks: [{ name: 'score_positive', expression: 'score >= 0' }],
    });
  });
  it.each([
    [db.schema.alterTable('person').addColumn('age', 'integer', (c) => c.notNull().defaultTo(18)), [{ type: 'add-column', column: { name: 'age', nullable: false, defaultValue: '18' } }]],
    [db.schema.alterTable('person').dropColumn('age'), [{ type: 'drop-column', column: 'age' }]],
    [db.schema.alterTable('person').renameColumn('age', 'years'), [{ type: 'rename-column', from: 'age', to: 'years' }]],
    [db.schema.alterTable('person').modifyColumn('first_name', 'varchar(100)', (c) => c.notNull()), [{ type: 'modify-column', column: { name: 'first_name', length: 100, nullable: false } }]],
    [db.schema.alterTable('person').alterColumn('age', (c) => c.setDefault(21)), [{ type: 'alter-column-default', column: 'age', defaultValue: '21' }]],
    [db.schema.alterTable('person').alterColumn('age', (c) => c.dropDefault()), [{ type: 'alter-column-default', column: 'age', defaultValue: null }]],
    [db.schema.alterTable('person').addUniqueConstraint('uq_email', ['email']), [{ type: 'add-index', index: { name: 'uq_email', kind: 'unique' } }]],
    [db.schema.alterTable('person').addForeignKeyConstraint('fk_team', ['team_id'], 'team', ['id']).onDelete('set null'), [{ type: 'add-foreign-key', foreignKey: { name: 'fk_team', onDelete: 'SET NULL' } }]],
    [db.schema.alterTable('person').dropConstraint('fk_team'), [{ type: 'drop-constraint', name: 'fk_team', constraintKind: 'unknown' }]],
    [db.schema.alterTable('person').addIndex('person_age_index').column('age'), [{ type: 'add-index', index: { name: 'person_age_index', kind: 'index', columns: [{ name: 'age' }] } }]],
    [db.schema.alterTable('person').dropIndex('person_age_index'), [{ type: 'drop-index', name: 'person_age_index' }]],
    [db.schema.alterTable('person').renameTo('people'), [{ type: 'rename-table', to: { schema: null, name: 'people' } }]],
  ])('%#: alterTable', (builder, actions) => {
    expect(parse(builder)).toMatchObject({ kind: 'alter-table', table: { name: 'person' }, actions });
  });
  it('index, drop and raw statements', () => {
    expect(parse(db.schema.createIndex('person_name_idx').on('person').columns(['first_name', 'email']).unique())).toMatchObject({
      kind: 'create-index',
      index: { name: 'person_name_idx', kind: 'unique', columns: [{ name: 'first_name' }, { name: 'email' }] },
    });
    expect(parse(db.schema.dropIndex('person_name_idx').on('person'))).toMatchObject({ kind: 'drop-index', name: 'person_name_idx', table: { name: 'person' } });
    expect(parse(db.schema.dropTable('person').ifExists())).toMatchObject({ kind: 'drop-table', tables: [{ name: 'person' }], ifExists: true });
  });
  it('query builders with placeholders', () => {
    expect(parse(db.deleteFrom('person').where('created_at', '<', new Date(0)).orderBy('id').limit(500))).toMatchObject({
      kind: 'delete',
      where: { sql: '`created_at` < ?', columns: [{ column: 'created_at' }] },
      orderBy: '`id`',
      limit: null, // LIMIT ? is a placeholder: the count is not known statically
    });
    expect(parse(db.updateTable('person').set({ age: 1 }).where('age', 'is', null))).toMatchObject({ kind: 'update', assignments: [{ column: 'age', value: '?' }], where: { sql: '`age` is null' } });
    expect(parse(db.insertInto('archive').columns(['id']).expression(db.selectFrom('person').select('id')))).toMatchObject({
      kind: 'insert',
      source: 'select',
      sourceTables: [{ name: 'person' }],
    });
  });
});
