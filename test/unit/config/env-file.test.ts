import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadEnvFiles, parseEnvFile } from '../../../src/config/env-file.js';
import { removeTree, tempTree } from './helpers.js';

test('.env syntax: comments, blanks, export, quoting rules', () => {
  const text = [
    '# comment',
    '',
    'PLAIN = hello world  ',
    'export EXPORTED=1',
    "SINGLE='literal \\n $x'",
    'DOUBLE="a\\nb\\tc \\"q\\" \\\\ end"',
    'EMPTY=',
    'HASH=a#b',
    'COMMENTED=value # note',
    "QUOTED_COMMENT='v' # note",
  ].join('\n');
  assert.deepEqual(parseEnvFile(text, '/x/.env'), {
    PLAIN: 'hello world',
    EXPORTED: '1',
    SINGLE: 'literal \\n $x',
    DOUBLE: 'a\nb\tc "q" \\ end',
    EMPTY: '',
    HASH: 'a#b',
    COMMENTED: 'value',
    QUOTED_COMMENT: 'v',
  });
});

test('malformed lines name the file and line', () => {
  assert.throws(() => parseEnvFile('A=1\nnot a pair\n', '/x/.env'), {
    message: 'env_file /x/.env, line 2: expected KEY=value, got "not a pair"',
  });
  assert.throws(() => parseEnvFile('1BAD=x', '/x/.env'), { message: 'env_file /x/.env, line 1: invalid variable name "1BAD"' });
  assert.throws(() => parseEnvFile('A="open', '/x/.env'), { message: 'env_file /x/.env, line 1: missing closing double quote' });
  assert.throws(() => parseEnvFile("A='open", '/x/.env'), { message: 'env_file /x/.env, line 1: missing closing single quote' });
  assert.throws(() => parseEnvFile("A='v' junk", '/x/.env'), { message: 'env_file /x/.env, line 1: unexpected text after the closing quote: junk' });
});

test('several files, relative to a base dir, later ones win; a missing file is an error', () => {
  const dir = tempTree({ 'a.env': 'A=1\nB=1\n', 'sub/b.env': 'B=2\n' });
  try {
    assert.deepEqual(loadEnvFiles('a.env\n  sub/b.env', dir), { A: '1', B: '2' });
    assert.throws(() => loadEnvFiles('nope.env', dir), { message: `env_file ${path.join(dir, 'nope.env')}: cannot be read (ENOENT)` });
  } finally {
    removeTree(dir);
  }
});
