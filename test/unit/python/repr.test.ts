import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pyRepr, pyTupleRepr } from '../../../src/python/repr.js';

const pythonStrRepr = pyRepr;

test('repr of str picks quotes and escapes like CPython', () => {
  assert.equal(pyRepr('abc'), "'abc'");
  assert.equal(pyRepr("it's"), `"it's"`);
  assert.equal(pyRepr(`it's "x"`), `'it\\'s "x"'`);
  assert.equal(pyRepr('a\nb\t\\'), "'a\\nb\\t\\\\'");
  assert.equal(pyRepr('\x01é'), "'\\x01é'");
  assert.equal(pyTupleRepr(['Bad socket format %s', 'udp://x']), "('Bad socket format %s', 'udp://x')");
});

test('repr quotes like CPython', () => {
  assert.equal(pythonStrRepr('foo'), "'foo'");
  assert.equal(pythonStrRepr("it's"), `"it's"`);
  assert.equal(pythonStrRepr(`it's "x"`), `'it\\'s "x"'`);
  assert.equal(pythonStrRepr('a\\b'), "'a\\\\b'");
});

test('repr escapes control and non-printable characters, keeps printable unicode', () => {
  assert.equal(pythonStrRepr('a\tb\nc\rd'), "'a\\tb\\nc\\rd'");
  assert.equal(pythonStrRepr('\x01\x7f'), "'\\x01\\x7f'");
  assert.equal(pythonStrRepr('caf\u00e9 \u2603'), "'caf\u00e9 \u2603'");
  assert.equal(pythonStrRepr('\u00a0'), "'\\xa0'");
  assert.equal(pythonStrRepr('\u200b'), "'\\u200b'");
});
