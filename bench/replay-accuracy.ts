// Replays runs saved by `bench/accuracy.ts --record FILE` through the current estimator
// (src/estimate/extrapolate.ts): the same shadow samples and memory-bound runs, today's arithmetic,
// against the actuals measured then. A change to the estimator can be tried on measured runs of
// both servers in seconds; only fresh runs of the accuracy bench count as its measurement.
//
// The options plan.ts derives from the analysis are taken from the kind: the five metadata
// changes are size-independent, the three index builds sort, the five DML statements are
// extrapolated over the rows they changed; the 1M-row table outgrows the target's 128 MiB pool;
// the two DELETEs an index bounds (all rows, a key range) and the UPDATE that moves index entries
// grow with the table (indexGrowth).
// "recorded" next to "replayed" shows whether that still matches what the plan did when the runs
// were recorded (unchanged code: equal).
//
// Run: npx tsx bench/replay-accuracy.ts runs.json [more.json …]
import { readFileSync } from 'node:fs';
import { extrapolateDuration, metadataPoolWeight } from '../src/estimate/extrapolate.js';

const METADATA = new Set(['add-column-instant', 'drop-column', 'modify-varchar-widen-instant', 'drop-index', 'rename-column']);
const INDEX_BUILDS = new Set(['add-index', 'add-composite-index', 'create-index']);
const DML = new Set(['delete-all', 'delete-selective', 'delete-range', 'update-indexed-range', 'update-index-key']);
const INDEX_BOUND_DELETES = new Set(['delete-all', 'delete-range']);
const INDEX_KEY_UPDATES = new Set(['update-index-key']);

interface RecordedRun {
  readonly tableRows: number;
  readonly measurement: { readonly durationMs: number; readonly affectedRows: number | null };
}
interface Recorded {
  readonly kind: string;
  readonly shadow: {
    readonly sourceRows: number;
    readonly runs: readonly RecordedRun[];
    readonly memoryBound: { readonly factor: number; readonly measurement: { readonly durationMs: number } } | null;
    readonly estimate: { readonly rows: number; readonly durationMs: number };
  } | null;
  readonly actuals: readonly number[];
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: npx tsx bench/replay-accuracy.ts runs.json [more.json …]\n');
  process.exit(2);
}

let within = 0;
let total = 0;
for (const file of files) {
  const data = JSON.parse(readFileSync(file, 'utf8')) as { readonly server: string; readonly records: readonly Recorded[] };
  const lines = [`${file} (${data.server})`, '', '| kind | recorded | replayed | actual | replayed/actual |', '|---|---|---|---|---|'];
  let fileWithin = 0;
  let fileTotal = 0;
  for (const r of data.records) {
    if (!r.shadow || r.actuals.length === 0 || r.shadow.runs.length === 0) continue;
    const dml = DML.has(r.kind);
    const samples = r.shadow.runs.map((x) => ({ rows: dml ? (x.measurement.affectedRows ?? 0) : x.tableRows, durationMs: x.measurement.durationMs }));
    const bound = r.shadow.memoryBound;
    const e = extrapolateDuration(samples, dml ? r.shadow.estimate.rows : r.shadow.sourceRows, {
      sizeDependent: !METADATA.has(r.kind),
      outgrowsMemory: true,
      memoryBoundFactor: bound?.factor ?? null,
      memoryBoundMs: bound?.measurement.durationMs ?? null,
      memoryBoundWeight: metadataPoolWeight(/mariadb/i.test(data.server) ? 'mariadb' : 'mysql'),
      sortBased: INDEX_BUILDS.has(r.kind),
      indexGrowth: INDEX_BOUND_DELETES.has(r.kind) || INDEX_KEY_UPDATES.has(r.kind) ? r.shadow.sourceRows / Math.max(...r.shadow.runs.map((x) => x.tableRows)) : null,
    });
    const actual = median(r.actuals);
    const ratio = e.durationMs / actual;
    const ok = Math.max(ratio, 1 / ratio) <= 1.5;
    fileTotal++;
    if (ok) fileWithin++;
    lines.push(`| ${r.kind} | ${Math.round(r.shadow.estimate.durationMs)} ms | ${Math.round(e.durationMs)} ms | ${Math.round(actual)} ms | ${ratio.toFixed(2)}${ok ? '' : ' (miss)'} |`);
  }
  lines.push('', `within ×1.5: ${fileWithin}/${fileTotal}`, '');
  process.stdout.write(`${lines.join('\n')}\n`);
  within += fileWithin;
  total += fileTotal;
}
if (files.length > 1) process.stdout.write(`all files: ${within}/${total} within ×1.5\n`);
