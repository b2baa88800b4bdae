// The pidproxy scenario shared by the integration test (ours) and the conformance test (ours and Supervisor's):
// a self-daemonizing launcher, TERM sent to the proxy, the worker from the pidfile must get it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './spawn-helpers.js';

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

function pidIn(file: string): number {
  try { return Number(readFileSync(file, 'utf8').trim() || 0); } catch { return 0; }
}

/** Run `proxyCommand <pidfile> <launcher>`, send it TERM, return its exit code once the worker got TERM. */
export async function termIsForwarded(proxyCommand: string[]): Promise<number | null> {
  const dir = mkdtempSync(join(tmpdir(), 'pidproxy-'));
  const pidfile = join(dir, 'daemon.pid');
  const marker = join(dir, 'got-term');
  const launcher = join(dir, 'launch.sh');
  writeFileSync(launcher, `#!/bin/sh
sh -c 'trap "touch ${marker}; exit 0" TERM; echo $$ > ${pidfile}; while :; do sleep 0.1; done' &
echo $$ > ${dir}/launcher.pid
exec sleep 30
`);
  chmodSync(launcher, 0o755);
  const proxy = spawn(proxyCommand[0], [...proxyCommand.slice(1), pidfile, launcher], { stdio: 'ignore' });
  try {
    await waitFor(() => pidIn(pidfile) !== 0, 20000, 'pidfile');
    // the proxy installs its handlers right after starting the launcher: leave it a moment
    await new Promise((r) => setTimeout(r, 500));
    const exited = new Promise<number | null>((resolve) => proxy.once('exit', (code) => resolve(code)));
    proxy.kill('SIGTERM');
    const code = await exited;
    await waitFor(() => existsSync(marker), 10000, 'worker to receive TERM');
    return code;
  } finally {
    proxy.kill('SIGKILL');
    for (const pid of [pidIn(pidfile), pidIn(join(dir, 'launcher.pid'))]) {
      if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

export function assertUsageExit(result: { status: number | null; stdout: string }): void {
  assert.equal(result.status, 1);
  assert.match(result.stdout, /\nUsage: \S+ <pidfile name> <command> \[<cmdarg1> \.\.\.\]\n\n$/);
}
