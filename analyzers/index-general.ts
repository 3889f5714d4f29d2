// Destructive, backward-compatibility, DML-impact, runner-safety and hygiene rules, in catalogue
// order: what loses data first, then what breaks running code, then load, then process, then policy.
import type { Analyzer } from '../src/analysis/analyzer.js';
import { autoIncrementIntHeadroom } from './auto-increment-int-headroom.js';
import { changeColumnRenameViaChange } from './change-column-rename-via-change.js';
import { createTableWithoutPrimaryKey } from './create-table-without-primary-key.js';
import { deleteAllRows } from './delete-all-rows.js';
import { deleteWithoutWhere } from './delete-without-where.js';
import { dmlLimitWithoutOrderBy } from './dml-limit-without-order-by.js';
import { dmlWhereNotIndexed } from './dml-where-not-indexed.js';
import { dmlWithOrderBy } from './dml-with-order-by.js';
import { dropCheck } from './drop-check.js';
import { dropColumn } from './drop-column.js';
import { dropDatabase } from './drop-database.js';
import { dropForeignKey } from './drop-foreign-key.js';
import { dropIndex } from './drop-index.js';
import { dropPartition } from './drop-partition.js';
import { dropPrimaryKey } from './drop-primary-key.js';
import { dropTable } from './drop-table.js';
import { duplicateIndex } from './duplicate-index.js';
import { floatColumn } from './float-column.js';
import { foreignKeyChecksDisabled } from './foreign-key-checks-disabled.js';
import { insertSelectLargeTable } from './insert-select-large-table.js';
import { insertWithoutColumnList } from './insert-without-column-list.js';
import { integerDisplayWidth } from './integer-display-width.js';
import { largeDmlUnbatched } from './large-dml-unbatched.js';
import { lockTablesInMigration } from './lock-tables-in-migration.js';
import { missingLockWaitTimeout } from './missing-lock-wait-timeout.js';
import { mixedDdlAndDml } from './mixed-ddl-and-dml.js';
import { needsShadowExecution } from './needs-shadow-execution.js';
import { nonIdempotentDdl } from './non-idempotent-ddl.js';
import { nonInnodbEngine } from './non-innodb-engine.js';
import { nonSargableWhere } from './non-sargable-where.js';
import { opaqueStatement } from './opaque-statement.js';
import { renameColumn } from './rename-column.js';
import { renameTable } from './rename-table.js';
import { setGlobalVariable } from './set-global-variable.js';
import { textBlobIndexWithoutPrefix } from './text-blob-index-without-prefix.js';
import { timestamp2038 } from './timestamp-2038.js';
import { tooManyIndexColumns } from './too-many-index-columns.js';
import { transactionStatementsInMigration } from './transaction-statements-in-migration.js';
import { truncateTable } from './truncate-table.js';
import { updateWithoutWhere } from './update-without-where.js';
import { utf8mb3Charset } from './utf8mb3-charset.js';

export const generalAnalyzers: readonly Analyzer[] = Object.freeze([
  // destructive
  dropDatabase,
  dropTable,
  truncateTable,
  dropColumn,
  dropPartition,
  dropPrimaryKey,
  dropForeignKey,
  dropCheck,
  dropIndex,
  // backward compatibility
  renameTable,
  renameColumn,
  changeColumnRenameViaChange,
  insertWithoutColumnList,
  // DML impact
  deleteAllRows,
  deleteWithoutWhere,
  updateWithoutWhere,
  largeDmlUnbatched,
  dmlWhereNotIndexed,
  nonSargableWhere,
  dmlLimitWithoutOrderBy,
  dmlWithOrderBy,
  insertSelectLargeTable,
  // runner safety
  missingLockWaitTimeout,
  mixedDdlAndDml,
  transactionStatementsInMigration,
  lockTablesInMigration,
  foreignKeyChecksDisabled,
  setGlobalVariable,
  nonIdempotentDdl,
  opaqueStatement,
  needsShadowExecution,
  // schema hygiene
  createTableWithoutPrimaryKey,
  textBlobIndexWithoutPrefix,
  autoIncrementIntHeadroom,
  utf8mb3Charset,
  nonInnodbEngine,
  timestamp2038,
  floatColumn,
  duplicateIndex,
  tooManyIndexColumns,
  integerDisplayWidth,
]);
