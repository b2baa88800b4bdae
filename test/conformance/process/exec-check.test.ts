// Our exec check against the real Supervisor's Subprocess.get_execv_args, same commands, same files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getExecArgs } from '../../../src/process/exec-check.js';
import { shlexSplit } from '../../../src/process/shlex.js';

const PYTHON = '/usr/bin/python3';
const haveSupervisor = existsSync('/usr/bin/supervisord') && existsSync(PYTHON);

const PY_CHECK = `
import json, sys
from supervisor.process import Subprocess
from supervisor.options import ServerOptions, ProcessConfig
class Stub: pass
out = []
for command, env in json.loads(sys.stdin.read()):
    cfg = Stub(); cfg.command = command; cfg.options = ServerOptions(); cfg.environment = env
    cfg.get_path = (lambda c: lambda: ProcessConfig.get_path(c))(cfg)
    proc = Stub(); proc.config = cfg
    try:
        filename, argv = Subprocess.get_execv_args(proc)
        out.append({'ok': True, 'filename': filename, 'argv': argv})
    except Exception as e:
        out.append({'ok': False, 'type': type(e).__name__, 'message': e.args[0]})
print(json.dumps(out))
`;

const KIND_BY_PYTHON_CLASS: Record<string, string> = {
  BadCommand: 'BAD_COMMAND', NotFound: 'NO_FILE', NotExecutable: 'NOT_EXECUTABLE', NoPermission: 'NO_PERMISSION',
};

test('exec check matches Supervisor 4.2.5 on the same inputs', (t) => {
  if (!haveSupervisor) return t.skip('real supervisor not installed');
  const dir = mkdtempSync(join(tmpdir(), 'exec-conf-'));
  try {
    writeFileSync(join(dir, 'tool'), '#!/bin/sh\n');
    chmodSync(join(dir, 'tool'), 0o755);
    writeFileSync(join(dir, 'data'), 'x');
    mkdirSync(join(dir, 'sub'));
    const pathEnv = { PATH: `/nonexistent:${dir}` };
    const cases: Array<[string, Record<string, string> | null]> = [
      ['tool a b', pathEnv], [`${dir}/tool "x y"`, null], ['', null], ['  ', null], ['"open', null], ["it's", null],
      ['x\\', null], ['nope-nope', pathEnv], [`${dir}/data`, null], [`${dir}/sub`, null], [`${dir}/missing arg`, null],
      ["'with space'", pathEnv], ['sub', pathEnv], ['data', pathEnv], ['tool', { PATH: '' }],
      ['sh -c "echo \\"$X\\""', null], [`caf\u00e9\t`, pathEnv],
      ['tool', { PATH: `${dir}//` }], ['tool', { PATH: `/nonexistent:${dir}/sub/..` }],
    ];
    const r = spawnSync(PYTHON, ['-c', PY_CHECK], { input: JSON.stringify(cases), encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
    assert.equal(r.status, 0, r.stderr);
    const expected = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    cases.forEach(([command, env], i) => {
      const ours = getExecArgs(command, { programEnvironment: env, supervisordEnvironment: { PATH: '/usr/bin:/bin' } });
      const theirs = expected[i];
      if (theirs.ok) {
        assert.deepEqual(ours, { ok: true, filename: theirs.filename, argv: theirs.argv }, command);
      } else {
        assert.deepEqual(ours, { ok: false, kind: KIND_BY_PYTHON_CLASS[theirs.type as string], message: theirs.message }, command);
      }
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('shlex agrees with Python on generated strings', (t) => {
  if (!existsSync(PYTHON)) return t.skip('python3 missing');
  const alphabet = ['a', 'b', ' ', '"', "'", '\\', '\n', '\t', '#', '$', '\u00e9'];
  let seed = 42;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const inputs = Array.from({ length: 400 }, () =>
    Array.from({ length: 1 + Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
  const py = `
import json, shlex, sys
out = []
for s in json.loads(sys.stdin.read()):
    try: out.append(shlex.split(s))
    except ValueError as e: out.append({'error': str(e)})
print(json.dumps(out))
`;
  const r = spawnSync(PYTHON, ['-c', py], { input: JSON.stringify(inputs), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const expected = JSON.parse(r.stdout) as Array<string[] | { error: string }>;
  inputs.forEach((input, i) => {
    const want = expected[i];
    if (Array.isArray(want)) assert.deepEqual(shlexSplit(input), want, JSON.stringify(input));
    else assert.throws(() => shlexSplit(input), { message: want.error }, JSON.stringify(input));
  });
});
