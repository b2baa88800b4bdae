#!/usr/bin/env node
// The one test command (README and .ci/run): system deps, build, type-check, then every test file.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...collect(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

run('bash', ['scripts/ensure-system-deps.sh']);
const tsc = join(root, 'node_modules', '.bin', 'tsc');
run(tsc, ['-p', 'tsconfig.json']);
run(process.execPath, ['scripts/bundle.js']);
run(tsc, ['-p', 'tsconfig.test.json']);

const only = process.argv.slice(2);
const files = only.length ? only : collect(join(root, 'test'));
run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=120000', ...files]);
