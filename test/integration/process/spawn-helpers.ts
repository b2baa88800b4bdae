// Shared by the spawn integration tests: spawn a shell snippet through spawnChild and collect its output.
import type { ChildOutput } from '../../../src/core/ports.js';
import { spawnChild, type ChildExit, type SpawnRequest, type SpawnedChild } from '../../../src/process/spawn.js';

export interface Finished {
  child: SpawnedChild;
  exit: ChildExit;
  stdout: string;
  stderr: string;
}

export function shRequest(script: string, extra: Partial<SpawnRequest> = {}): SpawnRequest {
  return {
    processName: 'test',
    filename: '/bin/sh',
    argv: ['sh', '-c', script],
    env: { PATH: '/usr/bin:/bin', SUPERVISOR_PROCESS_NAME: 'test' },
    directory: null,
    umask: null,
    uid: null,
    redirectStderr: false,
    ...extra,
  };
}

function collect(output: ChildOutput | null): Promise<string> {
  if (!output) return Promise.resolve('');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    output.start({
      // the view is the shared read buffer: copy it
      data: (view) => { chunks.push(Buffer.from(view)); return true; },
      end: () => resolve(Buffer.concat(chunks).toString()),
    });
  });
}

/** Run to completion, killing the child's group if it outlives `timeoutMs`. */
export async function runToEnd(request: SpawnRequest, timeoutMs = 20000): Promise<Finished> {
  const child = spawnChild(request);
  const outputs = Promise.all([collect(child.stdout), collect(child.stderr)]);
  const timer = setTimeout(() => {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
  }, timeoutMs);
  const exit = await new Promise<ChildExit>((resolve) => child.onExit(resolve));
  clearTimeout(timer);
  const [stdout, stderr] = await outputs;
  return { child, exit, stdout, stderr };
}

/** Poll `check` until it returns true or the deadline passes. */
export async function waitFor(check: () => boolean, timeoutMs = 10000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
