import { test } from 'node:test';
import assert from 'node:assert/strict';
import { helperReason } from '../../../src/process/route.js';
import type { SpawnRequest } from '../../../src/process/spawn.js';

const base: SpawnRequest = {
  processName: 'p', filename: '/bin/sh', argv: ['sh'], env: {}, directory: null, umask: null, uid: null, redirectStderr: false,
};
const keep = { kind: 'keep' } as const;

test('plain spawn whenever it behaves like Supervisor', () => {
  assert.equal(helperReason(base, keep), null);
  assert.equal(helperReason({ ...base, directory: '/tmp' }, keep), null);
  const current = process.umask(0o022);
  try {
    assert.equal(helperReason({ ...base, umask: 0o077 }, keep), null, 'a stricter mask is safe to set around spawn');
    assert.equal(helperReason({ ...base, umask: 0o002 }, keep), 'umask', 'a looser one is not');
  } finally {
    process.umask(current);
  }
});

test('the exec helper for what plain spawn cannot reproduce', () => {
  assert.equal(helperReason({ ...base, forceHelper: true }, keep), 'forced');
  assert.equal(helperReason({ ...base, pdeathsig: 9 }, keep), process.pid === 1 ? null : 'pdeathsig');
  assert.equal(helperReason(base, { kind: 'switch', uid: 65534, gid: 65534, groups: [65534] }), 'user');
  assert.equal(helperReason(base, { kind: 'fail', message: 'x' }), 'user');
  assert.equal(helperReason({ ...base, directory: '/nonexistent-dir' }, keep), 'directory');
  assert.equal(helperReason({ ...base, directory: '/etc/hostname' }, keep), 'directory');
  assert.equal(helperReason({ ...base, filename: '/etc/hostname' }, keep), 'format');
});
