import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertUsageExit, termIsForwarded } from './pidproxy-scenario.js';

const PIDPROXY = join(import.meta.dirname, '..', '..', '..', 'src', 'cli', 'pidproxy.ts');
const OURS = [process.execPath, '--import', import.meta.resolve('tsx'), PIDPROXY];

test('pidproxy without arguments prints usage and exits 1', () => {
  assertUsageExit(spawnSync(OURS[0], OURS.slice(1), { encoding: 'utf8' }));
});

test('pidproxy forwards TERM to the pid in the pidfile and exits 0', async () => {
  assert.equal(await termIsForwarded(OURS), 0);
});

test('pidproxy exits when the command it started exits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pidproxy-'));
  try {
    const r = spawnSync(OURS[0], [...OURS.slice(1), join(dir, 'none.pid'), '/bin/sh', '-c', 'echo hi; exit 3'], { encoding: 'utf8', timeout: 30000 });
    assert.equal(r.stdout, 'hi\n');
    assert.equal(r.status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
