import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
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

async function startParent(mode: string): Promise<{ parent: ChildProcess; childPid: number }> {
  const parent = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), FIXTURE, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  const childPid = await new Promise<number>((resolve, reject) => {
    let out = '';
    parent.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(Number(out.trim()));
    });
    parent.on('exit', () => reject(new Error('parent exited early')));
  });
  return { parent, childPid };
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
