import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ProcessState } from '../../../src/core/states.js';
import { bindErrorMessage, ADDRESS_IN_USE_MESSAGE } from '../../../src/rpc/listen.js';
import { cappedInt, describeProcess, formatStopTime, formatTimedelta } from '../../../src/rpc/process-info.js';
import { parseSignal } from '../../../src/rpc/signals.js';
import { makeNamespec, splitNamespec } from '../../../src/rpc/namespec.js';
import { checkBasicAuth } from '../../../src/rpc/auth.js';
import { RpcFault, faultName } from '../../../src/rpc/faults.js';
import { unquote } from '../../../src/rpc/http.js';

test('uptime formats like Python timedelta', () => {
  assert.equal(formatTimedelta(5), '0:00:05');
  assert.equal(formatTimedelta(3599), '0:59:59');
  assert.equal(formatTimedelta(36000), '10:00:00');
  assert.equal(formatTimedelta(86400 + 2 * 3600 + 3 * 60 + 4), '1 day, 2:03:04');
  assert.equal(formatTimedelta(5 * 86400 + 7 * 3600 + 18 * 60 + 14), '5 days, 7:18:14');
  assert.equal(formatTimedelta(-10), '0:00:00');
});

test('stop time matches Python strftime in local time', (t) => {
  if (!existsSync('/usr/bin/python3')) return t.skip('no python');
  for (const epoch of [0, 1_700_000_000, 1_700_040_000, 1_712_345_678]) {
    const py = execFileSync('/usr/bin/python3', ['-c',
      `import time, datetime; print(datetime.datetime(*time.localtime(${epoch})[:7]).strftime('%b %d %I:%M %p'))`],
    { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } }).trim();
    assert.equal(formatStopTime(epoch), py);
  }
});

test('descriptions per state', () => {
  const base = { start: 100, stop: 0, now: 105, pid: 7, spawnerr: '', name: 'cat' };
  assert.equal(describeProcess({ ...base, state: ProcessState.RUNNING }), 'pid 7, uptime 0:00:05');
  assert.equal(describeProcess({ ...base, state: ProcessState.FATAL }), 'unknown error (try "tail cat")');
  assert.equal(describeProcess({ ...base, state: ProcessState.BACKOFF, spawnerr: 'Exited too quickly' }), 'Exited too quickly');
  assert.equal(describeProcess({ ...base, state: ProcessState.STOPPED, start: 0 }), 'Not started');
  assert.equal(describeProcess({ ...base, state: ProcessState.STARTING }), '');
  assert.equal(cappedInt(2 ** 40), 2 ** 31 - 1);
  assert.equal(cappedInt(12.9), 12);
});

test('signal parsing follows signal_number()', () => {
  assert.equal(parseSignal('HUP'), 1);
  assert.equal(parseSignal(' sigterm '), 15);
  assert.equal(parseSignal('9'), 9);
  assert.equal(parseSignal(12), 12);
  assert.equal(parseSignal('RTMIN'), 34);
  assert.equal(parseSignal('0'), 0);
  assert.equal(parseSignal('33'), null);
  assert.equal(parseSignal('FOO'), null);
  assert.equal(parseSignal(''), null);
});

test('namespecs', () => {
  assert.deepEqual(splitNamespec('cat'), ['cat', 'cat']);
  assert.deepEqual(splitNamespec('g:p'), ['g', 'p']);
  assert.deepEqual(splitNamespec('g:'), ['g', null]);
  assert.deepEqual(splitNamespec('g:*'), ['g', null]);
  assert.deepEqual(splitNamespec('g:p:q'), ['g', 'p:q']);
  assert.equal(makeNamespec('cat', 'cat'), 'cat');
  assert.equal(makeNamespec('g', 'p'), 'g:p');
});

test('basic auth verdicts', () => {
  const b = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;
  assert.equal(checkBasicAuth(b('u:p'), 'u', 'p'), 'ok');
  assert.equal(checkBasicAuth(b('u:p:x'), 'u', 'p:x'), 'ok');
  assert.equal(checkBasicAuth(b('u:p'), 'u', '{SHA}' + 'a'.repeat(40)), 'unauthorized');
  assert.equal(checkBasicAuth(b('u:'), 'u', '{SHA}da39a3ee5e6b4b0d3255bfef95601890afd80709'), 'ok');
  assert.equal(checkBasicAuth(undefined, 'u', 'p'), 'unauthorized');
  assert.equal(checkBasicAuth('basic !!!', 'u', 'p'), 'malformed');
  assert.equal(checkBasicAuth(b('nocolon'), 'u', 'p'), 'unauthorized');
});

test('faults and bind errors read like Supervisor', () => {
  assert.equal(new RpcFault(10, 'foo').text, 'BAD_NAME: foo');
  assert.equal(new RpcFault(20, null).text, 'NO_FILE');
  assert.equal(faultName(12345), 'UNKNOWN');
  assert.equal(bindErrorMessage(Object.assign(new Error('x'), { code: 'EADDRINUSE' })), ADDRESS_IN_USE_MESSAGE);
  assert.equal(
    bindErrorMessage(Object.assign(new Error('x'), { code: 'EACCES' })),
    'Cannot open an HTTP server: socket.error reported errno.EACCES (13)',
  );
});

test('URL paths are unquoted like Python', () => {
  assert.equal(unquote('/logtail/web%3Aa/stderr'), '/logtail/web:a/stderr');
  assert.equal(unquote('/x%C3%A9%zz%'), '/xé%zz%');
  assert.equal(unquote('/bad%FF'), '/bad\uFFFD');
});
