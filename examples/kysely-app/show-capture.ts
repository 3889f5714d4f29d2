// Prints what drydock sees in this folder's Kysely migrations: the SQL each up(db) would send,
// captured without a database, each statement placed at its call in the .ts file.
//   npx tsx examples/kysely-app/show-capture.ts
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMigrations } from '../../src/migrations/load-migrations.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const migrations = await loadMigrations([path.join(here, 'migrations')]);

for (const m of migrations) {
  const flags = [m.hasDown ? 'has down' : 'no down', m.needsShadowExecution ? 'NEEDS SHADOW EXECUTION: its SQL depends on data' : null];
  console.log(`\n${m.name}  (${flags.filter(Boolean).join('; ')})  sha256 ${m.checksum.slice(0, 12)}`);
  for (const s of m.statements) {
    console.log(`  ${s.location.file}:${s.location.line}  [${s.operation.kind}]`);
    console.log(`    ${s.sql}`);
  }
}
