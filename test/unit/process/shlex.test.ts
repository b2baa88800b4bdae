import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shlexSplit } from '../../../src/process/shlex.js';

// expectations produced by Python 3's shlex.split
const CASES: Array<[string, string[] | { error: string }]> = [
  ['a b c', ['a', 'b', 'c']],
  ['  lead  trail  ', ['lead', 'trail']],
  ["a 'b c' d", ['a', 'b c', 'd']],
  ['a "b c" d', ['a', 'b c', 'd']],
  ['a\\ b', ['a b']],
  ["''", ['']],
  ['a "" b', ['a', '', 'b']],
  ['x"y z"w', ['xy zw']],
  ["'a\\b'", ['a\\b']],
  ['"a\\b"', ['a\\b']],
  ['"a\\"b"', ['a"b']],
  ['"a\\\\b"', ['a\\b']],
  ['a\\\\b', ['a\\b']],
  ['#notcomment x', ['#notcomment', 'x']],
  ['tab\there\nnl', ['tab', 'here', 'nl']],
  ['"a\\\nb"', ['a\\\nb']],
  ['a\\\nb', ['a\nb']],
  ["it's", { error: 'No closing quotation' }],
  ['a "b', { error: 'No closing quotation' }],
  ["a 'b", { error: 'No closing quotation' }],
  ['a\\', { error: 'No escaped character' }],
  ['"a\\', { error: 'No escaped character' }],
  ['', []],
  ['   ', []],
  ['sh -c "echo $HOME; exit 3"', ['sh', '-c', 'echo $HOME; exit 3']],
  ['a\u000bb', ['a\u000bb']],
];

for (const [input, expected] of CASES) {
  test(`shlexSplit ${JSON.stringify(input)}`, () => {
    if (Array.isArray(expected)) {
      assert.deepEqual(shlexSplit(input), expected);
    } else {
      assert.throws(() => shlexSplit(input), { message: expected.error });
    }
  });
}
