// After a lost connection (or a killed run) the outcome of the DDL statement in flight is
// unknown: the server may have finished it. Look at the schema and decide, where the operation
// says what "done" looks like; otherwise answer unknown and let the operator decide.
import type mysql from 'mysql2/promise';
import type { Connection } from '../db/connection.js';
import type { AlterAction, Operation, TableRef } from '../parser/statement.js';

type Row = mysql.RowDataPacket;

export type Outcome = 'applied' | 'not-applied' | 'unknown';

/** A fact about the schema and the value it has once the statement has run. */
type Probe =
  | { readonly kind: 'table'; readonly table: TableRef; readonly present: boolean }
  | { readonly kind: 'column'; readonly table: TableRef; readonly column: string; readonly present: boolean }
  | { readonly kind: 'index'; readonly table: TableRef; readonly index: string; readonly present: boolean }
  | { readonly kind: 'foreign-key'; readonly table: TableRef; readonly name: string; readonly present: boolean }
  | { readonly kind: 'trigger'; readonly name: string; readonly schema: string | null; readonly present: boolean };

function actionProbes(table: TableRef, a: AlterAction): readonly Probe[] | null {
  switch (a.type) {
    case 'add-column':
      return a.ifNotExists ? null : [{ kind: 'column', table, column: a.column.name, present: true }];
    case 'drop-column':
      return a.ifExists ? null : [{ kind: 'column', table, column: a.column, present: false }];
    case 'rename-column':
      return [
        { kind: 'column', table, column: a.to, present: true },
        { kind: 'column', table, column: a.from, present: false },
      ];
    case 'change-column':
      return a.from.toLowerCase() === a.column.name.toLowerCase()
        ? null
        : [
            { kind: 'column', table, column: a.column.name, present: true },
            { kind: 'column', table, column: a.from, present: false },
          ];
    case 'add-index':
      if (a.ifNotExists) return null;
      if (a.index.kind === 'primary') return [{ kind: 'index', table, index: 'PRIMARY', present: true }];
      return a.index.name ? [{ kind: 'index', table, index: a.index.name, present: true }] : null;
    case 'drop-index':
      return a.ifExists ? null : [{ kind: 'index', table, index: a.name, present: false }];
    case 'rename-index':
      return [
        { kind: 'index', table, index: a.to, present: true },
        { kind: 'index', table, index: a.from, present: false },
      ];
    case 'drop-primary-key':
      return [{ kind: 'index', table, index: 'PRIMARY', present: false }];
    case 'add-foreign-key':
      return a.foreignKey.name ? [{ kind: 'foreign-key', table, name: a.foreignKey.name, present: true }] : null;
    case 'drop-foreign-key':
      return [{ kind: 'foreign-key', table, name: a.name, present: false }];
    default:
      return null;
  }
}

/** The schema facts that tell whether `op` ran; null when none can (ALTER is atomic, so one decisive action is enough). */
export function outcomeProbes(op: Operation): readonly Probe[] | null {
  switch (op.kind) {
    case 'alter-table': {
      const rename = op.actions.find((a) => a.type === 'rename-table');
      if (rename && rename.type === 'rename-table') {
        return [
          { kind: 'table', table: rename.to, present: true },
          { kind: 'table', table: op.table, present: false },
        ];
      }
      const probes = op.actions.map((a) => actionProbes(op.table, a)).filter((p): p is readonly Probe[] => p !== null);
      return probes.length > 0 ? probes.flat() : null;
    }
    case 'create-table':
      return op.ifNotExists || op.orReplace || op.temporary ? null : [{ kind: 'table', table: op.table, present: true }];
    case 'drop-table':
      return op.ifExists || op.temporary ? null : op.tables.map((t) => ({ kind: 'table', table: t, present: false }) as const);
    case 'rename-table':
      return op.pairs.flatMap((p) => [
        { kind: 'table', table: p.to, present: true } as const,
        { kind: 'table', table: p.from, present: false } as const,
      ]);
    case 'create-index':
      return op.ifNotExists || op.orReplace || op.index.name === null
        ? null
        : [{ kind: 'index', table: op.table, index: op.index.name, present: true }];
    case 'drop-index':
      return op.ifExists ? null : [{ kind: 'index', table: op.table, index: op.name, present: false }];
    case 'create-trigger':
      return [{ kind: 'trigger', name: op.name, schema: op.table?.schema ?? null, present: true }];
    case 'drop-trigger':
      return [{ kind: 'trigger', name: op.name, schema: null, present: false }];
    default:
      return null;
  }
}

async function exists(conn: Connection, p: Probe): Promise<boolean> {
  let sql: string;
  let params: unknown[];
  switch (p.kind) {
    case 'table':
      sql = 'SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?';
      params = [p.table.schema, p.table.name];
      break;
    case 'column':
      sql = 'SELECT 1 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND COLUMN_NAME = ?';
      params = [p.table.schema, p.table.name, p.column];
      break;
    case 'index':
      sql = 'SELECT 1 FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND INDEX_NAME = ?';
      params = [p.table.schema, p.table.name, p.index];
      break;
    case 'foreign-key':
      sql = 'SELECT 1 FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND CONSTRAINT_NAME = ?';
      params = [p.table.schema, p.table.name, p.name];
      break;
    case 'trigger':
      sql = 'SELECT 1 FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = COALESCE(?, DATABASE()) AND TRIGGER_NAME = ?';
      params = [p.schema, p.name];
      break;
  }
  const [rows] = await conn.query<Row[]>(sql, params);
  return rows.length > 0;
}

/** Looks at the schema: all facts as after the statement → applied; all as before → not applied. */
export async function verifyOutcome(conn: Connection, op: Operation): Promise<Outcome> {
  const probes = outcomeProbes(op);
  if (!probes) return 'unknown';
  let after = 0;
  for (const p of probes) if ((await exists(conn, p)) === p.present) after++;
  if (after === probes.length) return 'applied';
  if (after === 0) return 'not-applied';
  return 'unknown';
}

/** What the operator should check when drydock cannot tell; used in the "outcome unknown" message. */
export function describeOutcomeCheck(op: Operation): string {
  switch (op.kind) {
    case 'alter-table':
      return `SHOW CREATE TABLE ${op.table.name}`;
    case 'create-table':
    case 'truncate-table':
      return `SHOW CREATE TABLE ${op.table.name}`;
    case 'create-index':
    case 'drop-index':
      return `SHOW INDEX FROM ${op.table.name}`;
    default:
      return 'the schema and data the statement changes';
  }
}
