import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import { chmodSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dup2 } from '../../../src/os/ffi.js';
import { supplementaryGroups, userByName } from '../../../src/os/users.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnChild } from '../../../src/process/spawn.js';
import { runToEnd, shRequest } from './spawn-helpers.js';

const isRoot = process.getuid?.() === 0;

test('child runs in its own process group with real pipes and the given env', async () => {
  const r = await runToEnd(shRequest('cut -d" " -f5 /proc/$$/stat; echo $$; echo $SUPERVISOR_PROCESS_NAME; readlink /proc/self/fd/1; echo oops >&2'));
  const [pgid, pid, name, stdoutKind] = r.stdout.trim().split('\n');
  assert.equal(pid, String(r.child.pid));
  assert.equal(pgid, pid, 'pid == pgid');
  assert.equal(name, 'test');
  assert.match(stdoutKind, /^pipe:/, 'stdout is a pipe, not a socket');
  assert.equal(r.stderr, 'oops\n');
  assert.equal(r.child.viaHelper, false);
  assert.deepEqual([r.exit.exitstatus, r.exit.description], [0, 'exit status 0']);
});

test('redirect_stderr puts both streams on one pipe, in order', async () => {
  const r = await runToEnd(shRequest('echo one; echo two >&2; echo three', { redirectStderr: true }));
  assert.equal(r.child.stderr, null);
  assert.equal(r.stdout, 'one\ntwo\nthree\n');
});

test('stdin reaches the child', async () => {
  const child = spawnChild(shRequest('read line; echo "got $line"'));
  const out = new Promise<string>((resolve) => {
    let text = '';
    child.stdout.start({ data: (view) => { text += view.toString(); return true; }, end: () => resolve(text) });
  });
  child.stdin?.write('hello\n');
  await new Promise((resolve) => child.onExit(resolve));
  assert.equal(await out, 'got hello\n');
});

test('exit codes and signals are described like Supervisor', async () => {
  const r1 = await runToEnd(shRequest('exit 3'));
  assert.deepEqual([r1.exit.exitstatus, r1.exit.description], [3, 'exit status 3']);
  const r2 = await runToEnd(shRequest('kill -TERM $$'));
  assert.deepEqual([r2.exit.exitstatus, r2.exit.description], [-1, 'terminated by SIGTERM']);
});

test('umask and directory apply on the plain path and leave supervisord unchanged', async () => {
  const before = process.umask(0o022);
  try {
    const r = await runToEnd(shRequest('umask; pwd', { umask: 0o027, directory: '/tmp' }));
    assert.equal(r.stdout, '0027\n/tmp\n');
    assert.equal(r.child.viaHelper, false);
    assert.equal(process.umask(0o022), 0o022);
    // a looser mask than supervisord's own is never set in supervisord, even briefly: the helper applies it
    const loose = await runToEnd(shRequest('umask', { umask: 0o002 }));
    assert.equal(loose.stdout, '0002\n');
    assert.equal(loose.child.viaHelper, true);
  } finally {
    process.umask(before);
  }
});

test('umask and directory apply through the exec helper too', async () => {
  const r = await runToEnd(shRequest('umask; pwd; readlink /proc/self/fd/1', { umask: 0o077, directory: '/tmp', forceHelper: true }));
  assert.equal(r.child.viaHelper, true);
  const [mask, cwd, kind] = r.stdout.trim().split('\n');
  assert.deepEqual([mask, cwd], ['0077', '/tmp']);
  assert.match(kind, /^pipe:/);
  assert.equal(r.exit.exitstatus, 0);
});

test('the exec helper leaves the program with no ignored signals (node ignores SIGPIPE)', async () => {
  const r = await runToEnd(shRequest('grep SigIgn /proc/self/status', { forceHelper: true }));
  assert.equal(r.stdout, 'SigIgn:\t0000000000000000\n');
});

test('a missing directory gives Supervisor\'s chdir message and exit 127', async () => {
  const r = await runToEnd(shRequest('echo never', { directory: '/nonexistent-dir-xyz' }));
  assert.equal(r.stderr, 'supervisor: couldn\'t chdir to /nonexistent-dir-xyz: ENOENT\nsupervisor: child process was not spawned\n');
  assert.equal(r.stdout, '');
  assert.deepEqual([r.exit.exitstatus, r.exit.description], [127, 'exit status 127']);
});

test('an unknown uid gives Supervisor\'s setuid message and exit 127', async () => {
  const r = await runToEnd(shRequest('echo never', { uid: 4242424 }));
  assert.equal(r.stderr, "supervisor: couldn't setuid to 4242424: Can't find uid 4242424\nsupervisor: child process was not spawned\n");
  assert.equal(r.exit.exitstatus, 127);
});

/** Run an executable file with `content` and return what the child printed and how it ended. */
async function runScript(content: string): Promise<{ file: string; r: Awaited<ReturnType<typeof runToEnd>> }> {
  const dir = mkdtempSync(join(tmpdir(), 'script-'));
  try {
    const file = join(dir, 'script');
    writeFileSync(file, content);
    chmodSync(file, 0o755);
    return { file, r: await runToEnd({ ...shRequest(''), filename: file, argv: [file] }) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a file that is not a program fails with ENOEXEC like Supervisor, not through /bin/sh', async () => {
  const { file, r } = await runScript('echo ran by a shell\n');
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `supervisor: couldn't exec ${file}: ENOEXEC\nsupervisor: child process was not spawned\n`);
  assert.equal(r.exit.exitstatus, 127);
});

test('user= switches uid, gid and groups (run as root)', async (t) => {
  const nobody = userByName('nobody');
  if (!isRoot || !nobody) return t.skip('needs root and a nobody user');
  const r = await runToEnd(shRequest('id -u; id -g; id -G; pwd', { uid: nobody.uid, directory: '/tmp' }));
  const [uid, gid, groups, cwd] = r.stdout.trim().split('\n');
  assert.equal(uid, String(nobody.uid));
  const asSet = (ids: number[]): number[] => [...new Set(ids)].sort((a, b) => a - b);
  assert.deepEqual(asSet(groups.split(' ').map(Number)), asSet(supplementaryGroups(nobody)), 'the user\'s groups, no more');
  assert.notEqual(gid, '0');
  assert.ok(!groups.split(' ').includes('0'), `root group dropped: ${groups}`);
  assert.equal(cwd, '/tmp');
  assert.equal(r.child.viaHelper, true);
});

test('an executable that vanished after the check is exec-failed in the child, as in Supervisor', async () => {
  const r = await runToEnd({ ...shRequest(''), filename: '/nonexistent/prog', argv: ['/nonexistent/prog'] });
  assert.equal(r.stderr, "supervisor: couldn't exec /nonexistent/prog: ENOENT\nsupervisor: child process was not spawned\n");
  assert.equal(r.exit.exitstatus, 127);
});

test('fds supervisord inherited never reach a program (Supervisor closes 3..minfds)', async () => {
  const source = openSync('/dev/null', 'r');
  const LEAKY_FD = 201;
  dup2(source, LEAKY_FD); // dup2 leaves the new fd inheritable, like an fd from a shell or service manager
  try {
    for (const forceHelper of [false, true]) {
      const r = await runToEnd({ ...shRequest(''), filename: '/bin/ls', argv: ['ls', '/proc/self/fd'], forceHelper });
      // ls itself holds fd 3 open on the directory it lists
      assert.deepEqual(r.stdout.trim().split('\n').map(Number).sort((a, b) => a - b), [0, 1, 2, 3], `forceHelper=${forceHelper}`);
    }
  } finally {
    closeSync(LEAKY_FD);
    closeSync(source);
  }
});

test('fcgi: a given fd becomes the child\'s stdin (no stdin pipe)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stdinfd-'));
  const file = join(dir, 'input');
  writeFileSync(file, 'from the socket\n');
  try {
    for (const forceHelper of [false, true]) {
      // a fresh open each time: the child shares (and advances) the file offset
      const fd = openSync(file, 'r');
      try {
        const r = await runToEnd(shRequest('cat; readlink /proc/self/fd/0', { stdinFd: fd, forceHelper }));
        assert.equal(r.child.stdin, null);
        assert.equal(r.stdout, `from the socket\n${file}\n`, `forceHelper=${forceHelper}`);
      } finally {
        closeSync(fd);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a script whose interpreter is missing is started, then fails like Supervisor (exec ENOENT, exit 127)', async () => {
  const { file, r } = await runScript('#!/nonexistent/interpreter\necho hi\n');
  assert.equal(r.stderr, `supervisor: couldn't exec ${file}: ENOENT\nsupervisor: child process was not spawned\n`);
  assert.equal(r.exit.exitstatus, 127);
});

test('running out of fds is a synchronous SpawnError with Supervisor\'s text', () => {
  const src = pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'src')).href;
  const script = `
    import { readdirSync } from 'node:fs';
    import { setrlimit, getrlimit, RLIMIT_NOFILE } from '${src}/os/ffi.ts';
    import { spawnChild, SpawnError } from '${src}/process/spawn.ts';
    const highest = Math.max(...readdirSync('/proc/self/fd').map(Number));
    setrlimit(RLIMIT_NOFILE, { soft: highest + 2, hard: getrlimit(RLIMIT_NOFILE).hard });
    try {
      spawnChild({ processName: 'fdhog', filename: '/bin/true', argv: ['true'], env: {}, directory: null, umask: null, uid: null, redirectStderr: false });
      console.log('spawned');
    } catch (err) {
      console.log(err instanceof SpawnError ? err.reason + ': ' + err.message : String(err));
    }
  `;
  const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30000 });
  assert.equal(r.stdout.trim(), "EMFILE: too many open files to spawn 'fdhog'", r.stderr);
});

test('user= installs the user\'s supplementary groups, like Supervisor (node\'s own uid option drops them)', (t) => {
  const nobody = userByName('nobody');
  if (!isRoot || !nobody) return t.skip('needs root and a nobody user');
  if (spawnSync('unshare', ['--mount', 'true']).status !== 0) return t.skip('unshare --mount not permitted');
  const dir = mkdtempSync(join(tmpdir(), 'groups-'));
  try {
    // a private /etc/group, visible only inside a new mount namespace, that puts nobody in two extra groups
    const group = join(dir, 'group');
    writeFileSync(group, `${readFileSync('/etc/group', 'utf8').trimEnd()}\nsvtsa:x:47011:nobody\nsvtsb:x:47012:root,nobody\n`);
    const fixture = join(import.meta.dirname, 'fixtures', 'groups-probe.ts');
    const script = `mount --bind "$1" /etc/group && exec "$2" --import "$3" "$4" "$5"`;
    const r = spawnSync('unshare', ['--mount', 'sh', '-c', script, 'sh', group, process.execPath, import.meta.resolve('tsx'), fixture, String(nobody.uid)],
      { encoding: 'utf8', timeout: 60000 });
    assert.equal(r.status, 0, r.stderr);
    const seen = r.stdout.trim().split(' ').map(Number);
    assert.ok(seen.includes(47011) && seen.includes(47012), `groups seen: ${r.stdout}`);
    assert.ok(seen.includes(nobody.gid));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without native bindings a spawn fails with a clear spawnerr, never a crash', () => {
  const src = pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'src')).href;
  const script = `
    import { spawnChild, SpawnError } from '${src}/process/spawn.ts';
    try {
      spawnChild({ processName: 'web', filename: '/bin/true', argv: ['true'], env: {}, directory: null, umask: null, uid: null, redirectStderr: false });
      console.log('spawned');
    } catch (err) {
      console.log(err instanceof SpawnError ? err.message : 'other: ' + String(err));
    }
  `;
  const preload = join(import.meta.dirname, 'fixtures', 'no-koffi.cjs');
  const r = spawnSync(process.execPath, ['--require', preload, '--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30000 });
  assert.equal(r.stdout.trim(), "unknown error making dispatchers for 'web': native bindings unavailable (koffi: Cannot find module '@koromix/koffi-linux-x64')", r.stderr);
});
