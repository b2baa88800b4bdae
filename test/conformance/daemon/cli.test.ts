// supervisord's command line under the real Supervisor and ours: same messages, same exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup, hasDist, hasRealSupervisor, OUR_SUPERVISORD, REAL_SUPERVISORD, tempDir } from '../../integration/daemon/harness.js';

const skip = !hasRealSupervisor ? 'no /usr/bin/supervisord' : !hasDist ? 'not built' : false;

function run(flavor: 'ours' | 'real', args: string[], cwd: string) {
  const r = flavor === 'ours'
    ? spawnSync(process.execPath, [OUR_SUPERVISORD, ...args], { cwd, encoding: 'utf8', timeout: 10000 })
    : spawnSync(REAL_SUPERVISORD, args, { cwd, encoding: 'utf8', timeout: 10000 });
  const argv0 = flavor === 'ours' ? OUR_SUPERVISORD : REAL_SUPERVISORD;
  return { code: r.status, stderr: r.stderr.replaceAll(argv0, 'ARGV0'), stdout: r.stdout.replaceAll(argv0, 'ARGV0') };
}

const CASES: string[][] = [
  ['-x'], ['--foo'], ['-c'], ['--conf'], ['pos'], ['a', 'b'], ['--nod=1'], ['-e', 'foo'], ['-m', '99'], ['-y', 'xx'],
  ['-z', 'x'], ['-a', 'x'], ['--minprocs', 'x'], ['-d', '/nonexistent'], ['-q', '/nonexistent'],
  ['-l', '/nonexistent/x'], ['-j', '/nonexistent/x'], ['-n', '-n'], ['-v'], ['--version'],
];

test('usage errors and version match the real supervisord', { skip }, () => {
  const dir = tempDir();
  try {
    for (const args of CASES) {
      const real = run('real', args, dir);
      const ours = run('ours', args, dir);
      assert.equal(ours.code, real.code, `exit code for ${args.join(' ')}`);
      assert.equal(ours.stderr, real.stderr, `stderr for ${args.join(' ')}`);
      assert.equal(ours.stdout, real.stdout, `stdout for ${args.join(' ')}`);
    }
  } finally {
    cleanup(dir);
  }
});

test('-h prints the usage on stdout and exits 0', { skip }, () => {
  const dir = tempDir();
  try {
    const real = run('real', ['-h'], dir);
    const ours = run('ours', ['-h'], dir);
    assert.equal(ours.code, 0);
    assert.equal(real.code, 0);
    assert.match(ours.stdout, /^supervisord -- run a set of applications as daemons\.\n\nUsage: ARGV0 \[options\]/);
    for (const opt of ['-c/--configuration', '-n/--nodaemon', '-u/--user', '-q/--childlogdir', '--minprocs']) {
      assert.ok(ours.stdout.includes(opt), opt);
    }
    assert.equal(run('ours', ['-?'], dir).code, 0);
  } finally {
    cleanup(dir);
  }
});

test('a config without [supervisord] is refused the same way', { skip }, () => {
  const dir = tempDir();
  try {
    const conf = path.join(dir, 'x.conf');
    writeFileSync(conf, '[program:x]\ncommand=/bin/true\n');
    const real = run('real', ['-c', conf], dir);
    const ours = run('ours', ['-c', conf], dir);
    assert.equal(ours.code, 2);
    assert.equal(real.code, 2);
    assert.match(ours.stderr, /^Error: .ini file does not include supervisord section/);
    assert.match(ours.stderr, /For help, use ARGV0 -h\n$/);
  } finally {
    cleanup(dir);
  }
});

test('--validate prints OK for a good config and the error for a bad one', { skip: !hasDist }, () => {
  const dir = tempDir();
  try {
    const good = path.join(dir, 'good.conf');
    writeFileSync(good, '[supervisord]\n[program:x]\ncommand=/bin/true\n');
    const ok = run('ours', ['--validate', '-c', good], dir);
    assert.equal(ok.code, 0);
    assert.equal(ok.stdout, 'OK\n');
    const bad = path.join(dir, 'bad.conf');
    writeFileSync(bad, '[supervisord]\n[program:x]\n');
    const err = run('ours', ['--validate', '-c', bad], dir);
    assert.equal(err.code, 2);
    assert.match(err.stderr, /program section program:x does not specify a command/);
  } finally {
    cleanup(dir);
  }
});
