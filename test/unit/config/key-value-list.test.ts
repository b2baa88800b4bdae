import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyValuePairs, legacyShlexTokens } from '../../../src/config/key-value-list.js';

test('the verified examples of Supervisor 4.2.5', () => {
  assert.deepEqual(keyValuePairs('A="1",B="2"'), { A: '1', B: '2' });
  assert.deepEqual(keyValuePairs('A=1,B=2'), { A: '1', B: '2' });
  assert.deepEqual(keyValuePairs(`A='x,y',B="q r"`), { A: 'x,y', B: 'q r' });
  assert.deepEqual(keyValuePairs('A=""'), { A: '' });
  assert.deepEqual(keyValuePairs('A=1 , B=2'), { A: '1', B: '2' });
  assert.deepEqual(keyValuePairs('A=1;B=2'), { A: '1', B: '2' });
  assert.deepEqual(keyValuePairs('A=1,'), { A: '1' });
  assert.deepEqual(keyValuePairs(''), {});
  assert.deepEqual(keyValuePairs('PATH=/usr/bin:/bin,X=a.b-c+d(e)'), { PATH: '/usr/bin:/bin', X: 'a.b-c+d(e)' });
});

test('silent truncations', () => {
  assert.deepEqual(keyValuePairs('A=a b'), { A: 'a' });
  assert.deepEqual(keyValuePairs('A=$HOME'), { A: '$' });
  assert.deepEqual(keyValuePairs('A=x#y'), { A: 'x' });
  assert.deepEqual(keyValuePairs('A="a\\"b"'), { A: 'a\\' });
});

test('errors name the whole value', () => {
  for (const bad of ['A=', 'A=1,,B=2', 'K=v=w', 'A=a*b', 'A=1 B=2', 'A=x,B']) {
    assert.throws(() => keyValuePairs(bad), { message: `Unexpected end of key/value pairs in value '${bad}'` });
  }
  assert.throws(() => keyValuePairs('A="open'), { message: 'No closing quotation' });
});

test('tokens keep quotes and split punctuation like non-POSIX shlex', () => {
  assert.deepEqual(legacyShlexTokens(`A="x y",B='z'`), ['A', '=', '"x y"', ',', 'B', '=', "'z'"]);
  assert.deepEqual(legacyShlexTokens('ab"c d"'), ['ab"c', 'd"']);
});
