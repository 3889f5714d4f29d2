// Reads what lint and plan need from the target, read-only: server version, and the tables the
// migrations touch (plus their foreign-key neighbours) with definitions and sizes.
import type { TableFactsMap } from '../analysis/table-facts.js';
import type { ServerVersion, TableFacts } from '../db/capabilities/types.js';
import { redactUrl } from '../db/connection.js';
import { connectTarget, introspectTables, type TableSnapshot } from '../db/introspect.js';
import { tableKey, type Migration } from '../parser/statement.js';

export interface TargetFacts {
  readonly server: ServerVersion;
  readonly database: string;
  readonly tables: TableFactsMap;
  readonly snapshots: readonly TableSnapshot[];
  readonly warnings: readonly string[];
}

/** Names of every table the migrations mention, in first-seen order. */
export function tablesTouched(migrations: readonly Migration[]): readonly string[] {
  const seen = new Map<string, string>();
  for (const m of migrations) for (const s of m.statements) for (const t of s.tables) {
    const k = t.name.toLowerCase();
    if (!seen.has(k)) seen.set(k, t.name);
  }
  return [...seen.values()];
}

export async function readTargetFacts(url: string, migrations: readonly Migration[]): Promise<TargetFacts> {
  const session = await connectTarget(url);
  try {
    const snapshots = await introspectTables(session, tablesTouched(migrations));
    const tables = new Map<string, TableFacts>();
    for (const s of snapshots) {
      // Tables of the target's own database are keyed without schema, as migrations name them.
      const sameDb = (s.table.schema ?? session.database).toLowerCase() === session.database.toLowerCase();
      tables.set(tableKey(sameDb ? { schema: null, name: s.table.name } : s.table), s);
    }
    return Object.freeze({
      server: session.version,
      database: session.database,
      tables,
      snapshots,
      warnings: Object.freeze([`table sizes read from ${redactUrl(url)} (information_schema estimates are ±1 %)`]),
    });
  } finally {
    await session.conn.end().catch(() => {});
  }
}
