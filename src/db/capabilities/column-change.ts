// MODIFY / CHANGE COLUMN: the new definition is compared with the old one and split into the
// changes the server distinguishes (rename, reorder, VARCHAR widening, integer widening, ENUM
// append, NULL-ability, default, character set, generated columns, other type changes). Each
// change has its own rule; the action is the combination of its changes.
import type { ColumnDefinition } from '../../parser/statement.js';
import { METADATA, REBUILD, combineModels, copyOnly, model, unknownModel, type ActionModel } from './model.js';
import { enumSetBytes, maxBytesPerChar, sameName, type Facts } from './table-facts.js';
import type { ServerVersion } from './types.js';
import { mariaInstantColumnChanges, mariaMeasured, mysqlHasInstant, mysqlInstantRenameColumn, mysqlMeasured } from './version.js';

const INTEGER_RANK: Readonly<Record<string, number>> = { TINYINT: 1, SMALLINT: 2, MEDIUMINT: 3, INT: 4, INTEGER: 4, BIGINT: 5 };
const VARIABLE_STRING = new Set(['VARCHAR', 'VARBINARY']);

function rename(v: ServerVersion, from: string, f: Facts): ActionModel {
  if (v.flavor === 'mariadb') {
    // Measured on MariaDB 10.11.19, 2026-11-23: renaming a foreign-key column is instant, but ALGORITHM=COPY is refused.
    const copy = !(mariaMeasured(v) && f.inOwnForeignKey(from));
    return model(v, 'renaming a column is instant on MariaDB', { instant: METADATA, copy, basis: copy ? 'documented' : 'measured' });
  }
  const referenced = f.isReferenced(from);
  const child = f.inOwnForeignKey(from);
  if (referenced || (child && !mysqlMeasured(v))) {
    // MySQL manual: a column in a foreign key can only be renamed with INPLACE; INSTANT and COPY fail.
    return model(v, `column ${from} is ${referenced ? 'referenced by' : 'part of'} a foreign key: MySQL renames it only with ALGORITHM=INPLACE`, { inplace: METADATA, copy: false });
  }
  if (child) {
    // Measured on MySQL 9.7.4, 2026-11-23: a child-side foreign-key column is renamed with ALGORITHM=INSTANT
    // (only referenced columns need INPLACE); ALGORITHM=COPY is refused for both.
    return model(v, `column ${from} is in a foreign key of this table: MySQL 9 renames it instantly (measured), never by COPY`, { instant: METADATA, inplace: METADATA, copy: false, basis: 'measured' });
  }
  return mysqlInstantRenameColumn(v)
    ? model(v, 'renaming a column is instant on MySQL 8.0.28+', { instant: METADATA, inplace: METADATA })
    : model(v, 'renaming a column is in place and metadata-only before MySQL 8.0.28', { inplace: METADATA });
}

function defaultOnly(v: ServerVersion): ActionModel {
  if (v.flavor === 'mariadb') return model(v, 'changing a column default is instant on MariaDB', { instant: METADATA });
  return mysqlHasInstant(v)
    ? model(v, 'changing a column default is instant on MySQL 8.0.12+', { instant: METADATA, inplace: METADATA })
    : model(v, 'changing a column default is metadata-only', { inplace: METADATA });
}

/** DEFAULT NULL and no default are the same thing for a nullable column. */
const defaultText = (c: ColumnDefinition): string => (c.defaultValue === null || /^null$/i.test(c.defaultValue) ? '' : c.defaultValue);

const effectiveNullable = (c: ColumnDefinition): boolean => (c.nullable === false ? false : !c.primaryKey);

function normalisedType(c: ColumnDefinition): string {
  const base = c.dataType.toUpperCase() === 'INTEGER' ? 'INT' : c.dataType.toUpperCase();
  const intLike = base in INTEGER_RANK;
  // Integer display widths (INT(11)) do not change storage.
  const length = intLike ? '' : c.length === null ? '' : `(${c.length}${c.scale === null ? '' : ',' + c.scale})`;
  const values = c.values ? `(${c.values.join(',')})` : '';
  return `${base}${length}${values}${c.unsigned ? ' UNSIGNED' : ''}`;
}

/** The changes a MODIFY/CHANGE makes, each with its model. */
function changes(v: ServerVersion, from: string, old: ColumnDefinition, neu: ColumnDefinition, f: Facts): ActionModel[] {
  const out: ActionModel[] = [];
  const maria = v.flavor === 'mariadb';
  const redundant = () => f.rowFormat() === 'REDUNDANT';
  const copy = (why: string, noOnlineCopy = false) => copyOnly(v, why, { noOnlineCopy });

  if (!sameName(from, neu.name)) out.push(rename(v, from, f));

  if (old.generated || neu.generated) {
    const same = old.generated && neu.generated && old.generated.stored === neu.generated.stored && old.generated.expression.replace(/\s+/g, '') === neu.generated.expression.replace(/\s+/g, '');
    // MySQL: MODIFY of a generated column is COPY; MariaDB: MODIFY of a VIRTUAL column needs COPY (MDEV-15476).
    if (!same) return [...out, copy(`changing generated column ${neu.name} recomputes it (table copy)`)];
  }

  if (neu.position !== null && !alreadyThere(from, neu, f)) {
    out.push(
      maria && mariaInstantColumnChanges(v)
        ? model(v, 'reordering a column is instant on MariaDB 10.4+', { instant: METADATA, inplace: REBUILD, instantOnlyAlone: true })
        : model(v, 'reordering a column rebuilds the table in place', { inplace: REBUILD }),
    );
  }

  const oldType = normalisedType(old);
  const newType = normalisedType(neu);
  if (oldType !== newType) out.push(typeChange(v, old, neu, f, redundant, copy));
  else {
    const oldCs = f.columnCharset(old);
    const newCs = f.columnCharset(neu);
    const collationChanged = (old.collation ?? '').toLowerCase() !== (neu.collation ?? '').toLowerCase() && (old.collation !== null || neu.collation !== null);
    const charsetDiffers = f.ask(oldCs === null || newCs === null ? (oldCs === newCs && !collationChanged ? false : null) : oldCs !== newCs || collationChanged, `the character set of column ${neu.name}`, false, true);
    if (charsetDiffers && isTextual(neu)) out.push(charsetChange(v, from, oldCs, newCs, f, copy));
  }

  const wasNull = effectiveNullable(old);
  const isNull = effectiveNullable(neu);
  if (wasNull && !isNull) {
    // Both manuals: in place with a rebuild (needs strict sql_mode; fails if NULLs exist).
    out.push(model(v, `making ${neu.name} NOT NULL rebuilds the table in place (fails if a NULL exists)`, { inplace: REBUILD }));
  } else if (!wasNull && isNull) {
    out.push(
      maria && redundant()
        ? model(v, 'NOT NULL → NULL is instant on MariaDB for ROW_FORMAT=REDUNDANT', { instant: METADATA })
        : model(v, `making ${neu.name} nullable rebuilds the table in place`, { inplace: REBUILD }),
    );
  }

  if (neu.autoIncrement && !old.autoIncrement) out.push(copy(`adding AUTO_INCREMENT to ${neu.name} copies the table`, true));

  const metaChanged = defaultText(old) !== defaultText(neu) || (old.comment ?? '') !== (neu.comment ?? '') || (old.onUpdate ?? '') !== (neu.onUpdate ?? '');
  if (metaChanged) out.push(defaultOnly(v));

  if (out.length === 0) out.push(noChange(v, neu.name));
  return out;
}

function noChange(v: ServerVersion, name: string): ActionModel {
  const why = `MODIFY ${name} restates the column without changing what is stored`;
  return v.flavor === 'mariadb' || mysqlHasInstant(v) ? model(v, why, { instant: METADATA, inplace: METADATA }) : model(v, why, { inplace: METADATA });
}

/** `AFTER x` where x already precedes the column, or FIRST for the first column. */
function alreadyThere(from: string, neu: ColumnDefinition, f: Facts): boolean {
  const idx = f.columnIndex(from);
  const def = f.definition;
  if (idx === null || !def || !neu.position) return false;
  if (neu.position.kind === 'first') return idx === 0;
  const prev = def.columns[idx - 1];
  return prev !== undefined && sameName(prev.name, neu.position.column);
}

const isTextual = (c: ColumnDefinition): boolean => /CHAR|TEXT|ENUM|SET/i.test(c.dataType);

function typeChange(
  v: ServerVersion,
  old: ColumnDefinition,
  neu: ColumnDefinition,
  f: Facts,
  redundant: () => boolean,
  copy: (why: string) => ActionModel,
): ActionModel {
  const maria = v.flavor === 'mariadb';
  const ot = old.dataType.toUpperCase();
  const nt = neu.dataType.toUpperCase();

  if (VARIABLE_STRING.has(ot) && ot === nt && old.length !== null && neu.length !== null && old.unsigned === neu.unsigned) {
    const oldCs = f.columnCharset(old);
    const newCs = f.columnCharset(neu);
    if (oldCs !== null && newCs !== null && oldCs !== newCs) return charsetAndType(v, copy, neu.name);
    if (neu.length < old.length) return copy(`shrinking ${neu.name} to ${neu.typeText} copies the table (and may truncate data)`);
    // Bytes = characters × the character set's widest character; unknown sets count 4 bytes (utf8mb4).
    const perChar = ot === 'VARBINARY' ? 1 : f.ask(oldCs === null ? null : maxBytesPerChar(oldCs), `the character set of column ${neu.name}`, 1, 4);
    const oldBytes = old.length * perChar;
    const newBytes = neu.length * perChar;
    const sameClass = oldBytes <= 255 === newBytes <= 255;
    if (sameClass) {
      return maria
        ? model(v, `widening ${neu.name} within the same length-byte class is instant on MariaDB`, { instant: METADATA })
        : model(v, `widening ${neu.name} (${oldBytes}→${newBytes} bytes) keeps its 1-or-2-byte length prefix: in place, metadata-only`, { inplace: METADATA });
    }
    if (maria && mariaInstantColumnChanges(v) && (redundant() || oldBytes <= 127)) {
      return model(v, `widening ${neu.name} across 255 bytes is instant on MariaDB (original ≤127 bytes or ROW_FORMAT=REDUNDANT)`, { instant: METADATA });
    }
    return copy(`widening ${neu.name} from ${oldBytes} to ${newBytes} bytes crosses the 255-byte length-prefix boundary (table copy)`);
  }

  const or = INTEGER_RANK[ot];
  const nr = INTEGER_RANK[nt];
  if (or !== undefined && nr !== undefined && nr >= or && old.unsigned === neu.unsigned) {
    if (maria && mariaInstantColumnChanges(v) && redundant()) {
      return model(v, `widening ${neu.name} to ${nt} is instant on MariaDB for ROW_FORMAT=REDUNDANT`, { instant: METADATA });
    }
    return copy(`changing ${neu.name} from ${ot} to ${nt} is a data type change (table copy)`);
  }

  if ((ot === 'ENUM' || ot === 'SET') && ot === nt && old.values && neu.values) {
    const prefix = old.values.every((val, i) => neu.values![i] === val);
    const sameBytes = enumSetBytes(ot, old.values.length) === enumSetBytes(nt, neu.values.length);
    if (prefix && neu.values.length >= old.values.length && sameBytes) {
      if (maria) return model(v, `appending ${ot} members is instant on MariaDB`, { instant: METADATA });
      return mysqlHasInstant(v)
        ? model(v, `appending ${ot} members at the end is instant on MySQL 8.0.12+`, { instant: METADATA, inplace: METADATA })
        : model(v, `appending ${ot} members at the end is in place and metadata-only`, { inplace: METADATA });
    }
    return copy(`reordering, removing or inserting ${ot} members (or changing its storage size) copies the table`);
  }

  return copy(`changing ${neu.name} from ${old.typeText} to ${neu.typeText} is a data type change (table copy)`);
}

function charsetAndType(v: ServerVersion, copy: (why: string) => ActionModel, name: string): ActionModel {
  return v.flavor === 'mariadb' ? copy(`changing the type and character set of ${name} copies the table`) : copy(`changing the character set of ${name} copies the table`);
}

/** Character sets whose bytes stay valid in the new set: MariaDB converts them instantly (MDEV-15564). */
function compatibleCharsets(from: string | null, to: string | null): boolean {
  if (from === null || to === null) return false;
  if (from === to) return true;
  return (from === 'ascii' && maxBytesPerChar(to) !== null) || ((from === 'utf8mb3' || from === 'utf8') && to === 'utf8mb4');
}

function charsetChange(v: ServerVersion, from: string, oldCs: string | null, newCs: string | null, f: Facts, copy: (why: string) => ActionModel): ActionModel {
  if (!compatibleCharsets(oldCs, newCs) || f.isIndexed(from)) return copy(`changing the character set or collation of ${from} copies the table`);
  if (v.flavor === 'mariadb' && mariaInstantColumnChanges(v)) {
    return model(v, `changing the collation or character set of non-indexed column ${from} (${oldCs}→${newCs}) is instant on MariaDB`, { instant: METADATA });
  }
  if (v.flavor === 'mysql' && mysqlMeasured(v) && sameLengthClass(f.column(from), oldCs, newCs)) {
    // Measured on MySQL 9.7.4, 2026-11-23: VARCHAR(10) utf8mb3 → utf8mb4 on a non-indexed column is
    // accepted with ALGORITHM=INPLACE, keeps the table id and takes 60 ms on 100k rows (docs: COPY).
    return model(v, `changing non-indexed column ${from} from ${oldCs} to ${newCs} is in place and metadata-only (measured on MySQL 9.7)`, { inplace: METADATA, basis: 'measured' });
  }
  return copy(`changing the character set or collation of ${from} copies the table`);
}

/** A VARCHAR keeps its 1- or 2-byte length prefix when its character set widens. */
function sameLengthClass(col: ColumnDefinition | null, oldCs: string | null, newCs: string | null): boolean {
  if (!col || col.length === null || !VARIABLE_STRING.has(col.dataType.toUpperCase()) || oldCs === null || newCs === null) return false;
  const a = maxBytesPerChar(oldCs);
  const b = maxBytesPerChar(newCs);
  return a !== null && b !== null && col.length * a <= 255 === col.length * b <= 255;
}

function modify(v: ServerVersion, from: string, neu: ColumnDefinition, f: Facts): ActionModel {
  if (f.isTemporary()) return copyOnly(v, 'a TEMPORARY table can only be altered by COPY');
  const old = f.column(from);
  if (!old) {
    return unknownModel(
      f.definition
        ? `column ${from} is not in the table definition drydock has`
        : `without the table definition drydock cannot tell what changing column ${from} to ${neu.typeText} does`,
    );
  }
  return combineModels(v, changes(v, from, old, neu, f));
}

export const column = Object.freeze({ rename, modify, defaultOnly });
