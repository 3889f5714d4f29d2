// Runs the CLI from source (no build): npx tsx scripts/dev-cli.ts lint examples/outage/migrations
import { runCli } from '../src/cli/run-cli.js';
process.exitCode = await runCli(process.argv.slice(2));
