// Daemon mode without fork(): the foreground supervisord re-runs itself detached (setsid) with a marker in
// its environment and relays the child's output until the child says it is up. Startup errors therefore
// reach the terminal and the exit status, as with Supervisor (which opens its servers before forking).
// The daemon then points fds 0-2 at /dev/null and the foreground process exits 0.
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { dup2 } from './ffi.js';

export const DAEMON_MARKER_ENV = 'SUPERVISOR_TS_DAEMON_CHILD';
const READY_FD = 3;
const READY_WORD = 'ready\n';

let daemonChild: boolean | null = null;

/** True in the re-spawned daemon process. The marker is removed from process.env so programs never inherit it. */
export function isDaemonChild(): boolean {
  if (daemonChild === null) {
    daemonChild = process.env[DAEMON_MARKER_ENV] === '1';
    delete process.env[DAEMON_MARKER_ENV];
  }
  return daemonChild;
}

export interface DaemonizeOptions {
  /** script and arguments to re-run; defaults to this process' own (process.argv.slice(1)) */
  argv?: string[];
  /** node flags; defaults to process.execArgv */
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
  /** give up (exit 2) when the daemon has not reported ready in time; 0 = wait forever */
  timeoutMs?: number;
}

/**
 * Foreground half: start the daemon and wait. Resolves with the exit code the foreground process should
 * use: 0 once the daemon is ready, else the daemon's own exit code (2 if it died by a signal or timed out).
 */
export function runDaemonParent(options: DaemonizeOptions = {}): Promise<number> {
  const child = spawn(process.execPath, [...(options.execArgv ?? process.execArgv), ...(options.argv ?? process.argv.slice(1))], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    env: { ...(options.env ?? process.env), [DAEMON_MARKER_ENV]: '1' },
  });
  child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(chunk));
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const readyPipe = child.stdio[READY_FD];
  return new Promise<number>((resolve) => {
    let settled = false;
    const finish = (code: number): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      child.stdout?.destroy();
      child.stderr?.destroy();
      readyPipe?.destroy();
      child.unref();
      resolve(code);
    };
    const timer = options.timeoutMs ? setTimeout(() => {
      process.stderr.write(`Error: supervisord did not finish starting within ${options.timeoutMs} ms\n`);
      finish(2);
    }, options.timeoutMs) : null;
    let received = '';
    readyPipe?.on('data', (chunk: Buffer) => {
      received += chunk.toString();
      if (received.includes(READY_WORD)) finish(0);
    });
    readyPipe?.on('error', () => undefined);
    child.on('error', (err) => {
      process.stderr.write(`Error: could not start the daemon process: ${err.message}\n`);
      finish(2);
    });
    child.on('exit', (code) => {
      // let the last relayed output through before deciding
      setImmediate(() => finish(code ?? 2));
    });
  });
}

/**
 * Daemon half: call once startup is complete (servers open, pidfile written). Tells the foreground
 * process to exit 0 and detaches stdin/stdout/stderr to /dev/null, as Supervisor's daemonize does.
 */
export function daemonReady(): void {
  if (!isDaemonChild()) return;
  // detach first, so that once the foreground process has exited nothing points at its pipes any more
  const devnull = openSync('/dev/null', 'r+');
  for (const fd of [0, 1, 2]) dup2(devnull, fd);
  closeSync(devnull);
  try {
    writeSync(READY_FD, READY_WORD);
    closeSync(READY_FD);
  } catch {
    // the foreground process is gone already: nothing to tell
  }
}
