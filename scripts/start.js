#!/usr/bin/env node
// `npm start`: run supervisord in the foreground on the example config that ships with the repo.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'dist', 'cli', 'supervisord.js'))) {
  console.error('dist/ is missing: run `npm install` (it builds) or `npm run build` first');
  process.exit(1);
}
// run as a command, as an installed supervisord is (its first line adds Node's heap flags), on this Node
const child = spawn(join(root, 'bin', 'supervisord.js'), ['-n', '-c', join(root, 'examples', 'supervisord.conf'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: join(root, 'examples'),
  env: { ...process.env, SUPERVISOR_TS_NODE: process.execPath },
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGUSR2']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
