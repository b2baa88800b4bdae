// logfile=/dev/stdout with nodaemon: Supervisor 4.2.5 prints every main-log line twice (file handler +
// stdout echo); ours prints it once. Same config, stdout redirected to a file, both daemons.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { killIfRunning, removeDir, tempDir, waitFor } from '../../unit/logging/helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const hasSupervisor = fs.existsSync('/usr/bin/supervisord');
const dirs: string[] = [];
const children: ChildProcess[] = [];
after(() => {
  children.forEach(killIfRunning);
  dirs.forEach(removeDir);
});

async function runDaemon(command: string[], d: string, name: string): Promise<string> {
  const conf = path.join(d, `${name}.conf`);
  fs.writeFileSync(
    conf,
    `[supervisord]
nodaemon=true
logfile=/dev/stdout
logfile_maxbytes=0
pidfile=${d}/${name}.pid
childlogdir=${d}

[program:quick]
command=/bin/sh -c "exit 0"
autorestart=false
startsecs=0
stdout_logfile=NONE
stderr_logfile=NONE
`,
  );
  const outFile = path.join(d, `${name}.out`);
  // a real pipe (Node's own stdio pipes are socket pairs, which /dev/stdout cannot be opened on)
  const child = spawn('/bin/sh', ['-c', 'out="$1"; shift; "$@" | cat > "$out"', 'sh', outFile, ...command, '-c', conf], {
    cwd: root,
    stdio: 'ignore',
  });
  children.push(child);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const pidfile = path.join(d, `${name}.pid`);
  const read = (): string => (fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : '');
  try {
    await waitFor(() => read().includes('exited: quick'), 60_000, () => `${name} to log the exit (so far: ${read()})`);
  } finally {
    // the daemon's own pid, from its pidfile; the pipeline ends with it
    const pid = fs.existsSync(pidfile) ? Number(fs.readFileSync(pidfile, 'utf8').trim()) : 0;
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
  }
  await exited;
  return read();
}

function countSpawned(text: string): number {
  return text.split('\n').filter((l) => /INFO spawned: 'quick' with pid \d+$/.test(l)).length;
}

test('main log to /dev/stdout: Supervisor prints lines twice, we print them once', async (t) => {
  if (!hasSupervisor) return t.skip('real Supervisor not installed');
  const d = tempDir();
  dirs.push(d);
  const theirs = await runDaemon(['/usr/bin/supervisord'], d, 'real');
  const ours = await runDaemon([process.execPath, '--import', 'tsx', path.join(root, 'src/cli/supervisord.ts')], d, 'ours');
  assert.equal(countSpawned(theirs), 2, theirs);
  assert.equal(countSpawned(ours), 1, ours);
});
