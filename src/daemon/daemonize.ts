// Daemon mode without fork(): the foreground process re-runs itself detached (setsid, stdio to
// /dev/null) and waits on a pipe until the daemon reports "started" (pidfile written) or an error
// text, which it prints with Supervisor's usage shape. Only on the first start, never on reload.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

const CHILD_MARKER = 'SUPERVISOR_TS_DAEMON_CHILD';
/** fd of the status pipe inside the daemon child */
const STATUS_FD = 3;

// read once and removed, so our children never inherit the marker
const launchedAsDaemonChild = process.env[CHILD_MARKER] === '1';
delete process.env[CHILD_MARKER];
let reported = false;

export function isDaemonChild(): boolean {
  return launchedAsDaemonChild;
}

/** In the parent: start the detached daemon and resolve with its startup verdict. */
export function spawnDaemonChild(argv: string[]): Promise<{ ok: true } | { ok: false; message: string }> {
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1] ?? '', ...argv], {
    detached: true,
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    env: { ...process.env, [CHILD_MARKER]: '1' },
  });
  return new Promise((resolve) => {
    let text = '';
    const status = child.stdio[STATUS_FD];
    if (!status) {
      resolve({ ok: false, message: 'could not daemonize' });
      return;
    }
    status.on('data', (d: Buffer) => { text += d.toString('utf8'); });
    status.on('error', () => undefined);
    status.on('close', () => {
      child.unref();
      if (text.startsWith('OK')) resolve({ ok: true });
      else resolve({ ok: false, message: text.replace(/^ERR /, '').trimEnd() || 'the daemon exited during startup' });
    });
  });
}

/** In the daemon child: tell the waiting parent how startup went, then drop the pipe. */
export function reportToParent(result: { ok: true } | { ok: false; message: string }): void {
  if (!isDaemonChild() || reported) return;
  reported = true;
  try {
    const out = createWriteStream('', { fd: STATUS_FD });
    out.on('error', () => undefined);
    out.end(result.ok ? 'OK\n' : `ERR ${result.message}\n`);
  } catch { /* parent gone */ }
}
