import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUPERVISOR_VERSION } from '../../src/version.js';

test('supervisord -v prints the Supervisor version it is compatible with', () => {
  const r = spawnSync(process.execPath, ['bin/supervisord.js', '-v'], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.equal(r.stdout, `${SUPERVISOR_VERSION}\n`);
});

test('run as a command, bin/supervisord.js starts Node with its heap flags; a bad SUPERVISOR_TS_NODE is named', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sd-launch-'));
  try {
    // a stand-in for node that records the arguments it was given, then runs the real one
    const recorder = join(dir, 'node');
    writeFileSync(recorder, `#!/bin/sh\necho "$@" > "${join(dir, 'args')}"\nexec "${process.execPath}" "$@"\n`, { mode: 0o755 });
    const ok = spawnSync('bin/supervisord.js', ['-v'], { encoding: 'utf8', env: { ...process.env, SUPERVISOR_TS_NODE: recorder } });
    assert.equal(ok.status, 0);
    assert.equal(ok.stdout, `${SUPERVISOR_VERSION}\n`);
    assert.equal(readFileSync(join(dir, 'args'), 'utf8'), '--max-semi-space-size=1 --interrupt-budget=1000000 bin/supervisord.js -v\n');

    const missing = join(dir, 'no-such-node');
    const bad = spawnSync('bin/supervisord.js', ['-v'], { encoding: 'utf8', env: { ...process.env, SUPERVISOR_TS_NODE: missing } });
    assert.equal(bad.status, 127);
    assert.match(bad.stderr, new RegExp(`${missing}: not found`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
