// The lock/rebuild, data-dependent and online-schema-change analyzers, in catalogue order:
// statement-level impact first, then column changes, ADD COLUMN, keys and constraints, whole-table
// rebuilds, data-dependent failures, and last the rules about online schema change tools.
import type { Analyzer } from '../src/analysis/analyzer.js';
import { addAutoIncrementColumn } from './add-auto-increment-column.js';
import { addCheckConstraint } from './add-check-constraint.js';
import { addColumnNotInstant } from './add-column-not-instant.js';
import { addColumnNotNullNoDefault } from './add-column-not-null-no-default.js';
import { addForeignKeyWithChecks } from './add-foreign-key-with-checks.js';
import { addFulltextIndex } from './add-fulltext-index.js';
import { addSpatialIndex } from './add-spatial-index.js';
import { addStoredGeneratedColumn } from './add-stored-generated-column.js';
import { addUniqueIndex } from './add-unique-index.js';
import { alterBlocksWrites } from './alter-blocks-writes.js';
import { alterRebuildsTable } from './alter-rebuilds-table.js';
import { changeColumnCollation } from './change-column-collation.js';
import { changeColumnType } from './change-column-type.js';
import { columnReorder } from './column-reorder.js';
import { convertCharset } from './convert-charset.js';
import { dropAddSameColumn } from './drop-add-same-column.js';
import { dropIndexUsedByForeignKey } from './drop-index-used-by-foreign-key.js';
import { engineRebuild } from './engine-rebuild.js';
import { enumSetNotAppend } from './enum-set-not-append.js';
import { explicitBlockingAlgorithm } from './explicit-blocking-algorithm.js';
import { instantRowVersionsExhausted } from './instant-row-versions-exhausted.js';
import { largeIndexBuild } from './large-index-build.js';
import { missingAlgorithmClause } from './missing-algorithm-clause.js';
import { multipleAltersSameTable } from './multiple-alters-same-table.js';
import { narrowingColumnType } from './narrowing-column-type.js';
import { nullToNotNull } from './null-to-not-null.js';
import { optimizeTableRebuild } from './optimize-table-rebuild.js';
import { oscTableWithForeignKeys } from './osc-table-with-foreign-keys.js';
import { oscTableWithTriggers } from './osc-table-with-triggers.js';
import { oscTableWithoutPrimaryKey } from './osc-table-without-primary-key.js';
import { partitioningChange } from './partitioning-change.js';
import { primaryKeyChange } from './primary-key-change.js';
import { rowFormatChange } from './row-format-change.js';
import { varcharCrossesLengthByte } from './varchar-crosses-length-byte.js';
import { zeroDateDefault } from './zero-date-default.js';

export const lockingAnalyzers: readonly Analyzer[] = Object.freeze([
  alterBlocksWrites,
  alterRebuildsTable,
  explicitBlockingAlgorithm,
  missingAlgorithmClause,
  multipleAltersSameTable,
  changeColumnType,
  narrowingColumnType,
  varcharCrossesLengthByte,
  enumSetNotAppend,
  changeColumnCollation,
  convertCharset,
  nullToNotNull,
  columnReorder,
  addColumnNotInstant,
  addColumnNotNullNoDefault,
  addAutoIncrementColumn,
  addStoredGeneratedColumn,
  instantRowVersionsExhausted,
  primaryKeyChange,
  addUniqueIndex,
  addForeignKeyWithChecks,
  addCheckConstraint,
  addFulltextIndex,
  addSpatialIndex,
  largeIndexBuild,
  partitioningChange,
  engineRebuild,
  rowFormatChange,
  optimizeTableRebuild,
  zeroDateDefault,
  dropIndexUsedByForeignKey,
  dropAddSameColumn,
  oscTableWithoutPrimaryKey,
  oscTableWithForeignKeys,
  oscTableWithTriggers,
]);
