// The internal model behind a LockProfile: for one ALTER action, which algorithms the server
// supports and what each does to the table. Statements combine their actions' models: the
// server runs the whole statement with one algorithm, the best that every action supports.
import type { Algorithm, LockClause, LockProfile, ServerVersion } from './types.js';

/** What running an action with one algorithm does. */
export interface Outcome {
  readonly rebuildsTable: boolean;
  readonly sizeDependent: boolean;
  readonly blocksWrites: boolean;
  readonly blocksReads: boolean;
}

export type Basis = LockProfile['basis'];

/** Supported algorithms of one action (absent = the server refuses it) and why. */
export interface ActionModel {
  readonly instant?: Outcome;
  /** MariaDB only. */
  readonly nocopy?: Outcome;
  readonly inplace?: Outcome;
  /** false when even COPY is refused (MySQL: renaming an FK-referenced column). */
  readonly copy: boolean;
  /** MariaDB 11.2+ online COPY cannot do this action (AUTO_INCREMENT add, FK cascades, …). */
  readonly noOnlineCopy: boolean;
  /** drydock has no model for this action: the statement's answer is unknown. */
  readonly unknown: boolean;
  readonly reasons: readonly string[];
  readonly basis: Basis;
}

// Outcomes, named after what the server does.
export const METADATA: Outcome = Object.freeze({ rebuildsTable: false, sizeDependent: false, blocksWrites: false, blocksReads: false });
/** Builds something proportional to the table (a secondary index) without rebuilding it. */
export const BUILD: Outcome = Object.freeze({ rebuildsTable: false, sizeDependent: true, blocksWrites: false, blocksReads: false });
/** Rebuilds the clustered index online: concurrent DML goes to the online log. */
export const REBUILD: Outcome = Object.freeze({ rebuildsTable: true, sizeDependent: true, blocksWrites: false, blocksReads: false });
export const blockingWrites = (o: Outcome): Outcome => Object.freeze({ ...o, blocksWrites: true });

interface ModelParts {
  readonly instant?: Outcome;
  readonly nocopy?: Outcome;
  readonly inplace?: Outcome;
  readonly copy?: boolean;
  readonly noOnlineCopy?: boolean;
  readonly basis?: Basis;
  /**
   * MariaDB: the instant path changes the row layout (ADD/DROP/reorder column), so it only
   * works when the whole statement is instant; otherwise the table is rebuilt (`inplace`).
   */
  readonly instantOnlyAlone?: boolean;
}

/**
 * Builds a model. On MariaDB `ALGORITHM=X` means "X or better", so an action that can run
 * INSTANT also runs, unchanged, under NOCOPY and INPLACE; on MySQL each algorithm is exact and
 * listed separately (an instant ADD COLUMN rebuilds under INPLACE).
 */
export function model(v: ServerVersion, reasons: string | readonly string[], parts: ModelParts): ActionModel {
  const maria = v.flavor === 'mariadb';
  const instant = parts.instant;
  const nocopy = maria ? (parts.nocopy ?? (parts.instantOnlyAlone ? undefined : instant)) : undefined;
  const inplace = parts.inplace ?? (maria ? nocopy : undefined);
  return Object.freeze({
    ...(instant ? { instant } : {}),
    ...(nocopy ? { nocopy } : {}),
    ...(inplace ? { inplace } : {}),
    copy: parts.copy ?? true,
    noOnlineCopy: parts.noOnlineCopy ?? false,
    unknown: false,
    reasons: Object.freeze(typeof reasons === 'string' ? [reasons] : [...reasons]),
    basis: parts.basis ?? 'documented',
  });
}

/** Only a table copy can do it. */
export const copyOnly = (v: ServerVersion, reasons: string | readonly string[], parts: Omit<ModelParts, 'instant' | 'nocopy' | 'inplace'> = {}): ActionModel =>
  model(v, reasons, parts);

export const unknownModel = (reason: string): ActionModel =>
  Object.freeze({ copy: false, noOnlineCopy: false, unknown: true, reasons: Object.freeze([reason]), basis: 'unknown' as const });

export const ALGORITHMS: readonly Algorithm[] = Object.freeze(['INSTANT', 'NOCOPY', 'INPLACE', 'COPY']);
export const algorithmRank = (a: Algorithm): number => ALGORITHMS.indexOf(a);

export function outcomeOf(m: ActionModel, a: Algorithm): Outcome | undefined {
  switch (a) {
    case 'INSTANT':
      return m.instant;
    case 'NOCOPY':
      return m.nocopy;
    case 'INPLACE':
      return m.inplace;
    case 'COPY':
      return undefined;
  }
}

export const supports = (m: ActionModel, a: Algorithm): boolean => (a === 'COPY' ? m.copy : outcomeOf(m, a) !== undefined);

/** Weakest basis wins: a statement is only as measured as its least-measured rule. */
export function weakestBasis(bases: readonly Basis[]): Basis {
  if (bases.includes('unknown')) return 'unknown';
  if (bases.includes('documented')) return 'documented';
  return bases.length > 0 ? 'measured' : 'documented';
}

/** Combines models of actions that run in one statement (or sub-changes of one MODIFY). */
export function combineModels(v: ServerVersion, models: readonly ActionModel[]): ActionModel {
  if (models.length === 1) return models[0]!;
  if (models.some((m) => m.unknown)) {
    return Object.freeze({ copy: false, noOnlineCopy: false, unknown: true, reasons: Object.freeze(models.filter((m) => m.unknown).flatMap((m) => m.reasons)), basis: 'unknown' as const });
  }
  const merge = (a: Algorithm): Outcome | undefined => {
    const outs = models.map((m) => outcomeOf(m, a));
    if (outs.some((o) => o === undefined)) return undefined;
    const all = outs as Outcome[];
    return Object.freeze({
      rebuildsTable: all.some((o) => o.rebuildsTable),
      sizeDependent: all.some((o) => o.sizeDependent),
      blocksWrites: all.some((o) => o.blocksWrites),
      blocksReads: all.some((o) => o.blocksReads),
    });
  };
  const reasons = models.flatMap((m) => m.reasons);
  const instant = merge('INSTANT');
  const nocopy = v.flavor === 'mariadb' ? merge('NOCOPY') : undefined;
  const inplace = merge('INPLACE');
  return Object.freeze({
    ...(instant ? { instant } : {}),
    ...(nocopy ? { nocopy } : {}),
    ...(inplace ? { inplace } : {}),
    copy: models.every((m) => m.copy),
    noOnlineCopy: models.some((m) => m.noOnlineCopy),
    unknown: false,
    reasons: Object.freeze(reasons),
    basis: weakestBasis(models.map((m) => m.basis)),
  });
}

/** The lock clause that matches an outcome: the weakest lock the server must hold. */
export function lockFor(o: Outcome): LockClause {
  if (o.blocksReads) return 'EXCLUSIVE';
  if (o.blocksWrites) return 'SHARED';
  return 'NONE';
}
