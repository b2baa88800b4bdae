import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IniDocument } from '../../../src/config/ini.js';
import { ConfigError } from '../../../src/config/errors.js';

function parse(text: string, file = '/etc/x.conf'): IniDocument {
  const doc = new IniDocument();
  doc.read(text, file);
  return doc;
}

test('sections are case-sensitive, option names lower-cased, both separators, whitespace stripped', () => {
  const doc = parse('[Program:x]\nA = 1\n[program:x]\nCommand : /bin/true\n');
  assert.deepEqual(doc.sectionNames(), ['Program:x', 'program:x']);
  assert.equal(doc.get('Program:x', 'a')?.value, '1');
  assert.equal(doc.get('program:x', 'command')?.value, '/bin/true');
});

test('the first = or : separates key and value', () => {
  const doc = parse('[s]\nurl=http://h:1/x=y\nk:v=w\n');
  assert.equal(doc.get('s', 'url')?.value, 'http://h:1/x=y');
  assert.equal(doc.get('s', 'k')?.value, 'v=w');
});

test('inline comments only after whitespace; full-line comments with ; or #', () => {
  const doc = parse('; c\n  # c\n[s]\na = v ;c\nb = v;x\nc = v #c\nd = v#x\ne = bash -c \'a ; b\'\nf =\n');
  assert.equal(doc.get('s', 'a')?.value, 'v');
  assert.equal(doc.get('s', 'b')?.value, 'v;x');
  assert.equal(doc.get('s', 'c')?.value, 'v');
  assert.equal(doc.get('s', 'd')?.value, 'v#x');
  assert.equal(doc.get('s', 'e')?.value, "bash -c 'a");
  assert.equal(doc.get('s', 'f')?.value, '');
});

test('continuation lines join with newlines; blank lines inside kept, trailing ones dropped', () => {
  const doc = parse('[s]\na = one\n  two\n\n   three\n\nb = x\n');
  assert.equal(doc.get('s', 'a')?.value, 'one\ntwo\n\nthree');
  assert.equal(doc.get('s', 'b')?.value, 'x');
});

test('an indented section header after an option is a continuation line', () => {
  const doc = parse('[s]\na = 1\n  [t]\nb = 2\n');
  assert.equal(doc.get('s', 'a')?.value, '1\n[t]');
  assert.equal(doc.has('t'), false);
});

test('duplicates merge, last value wins, and lines are tracked per value', () => {
  const doc = parse('[s]\na=1\nb=2\n[s]\na=3\n');
  assert.deepEqual(doc.get('s', 'a'), { value: '3', file: '/etc/x.conf', line: 5 });
  doc.read('[s]\nb=9\n', '/etc/inc.conf');
  assert.deepEqual(doc.get('s', 'b'), { value: '9', file: '/etc/inc.conf', line: 2 });
  assert.equal(doc.sections.get('s')?.file, '/etc/x.conf');
  assert.equal(doc.sections.get('s')?.line, 1);
});

test('[DEFAULT] keys are visible in every section and listed after own options', () => {
  const doc = parse('[DEFAULT]\nz=1\na=0\n[s]\na=2\n');
  assert.equal(doc.get('s', 'z')?.value, '1');
  assert.equal(doc.get('s', 'a')?.value, '2');
  assert.deepEqual(doc.options('s'), ['a', 'z']);
  assert.deepEqual(doc.sectionNames(), ['s']);
});

test('CRLF and CR line endings are accepted', () => {
  const doc = parse('[s]\r\na=1\r\nb=2\rc=3');
  assert.equal(doc.get('s', 'b')?.value, '2');
  assert.equal(doc.get('s', 'c')?.value, '3');
});

test('parsing errors list every bad line like ConfigParser', () => {
  assert.throws(
    () => parse('[supervisord]\nfoo bar\n  [x\n=v\n', 'a.conf'),
    (e: unknown) =>
      e instanceof ConfigError &&
      e.message === "Source contains parsing errors: 'a.conf'\n\t[line  2]: 'foo bar\\n'\n\t[line  3]: '  [x\\n'\n\t[line  4]: '=v\\n'",
  );
});

test('an option before any section header is reported at once', () => {
  assert.throws(() => parse('a=b\n[s]\n', 'b.conf'), {
    message: "File contains no section headers.\nfile: 'b.conf', line: 1\n'a=b\\n'",
  });
});

test('expandHere rewrites %(here)s textually, including inherited DEFAULT values', () => {
  const doc = parse('[DEFAULT]\nd=%(here)s/d\n[s]\na=%(here)s/a\n');
  doc.expandHere('/main');
  doc.read('[t]\nb=%(here)s/b\n', '/inc/t.conf');
  doc.expandHere('/inc');
  assert.equal(doc.get('s', 'a')?.value, '/main/a');
  assert.equal(doc.get('s', 'd')?.value, '/main/d');
  assert.equal(doc.get('t', 'b')?.value, '/inc/b');
  assert.equal(doc.get('t', 'd')?.value, '/inc/d');
});
