// Wall time of the README's demo: `npx drydock plan` on examples/outage against a private
// throwaway server, three runs, median. Needs the build (`npm ci` or `npm run build`).
// Run: npx tsx bench/plan-demo.ts [runs]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const runs = Number(process.argv[2] ?? 3);
const ARGS = ['drydock', 'plan', 'examples/outage/migrations', '--schema', 'examples/outage/schema.sql', '--sizes', 'examples/outage/sizes.txt', '--shadow-rows', '100000'];

if (!existsSync('dist/src/cli/main.js')) {
  process.stderr.write('plan-demo: dist/ is missing; run npm run build first\n');
  process.exit(2);
}

const times: number[] = [];
let lastOutput = '';
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  // CI=1: plain progress lines, as a non-interactive run prints them.
  const res = spawnSync('npx', ARGS, { encoding: 'utf8', env: { ...process.env, CI: '1' }, maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (res.status !== 0 && res.status !== 1) {
    process.stderr.write(`run ${r + 1} failed (exit ${res.status}):\n${res.stderr}\n`);
    process.exit(1);
  }
  times.push(ms);
  lastOutput = res.stdout;
  process.stderr.write(`run ${r + 1}: ${(ms / 1000).toFixed(1)} s (exit ${res.status})\n`);
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)]!;
process.stdout.write(`npx ${ARGS.join(' ')}\nruns: ${times.map((t) => `${(t / 1000).toFixed(1)} s`).join(', ')}; median ${(median / 1000).toFixed(1)} s\n`);
if (process.env['SHOW_REPORT']) process.stdout.write(`\n${lastOutput}`);
