// Supervisor 4.2.5 and supervisor-ts read the same files to the same result, and reject the same bad files with
// the same message (ours adds where: file and line).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { HAVE_SUPERVISOR, ourDump, removeTree, runRealSupervisord, supervisorDump, withoutLocation, writeTree } from './parity-helpers.js';
import { CTL_CASES, INVALID_CASES, QUIRK_CASES, QUIRK_INVALID_CASES, VALID_CASES } from './parity-cases.js';

for (const c of VALID_CASES) {
  test(`same reading as Supervisor: ${c.name}`, (t) => {
    if (!HAVE_SUPERVISOR) return t.skip('Supervisor 4.2.5 is not installed');
    const dir = writeTree(c.files);
    try {
      const file = path.join(dir, c.main ?? 'supervisord.conf');
      const theirs = supervisorDump('server', file, dir);
      assert.equal(theirs.error, undefined, `Supervisor rejected the case: ${theirs.error}`);
      assert.deepEqual(ourDump('server', file, dir), theirs);
    } finally {
      removeTree(dir);
    }
  });
}

for (const c of INVALID_CASES) {
  test(`same error as Supervisor: ${c.name}`, (t) => {
    if (!HAVE_SUPERVISOR) return t.skip('Supervisor 4.2.5 is not installed');
    const dir = writeTree(c.files);
    try {
      const file = path.join(dir, c.main ?? 'supervisord.conf');
      const theirs = supervisorDump('server', file, dir);
      const ours = ourDump('server', file, dir);
      assert.ok(theirs.error, 'Supervisor accepted the case');
      assert.ok(ours.error, 'we accepted the case');
      assert.equal(withoutLocation(ours.error), withoutLocation(theirs.error));
    } finally {
      removeTree(dir);
    }
  });
}

test('the real supervisord exits 2 with the same message prefix on a few bad files', (t) => {
  if (!HAVE_SUPERVISOR) return t.skip('Supervisor 4.2.5 is not installed');
  for (const name of ['missing command', 'bad signal name', 'parse errors', 'group names unknown program']) {
    const c = INVALID_CASES.find((x) => x.name === name)!;
    const dir = writeTree(c.files);
    try {
      const file = path.join(dir, 'supervisord.conf');
      const real = runRealSupervisord(file, dir);
      assert.equal(real.status, 2, name);
      const ours = ourDump('server', file, dir).error!;
      assert.ok(real.stderr.startsWith(`Error: ${withoutLocation(ours)}`), `${name}: ${real.stderr} vs ${ours}`);
      assert.match(real.stderr, /\nFor help, use \/usr\/bin\/supervisord -h\n$/);
    } finally {
      removeTree(dir);
    }
  }
});

for (const c of QUIRK_CASES) {
  test(`same reading as Supervisor (quirks): ${c.name}`, (t) => {
    if (!HAVE_SUPERVISOR) return t.skip('Supervisor 4.2.5 is not installed');
    const dir = writeTree(c.files);
    try {
      const file = path.join(dir, 'supervisord.conf');
      const theirs = supervisorDump('server', file, dir);
      assert.equal(theirs.error, undefined, `Supervisor rejected the case: ${theirs.error}`);
      assert.deepEqual(ourDump('server', file, dir), theirs);
    } finally {
      removeTree(dir);
    }
  });
}

for (const c of QUIRK_INVALID_CASES) {
  test(`same error as Supervisor (quirks): ${c.name}`, (t) => {
    if (!HAVE_SUPERVISOR) return t.skip('Supervisor 4.2.5 is not installed');
    const dir = writeTree(c.files);
    try {
      const file = path.join(dir, 'supervisord.conf');
      const theirs = supervisorDump('server', file, dir);
      const ours = ourDump('server', file, dir);
      assert.ok(theirs.error, 'Supervisor accepted the case');
      assert.ok(ours.error, `we accepted the case`);
      assert.equal(withoutLocation(ours.error), withoutLocation(theirs.error));
    } finally {
      removeTree(dir);
    }
  });
}

for (const c of CTL_CASES) {
  test(`supervisorctl reads [supervisorctl] like Supervisor: ${c.name}`, (t) => {
    if (!HAVE_SUPERVISOR) return t.skip('Supervisor 4.2.5 is not installed');
    const dir = writeTree(c.files);
    try {
      const file = path.join(dir, 'supervisord.conf');
      const theirs = supervisorDump('ctl', file, dir);
      const ours = ourDump('ctl', file, dir);
      if (theirs.error !== undefined) assert.equal(withoutLocation(ours.error ?? ''), theirs.error);
      else assert.deepEqual(ours, theirs);
    } finally {
      removeTree(dir);
    }
  });
}
