// Last-resort cleanup for throwaway resources (private servers, scratch databases) when the
// process ends early: Ctrl-C, SIGTERM, an uncaught error, or process.exit() from elsewhere.
// Normal code paths dispose explicitly; this registry only catches what they could not.

export interface CleanupEntry {
  /** Asynchronous cleanup (drop a database, stop a server gracefully); run on signals. */
  readonly async?: () => Promise<void>;
  /** Synchronous cleanup (kill a pid, remove a folder); the only kind that can run on 'exit'. */
  readonly sync?: () => void;
}

const entries = new Set<CleanupEntry>();
let installed = false;
let running: Promise<void> | null = null;

/** Registers cleanup work; the returned function unregisters it (call it after a normal dispose). */
export function registerCleanup(entry: CleanupEntry): () => void {
  install();
  entries.add(entry);
  return () => {
    entries.delete(entry);
  };
}

/** Runs every registered cleanup once (async parts bounded by `deadlineMs`), then the sync parts. */
export async function runCleanups(deadlineMs = 5000): Promise<void> {
  if (running) return running;
  running = (async () => {
    const all = [...entries];
    entries.clear();
    const asyncWork = Promise.allSettled(all.map(async (e) => e.async?.()));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([asyncWork, new Promise<void>((r) => (timer = setTimeout(r, deadlineMs)))]);
    if (timer) clearTimeout(timer);
    for (const e of all) runSync(e);
  })();
  try {
    await running;
  } finally {
    running = null;
  }
}

function runSync(e: CleanupEntry): void {
  try {
    e.sync?.();
  } catch {
    // best effort: the process is going away
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', () => {
    for (const e of entries) runSync(e);
    entries.clear();
  });
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    const handler = (): void => {
      // When the application has its own handler it decides when to exit (and 'exit' still
      // cleans up); when ours is the only one, restore the default outcome: exit with 128+n.
      const others = process.listenerCount(signal) > 1;
      void runCleanups().finally(() => {
        if (!others) process.exit(code);
      });
    };
    process.on(signal, handler);
  }
}
