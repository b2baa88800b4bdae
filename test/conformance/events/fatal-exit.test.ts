// The canonical listener pattern (Supervisor issues #712/#733): on PROCESS_STATE_FATAL, kill
// supervisord; it must shut down cleanly and exit 0, under the real daemon and ours alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUR_SUPERVISORD, ourDaemonAvailable, PY, pythonSupervisorAvailable, REAL_SUPERVISORD } from './harness.js';

const KILLER = `import os, signal, sys
from supervisor import childutils
while True:
    headers, payload = childutils.listener.wait(sys.stdin, sys.stdout)
    childutils.listener.ok(sys.stdout)
    if headers['eventname'] == 'PROCESS_STATE_FATAL':
        sys.stderr.write('fatal seen: ' + payload + '\\n'); sys.stderr.flush()
        os.kill(os.getppid(), signal.SIGTERM)
`;

for (const daemon of ['real', 'ours'] as const) {
  test(`${daemon}: a FATAL listener that kills supervisord makes it exit 0`, async (t) => {
    if (!existsSync(REAL_SUPERVISORD) || !pythonSupervisorAvailable()) return t.skip('no real supervisor');
    if (daemon === 'ours' && !ourDaemonAvailable()) return t.skip('our supervisord is not built/runnable');
    const dir = mkdtempSync(join(tmpdir(), `fatal-${daemon}-`));
    writeFileSync(join(dir, 'killer.py'), KILLER);
    const conf = join(dir, 'supervisord.conf');
    writeFileSync(conf, `[supervisord]
logfile=${dir}/supervisord.log
pidfile=${dir}/supervisord.pid
childlogdir=${dir}

[eventlistener:killer]
command=${PY} ${dir}/killer.py
events=PROCESS_STATE_FATAL
startsecs=0
stderr_logfile=${dir}/killer.err

[program:broken]
command=/bin/false
startsecs=1
startretries=1
`);
    const [cmd, args] = daemon === 'real'
      ? [REAL_SUPERVISORD, ['-n', '-c', conf]] : [process.execPath, [OUR_SUPERVISORD, '-n', '-c', conf]];
    const child = spawn(cmd, args, { stdio: 'ignore', cwd: dir });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    t.after(() => {
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
      child.once('exit', (c, s) => resolve([c, s])));
    assert.equal(signal, null, 'not killed by the test timeout');
    assert.equal(code, 0);
    const err = readFileSync(join(dir, 'killer.err'), 'utf8');
    assert.match(err, /^fatal seen: processname:broken groupname:broken from_state:BACKOFF$/m);
    assert.match(readFileSync(join(dir, 'supervisord.log'), 'utf8'), /gave up: broken entered FATAL state/);
  });
}
