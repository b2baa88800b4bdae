import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expand, pyFormat } from '../../../src/config/expand.js';
import { ValueError } from '../../../src/config/errors.js';

const names = { program_name: 'web', process_num: 7, here: '/etc', numprocs: 2 };

test('named specs with printf flags, width and precision', () => {
  assert.equal(pyFormat('%(program_name)s_%(process_num)02d', names), 'web_07');
  assert.equal(pyFormat('%(process_num)d/%(numprocs)d', names), '7/2');
  assert.equal(pyFormat('[%(program_name)-5s]', names), '[web  ]');
  assert.equal(pyFormat('[%(program_name)5s]', names), '[  web]');
  assert.equal(pyFormat('%(program_name).2s', names), 'we');
  assert.equal(pyFormat('%(process_num)+04d', names), '+007');
  assert.equal(pyFormat('%(process_num)x %(process_num)#o %(process_num)X', { process_num: 255 }), 'ff 0o377 FF');
  assert.equal(pyFormat('%(process_num)r %(here)r', names), "7 '/etc'");
  assert.equal(pyFormat('%(process_num).3f', names), '7.000');
  assert.equal(pyFormat('%(process_num)e', names), '7.000000e+00');
  assert.equal(pyFormat('%(process_num)g', names), '7');
  assert.equal(pyFormat('%(process_num)s', names), '7');
});

test('%% is a literal percent and text without specs is unchanged', () => {
  assert.equal(pyFormat('100%% of %(here)s', names), '100% of /etc');
  assert.equal(pyFormat('%%(here)s', names), '%(here)s');
  assert.equal(pyFormat('plain', {}), 'plain');
});

test('unknown names: Supervisor message with the sorted available names', () => {
  assert.throws(() => expand('%(nope)s', { b: 1, a: 'x' }, 'program:x.command'), {
    message:
      "Format string '%(nope)s' for 'program:x.command' contains names ('nope') which cannot be expanded. " +
      'Available names: a, b',
  });
});

test('bad syntax: Python error texts', () => {
  const bad = (s: string, msg: string): void =>
    assert.throws(() => expand(s, names, 'x'), (e: unknown) => e instanceof ValueError && e.message === `Format string ${JSON.stringify(s).replace(/"/g, "'")} for 'x' is badly formatted: ${msg}`);
  bad('100%', 'incomplete format');
  bad('%(here', 'incomplete format key');
  bad('%(here)', 'incomplete format');
  bad('%y', "unsupported format character 'y' (0x79) at index 1");
  bad('%(here)z', "unsupported format character 'z' (0x7a) at index 7");
  bad('%(here)d', '%d format: a real number is required, not str');
  bad('%(here)*d', '* wants int');
});

test('a positional %s is refused with a hint (Python would print the whole dict)', () => {
  assert.throws(() => expand('date +%s', names, 'c'), /badly formatted: '%s' has no \(name\): write %%s/);
});
