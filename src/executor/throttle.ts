// Throttling for batched DML: pure decision + collectors. A reading drydock cannot get counts
// as a reason to wait (fail closed): a server it cannot see is not a server that is fine.
import type mysql from 'mysql2/promise';
import type { Connection } from '../db/connection.js';

export type Reading = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly error: string };

export interface ThrottleReadings {
  readonly threadsRunning: Reading;
  /** One per visible replica (the target itself when it replicates, plus configured replicas). */
  readonly replicaLag: readonly { readonly source: string; readonly lagSec: Reading }[];
}

export interface ThrottleLimits {
  /** Pause while the target's Threads_running is above this (pt-osc's default --max-load is 25). */
  readonly maxThreadsRunning: number;
  /** Pause while any visible replica lags more than this, in seconds (pt-archiver: 1 s). */
  readonly maxReplicaLagSec: number;
}

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = Object.freeze({ maxThreadsRunning: 25, maxReplicaLagSec: 1 });

export interface ThrottleDecision {
  readonly throttled: boolean;
  /** Every reason that applies, joined; null when not throttled. */
  readonly reason: string | null;
}

export function decideThrottle(readings: ThrottleReadings, limits: ThrottleLimits): ThrottleDecision {
  const reasons: string[] = [];
  const tr = readings.threadsRunning;
  if (!tr.ok) reasons.push(`Threads_running unreadable (${tr.error})`);
  else if (tr.value > limits.maxThreadsRunning) reasons.push(`Threads_running ${tr.value} > ${limits.maxThreadsRunning}`);
  for (const r of readings.replicaLag) {
    if (!r.lagSec.ok) reasons.push(`replica ${r.source} lag unreadable (${r.lagSec.error})`);
    else if (r.lagSec.value > limits.maxReplicaLagSec) reasons.push(`replica ${r.source} lag ${r.lagSec.value} s > ${limits.maxReplicaLagSec} s`);
  }
  return Object.freeze({ throttled: reasons.length > 0, reason: reasons.length > 0 ? reasons.join('; ') : null });
}

type Row = mysql.RowDataPacket;
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** One numeric global status variable; a missing or unreadable one is a failed reading. */
export async function readGlobalStatus(conn: Connection, name: string): Promise<Reading> {
  try {
    const [rows] = await conn.query<Row[]>('SHOW GLOBAL STATUS LIKE ?', [name]);
    const v = Number(rows[0]?.['Value']);
    return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, error: `no ${name} row` };
  } catch (e) {
    return { ok: false, error: message(e) };
  }
}

export const readThreadsRunning = (conn: Connection): Promise<Reading> => readGlobalStatus(conn, 'Threads_running');

/**
 * Lag of the replication channels of `conn`'s server (empty when it is not a replica).
 * `denied` tells whether the status could not be read for lack of privilege.
 */
export async function readReplicationLag(
  conn: Connection,
  isMariaDb: boolean,
  source: string,
): Promise<{ readonly channels: readonly { readonly source: string; readonly lagSec: Reading }[]; readonly denied: boolean }> {
  try {
    const [rows] = await conn.query<Row[]>(isMariaDb ? 'SHOW ALL SLAVES STATUS' : 'SHOW REPLICA STATUS');
    const channels = rows.map((r, i) => {
      const name = String(r['Connection_name'] ?? r['Channel_Name'] ?? '') || (rows.length > 1 ? String(i) : '');
      const raw = r['Seconds_Behind_Source'] ?? r['Seconds_Behind_Master'];
      const label = name ? `${source}/${name}` : source;
      const lagSec: Reading =
        raw === null || raw === undefined
          ? { ok: false, error: 'replication is not running (Seconds_Behind is NULL)' }
          : { ok: true, value: Number(raw) };
      return { source: label, lagSec };
    });
    return { channels, denied: false };
  } catch (e) {
    const errno = (e as { errno?: number }).errno;
    // 1227: no REPLICATION CLIENT/SLAVE MONITOR privilege.
    if (errno === 1227) return { channels: [], denied: true };
    return { channels: [{ source, lagSec: { ok: false, error: message(e) } }], denied: false };
  }
}
