import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pythonStrRepr } from '../../../src/process/py-repr.js';

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
