import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync } from 'node:fs';
import { dup2, setCloseOnExec } from '../../../src/os/ffi.js';
import { closeInheritedFdsOnExec } from '../../../src/os/fds.js';

test('every fd >= 3 becomes close-on-exec, stdio is left alone', () => {
  const source = openSync('/dev/null', 'r');
  const inherited = 203;
  dup2(source, inherited); // dup2 clears close-on-exec, like an fd inherited from a shell
  try {
    closeInheritedFdsOnExec();
    assert.equal(setCloseOnExec(inherited), false, 'already close-on-exec');
  } finally {
    closeSync(inherited);
    closeSync(source);
  }
});
