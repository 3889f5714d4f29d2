// Version arithmetic and the named feature boundaries. Every "since version X" fact drydock
// relies on is one predicate here, with its source; nothing else in the codebase compares versions.
import type { ServerVersion } from './types.js';

/**
 * Compares `v` with major[.minor[.patch]]: negative when v is older, 0 when equal, positive when
 * newer. Parts left out are not compared, so `compareVersion(v, 10, 6)` is 0 for every 10.6.x.
 * The flavor is not compared: callers check it first.
 */
export function compareVersion(v: ServerVersion, major: number, minor?: number, patch?: number): number {
  if (v.major !== major) return v.major - major;
  if (minor === undefined) return 0;
  if (v.minor !== minor) return v.minor - minor;
  if (patch === undefined) return 0;
  return v.patch - patch;
}

const isMySql = (v: ServerVersion): boolean => v.flavor === 'mysql';
const isMariaDb = (v: ServerVersion): boolean => v.flavor === 'mariadb';
const atLeast = (v: ServerVersion, major: number, minor = 0, patch = 0): boolean =>
  compareVersion(v, major, minor, patch) >= 0;

// ---- MySQL ----------------------------------------------------------------------------------
// Sources: MySQL Reference Manual 5.7 §14.13.1, 8.0/8.4 §17.12.1 "Online DDL Operations",
// 9.5 §17.12.1 (row versions), and the Percona note on 8.0.29 (see docs/capabilities.md).

/** ALGORITHM=INSTANT exists (MySQL 8.0.12, WL#11250). */
export const mysqlHasInstant = (v: ServerVersion): boolean => isMySql(v) && atLeast(v, 8, 0, 12);

/** INSTANT ADD COLUMN at any position and INSTANT DROP COLUMN (8.0.29, with row versions). */
export const mysqlInstantAddAnywhereAndDrop = (v: ServerVersion): boolean => isMySql(v) && atLeast(v, 8, 0, 29);

/**
 * 8.0.29's redo format for instant ADD/DROP could corrupt tables on crash recovery (fixed in
 * 8.0.30). drydock never proposes instant ADD/DROP COLUMN there.
 */
export const mysqlInstantAddDropUnsafe = (v: ServerVersion): boolean => isMySql(v) && compareVersion(v, 8, 0, 29) === 0;

/** RENAME COLUMN became INSTANT in 8.0.28. */
export const mysqlInstantRenameColumn = (v: ServerVersion): boolean => isMySql(v) && atLeast(v, 8, 0, 28);

/** CHECK constraints are stored and enforced from 8.0.16 (parsed and ignored before). */
export const mysqlEnforcesChecks = (v: ServerVersion): boolean => isMySql(v) && atLeast(v, 8, 0, 16);

/** The 8.0 data dictionary: atomic DDL, instant RENAME TABLE, index visibility. */
export const mysqlHasDataDictionary = (v: ServerVersion): boolean => isMySql(v) && atLeast(v, 8, 0, 0);

/** ALTER COLUMN … SET VISIBLE/INVISIBLE (8.0.23). */
export const mysqlColumnVisibility = (v: ServerVersion): boolean => isMySql(v) && atLeast(v, 8, 0, 23);

/** DROP/TRUNCATE TABLE no longer scan the whole buffer pool (8.0.23, WL#14100). */
export const mysqlLazyTablespaceEviction = (v: ServerVersion): boolean => isMySql(v) && atLeast(v, 8, 0, 23);

/** Instant ADD/DROP COLUMN row versions per table: 64 from 8.0.29, 255 from 9.1. */
export function mysqlRowVersionLimit(v: ServerVersion): number | null {
  if (!mysqlInstantAddAnywhereAndDrop(v)) return null;
  return atLeast(v, 9, 1, 0) ? 255 : 64;
}

/**
 * Measured overrides (test/db/capabilities.int.test.ts, docs/capabilities.md) were measured on
 * MySQL 9.7 and MariaDB 10.11. They apply from the measured series up; older series keep the
 * documented answer, which is the more cautious one in every case so far.
 */
export const mysqlMeasured = (v: ServerVersion): boolean => isMySql(v) && atLeast(v, 9, 0, 0);

// ---- MariaDB --------------------------------------------------------------------------------
// Sources: MariaDB documentation, "InnoDB Online DDL Operations with the INSTANT / NOCOPY /
// INPLACE Alter Algorithm", "ALTER TABLE", "Online Schema Change" (see docs/capabilities.md).

/** ALGORITHM=INSTANT/NOCOPY and instant ADD COLUMN as the last column (10.3.7). */
export const mariaHasInstant = (v: ServerVersion): boolean => isMariaDb(v) && atLeast(v, 10, 3, 7);

/** Instant ADD at any position, DROP, reorder, and the instant type changes of MDEV-15562/15563/15564 (10.4.3). */
export const mariaInstantColumnChanges = (v: ServerVersion): boolean => isMariaDb(v) && atLeast(v, 10, 4, 3);

/** Instant ADD COLUMN corruption (MDEV-18519) is fixed from 10.6.9; older servers are a risk. */
export const mariaInstantAddRisky = (v: ServerVersion): boolean => isMariaDb(v) && !atLeast(v, 10, 6, 9);

/** ALGORITHM=COPY with LOCK=NONE, the default for copy-only changes (MDEV-16329, 11.2). */
export const mariaOnlineCopy = (v: ServerVersion): boolean => isMariaDb(v) && atLeast(v, 11, 2, 0);

/** RENAME INDEX / RENAME COLUMN syntax (10.5.2/10.5.3). */
export const mariaRenameIndex = (v: ServerVersion): boolean => isMariaDb(v) && atLeast(v, 10, 5, 3);

/** See mysqlMeasured. */
export const mariaMeasured = (v: ServerVersion): boolean => isMariaDb(v) && atLeast(v, 10, 11, 0);

/** ALTER TABLE … WAIT n / NOWAIT (10.3.0). */
export const mariaAlterWait = (v: ServerVersion): boolean => isMariaDb(v) && atLeast(v, 10, 3, 0);

/** Atomic DDL (10.6.1, MDEV-23842). */
export const mariaAtomicDdl = (v: ServerVersion): boolean => isMariaDb(v) && atLeast(v, 10, 6, 1);

/** MariaDB 10.6.0: `ALTER TABLE … ALTER INDEX i IGNORED` (an index kept up to date but not used). */
export const mariaIgnoredIndexes = (v: ServerVersion): boolean => isMariaDb(v) && atLeast(v, 10, 6, 0);

/** MariaDB 11.5.0: TIMESTAMP reaches 2106-02-07 on 64-bit builds instead of ending in 2038. */
export const mariaTimestampBeyond2038 = (v: ServerVersion): boolean => isMariaDb(v) && atLeast(v, 11, 5, 0);
