// When a child's log file comes into being: at the process' first spawn (Supervisor's make_dispatchers), not at
// start-up. A program that is never started leaves no file, under the real supervisord 4.2.5 and under ours.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { killIfRunning, removeDir, tempDir, waitFor } from '../../unit/logging/helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const hasSupervisor = fs.existsSync('/usr/bin/supervisord') && fs.existsSync('/usr/bin/python3');
const hasDist = fs.existsSync(path.join(ROOT, 'dist', 'cli', 'supervisord.js'));
const dirs: string[] = [];
const children: ChildProcess[] = [];
after(() => {
  children.forEach(killIfRunning);
  dirs.forEach(removeDir);
});

type Which = 'ours' | 'real';

async function filesAfterStartup(which: Which): Promise<string[]> {
  const d = tempDir();
  dirs.push(d);
  const conf = path.join(d, 'supervisord.conf');
  fs.writeFileSync(conf, `[supervisord]
nodaemon=true
silent=true
logfile=${d}/supervisord.log
pidfile=${d}/supervisord.pid
childlogdir=${d}

[program:started]
command=/bin/sleep 1000
startsecs=0
stdout_logfile=${d}/started.out
stderr_logfile=${d}/started.err

[program:idle]
command=/bin/sleep 1000
autostart=false
stdout_logfile=${d}/idle.out
stderr_logfile=${d}/idle.err
`);
  const argv = which === 'ours' ? [process.execPath, path.join(ROOT, 'bin', 'supervisord.js')] : ['/usr/bin/python3', '/usr/bin/supervisord'];
  const daemon = spawn(argv[0]!, [...argv.slice(1), '-n', '-c', conf], { stdio: 'ignore' });
  children.push(daemon);
  const log = () => (fs.existsSync(`${d}/supervisord.log`) ? fs.readFileSync(`${d}/supervisord.log`, 'utf8') : '');
  await waitFor(() => /success: started/.test(log()), 15000, `${which}: started RUNNING`);
  const files = fs.readdirSync(d).filter((f) => /\.(out|err)$/.test(f)).sort();
  daemon.kill('SIGTERM');
  await waitFor(() => daemon.exitCode !== null || daemon.signalCode !== null, 15000, `${which}: exit`);
  return files;
}

test('child log files are created at spawn: a program never started has none', { skip: !hasSupervisor || !hasDist }, async () => {
  const real = await filesAfterStartup('real');
  const ours = await filesAfterStartup('ours');
  assert.deepEqual(real, ['started.err', 'started.out']);
  assert.deepEqual(ours, real);
});
