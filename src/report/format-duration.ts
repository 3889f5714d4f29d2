// Human-readable durations and counts for the text and markdown renderers. One precision rule
// everywhere: whole milliseconds below a second, tenths of a second below a minute, then
// minutes+seconds, then hours+minutes.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** 850 → `850 ms`, 12_345 → `12.3 s`, 245_000 → `4 min 05 s`, 7_800_000 → `2 h 10 min`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'unknown';
  const v = Math.max(0, ms);
  if (Math.round(v) < SECOND) return `${Math.round(v)} ms`;
  // Round first so 59_960 ms reads `1 min 00 s`, not `60.0 s`.
  if (Math.round(v / 100) * 100 < MINUTE) return `${(Math.round(v / 100) / 10).toFixed(1)} s`;
  const seconds = Math.round(v / SECOND);
  if (seconds * SECOND < HOUR) return `${Math.floor(seconds / 60)} min ${pad2(seconds % 60)} s`;
  const minutes = Math.round(v / MINUTE);
  return `${Math.floor(minutes / 60)} h ${pad2(minutes % 60)} min`;
}

/** `8.1–16.0 s` when both ends share a unit, else `45.0 s–2 min 05 s`. */
export function formatDurationRange(loMs: number, hiMs: number): string {
  const lo = formatDuration(loMs);
  const hi = formatDuration(hiMs);
  const unit = (s: string): string | null => /^[\d.]+ (ms|s)$/.exec(s)?.[1] ?? null;
  const u = unit(lo);
  if (u !== null && u === unit(hi)) return `${lo.slice(0, -(u.length + 1))}–${hi}`;
  return `${lo}–${hi}`;
}

/** 9000000 → `9,000,000` (fixed locale so output does not depend on the machine). */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
