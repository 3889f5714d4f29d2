// Split+parse throughput of drydock on a 5,000-statement migration set, next to bare
// node-sql-parser's own rate on the same statements (its ceiling: it does not split, locate,
// type actions or fall back). Run: npx tsx bench/parse.ts [runs]
import NSP from 'node-sql-parser';
import { performance } from 'node:perf_hooks';
import { parseSql } from '../src/parser/parse.js';
import { splitStatements } from '../src/parser/split.js';
import { generateMigrationSet } from './generate-migrations.js';

const runs = Number(process.argv[2] ?? 5);
const text = generateMigrationSet(5000);
const statements = splitStatements(text, { file: 'bench.sql' });
const parser = new NSP.Parser();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

// Warm up both paths once (JIT), then measure alternately so machine noise hits both alike.
parseSql(text, 'bench.sql');
for (const s of statements) parser.astify(s.sql, { database: 'MySQL' });

const drydock: number[] = [];
const bare: number[] = [];
let bareFailures = 0;
for (let r = 0; r < runs; r++) {
  drydock.push(time(() => parseSql(text, 'bench.sql')));
  bare.push(
    time(() => {
      bareFailures = 0;
      for (const s of statements) {
        try {
          parser.astify(s.sql, { database: 'MySQL' });
        } catch {
          bareFailures++;
        }
      }
    }),
  );
}
const n = statements.length;
const dd = median(drydock);
const nsp = median(bare);
console.log(`statements: ${n} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB), runs: ${runs}`);
console.log(`drydock split+parse:       ${dd.toFixed(0)} ms median → ${Math.round((n / dd) * 1000)} statements/s`);
console.log(`bare node-sql-parser:      ${nsp.toFixed(0)} ms median → ${Math.round((n / nsp) * 1000)} statements/s (${bareFailures} statements it rejected)`);
console.log(`ratio drydock / bare rate: ${(nsp / dd).toFixed(2)}`);
