// One function per ALTER TABLE operation class: which algorithms the server supports for it
// and what each does. Each rule cites the documented fact it encodes (docs/capabilities.md lists
// the sources); rules that a measurement on a real server overrode say so and carry basis 'measured'.
import type { AlterAction, ColumnDefinition, ForeignKeyDefinition, IndexDefinition } from '../../parser/statement.js';
import { column as columnChange } from './column-change.js';
import { BUILD, METADATA, REBUILD, blockingWrites, combineModels, copyOnly, model, unknownModel, type ActionModel } from './model.js';
import { isCascading, sameName, type Facts } from './table-facts.js';
import type { ServerVersion } from './types.js';
import {
  mariaHasInstant,
  mariaInstantAddRisky,
  mariaInstantColumnChanges,
  mariaMeasured,
  mysqlEnforcesChecks,
  mysqlHasDataDictionary,
  mysqlHasInstant,
  mysqlInstantAddAnywhereAndDrop,
  mysqlInstantAddDropUnsafe,
  mysqlColumnVisibility,
  mysqlMeasured,
  mysqlRowVersionLimit,
} from './version.js';

export function actionModel(v: ServerVersion, action: AlterAction, f: Facts): ActionModel {
  switch (action.type) {
    case 'add-column':
      return addColumn(v, action.column, f);
    case 'drop-column':
      return dropColumn(v, action.column, f);
    case 'rename-column':
      return columnChange.rename(v, action.from, f);
    case 'modify-column':
      return columnChange.modify(v, action.column.name, action.column, f);
    case 'change-column':
      return columnChange.modify(v, action.from, action.column, f);
    case 'alter-column-default':
      return columnChange.defaultOnly(v);
    case 'alter-column-visibility':
      return v.flavor === 'mysql' && mysqlColumnVisibility(v)
        ? model(v, 'column visibility is a data-dictionary change (MySQL 8.0.23+)', { instant: METADATA, inplace: METADATA })
        : unknownModel('column visibility (SET VISIBLE/INVISIBLE) needs MySQL 8.0.23+');
    case 'add-index':
      return addIndex(v, action.index, f);
    case 'drop-index':
      return /^primary$/i.test(action.name) ? dropPrimaryKey(v) : dropIndex(v);
    case 'rename-index':
      return renameIndex(v);
    case 'alter-index-visibility':
      return v.flavor === 'mysql' && mysqlHasDataDictionary(v)
        ? model(v, 'index visibility only changes the data dictionary (MySQL 8.0)', { inplace: METADATA })
        : unknownModel('index visibility is modelled for MySQL 8.0+ only (MariaDB uses IGNORED indexes)');
    case 'drop-primary-key':
      return dropPrimaryKey(v);
    case 'add-foreign-key':
      return addForeignKey(v, f, action.foreignKey);
    case 'drop-foreign-key':
      return dropForeignKey(v);
    case 'add-check':
      return addCheck(v);
    case 'drop-constraint':
      return dropConstraint(v, action.name, action.constraintKind, f);
    case 'table-options':
      return tableOptions(v, action.options, f);
    case 'convert-charset':
      return convertCharset(v);
    case 'force':
      return nullRebuild(v, f, 'FORCE rebuilds the table');
    case 'rename-table':
      return renameTable(v);
    case 'partition':
      return partition(v, action.operation);
    case 'opaque-action':
      return unknownModel(`drydock does not model this ALTER clause: ${action.text}`);
  }
}

// ---- columns ----------------------------------------------------------------------------------

/** True for DEFAULT (expr) and non-constant defaults other than CURRENT_TIMESTAMP. */
function hasExpressionDefault(col: ColumnDefinition): boolean {
  const d = col.defaultValue?.trim();
  if (!d) return false;
  if (d.startsWith('(')) return true;
  // CURRENT_TIMESTAMP (and its synonyms) is a literal-like default for date-time columns.
  return /^[a-z_][a-z0-9_]*\s*\(/i.test(d) && !/^(current_timestamp|now|localtime|localtimestamp)\s*\(/i.test(d);
}

/** MySQL instant ADD/DROP COLUMN also needs: no FULLTEXT index, not ROW_FORMAT=COMPRESSED, row versions left. */
function mysqlInstantColumnBlocker(v: ServerVersion, f: Facts): string | null {
  if (f.hasFulltext()) return 'the table has a FULLTEXT index, which rules out INSTANT ADD/DROP COLUMN on MySQL';
  if (f.rowFormat() === 'COMPRESSED') return 'ROW_FORMAT=COMPRESSED rules out INSTANT ADD/DROP COLUMN on MySQL';
  const limit = mysqlRowVersionLimit(v);
  const used = f.table?.totalRowVersions ?? null;
  if (limit !== null && used !== null && used >= limit) {
    return `the table has used all ${limit} instant row versions (TOTAL_ROW_VERSIONS=${used}); only a rebuild resets them`;
  }
  return null;
}

function addColumn(v: ServerVersion, col: ColumnDefinition, f: Facts): ActionModel {
  if (f.isTemporary()) return copyOnly(v, 'a TEMPORARY table can only be altered by COPY');
  if (col.autoIncrement) {
    // MySQL 8.0 §17.12.1 / MariaDB INPLACE page: in place but concurrent DML is not permitted;
    // MariaDB 11.2+ online copy explicitly excludes AUTO_INCREMENT columns.
    return model(v, 'adding an AUTO_INCREMENT column rebuilds the table and does not permit concurrent writes', {
      inplace: blockingWrites(REBUILD),
      noOnlineCopy: true,
    });
  }
  if (col.generated?.stored) {
    // Every row must be computed: COPY only (MySQL manual; MariaDB online-schema-change page).
    return copyOnly(v, 'adding a STORED generated column computes it for every row (table copy)');
  }
  if (col.generated) {
    if (v.flavor === 'mysql') {
      return mysqlHasInstant(v)
        ? model(v, 'adding a VIRTUAL generated column only changes the data dictionary', { instant: METADATA, inplace: METADATA })
        : model(v, 'adding a VIRTUAL generated column is in place and metadata-only (MySQL 5.7)', { inplace: METADATA });
    }
    return model(v, 'adding a VIRTUAL generated column is instant on MariaDB', { instant: METADATA });
  }
  if (hasExpressionDefault(col)) {
    // Not in the manuals' tables: the server evaluates the default per row (strong_migrations; MariaDB lists it as COPY-only).
    const reasons = [`column ${col.name} has an expression default, which is evaluated for every row (table copy)`];
    if (v.flavor === 'mysql' && /\b(uuid|uuid_short|rand|sysdate|user|connection_id)\s*\(/i.test(col.defaultValue ?? '')) {
      // Measured on MySQL 9.7.4 (binary log on), 2026-11-23: ADD COLUMN … DEFAULT (uuid()) fails with ER_BINLOG_UNSAFE_SYSTEM_FUNCTION (1674).
      reasons.push('with binary logging on, MySQL refuses a non-deterministic expression default here (ERROR 1674)');
    }
    return copyOnly(v, reasons);
  }
  const positioned = col.position !== null && !addsAtEnd(col, f);
  if (v.flavor === 'mysql') {
    if (!mysqlHasInstant(v)) return model(v, 'MySQL before 8.0.12 adds columns by rebuilding the table in place', { inplace: REBUILD });
    if (mysqlInstantAddDropUnsafe(v)) {
      return model(v, 'MySQL 8.0.29 instant ADD/DROP COLUMN can corrupt tables on crash recovery: drydock plans an in-place rebuild (upgrade to 8.0.30+)', { inplace: REBUILD });
    }
    if (positioned && !mysqlInstantAddAnywhereAndDrop(v)) {
      return model(v, 'before MySQL 8.0.29 only a column added last is instant; FIRST/AFTER rebuilds the table', { inplace: REBUILD });
    }
    const blocker = mysqlInstantColumnBlocker(v, f);
    if (blocker) return model(v, blocker, { inplace: REBUILD });
    return model(v, positioned ? 'ADD COLUMN at any position is instant on MySQL 8.0.29+' : 'ADD COLUMN as the last column is instant on MySQL 8.0.12+', {
      instant: METADATA,
      inplace: REBUILD,
    });
  }
  if (!mariaHasInstant(v) || (positioned && !mariaInstantColumnChanges(v))) {
    return model(v, 'this MariaDB version adds the column by rebuilding the table', { inplace: REBUILD });
  }
  const reasons = [positioned ? 'ADD COLUMN at any position is instant on MariaDB 10.4+' : 'ADD COLUMN is instant on MariaDB'];
  if (mariaInstantAddRisky(v)) reasons.push('instant ADD COLUMN before MariaDB 10.6.9 risks corruption (MDEV-18519): upgrade, or add FORCE to rebuild instead');
  // A hidden FTS_DOC_ID (table with FULLTEXT) rules out instant ADD on MariaDB.
  if (f.hasFulltext()) return model(v, 'the table has a FULLTEXT index (hidden FTS_DOC_ID): MariaDB rebuilds the table to add a column', { inplace: REBUILD });
  // Measured on MariaDB 10.11.19, 2026-11-23: ADD COLUMN combined with ADD INDEX refuses NOCOPY and
  // rebuilds the table (online): the instant column path needs the whole statement to be instant.
  return model(v, reasons, { instant: METADATA, inplace: REBUILD, instantOnlyAlone: true, basis: mariaMeasured(v) ? 'measured' : 'documented' });
}

/** `AFTER <last column>` is the same as appending. */
function addsAtEnd(col: ColumnDefinition, f: Facts): boolean {
  const p = col.position;
  if (!p || p.kind !== 'after') return false;
  const def = f.definition;
  const last = def?.columns[def.columns.length - 1];
  return last !== undefined && sameName(last.name, p.column);
}

function dropColumn(v: ServerVersion, name: string, f: Facts): ActionModel {
  if (f.isTemporary()) return copyOnly(v, 'a TEMPORARY table can only be altered by COPY');
  const col = f.column(name);
  if (col?.generated && !col.generated.stored) {
    return v.flavor === 'mysql'
      ? mysqlHasInstant(v)
        ? model(v, 'dropping a VIRTUAL column only changes the data dictionary', { instant: METADATA, inplace: METADATA })
        : model(v, 'dropping a VIRTUAL column is metadata-only (MySQL 5.7)', { inplace: METADATA })
      : model(v, 'dropping a VIRTUAL column is instant on MariaDB', { instant: METADATA });
  }
  if (f.inPrimaryKey(name)) return model(v, `column ${name} is part of the primary key: dropping it rebuilds the table`, { inplace: REBUILD });
  if (v.flavor === 'mysql') {
    if (col?.generated?.stored && !mysqlMeasured(v)) return model(v, 'dropping a STORED generated column rebuilds the table in place', { inplace: REBUILD });
    if (!mysqlInstantAddAnywhereAndDrop(v)) return model(v, 'before MySQL 8.0.29 DROP COLUMN rebuilds the table in place', { inplace: REBUILD });
    if (mysqlInstantAddDropUnsafe(v)) {
      return model(v, 'MySQL 8.0.29 instant ADD/DROP COLUMN can corrupt tables on crash recovery: drydock plans an in-place rebuild (upgrade to 8.0.30+)', { inplace: REBUILD });
    }
    if (f.isIndexed(name)) return model(v, `column ${name} is indexed: dropping it changes the index, which is not instant (in-place rebuild)`, { inplace: REBUILD });
    const blocker = mysqlInstantColumnBlocker(v, f);
    if (blocker) return model(v, blocker, { inplace: REBUILD });
    if (col?.generated?.stored) {
      // Measured on MySQL 9.7.4, 2026-11-23: ALGORITHM=INSTANT drops a STORED generated column (docs: in-place rebuild).
      return model(v, 'dropping a STORED generated column is instant (measured on MySQL 9.7)', { instant: METADATA, inplace: REBUILD, basis: 'measured' });
    }
    return model(v, 'DROP COLUMN is instant on MySQL 8.0.29+', { instant: METADATA, inplace: REBUILD });
  }
  if (!mariaInstantColumnChanges(v)) return model(v, 'DROP COLUMN rebuilds the table before MariaDB 10.4', { inplace: REBUILD });
  if (f.isIndexed(name)) {
    return model(v, `column ${name} is indexed: the column goes instantly but its index changes (NOCOPY)`, { nocopy: BUILD });
  }
  // Like ADD COLUMN (measured), an instant DROP only works when the whole statement is instant.
  return model(v, 'DROP COLUMN is instant on MariaDB 10.4+', { instant: METADATA, inplace: REBUILD, instantOnlyAlone: true });
}

// ---- indexes ----------------------------------------------------------------------------------

function addIndex(v: ServerVersion, index: IndexDefinition, f: Facts): ActionModel {
  if (f.isTemporary()) return copyOnly(v, 'a TEMPORARY table can only be altered by COPY');
  const maria = v.flavor === 'mariadb';
  switch (index.kind) {
    case 'primary':
      // Rebuild of the clustered index, concurrent DML allowed (both manuals).
      return model(v, 'adding a primary key rebuilds the table (clustered index) in place', { inplace: REBUILD });
    case 'fulltext': {
      // The first FULLTEXT index adds the hidden FTS_DOC_ID column: a rebuild. Writes are blocked either way.
      if (f.hasFulltext()) {
        return model(v, 'adding another FULLTEXT index builds it without a rebuild, but blocks writes (LOCK=SHARED)', maria ? { nocopy: blockingWrites(BUILD) } : { inplace: blockingWrites(BUILD) });
      }
      return model(v, 'the first FULLTEXT index adds the hidden FTS_DOC_ID column: the table is rebuilt and writes are blocked', { inplace: blockingWrites(REBUILD) });
    }
    case 'spatial':
      return model(v, 'a SPATIAL index is built in place but blocks writes (LOCK=SHARED)', maria ? { nocopy: blockingWrites(BUILD) } : { inplace: blockingWrites(BUILD) });
    case 'index':
    case 'unique': {
      const what = index.kind === 'unique' ? 'a UNIQUE index' : 'a secondary index';
      return maria
        ? model(v, `${what} is built without rebuilding the table (NOCOPY); writes continue`, { nocopy: BUILD })
        : model(v, `${what} is built in place without rebuilding the table; writes continue`, { inplace: BUILD });
    }
  }
}

function dropIndex(v: ServerVersion): ActionModel {
  return v.flavor === 'mariadb'
    ? model(v, 'DROP INDEX is metadata-only (NOCOPY)', { nocopy: METADATA })
    : model(v, 'DROP INDEX is in place and metadata-only', { inplace: METADATA });
}

function renameIndex(v: ServerVersion): ActionModel {
  if (v.flavor === 'mysql') return model(v, 'RENAME INDEX is in place and metadata-only', { inplace: METADATA });
  return mariaMeasured(v)
    ? // Measured on MariaDB 10.11.19, 2026-11-23: ALGORITHM=INSTANT is accepted (docs, low confidence: NOCOPY).
      model(v, 'RENAME INDEX is instant on MariaDB (measured on 10.11)', { instant: METADATA, basis: 'measured' })
    : model(v, 'RENAME INDEX is metadata-only (NOCOPY)', { nocopy: METADATA });
}

function dropPrimaryKey(v: ServerVersion): ActionModel {
  return copyOnly(v, 'dropping the primary key without adding another is only possible by table copy');
}

// ---- constraints ------------------------------------------------------------------------------

function addForeignKey(v: ServerVersion, f: Facts, fk: ForeignKeyDefinition): ActionModel {
  const cascading = isCascading(fk);
  // Without an index that starts with the key's columns, the server builds one as part of the statement.
  const indexed = f.hasIndexStartingWith(fk.columns);
  if (!f.session.foreignKeyChecks) {
    // Both manuals: with foreign_key_checks=0 existing rows are not validated.
    if (v.flavor === 'mariadb') {
      return indexed && mariaMeasured(v)
        ? // Measured on MariaDB 10.11.19, 2026-11-23: ALGORITHM=INSTANT is accepted when a supporting index exists (docs: NOCOPY).
          model(v, 'with foreign_key_checks=0 and a supporting index the foreign key is added instantly (measured)', { instant: METADATA, basis: 'measured' })
        : model(v, `with foreign_key_checks=0 the foreign key is added without checking rows${indexed ? '' : '; its index is built'} (NOCOPY)`, { nocopy: indexed ? METADATA : BUILD });
    }
    return model(v, `with foreign_key_checks=0 the foreign key is added in place without checking rows${indexed ? '' : '; its index is built'}`, { inplace: indexed ? METADATA : BUILD });
  }
  return copyOnly(v, 'with foreign_key_checks=1 the server validates every row by copying the table', {
    noOnlineCopy: cascading,
  });
}

function dropForeignKey(v: ServerVersion): ActionModel {
  return v.flavor === 'mariadb'
    ? model(v, 'DROP FOREIGN KEY is instant on MariaDB', { instant: METADATA })
    : model(v, 'DROP FOREIGN KEY is in place and metadata-only', { inplace: METADATA });
}

function addCheck(v: ServerVersion): ActionModel {
  if (v.flavor === 'mysql' && !mysqlEnforcesChecks(v)) {
    return model(v, 'MySQL before 8.0.16 parses and ignores CHECK constraints', { instant: METADATA, inplace: METADATA });
  }
  return copyOnly(v, 'adding a CHECK constraint validates every row by copying the table');
}

function dropCheck(v: ServerVersion): ActionModel {
  if (v.flavor === 'mariadb') return model(v, 'DROP CHECK is instant on MariaDB', { instant: METADATA });
  return mysqlMeasured(v)
    ? // Measured on MySQL 9.7.4, 2026-11-23: ALGORITHM=INSTANT is accepted (docs, low confidence: in place).
      model(v, 'DROP CHECK is instant (measured on MySQL 9.7)', { instant: METADATA, inplace: METADATA, basis: 'measured' })
    : model(v, 'DROP CHECK only changes the data dictionary (in place)', { inplace: METADATA });
}

function dropConstraint(v: ServerVersion, name: string, kind: 'check' | 'unknown', f: Facts): ActionModel {
  if (kind === 'check') return dropCheck(v);
  const def = f.definition;
  if (!def) return unknownModel(`DROP CONSTRAINT ${name}: without the table definition drydock cannot tell a CHECK from a key`);
  if (def.checks.some((c) => c.name !== null && sameName(c.name, name))) return dropCheck(v);
  if (def.foreignKeys.some((fk) => fk.name !== null && sameName(fk.name, name))) return dropForeignKey(v);
  if (def.indexes.some((i) => i.name !== null && sameName(i.name, name))) return dropIndex(v);
  return unknownModel(`DROP CONSTRAINT ${name}: no such constraint in the table definition`);
}

// ---- table options and whole-table operations -----------------------------------------------

/** ENGINE=<same>, FORCE, OPTIMIZE: rebuild the table in place. */
export function nullRebuild(v: ServerVersion, f: Facts, what: string): ActionModel {
  if (f.isTemporary()) return copyOnly(v, 'a TEMPORARY table can only be altered by COPY');
  // FULLTEXT indexes are handled for every rebuild in profile.ts (fulltextRebuild).
  if (v.flavor === 'mariadb' && f.hasSpatial()) {
    return model(v, `${what}; with a SPATIAL index writes are blocked (LOCK=SHARED)`, { inplace: blockingWrites(REBUILD) });
  }
  return model(v, `${what} in place; writes continue`, { inplace: REBUILD });
}

function tableOptions(v: ServerVersion, options: Readonly<Record<string, string>>, f: Facts): ActionModel {
  const models: ActionModel[] = [];
  for (const [rawKey, value] of Object.entries(options)) {
    const key = rawKey.toUpperCase();
    switch (key) {
      case 'ENGINE': {
        const current = f.engine();
        const same = f.ask(current === null ? null : current === value.toUpperCase(), 'the table engine', true, false);
        models.push(same ? nullRebuild(v, f, `ENGINE=${value} on an ${value} table rebuilds it`) : copyOnly(v, `changing the engine to ${value} copies the table`));
        break;
      }
      case 'ROW_FORMAT':
      case 'KEY_BLOCK_SIZE':
        models.push(model(v, `${key} change rebuilds the table in place`, { inplace: REBUILD }));
        break;
      case 'AUTO_INCREMENT':
        models.push(
          v.flavor === 'mariadb'
            ? model(v, 'AUTO_INCREMENT=N is instant on MariaDB', { instant: METADATA })
            : model(v, 'AUTO_INCREMENT=N changes the counter in place without touching rows', { inplace: METADATA }),
        );
        break;
      case 'CHARSET':
      case 'CHARACTER SET':
      case 'DEFAULT CHARSET':
      case 'DEFAULT CHARACTER SET':
      case 'COLLATE':
      case 'DEFAULT COLLATE':
        models.push(tableDefaultCharset(v, key.includes('COLLATE') ? null : value, f));
        break;
      case 'COMMENT':
      case 'STATS_PERSISTENT':
      case 'STATS_AUTO_RECALC':
      case 'STATS_SAMPLE_PAGES':
        models.push(
          v.flavor === 'mariadb'
            ? model(v, `${key} only changes metadata`, { instant: METADATA })
            : model(v, `${key} only changes metadata (in place)`, { inplace: METADATA }),
        );
        break;
      case 'PAGE_COMPRESSED':
      case 'PAGE_COMPRESSION_LEVEL':
        models.push(v.flavor === 'mariadb' ? model(v, `${key} is instant on MariaDB`, { instant: METADATA }) : unknownModel(`${key} is a MariaDB option`));
        break;
      default:
        models.push(unknownModel(`drydock does not model table option ${key}`));
    }
  }
  return combineAll(v, models);
}

function tableDefaultCharset(v: ServerVersion, charset: string | null, f: Facts): ActionModel {
  if (v.flavor === 'mariadb') {
    // Only the table default changes; existing columns keep theirs (inferred from the docs, low confidence).
    return model(v, 'changing only the table default character set is metadata-only on MariaDB', { instant: METADATA });
  }
  if (mysqlMeasured(v)) {
    // Measured on MySQL 9.7.4, 2026-11-23: DEFAULT CHARSET utf8mb4 → latin1 kept the table id and
    // took 25 ms on 100k rows; INPLACE accepted, INSTANT refused (docs: rebuild when the encoding differs).
    return model(v, 'changing the table default character set only changes metadata, in place (measured on MySQL 9.7)', { inplace: METADATA, basis: 'measured' });
  }
  // MySQL manual: in place, "rebuilds the table if the new character encoding is different".
  const current = f.tableCharset();
  const differs = f.ask(charset === null ? false : current === null ? null : current !== charset.toLowerCase(), 'the table default character set', false, true);
  return differs
    ? model(v, 'changing the table default character set rebuilds the table in place when the encoding differs', { inplace: REBUILD })
    : model(v, 'the table default collation changes in place without a rebuild', { inplace: METADATA });
}

function convertCharset(v: ServerVersion): ActionModel {
  // Every string column whose encoding changes is a type change: COPY (MySQL manual: DML not permitted).
  return copyOnly(v, 'CONVERT TO CHARACTER SET rewrites every string column (table copy)');
}

function renameTable(v: ServerVersion): ActionModel {
  if (v.flavor === 'mysql') {
    return mysqlHasDataDictionary(v)
      ? model(v, 'renaming the table only changes the data dictionary (brief exclusive metadata lock)', { instant: METADATA, inplace: METADATA })
      : model(v, 'renaming the table is metadata-only (brief exclusive metadata lock)', { inplace: METADATA });
  }
  return model(v, 'renaming the table is instant (brief exclusive metadata lock)', { instant: METADATA });
}

function partition(v: ServerVersion, op: string): ActionModel {
  const maria = v.flavor === 'mariadb';
  switch (op) {
    case 'add':
    case 'drop':
    case 'truncate':
      // MySQL: in place, DML permitted for RANGE/LIST. MariaDB does not document the lock.
      return maria
        ? unknownModel(`${op.toUpperCase()} PARTITION: MariaDB does not document its locking`)
        : model(v, `${op.toUpperCase()} PARTITION (RANGE/LIST) works in place without copying rows`, { inplace: BUILD });
    case 'exchange':
    case 'analyze':
    case 'check':
    case 'repair':
      return maria ? unknownModel(`${op.toUpperCase()} PARTITION: MariaDB does not document its locking`) : model(v, `${op.toUpperCase()} PARTITION works in place`, { inplace: BUILD });
    case 'coalesce':
    case 'reorganize':
    case 'rebuild':
    case 'optimize':
      return maria
        ? unknownModel(`${op.toUpperCase()} PARTITION: MariaDB does not document its locking`)
        : model(v, `${op.toUpperCase()} PARTITION copies the affected rows and blocks writes`, { inplace: blockingWrites(REBUILD) });
    case 'partition-by':
    case 'remove-partitioning':
      return copyOnly(v, 'partitioning or un-partitioning a table copies it');
    default:
      return unknownModel(`drydock does not model ${op.toUpperCase()} PARTITION`);
  }
}

const combineAll = (v: ServerVersion, models: readonly ActionModel[]): ActionModel =>
  models.length === 0 ? unknownModel('empty table option list') : combineModels(v, models);

