import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constants } from 'node:os';
import { knownSignals, signalNumber, signame, supervisorSignalNumber } from '../../../src/python/signals.js';

test('signame uses the names Python reports, aliases resolved like its table', () => {
  assert.equal(signame(15), 'SIGTERM');
  assert.equal(signame(9), 'SIGKILL');
  assert.equal(signame(6), 'SIGABRT');
  assert.equal(signame(17), 'SIGCHLD');
  assert.equal(signame(29), 'SIGPOLL');
  assert.equal(signame(31), 'SIGSYS');
  assert.equal(signame(32), 'signal 32');
  assert.equal(signame(99), 'signal 99');
});

test('signalNumber accepts names with or without SIG, any case, aliases and numbers', () => {
  assert.equal(signalNumber('TERM'), 15);
  assert.equal(signalNumber('sigterm'), 15);
  assert.equal(signalNumber('SIGIO'), 29);
  assert.equal(signalNumber('IOT'), 6);
  assert.equal(signalNumber('9'), 9);
  assert.equal(signalNumber(1), 1);
  assert.equal(signalNumber('NOPE'), undefined);
  assert.equal(signalNumber(33), undefined);
});

test('the table agrees with the numbers node knows for this platform', () => {
  const nodeSignals = constants.signals as Record<string, number>;
  for (const n of knownSignals()) {
    const name = signame(n);
    if (name in nodeSignals) assert.equal(nodeSignals[name], n, name);
  }
});

test("supervisorSignalNumber follows Supervisor's signal_number(), SIG_ constants and int() spellings included", () => {
  assert.deepEqual(supervisorSignalNumber(' hup '), { signo: 1 });
  assert.deepEqual(supervisorSignalNumber('SIG_DFL'), { signo: 0 });
  assert.deepEqual(supervisorSignalNumber('1_5'), { signo: 15 });
  assert.deepEqual(supervisorSignalNumber(9.7), { signo: 9 });
  assert.deepEqual(supervisorSignalNumber('NOPE'), { problem: 'not a valid signal name' });
  assert.deepEqual(supervisorSignalNumber('33'), { problem: 'not a valid signal number' });
  assert.deepEqual(supervisorSignalNumber(Number.NaN), { problem: 'not a valid signal number' });
});
