import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pyRepr, pyTupleRepr } from '../../../src/config/pyrepr.js';

test('repr of str picks quotes and escapes like CPython', () => {
  assert.equal(pyRepr('abc'), "'abc'");
  assert.equal(pyRepr("it's"), `"it's"`);
  assert.equal(pyRepr(`it's "x"`), `'it\\'s "x"'`);
  assert.equal(pyRepr('a\nb\t\\'), "'a\\nb\\t\\\\'");
  assert.equal(pyRepr('\x01é'), "'\\x01é'");
  assert.equal(pyTupleRepr(['Bad socket format %s', 'udp://x']), "('Bad socket format %s', 'udp://x')");
});
