import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePythonInt, parsePythonIntBytes, parsePythonOctal } from '../../../src/python/int.js';

test('parsePythonInt takes what int(str) takes', () => {
  assert.equal(parsePythonInt(' 42 '), 42);
  assert.equal(parsePythonInt('+1_000'), 1000);
  assert.ok(Object.is(parsePythonInt('-0'), 0));
  assert.equal(parsePythonInt('1__0'), null);
  assert.equal(parsePythonInt('0x10'), null);
  assert.equal(parsePythonInt(''), null);
});

test('parsePythonIntBytes strips only ASCII whitespace, like int(bytes)', () => {
  assert.equal(parsePythonIntBytes(Buffer.from('\t12\n')), 12);
  assert.equal(parsePythonIntBytes(Buffer.from('-3')), -3);
  assert.equal(parsePythonIntBytes(Buffer.from([0xa0, 0x31])), null);
  assert.equal(parsePythonIntBytes(Buffer.from('RESULT 2').subarray(7)), 2);
});

test('parsePythonOctal takes what int(text, 8) takes', () => {
  assert.equal(parsePythonOctal('0o755'), 0o755);
  assert.equal(parsePythonOctal('022'), 0o22);
  assert.equal(parsePythonOctal('8'), null);
});
