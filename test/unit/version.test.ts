import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { SUPERVISOR_VERSION } from '../../src/version.js';

test('supervisord -v prints the Supervisor version it is compatible with', () => {
  const r = spawnSync(process.execPath, ['bin/supervisord.js', '-v'], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.equal(r.stdout, `${SUPERVISOR_VERSION}\n`);
});
