import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './spawn-helpers.js';

const PIDPROXY = join(import.meta.dirname, '..', '..', '..', 'src', 'cli', 'pidproxy.ts');
const TSX = import.meta.resolve('tsx');

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

test('pidproxy without arguments prints usage and exits 1', () => {
  const r = spawnSync(process.execPath, ['--import', TSX, PIDPROXY], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /Usage: .* <pidfile name> <command> \[<cmdarg1> \.\.\.\]/);
});

test('pidproxy forwards TERM to the pid in the pidfile and exits 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pidproxy-'));
  const pidfile = join(dir, 'daemon.pid');
  const marker = join(dir, 'got-term');
  // a self-daemonizing program: starts a background worker that writes its pid, then the launcher lingers
  const launcher = join(dir, 'launch.sh');
  writeFileSync(launcher, `#!/bin/sh
sh -c 'trap "touch ${marker}; exit 0" TERM; echo $$ > ${pidfile}; while :; do sleep 0.1; done' &
echo $$ > ${dir}/launcher.pid
exec sleep 30
`);
  chmodSync(launcher, 0o755);
  const proxy = spawn(process.execPath, ['--import', TSX, PIDPROXY, pidfile, launcher], { stdio: 'ignore' });
  let workerPid = 0;
  try {
    await waitFor(() => existsSync(pidfile) && readFileSync(pidfile, 'utf8').trim() !== '', 20000, 'pidfile');
    workerPid = Number(readFileSync(pidfile, 'utf8').trim());
    // the handlers are installed right after the spawn; give the proxy a moment past the pidfile write
    await new Promise((r) => setTimeout(r, 300));
    const exited = new Promise<number | null>((resolve) => proxy.once('exit', (code) => resolve(code)));
    proxy.kill('SIGTERM');
    assert.equal(await exited, 0);
    await waitFor(() => existsSync(marker), 10000, 'worker to receive TERM');
  } finally {
    proxy.kill('SIGKILL');
    if (workerPid && alive(workerPid)) process.kill(workerPid, 'SIGKILL');
    const launcherPid = Number(readFileSync(join(dir, 'launcher.pid'), 'utf8').trim() || 0);
    if (launcherPid && alive(launcherPid)) process.kill(launcherPid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('pidproxy exits when the command it started exits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pidproxy-'));
  try {
    const r = spawnSync(process.execPath, ['--import', TSX, PIDPROXY, join(dir, 'none.pid'), '/bin/sh', '-c', 'echo hi; exit 3'], { encoding: 'utf8', timeout: 30000 });
    assert.equal(r.stdout, 'hi\n');
    assert.equal(r.status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
