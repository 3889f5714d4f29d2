// Child process for the Ctrl-C test: creates a shadow, reports where it lives, then waits to be
// interrupted. Usage: node --import tsx test/shadow/hold-shadow.ts <shadow> <target|-> [searchPath]
import { createShadow } from '../../src/shadow/shadow-database.js';

const [shadowArg, target, searchPath] = process.argv.slice(2);
const shadow = await createShadow({
  shadow: shadowArg ?? 'auto',
  ...(target && target !== '-' ? { target } : {}),
  ...(searchPath ? { searchPath } : {}),
});
process.stdout.write(JSON.stringify({ database: shadow.database, dataDir: shadow.privateServer?.dataDir ?? null, port: shadow.privateServer?.port ?? null }) + '\n');
setInterval(() => {}, 1000);
