// Conformance: tail -f / maintail -f, stopped with ^C.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  HAVE_REAL,
  normalise,
  ensureBuilt,
  waitFor,
  REAL_SUPERVISORCTL,
  OUR_SUPERVISORCTL,
  type RunResult,
  STANDARD_PROGRAMS,
} from './harness.js';
import { useRealDaemon } from './suites.js';

/** Starts `tail -f`-like commands, waits for `expected` in stdout, sends SIGINT, collects the rest. */
async function interruptAfter(command: string, args: string[], expected: string): Promise<RunResult> {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, LANG: 'C.UTF-8' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  try {
    await waitFor(`${expected} in output`, async () => (stdout.includes(expected) ? true : null), 15000);
    child.kill('SIGINT');
    const code = await Promise.race([closed, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10000))]);
    assert.notEqual(code, 'timeout', `${command} did not exit after SIGINT`);
    return { stdout, stderr, code: code as number | null };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

describe('tail -f and maintail -f match the real supervisorctl', { skip: !HAVE_REAL && 'no /usr/bin/supervisord' }, () => {
  const current = useRealDaemon(STANDARD_PROGRAMS);

  for (const args of [['tail', '-f', 'talker'], ['tail', '-f', 'talker', 'stderr'], ['maintail', '-f']]) {
    it(`${args.join(' ')} streams until ^C`, async () => {
      ensureBuilt();
      const expected = args.includes('stderr') ? 'err-line' : args[0] === 'maintail' ? 'INFO' : 'out-line';
      const real = await interruptAfter(REAL_SUPERVISORCTL, ['-c', current().conf, ...args], expected);
      const ours = await interruptAfter(process.execPath, [OUR_SUPERVISORCTL, '-c', current().conf, ...args], expected);
      assert.equal(normalise(ours.stdout), normalise(real.stdout));
      assert.equal(ours.code, real.code);
    });
  }
});
