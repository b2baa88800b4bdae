// The orphan guard's script on its own: it must keep up with thousands of spawns and exits, and on EOF kill
// exactly the process groups still listed. Fake group ids are above pid_max, so a kill of one can hit nobody.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { GUARD_SCRIPT } from '../../../src/process/orphan-guard.js';

const PID_MAX = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8'));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Runs the guard with `env`, feeds it fake groups plus a live group and a forgotten one, then closes its input. */
async function runGuard(fakeGroups: number, env: NodeJS.ProcessEnv): Promise<{ listedDied: boolean; forgottenLives: boolean; guardEnded: boolean }> {
  const listed = spawn('sleep', ['1000'], { detached: true, stdio: 'ignore' });
  const forgotten = spawn('sleep', ['1000'], { detached: true, stdio: 'ignore' });
  const guard = spawn('/bin/sh', ['-c', GUARD_SCRIPT], { stdio: ['pipe', 'ignore', 'inherit'], env });
  try {
    const lines: string[] = [];
    for (let i = 1; i <= fakeGroups; i++) lines.push(`+${PID_MAX + i}`);
    lines.push(`+${listed.pid}`, `+${forgotten.pid}`);
    // stopping goes in reverse priority order, so groups are forgotten newest first
    for (let i = fakeGroups; i >= 1; i--) lines.push(`-${PID_MAX + i}`);
    lines.push(`-${forgotten.pid}`);
    guard.stdin!.end(`${lines.join('\n')}\n`);
    const guardEnded = await exited(guard, 3000);
    const listedDied = await exited(listed, 2000);
    return { listedDied, forgottenLives: alive(forgotten.pid!), guardEnded };
  } finally {
    for (const p of [guard, listed, forgotten]) if (p.pid && alive(p.pid)) process.kill(p.pid, 'SIGKILL');
  }
}

test('guard (awk): 3000 groups tracked and forgotten, then EOF kills only the group still listed, at once', async () => {
  const result = await runGuard(3000, process.env);
  assert.deepEqual(result, { listedDied: true, forgottenLives: true, guardEnded: true });
});

test('guard without awk (plain shell fallback): EOF kills only the group still listed', async () => {
  const result = await runGuard(20, { ...process.env, PATH: '/nonexistent' });
  assert.deepEqual(result, { listedDied: true, forgottenLives: true, guardEnded: true });
});
