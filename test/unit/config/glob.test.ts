import { test } from 'node:test';
import assert from 'node:assert/strict';
import { componentRegex, pyGlob } from '../../../src/config/glob.js';
import { removeTree, tempTree } from './helpers.js';

test('fnmatch patterns: *, ?, sets, negated sets, unclosed bracket', () => {
  assert.ok(componentRegex('*.conf').test('a.conf'));
  assert.ok(!componentRegex('*.conf').test('a.conf.bak'));
  assert.ok(componentRegex('x?.ini').test('x1.ini'));
  assert.ok(componentRegex('[ab].c').test('b.c'));
  assert.ok(!componentRegex('[!ab].c').test('a.c'));
  assert.ok(componentRegex('[!ab].c').test('z.c'));
  assert.ok(componentRegex('a[').test('a['));
  assert.ok(componentRegex('a(b)+').test('a(b)+'));
});

test('glob: hidden files only for dot patterns, magic in directories, plain paths must exist', () => {
  const dir = tempTree({ 'c/a.conf': '', 'c/.h.conf': '', 'c/b.txt': '', 'd1/x.conf': '', 'd2/x.conf': '', 'd2/sub/x.conf': '' });
  try {
    assert.deepEqual(pyGlob(`${dir}/c/*.conf`), [`${dir}/c/a.conf`]);
    assert.deepEqual(pyGlob(`${dir}/c/.*.conf`), [`${dir}/c/.h.conf`]);
    assert.deepEqual(pyGlob(`${dir}/d*/x.conf`).sort(), [`${dir}/d1/x.conf`, `${dir}/d2/x.conf`]);
    assert.deepEqual(pyGlob(`${dir}/c/b.txt`), [`${dir}/c/b.txt`]);
    assert.deepEqual(pyGlob(`${dir}/c/none.txt`), []);
    assert.deepEqual(pyGlob(`${dir}/nodir/*.conf`), []);
    // not normalised, like Python
    assert.deepEqual(pyGlob(`${dir}/d2/sub/../*.conf`), [`${dir}/d2/sub/../x.conf`]);
    // ** is not recursive
    assert.deepEqual(pyGlob(`${dir}/**/x.conf`).sort(), [`${dir}/d1/x.conf`, `${dir}/d2/x.conf`]);
  } finally {
    removeTree(dir);
  }
});
