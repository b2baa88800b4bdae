import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  autoRestart,
  boolean,
  byteSize,
  exitCodes,
  inetAddress,
  integer,
  listOfStrings,
  logLevel,
  octal,
  processOrGroupName,
  signalNumber,
  url,
} from '../../../src/config/datatypes.js';

test('boolean: yes/true/on/1 and no/false/off/0, any case', () => {
  for (const v of ['yes', 'TRUE', 'On', '1']) assert.equal(boolean(v), true);
  for (const v of ['no', 'False', 'OFF', '0']) assert.equal(boolean(v), false);
  assert.throws(() => boolean('maybe'), { message: "not a valid boolean value: 'maybe'" });
  assert.throws(() => boolean(' yes'), { message: "not a valid boolean value: ' yes'" });
});

test('integer: Python int() rules and message', () => {
  assert.equal(integer(' 42 '), 42);
  assert.equal(integer('-3'), -3);
  assert.equal(integer('+1_000'), 1000);
  assert.throws(() => integer('1.5'), { message: "invalid literal for int() with base 10: '1.5'" });
  assert.throws(() => integer(''), { message: "invalid literal for int() with base 10: ''" });
});

test('byte sizes: two-letter suffixes, any case, spaces allowed', () => {
  assert.equal(byteSize('1MB'), 1024 ** 2);
  assert.equal(byteSize('1mb'), 1024 ** 2);
  assert.equal(byteSize('1 MB'), 1024 ** 2);
  assert.equal(byteSize('1kB'), 1024);
  assert.equal(byteSize('2GB'), 2 * 1024 ** 3);
  assert.equal(byteSize('-5'), -5);
  assert.equal(byteSize('0'), 0);
  assert.throws(() => byteSize('1M'), { message: "invalid literal for int() with base 10: '1m'" });
  assert.throws(() => byteSize('1.5MB'), { message: "invalid literal for int() with base 10: '1.5'" });
});

test('signals by name (SIG prefix optional, any case, spaces) or number', () => {
  assert.equal(signalNumber('TERM'), 15);
  assert.equal(signalNumber('sigusr1'), 10);
  assert.equal(signalNumber(' hup '), 1);
  assert.equal(signalNumber('15'), 15);
  assert.equal(signalNumber('RTMIN'), 34);
  assert.throws(() => signalNumber('FOO'), { message: "value 'FOO' is not a valid signal name" });
  assert.throws(() => signalNumber('999'), { message: "value '999' is not a valid signal number" });
  assert.throws(() => signalNumber('33'), { message: "value '33' is not a valid signal number" });
});

test('octal: int(v, 8)', () => {
  assert.equal(octal('022'), 0o22);
  assert.equal(octal('0o22'), 0o22);
  assert.equal(octal('777'), 0o777);
  assert.throws(() => octal('8'), { message: '8 can not be converted to an octal type' });
  assert.throws(() => octal('0x1'), { message: '0x1 can not be converted to an octal type' });
});

test('autorestart: booleans, unexpected, else an error with the lower-cased value', () => {
  assert.equal(autoRestart('TRUE'), 'true');
  assert.equal(autoRestart('off'), 'false');
  assert.equal(autoRestart('Unexpected'), 'unexpected');
  assert.throws(() => autoRestart('Sometimes'), { message: "invalid 'autorestart' value 'sometimes'" });
});

test('exit codes: comma list of 0..255, empty list allowed', () => {
  assert.deepEqual(exitCodes('0, 2 ,255'), [0, 2, 255]);
  assert.deepEqual(exitCodes(''), []);
  assert.throws(() => exitCodes('0,256'), { message: "not a valid list of exit codes: '0,256'" });
  assert.throws(() => exitCodes('0,'), { message: "not a valid list of exit codes: '0,'" });
});

test('log levels: the seven names only', () => {
  assert.equal(logLevel('BLATHER'), 'blather');
  assert.equal(logLevel('warn'), 'warn');
  for (const bad of ['warning', 'crit', 'err']) {
    assert.throws(() => logLevel(bad), { message: `bad logging level name '${bad}'` });
  }
});

test('process and group names refuse space, colon and slash', () => {
  assert.equal(processOrGroupName(' web '), 'web');
  assert.equal(processOrGroupName(''), '');
  assert.throws(() => processOrGroupName('a b'), { message: "Invalid name: 'a b' because of character: ' '" });
  assert.throws(() => processOrGroupName('a:b'), { message: "Invalid name: 'a:b' because of character: ':'" });
  assert.throws(() => processOrGroupName('a/b'), { message: "Invalid name: 'a/b' because of character: '/'" });
});

test('inet addresses', () => {
  assert.deepEqual(inetAddress('9001'), { host: '', port: 9001 });
  assert.deepEqual(inetAddress(':9001'), { host: '', port: 9001 });
  assert.deepEqual(inetAddress('*:9001'), { host: '', port: 9001 });
  assert.deepEqual(inetAddress('LocalHost:9001'), { host: 'localhost', port: 9001 });
  assert.deepEqual(inetAddress('[::1]:9001'), { host: '[::1]', port: 9001 });
  assert.throws(() => inetAddress('abc'), { message: "not a valid port number: 'abc' " });
  assert.throws(() => inetAddress('h:'), { message: "no port number specified in ''" });
  assert.throws(() => inetAddress('h:70000'), { message: '70000 is above upper bound (65535)' });
  assert.throws(() => inetAddress('h:0'), { message: '0 is below lower bound (1)' });
});

test('lists of strings and URLs', () => {
  assert.deepEqual(listOfStrings(' a, b ,c'), ['a', 'b', 'c']);
  assert.deepEqual(listOfStrings(''), []);
  assert.equal(url('unix:///tmp/s.sock'), 'unix:///tmp/s.sock');
  assert.equal(url('http://localhost:9001'), 'http://localhost:9001');
  assert.throws(() => url('localhost'), { message: "value 'localhost' is not a URL" });
});
