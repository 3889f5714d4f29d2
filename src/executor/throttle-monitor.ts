// Gathers throttle readings between chunks: the target's Threads_running and replication lag
// of every replica drydock can see (the target's own channels, plus replicas given by URL).
import { connect, redactUrl, type Connection } from '../db/connection.js';
import { decideThrottle, readReplicationLag, readThreadsRunning, type ThrottleDecision, type ThrottleLimits, type ThrottleReadings } from './throttle.js';

export class ThrottleMonitor {
  readonly #replicas = new Map<string, Connection | null>();

  constructor(
    private readonly target: () => Promise<Connection>,
    private readonly isMariaDb: boolean,
    private readonly limits: ThrottleLimits,
    private readonly replicaUrls: readonly string[],
  ) {}

  async read(): Promise<ThrottleReadings> {
    const conn = await this.target();
    const threadsRunning = await readThreadsRunning(conn);
    const own = await readReplicationLag(conn, this.isMariaDb, 'target');
    const replicaLag = [...own.channels];
    for (const url of this.replicaUrls) {
      const label = redactUrl(url);
      try {
        let c = this.#replicas.get(url) ?? null;
        if (!c) {
          c = await connect(url, { connectTimeoutMs: 3_000 });
          this.#replicas.set(url, c);
        }
        const lag = await readReplicationLag(c, this.isMariaDb, label);
        if (lag.denied) replicaLag.push({ source: label, lagSec: { ok: false, error: 'no privilege to read replication status' } });
        else if (lag.channels.length === 0) replicaLag.push({ source: label, lagSec: { ok: false, error: 'not a replica' } });
        else replicaLag.push(...lag.channels);
      } catch (e) {
        this.#replicas.get(url)?.destroy();
        this.#replicas.set(url, null);
        replicaLag.push({ source: label, lagSec: { ok: false, error: e instanceof Error ? e.message : String(e) } });
      }
    }
    return { threadsRunning, replicaLag };
  }

  async check(): Promise<ThrottleDecision> {
    try {
      return decideThrottle(await this.read(), this.limits);
    } catch (e) {
      return { throttled: true, reason: `throttle readings failed (${e instanceof Error ? e.message : String(e)})` };
    }
  }

  async close(): Promise<void> {
    for (const c of this.#replicas.values()) await c?.end().catch(() => {});
  }
}
