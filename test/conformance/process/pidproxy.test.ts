// Supervisor's pidproxy and ours, same scenarios.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { assertUsageExit, termIsForwarded } from '../../integration/process/pidproxy-scenario.js';

const REAL = '/usr/bin/pidproxy';
const OURS = [process.execPath, '--import', import.meta.resolve('tsx'), join(import.meta.dirname, '..', '..', '..', 'src', 'cli', 'pidproxy.ts')];

test('usage: both print a Usage line and exit 1', (t) => {
  if (!existsSync(REAL)) return t.skip('real pidproxy not installed');
  assertUsageExit(spawnSync(REAL, [], { encoding: 'utf8' }));
  assertUsageExit(spawnSync(OURS[0], OURS.slice(1), { encoding: 'utf8' }));
});

test('TERM is forwarded through the pidfile and both exit 0', async (t) => {
  if (!existsSync(REAL)) return t.skip('real pidproxy not installed');
  assert.equal(await termIsForwarded([REAL]), 0);
  assert.equal(await termIsForwarded(OURS), 0);
});
