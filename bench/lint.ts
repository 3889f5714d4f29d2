// Parse+analyze throughput of drydock lint's engine on the 5,000-statement set (100 migrations of
// 50 statements, as an application's history looks), next to bare parsing (split+parse) of the same
// text: the cost of running the whole analyzer catalogue.
// Run: npx tsx bench/lint.ts [runs]
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ANALYZERS } from '../analyzers/index.js';
import { runAnalyzers } from '../src/analysis/run-analyzers.js';
import { createCapabilities } from '../src/db/capabilities/index.js';
import { parseServerSpec } from '../src/db/connection.js';
import { parseSql } from '../src/parser/parse.js';
import type { Migration } from '../src/parser/statement.js';
import { generateMigrationSet } from './generate-migrations.js';

const runs = Number(process.argv[2] ?? 5);
const text = generateMigrationSet(5000);
const server = createCapabilities(parseServerSpec('mysql:8.0.35'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// One file per 50 statements (the generator marks each step with a comment).
const files = text.split(/(?=^-- migration step )/m).filter((t) => t.trim() !== '');

function parseAll(): Migration[] {
  return files.map((t, i) => {
    const name = `m${String(i).padStart(4, '0')}`;
    return { name, file: `${name}.sql`, checksum: createHash('sha256').update(t).digest('hex'), source: 'sql', statements: parseSql(t, `${name}.sql`), needsShadowExecution: false, hasDown: false };
  });
}

function lint(): number {
  const result = runAnalyzers(parseAll(), ANALYZERS, { server });
  return result.migrations.reduce((n, m) => n + m.statements.reduce((k, s) => k + s.findings.length, 0), 0);
}

lint();
parseAll();
const full: number[] = [];
const parseOnly: number[] = [];
let findings = 0;
for (let r = 0; r < runs; r++) {
  let t0 = performance.now();
  findings = lint();
  full.push(performance.now() - t0);
  t0 = performance.now();
  parseAll();
  parseOnly.push(performance.now() - t0);
}
const n = 5000;
const f = median(full);
const p = median(parseOnly);
console.log(`statements: ${n} in ${files.length} migrations, analyzers: ${ANALYZERS.length}, findings per run: ${findings}, runs: ${runs}`);
console.log(`split+parse:          ${p.toFixed(0)} ms median → ${Math.round((n / p) * 1000)} statements/s`);
console.log(`split+parse+analyze:  ${f.toFixed(0)} ms median → ${Math.round((n / f) * 1000)} statements/s`);
console.log(`analysis share of lint time: ${(((f - p) / f) * 100).toFixed(0)}%`);
