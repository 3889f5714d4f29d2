// From action models to LockProfiles. A statement runs with one algorithm: the best that every
// action supports (and that the explicit ALGORITHM=/LOCK= allow). Facts drydock cannot see are
// evaluated in two worlds (favourable, unfavourable); fields the worlds disagree on become null,
// and the clause is the favourable one, so the server refuses instead of silently doing worse.
import type { AlterAction, AlterTableOperation, Operation, TableRef } from '../../parser/statement.js';
import { actionModel } from './alter-actions.js';
import {
  ALGORITHMS,
  METADATA,
  REBUILD,
  algorithmRank,
  combineModels,
  lockFor,
  model,
  outcomeOf,
  supports,
  type ActionModel,
  type Basis,
  type Outcome,
} from './model.js';
import { Facts } from './table-facts.js';
import type { Algorithm, LockProfile, ServerVersion, SessionState, TableFacts } from './types.js';
import { mariaOnlineCopy, mysqlMeasured, mysqlLazyTablespaceEviction } from './version.js';

type Draft = Omit<LockProfile, 'reasons'> & { readonly reasons: readonly string[] };

const ALGORITHM_NAMES = new Set<string>(ALGORITHMS);

/** Profile of an ALTER TABLE (or of one action, as a one-action ALTER). */
export function profileAlterTable(v: ServerVersion, op: AlterTableOperation, table: TableFacts | null, session: SessionState): LockProfile {
  return inBothWorlds(table, session, (f) => evaluateAlter(v, op, f));
}

export function profileAction(v: ServerVersion, action: AlterAction, table: TableFacts | null, session: SessionState): LockProfile {
  return profileAlterTable(v, alterOf(table?.table ?? { schema: null, name: '?' }, [action]), table, session);
}

const alterOf = (table: TableRef, actions: readonly AlterAction[], algorithm: string | null = null, lock: string | null = null): AlterTableOperation => ({
  kind: 'alter-table',
  table,
  actions,
  algorithm,
  lock,
  wait: null,
  online: false,
  ignore: false,
});

function inBothWorlds(table: TableFacts | null, session: SessionState, run: (f: Facts) => Draft): LockProfile {
  const good = new Facts(table, session, true);
  const a = run(good);
  if (good.unknowns.length === 0) return freezeProfile(a);
  const bad = new Facts(table, session, false);
  const b = run(bad);
  const pick = <T>(x: T, y: T): T | null => (JSON.stringify(x) === JSON.stringify(y) ? x : null);
  const algorithm = pick(a.algorithm, b.algorithm);
  const reasons = [...a.reasons];
  for (const r of b.reasons) if (!reasons.includes(r)) reasons.push(r);
  const unknowns = [...new Set([...good.unknowns, ...bad.unknowns])];
  const differs = algorithm === null || a.blocksWrites !== b.blocksWrites || a.rebuildsTable !== b.rebuildsTable || a.blocksReads !== b.blocksReads;
  if (differs) {
    reasons.push(`not known: ${unknowns.join('; ')} — the answer depends on it${a.clause ? ', and the emitted clause makes the server refuse rather than do worse' : ''}`);
  }
  return freezeProfile({
    algorithm,
    rebuildsTable: pick(a.rebuildsTable, b.rebuildsTable),
    blocksWrites: pick(a.blocksWrites, b.blocksWrites),
    blocksReads: pick(a.blocksReads, b.blocksReads),
    sizeDependent: pick(a.sizeDependent, b.sizeDependent),
    clause: a.clause,
    reasons,
    basis: algorithm === null && a.algorithm !== null ? 'unknown' : a.basis,
  });
}

function freezeProfile(d: Draft): LockProfile {
  return Object.freeze({ ...d, clause: d.clause ? Object.freeze({ ...d.clause }) : null, reasons: Object.freeze([...d.reasons]) });
}

export const unknownProfile = (reasons: readonly string[]): Draft => ({
  algorithm: null,
  rebuildsTable: null,
  blocksWrites: null,
  blocksReads: null,
  sizeDependent: null,
  clause: null,
  reasons,
  basis: 'unknown',
});

function statementModel(v: ServerVersion, op: AlterTableOperation, f: Facts): ActionModel {
  const actions = op.actions;
  const replacesPk =
    actions.some((a) => a.type === 'drop-primary-key' || (a.type === 'drop-index' && /^primary$/i.test(a.name))) &&
    actions.some((a) => a.type === 'add-index' && a.index.kind === 'primary');
  const models = actions.map((a) =>
    replacesPk && (a.type === 'drop-primary-key' || (a.type === 'drop-index' && /^primary$/i.test(a.name)))
      ? // Both manuals: DROP + ADD PRIMARY KEY in one statement is an in-place rebuild (split, the drop is a COPY).
        model(v, 'DROP PRIMARY KEY together with ADD PRIMARY KEY is one in-place rebuild', { inplace: REBUILD })
      : actionModel(v, a, f),
  );
  const combined = models.length === 0 ? model(v, 'ALTER TABLE without actions changes nothing', { inplace: METADATA }) : combineModels(v, models);
  return fulltextRebuild(combined, f, v.flavor === 'mysql');
}

/**
 * Rebuilding a table that has FULLTEXT indexes. MySQL (manual: "with a FULLTEXT index: COPY";
 * measured on 9.7.4, 2026-11-23, for FORCE and for ADD COLUMN, even with one index: "InnoDB
 * presently supports one FULLTEXT index creation at a time") only copies it. MariaDB rebuilds in
 * place with LOCK=SHARED when there is one FULLTEXT index and copies when there are several
 * (manual; measured on 10.11.19 for ADD COLUMN and FORCE).
 */
function fulltextRebuild(m: ActionModel, f: Facts, mysql: boolean): ActionModel {
  if (m.unknown) return m;
  const rebuilds = [m.instant, m.nocopy, m.inplace].some((o) => o?.rebuildsTable);
  if (!rebuilds) return m;
  const fulltext = f.fulltextCount();
  if (fulltext === 0) return m;
  const copyOnly = mysql || fulltext > 1;
  const keep = (o: Outcome | undefined): Outcome | undefined => (o === undefined ? undefined : o.rebuildsTable ? (copyOnly ? undefined : { ...o, blocksWrites: true }) : o);
  const instant = keep(m.instant);
  const nocopy = keep(m.nocopy);
  const inplace = keep(m.inplace);
  return Object.freeze({
    copy: m.copy,
    noOnlineCopy: m.noOnlineCopy,
    unknown: false,
    ...(instant ? { instant } : {}),
    ...(nocopy ? { nocopy } : {}),
    ...(inplace ? { inplace } : {}),
    reasons: [
      ...m.reasons,
      copyOnly
        ? `the table has ${fulltext > 1 ? 'several FULLTEXT indexes' : 'a FULLTEXT index'}: ${mysql ? 'MySQL' : 'MariaDB'} cannot rebuild it in place, only by table copy`
        : 'the table has a FULLTEXT index: MariaDB rebuilds it in place only with LOCK=SHARED (writes wait)',
    ],
    basis: m.basis,
  });
}

function copyOutcome(v: ServerVersion, m: ActionModel, op: AlterTableOperation, f: Facts): { outcome: Outcome; reason: string } {
  if (mariaOnlineCopy(v)) {
    const why = m.noOnlineCopy
      ? 'this change is excluded from online COPY'
      : op.ignore
        ? 'ALTER IGNORE is excluded from online COPY'
        : f.hasCascadingForeignKey()
          ? 'tables with cascading foreign keys are excluded from online COPY'
          : null;
    if (why === null) {
      return { outcome: { rebuildsTable: true, sizeDependent: true, blocksWrites: false, blocksReads: false }, reason: 'MariaDB 11.2+ copies the table online (LOCK=NONE): writes are buffered and replayed at the end' };
    }
    return { outcome: { rebuildsTable: true, sizeDependent: true, blocksWrites: true, blocksReads: false }, reason: `${why}: the copy blocks writes for its whole duration` };
  }
  return { outcome: { rebuildsTable: true, sizeDependent: true, blocksWrites: true, blocksReads: false }, reason: 'a table copy blocks writes for its whole duration (reads continue)' };
}

function evaluateAlter(v: ServerVersion, op: AlterTableOperation, f: Facts): Draft {
  const m = statementModel(v, op, f);
  if (m.unknown) return unknownProfile(m.reasons);
  const maria = v.flavor === 'mariadb';
  const reqAlgorithm = op.algorithm && op.algorithm !== 'DEFAULT' ? op.algorithm : null;
  const reqLock = op.lock && op.lock !== 'DEFAULT' ? op.lock : null;
  if (reqAlgorithm && (!ALGORITHM_NAMES.has(reqAlgorithm) || (!maria && reqAlgorithm === 'NOCOPY'))) {
    return refused(m, `ALGORITHM=${reqAlgorithm} is not an algorithm this server knows`);
  }
  const candidates = ALGORITHMS.filter((a) => maria || a !== 'NOCOPY');
  const reasons = [...m.reasons];
  for (const a of candidates) {
    if (reqAlgorithm) {
      // MySQL: exactly the requested algorithm. MariaDB: the requested one or anything better.
      if (maria ? algorithmRank(a) > algorithmRank(reqAlgorithm as Algorithm) : a !== reqAlgorithm) continue;
    }
    if (!supports(m, a)) continue;
    let outcome: Outcome;
    if (a === 'COPY') {
      const c = copyOutcome(v, m, op, f);
      outcome = c.outcome;
      reasons.push(c.reason);
    } else {
      outcome = outcomeOf(m, a)!;
    }
    if (reqLock) {
      // MySQL accepts only LOCK=DEFAULT with INSTANT: an explicit lock makes it pick INPLACE.
      if (!maria && a === 'INSTANT') continue;
      if (reqLock === 'NONE' && outcome.blocksWrites) continue;
      if (reqLock === 'SHARED') outcome = { ...outcome, blocksWrites: true };
      if (reqLock === 'EXCLUSIVE') outcome = { ...outcome, blocksWrites: true, blocksReads: true };
    }
    let basis = m.basis;
    if (!maria && a === 'INPLACE' && !outcome.blocksWrites && f.hasCascadingForeignKey()) {
      if (!mysqlMeasured(v)) {
        // MySQL 5.7/8.0 limitations page: LOCK=NONE is not permitted on a table with ON … CASCADE / SET NULL foreign keys.
        outcome = { ...outcome, blocksWrites: true };
        reasons.push('MySQL (before 9.0, as documented) does not permit LOCK=NONE on a table with cascading foreign keys: writes wait');
      } else {
        // Measured on MySQL 9.7.4, 2026-11-23: ADD INDEX, RENAME COLUMN and DROP FOREIGN KEY with
        // ALGORITHM=INPLACE, LOCK=NONE are accepted on a table with an ON DELETE CASCADE foreign key.
        basis = 'measured';
        reasons.push('measured on MySQL 9.7: LOCK=NONE is accepted on a table with cascading foreign keys, despite the documented limitation');
      }
    }
    const clause = clauseFor(v, a, outcome);
    return {
      algorithm: a,
      rebuildsTable: outcome.rebuildsTable,
      blocksWrites: outcome.blocksWrites,
      blocksReads: outcome.blocksReads,
      sizeDependent: outcome.sizeDependent,
      clause,
      reasons,
      basis,
    };
  }
  const asked = [reqAlgorithm ? `ALGORITHM=${reqAlgorithm}` : null, reqLock ? `LOCK=${reqLock}` : null].filter(Boolean).join(', ');
  return refused(m, asked ? `the server refuses ${asked} for this statement (ERROR 1845/1846); nothing is changed` : 'no algorithm can perform this statement');
}

function clauseFor(v: ServerVersion, a: Algorithm, o: Outcome): LockProfile['clause'] {
  if (a === 'INSTANT') return { algorithm: 'INSTANT', lock: null };
  if (a === 'COPY') return v.flavor === 'mariadb' && !o.blocksWrites ? { algorithm: 'COPY', lock: 'NONE' } : null;
  return { algorithm: a, lock: lockFor(o) };
}

function refused(m: ActionModel, why: string): Draft {
  return {
    algorithm: null,
    rebuildsTable: false,
    blocksWrites: false,
    blocksReads: false,
    sizeDependent: false,
    clause: null,
    reasons: [...m.reasons, why],
    basis: m.basis,
  };
}

// ---- statements other than ALTER TABLE ------------------------------------------------------

const fixed = (p: Omit<Draft, 'clause' | 'basis'> & { readonly basis?: Basis }): Draft => ({ clause: null, basis: 'documented', ...p });

export function profileStatement(v: ServerVersion, op: Operation, table: TableFacts | null, session: SessionState): LockProfile {
  switch (op.kind) {
    case 'alter-table':
      return profileAlterTable(v, op, table, session);
    case 'create-index':
      return profileAlterTable(v, alterOf(op.table, [{ type: 'add-index', index: op.index, ifNotExists: op.ifNotExists }], op.algorithm, op.lock), table, session);
    case 'drop-index':
      return profileAlterTable(v, alterOf(op.table, [{ type: 'drop-index', name: op.name, ifExists: op.ifExists }], op.algorithm, op.lock), table, session);
    case 'rename-table':
      return profileAlterTable(v, alterOf(op.pairs[0]?.from ?? { schema: null, name: '?' }, [{ type: 'rename-table', to: op.pairs[0]?.to ?? { schema: null, name: '?' } }]), table, session);
    case 'optimize-table':
      // OPTIMIZE on InnoDB is recreate + analyze, i.e. ALTER TABLE … FORCE; it accepts no ALGORITHM/LOCK clause.
      return inBothWorlds(table, session, (f) => ({ ...evaluateAlter(v, alterOf(op.tables[0] ?? { schema: null, name: '?' }, [{ type: 'force' }]), f), clause: null }));
    default:
      return freezeProfile(otherStatement(v, op));
  }
}

function otherStatement(v: ServerVersion, op: Exclude<Operation, { kind: 'alter-table' | 'create-index' | 'drop-index' | 'rename-table' | 'optimize-table' }>): Draft {
  switch (op.kind) {
    case 'truncate-table':
      return fixed({
        algorithm: null,
        rebuildsTable: true,
        blocksWrites: true,
        blocksReads: true,
        // Before MySQL 8.0.23 (and on MariaDB with the adaptive hash index) dropping the old tablespace scans memory in proportion to the table.
        sizeDependent: v.flavor === 'mysql' ? !mysqlLazyTablespaceEviction(v) : true,
        reasons: ['TRUNCATE drops and recreates the table under an exclusive metadata lock: reads and writes wait for the whole (usually short) statement; it also waits for every open transaction on the table'],
      });
    case 'drop-table':
      return fixed({
        algorithm: null,
        rebuildsTable: false,
        blocksWrites: true,
        blocksReads: true,
        sizeDependent: v.flavor === 'mysql' ? !mysqlLazyTablespaceEviction(v) : true,
        reasons: ['DROP TABLE takes an exclusive metadata lock (waits for open transactions; new queries queue behind it)'],
      });
    case 'create-table':
      return op.asSelect
        ? fixed({ algorithm: null, rebuildsTable: false, blocksWrites: null, blocksReads: false, sizeDependent: true, reasons: ['CREATE TABLE … SELECT reads every source row; whether writes to the source wait depends on the binlog format and isolation level'] })
        : fixed({ algorithm: null, rebuildsTable: false, blocksWrites: false, blocksReads: false, sizeDependent: false, reasons: ['creating a new table touches no existing rows'] });
    case 'insert':
      return op.source === 'select'
        ? fixed({ algorithm: null, rebuildsTable: false, blocksWrites: null, blocksReads: false, sizeDependent: true, reasons: ['INSERT … SELECT locks the rows it reads and writes; how much of the table waits depends on the rows selected'] })
        : fixed({ algorithm: null, rebuildsTable: false, blocksWrites: false, blocksReads: false, sizeDependent: false, reasons: ['an INSERT of literal rows locks only those rows'] });
    case 'update':
    case 'delete':
      return fixed({
        algorithm: null,
        rebuildsTable: false,
        blocksWrites: null,
        blocksReads: false,
        sizeDependent: true,
        reasons: [`${op.kind.toUpperCase()} locks every row it scans until it commits; readers are not blocked (MVCC), writers to those rows wait — how many depends on the WHERE clause and its index`],
      });
    case 'lock-tables':
      return fixed({ algorithm: null, rebuildsTable: false, blocksWrites: true, blocksReads: null, sizeDependent: false, reasons: ['LOCK TABLES blocks other sessions until UNLOCK TABLES (READ: writers; WRITE: everyone)'] });
    case 'create-trigger':
    case 'drop-trigger':
      return fixed({ algorithm: null, rebuildsTable: false, blocksWrites: false, blocksReads: false, sizeDependent: false, reasons: ['creating or dropping a trigger takes a brief exclusive metadata lock on its table'] });
    case 'analyze-table':
      return fixed({ algorithm: null, rebuildsTable: false, blocksWrites: false, blocksReads: false, sizeDependent: false, reasons: ['ANALYZE TABLE samples index pages; it does not block reads or writes'] });
    case 'set-variable':
    case 'transaction':
    case 'unlock-tables':
      return fixed({ algorithm: null, rebuildsTable: false, blocksWrites: false, blocksReads: false, sizeDependent: false, reasons: ['session statement: touches no table'] });
    case 'select':
      return fixed({ algorithm: null, rebuildsTable: false, blocksWrites: false, blocksReads: false, sizeDependent: true, reasons: ['a plain SELECT takes no row locks'] });
    case 'optimize-table':
      return unknownProfile(['OPTIMIZE TABLE is profiled as ALTER TABLE … FORCE']);
    case 'opaque':
      return unknownProfile([`drydock does not model ${op.verb}: ${op.reason}`]);
  }
}

