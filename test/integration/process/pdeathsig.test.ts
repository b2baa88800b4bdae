import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from './spawn-helpers.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'spawn-parent.ts');

/** Process state letter from /proc, or null when the pid is gone. */
function procState(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return null;
  }
}

async function startParent(mode: string, prefix: string[] = []): Promise<{ parent: ChildProcess; childPid: number; how: string }> {
  const argv = [...prefix, process.execPath, '--import', import.meta.resolve('tsx'), FIXTURE, mode];
  const parent = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  const [childPid, how] = await new Promise<[number, string]>((resolve, reject) => {
    let out = '';
    parent.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const [pid, via] = out.trim().split(' ');
      if (out.includes('\n')) resolve([Number(pid), via]);
    });
    parent.on('exit', () => reject(new Error('parent exited early')));
  });
  return { parent, childPid, how };
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function killQuietly(pid: number | undefined): void {
  if (!pid) return;
  try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
}

test('with pdeathsig the child dies when its supervisord is SIGKILLed', async () => {
  const { parent, childPid } = await startParent('pdeathsig');
  try {
    // the helper execs sleep: wait until the pid really runs sleep before killing the parent
    await waitFor(() => readFileSync(`/proc/${childPid}/comm`, 'utf8').trim() === 'sleep', 20000, 'sleep to be exec');
    process.kill(parent.pid as number, 'SIGKILL');
    await waitFor(() => { const s = procState(childPid); return s === null || s === 'Z'; }, 10000, 'child to die');
  } finally {
    killQuietly(parent.pid);
    killQuietly(childPid);
  }
});

test('without pdeathsig the child outlives a SIGKILLed supervisord (Supervisor behaviour)', async () => {
  const { parent, childPid } = await startParent('plain');
  try {
    process.kill(parent.pid as number, 'SIGKILL');
    await new Promise((resolve) => parent.once('exit', resolve));
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(['S', 'R'].includes(procState(childPid) ?? ''), 'child still running');
  } finally {
    killQuietly(parent.pid);
    killQuietly(childPid);
  }
});

test('as PID 1 pdeathsig is skipped (no helper): the kernel kills the namespace when supervisord dies', async (t) => {
  const probe = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true']);
  if (probe.status !== 0) return t.skip('unshare --pid not permitted here');
  const { parent, how } = await startParent('pdeathsig', ['unshare', '--pid', '--fork', '--mount-proc']);
  let supervisordPid = 0;
  let sleepPid = 0;
  try {
    assert.equal(how, 'plain');
    // outside pids: unshare -> node (PID 1 inside) -> sleep
    await waitFor(() => childrenOf(parent.pid as number).length > 0, 10000, 'namespace init');
    supervisordPid = childrenOf(parent.pid as number)[0];
    const isSleep = (pid: number): boolean => { try { return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'sleep'; } catch { return false; } };
    await waitFor(() => childrenOf(supervisordPid).some(isSleep), 10000, 'sleep child');
    sleepPid = childrenOf(supervisordPid).find(isSleep) ?? 0;
    process.kill(supervisordPid, 'SIGKILL');
    await waitFor(() => { const s = procState(sleepPid); return s === null || s === 'Z'; }, 10000, 'namespace teardown');
  } finally {
    killQuietly(sleepPid);
    killQuietly(supervisordPid);
    killQuietly(parent.pid);
  }
});
