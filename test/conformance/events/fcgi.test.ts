// [fcgi-program:x] under the real supervisord and ours: the child accepts on fd 0, a restarted child
// serves the same socket, and a socket that cannot be bound stops startup with Supervisor's message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ctl, OUR_SUPERVISORD, ourDaemonAvailable, PY, REAL_SUPERVISORD } from './harness.js';

type Daemon = 'real' | 'ours';

/** ours is tested once the daemon creates fcgi sockets (src/process/fcgi-socket.ts wired in) */
function fcgiWired(): boolean {
  const root = join(OUR_SUPERVISORD, '..', '..', 'src');
  return ['core', 'daemon'].some((d) => existsSync(join(root, d)) && readdirSync(join(root, d))
    .some((f) => f.endsWith('.ts') && readFileSync(join(root, d, f), 'utf8').includes('fcgi-socket.js')));
}

function skipReason(daemon: Daemon): string | null {
  if (!existsSync(REAL_SUPERVISORD) || !existsSync(PY)) return 'no /usr/bin/supervisord';
  if (daemon === 'ours' && !ourDaemonAvailable()) return 'our supervisord is not built/runnable';
  if (daemon === 'ours' && !fcgiWired()) return 'fcgi sockets are not wired into our daemon yet';
  return null;
}

const SERVER = `import os, socket
s = socket.socket(fileno=0)
while True:
    c, _ = s.accept()
    c.sendall(b'pid:%d' % os.getpid())
    c.close()
`;

function command(daemon: Daemon, conf: string): [string, string[]] {
  return daemon === 'real' ? [REAL_SUPERVISORD, ['-n', '-c', conf]] : [process.execPath, [OUR_SUPERVISORD, '-n', '-c', conf]];
}

function request(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = createConnection({ path });
    let data = '';
    sock.setEncoding('utf8');
    sock.on('data', (d) => { data += d; });
    sock.on('end', () => resolve(data));
    sock.on('error', reject);
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v !== null) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(timer);
}

for (const daemon of ['real', 'ours'] as const) {
  test(`${daemon}: fcgi child accepts on fd 0; a restarted child serves the same socket`, async (t) => {
    const skip = skipReason(daemon);
    if (skip) return t.skip(skip);
    const dir = mkdtempSync(join(tmpdir(), `fcgi-${daemon}-`));
    const sock = join(dir, 'sv.sock');
    const web = join(dir, 'web.sock');
    writeFileSync(join(dir, 'server.py'), SERVER);
    const conf = join(dir, 'supervisord.conf');
    writeFileSync(conf, `[unix_http_server]
file=${sock}
[supervisord]
logfile=${dir}/supervisord.log
pidfile=${dir}/supervisord.pid
childlogdir=${dir}
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[fcgi-program:web]
command=${PY} ${dir}/server.py
socket=unix://${web}
socket_mode=0660
startsecs=0
`);
    const [cmd, args] = command(daemon, conf);
    const child = spawn(cmd, args, { stdio: 'ignore', cwd: dir });
    t.after(async () => {
      await stop(child);
      rmSync(dir, { recursive: true, force: true });
    });
    const first = await waitFor('the first answer', async () => (await request(web)) || null);
    assert.match(first, /^pid:\d+$/);
    const out = ctl(sock, 'restart', 'web:web');
    assert.match(out, /^web: started$/m);
    const second = await waitFor('an answer from the new child', async () => {
      const answer = await request(web);
      return answer !== first ? answer : null;
    });
    assert.match(second, /^pid:\d+$/);
  });

  test(`${daemon}: a socket that cannot be bound stops startup naming the url and the error`, async (t) => {
    const skip = skipReason(daemon);
    if (skip) return t.skip(skip);
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const dir = mkdtempSync(join(tmpdir(), `fcgi-${daemon}-`));
    t.after(() => {
      blocker.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const port = (blocker.address() as { port: number }).port;
    const conf = join(dir, 'supervisord.conf');
    writeFileSync(conf, `[supervisord]
logfile=${dir}/supervisord.log
pidfile=${dir}/supervisord.pid
[fcgi-program:web]
command=/bin/cat
socket=tcp://127.0.0.1:${port}
`);
    const [cmd, args] = command(daemon, conf);
    const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: dir, timeout: 20_000 });
    assert.notEqual(r.status, 0);
    assert.equal(r.signal, null, 'exited by itself');
    assert.ok(r.stderr.includes(`Could not create FastCGI socket tcp://127.0.0.1:${port}: [Errno 98] Address already in use`),
      r.stderr);
  });
}
