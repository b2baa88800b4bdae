// An idle supervisord with an event listener that does not want TICK events must not wake up:
// its main thread stays in one epoll wait (watched with strace for a few seconds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUR_SUPERVISORD, ourDaemonAvailable, PY, pythonSupervisorAvailable } from '../../conformance/events/harness.js';

const LISTENER = `import sys
from supervisor import childutils
while True:
    childutils.listener.wait(sys.stdin, sys.stdout)
    childutils.listener.ok(sys.stdout)
`;

function straceUsable(): boolean {
  return existsSync('/usr/bin/strace') && spawnSync('/usr/bin/strace', ['-o', '/dev/null', 'true']).status === 0;
}

async function waitFor(what: string, probe: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('no wake-ups while idle when no listener wants TICK events', async (t) => {
  if (!ourDaemonAvailable()) return t.skip('our supervisord is not built/runnable');
  if (!pythonSupervisorAvailable()) return t.skip('no /usr/bin/python3 with the supervisor module');
  if (!straceUsable()) return t.skip('strace is not usable here');
  const dir = mkdtempSync(join(tmpdir(), 'idle-'));
  writeFileSync(join(dir, 'listener.py'), LISTENER);
  const conf = join(dir, 'supervisord.conf');
  writeFileSync(conf, `[supervisord]
logfile=${dir}/supervisord.log
pidfile=${dir}/supervisord.pid
childlogdir=${dir}

[eventlistener:rec]
command=${PY} ${dir}/listener.py
events=PROCESS_STATE
startsecs=0

[program:sleeper]
command=/bin/sleep 1000
startsecs=0
`);
  const daemon = spawn(process.execPath, [OUR_SUPERVISORD, '-n', '-c', conf], { stdio: 'ignore', cwd: dir });
  t.after(() => {
    if (daemon.exitCode === null && daemon.signalCode === null) daemon.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  const log = () => (existsSync(join(dir, 'supervisord.log')) ? readFileSync(join(dir, 'supervisord.log'), 'utf8') : '');
  await waitFor('both processes RUNNING', () => /success: rec entered RUNNING/.test(log())
    && /success: sleeper entered RUNNING/.test(log()));
  await new Promise((r) => setTimeout(r, 1000)); // let the listener drain its startup events

  const trace = spawnSync('/usr/bin/strace', ['-p', String(daemon.pid), '-o', join(dir, 'trace')],
    { timeout: 4000, killSignal: 'SIGINT' });
  assert.equal(trace.error?.message.includes('ENOENT') ?? false, false);
  const calls = readFileSync(join(dir, 'trace'), 'utf8').split('\n').filter(Boolean);
  // only the wait that was in progress when strace attached (shown unfinished/resumed or not at all)
  const other = calls.filter((l) => !/^epoll_pwait|^<\.\.\. epoll_pwait|^\+\+\+|^---/.test(l));
  assert.deepEqual(other, [], calls.join('\n'));
  assert.ok(calls.length <= 2, calls.join('\n'));
});
