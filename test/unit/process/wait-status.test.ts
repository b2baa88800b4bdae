import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeExit, describeWaitStatus } from '../../../src/process/wait-status.js';

test('normal exits keep their code', () => {
  assert.deepEqual(describeExit(0, null), { exitstatus: 0, description: 'exit status 0', signo: null });
  assert.deepEqual(describeExit(3, null), { exitstatus: 3, description: 'exit status 3', signo: null });
});

test('signal deaths are exitstatus -1 with Python signal names', () => {
  assert.deepEqual(describeExit(null, 'SIGTERM'), { exitstatus: -1, description: 'terminated by SIGTERM', signo: 15 });
  assert.equal(describeExit(null, 'SIGIO').description, 'terminated by SIGPOLL');
  assert.equal(describeExit(null, 'SIGSEGV', true).description, 'terminated by SIGSEGV (core dumped)');
  assert.equal(describeExit(null, 9).description, 'terminated by SIGKILL');
});

test('raw wait statuses decode like decode_wait_status', () => {
  assert.equal(describeWaitStatus(0).description, 'exit status 0');
  assert.equal(describeWaitStatus(2 << 8).description, 'exit status 2');
  assert.equal(describeWaitStatus(2 << 8).exitstatus, 2);
  assert.equal(describeWaitStatus(15).description, 'terminated by SIGTERM');
  assert.equal(describeWaitStatus(15).exitstatus, -1);
  assert.equal(describeWaitStatus(11 | 0x80).description, 'terminated by SIGSEGV (core dumped)');
  assert.equal(describeWaitStatus(0x137f).description, 'unknown termination cause 0x137f');
});
