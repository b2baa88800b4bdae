import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { getExecArgs, searchPath, toFacadeExecCheck } from '../../../src/process/exec-check.js';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'exec-check-'));
  writeFileSync(join(dir, 'runme'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(dir, 'runme'), 0o755);
  writeFileSync(join(dir, 'plain'), 'data');
  chmodSync(join(dir, 'plain'), 0o644);
  mkdirSync(join(dir, 'adir'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const noEnv = { programEnvironment: null };

test('a path with a slash is used as is and split into argv', () => {
  const r = getExecArgs(`${dir}/runme -x "two words"`, noEnv);
  assert.deepEqual(r, { ok: true, filename: `${dir}/runme`, argv: [`${dir}/runme`, '-x', 'two words'] });
});

test('a bare name is searched on the program PATH first', () => {
  const r = getExecArgs('runme arg', { programEnvironment: { PATH: `/nonexistent:${dir}` }, supervisordEnvironment: { PATH: '/bin' } });
  assert.deepEqual(r, { ok: true, filename: join(dir, 'runme'), argv: ['runme', 'arg'] });
});

test('without a program PATH, supervisord PATH, then the default, are searched', () => {
  assert.deepEqual(searchPath({ programEnvironment: { OTHER: '1' }, supervisordEnvironment: { PATH: `${dir}:/x` } }), [dir, '/x']);
  assert.deepEqual(searchPath({ programEnvironment: null, supervisordEnvironment: {} }), ['/bin', '/usr/bin', '/usr/local/bin']);
  const r = getExecArgs('runme', { programEnvironment: null, supervisordEnvironment: { PATH: dir } });
  assert.equal(r.ok && r.filename, join(dir, 'runme'));
});

test('failures carry Supervisor texts and kinds', () => {
  const cases: Array<[string, string, string]> = [
    ['', 'BAD_COMMAND', 'command is empty'],
    ['   ', 'BAD_COMMAND', 'command is empty'],
    ['"unterminated', 'BAD_COMMAND', `can't parse command '"unterminated': No closing quotation`],
    ["it's", 'BAD_COMMAND', `can't parse command "it's": No closing quotation`],
    ['trailing\\', 'BAD_COMMAND', `can't parse command 'trailing\\\\': No escaped character`],
    ['surely-not-a-command-xyz', 'NO_FILE', "can't find command 'surely-not-a-command-xyz'"],
    [`${dir}/missing`, 'NO_FILE', `can't find command '${dir}/missing'`],
    [`${dir}/adir`, 'NOT_EXECUTABLE', `command at '${dir}/adir' is a directory`],
    [`${dir}/plain`, 'NOT_EXECUTABLE', `command at '${dir}/plain' is not executable`],
  ];
  for (const [command, kind, message] of cases) {
    const r = getExecArgs(command, { programEnvironment: { PATH: dir } });
    assert.deepEqual(r, { ok: false, kind, message }, command);
  }
});

test('the facade view maps BadCommand and NoPermission to NOT_EXECUTABLE like startProcess', () => {
  assert.equal(toFacadeExecCheck(getExecArgs('', noEnv)).ok, false);
  assert.deepEqual(toFacadeExecCheck(getExecArgs('', noEnv)), { ok: false, kind: 'NOT_EXECUTABLE', message: 'command is empty' });
  assert.deepEqual(toFacadeExecCheck(getExecArgs(`${dir}/missing`, noEnv)).ok, false);
  const missing = toFacadeExecCheck(getExecArgs(`${dir}/missing`, noEnv));
  assert.equal(!missing.ok && missing.kind, 'NO_FILE');
  assert.deepEqual(toFacadeExecCheck(getExecArgs(`${dir}/runme`, noEnv)), { ok: true });
});

test('PATH entries are joined like posixpath.join, without normalising', () => {
  const rel = relative(process.cwd(), dir);
  const r = getExecArgs('runme', { programEnvironment: { PATH: `${rel}/./` } });
  assert.equal(r.ok && r.filename, `${rel}/./runme`);
  const r2 = getExecArgs('runme', { programEnvironment: { PATH: `${dir}//` } });
  assert.equal(r2.ok && r2.filename, `${dir}//runme`);
});
