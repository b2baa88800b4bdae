import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { autoLogPath, cleanupAutoLogs } from '../../../src/logging/auto-log.js';
import { removeDir, tempDir } from './helpers.js';

const d = tempDir();
after(() => removeDir(d));

test('AUTO log files are created empty, mode 0600, with Supervisor naming', () => {
  const p = autoLogPath(d, 'web_00', 'stdout', 'supervisor');
  assert.equal(path.dirname(p), d);
  assert.match(path.basename(p), /^web_00-stdout---supervisor-[a-z0-9_]{8}\.log$/);
  const st = fs.statSync(p);
  assert.equal(st.size, 0);
  assert.equal(st.mode & 0o777, 0o600);
  assert.notEqual(autoLogPath(d, 'web_00', 'stdout', 'supervisor'), p, 'names change each time');
});

test('cleanup removes this identifier\'s AUTO logs and their backups only', () => {
  const keep = ['app.log', 'web-stdout---other-abcdefgh.log'];
  const drop = ['web-stdout---supervisor-abcdefgh.log', 'web-stdout---supervisor-abcdefgh.log.3'];
  for (const n of [...keep, ...drop]) fs.writeFileSync(path.join(d, n), 'x');
  const before = fs.readdirSync(d).filter((n) => n.includes('---supervisor-'));
  const result = cleanupAutoLogs(d, 'supervisor');
  assert.deepEqual(result.warnings, []);
  assert.equal(result.removed.length, before.length);
  const left = fs.readdirSync(d);
  for (const n of keep) assert.ok(left.includes(n), n);
  for (const n of drop) assert.ok(!left.includes(n), n);
});

test('cleanup of a missing directory warns instead of throwing', () => {
  assert.deepEqual(cleanupAutoLogs(path.join(d, 'nope'), 'supervisor').warnings, ['Could not clear childlog dir']);
});

test('a missing childlogdir is a clear error', () => {
  assert.throws(() => autoLogPath(path.join(d, 'nope'), 'w', 'stderr', 'supervisor'), /ENOENT/);
});
