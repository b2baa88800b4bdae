// Our supervisord on a temp config with an authenticated [inet_http_server] on a free loopback port.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const USERNAME = 'webuser';
export const PASSWORD = 'web-secret';

/** A port nobody listens on right now: bind to 0, read it, close. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export class WebDaemon {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'svts-web-'));
  readonly baseUrl: string;
  private child: ChildProcess | null = null;
  private output = '';
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly supervisord: string, readonly port: number, programs: string) {
    this.baseUrl = `http://127.0.0.1:${port}`;
    writeFileSync(this.configFile, `[inet_http_server]
port=127.0.0.1:${port}
username=${USERNAME}
password=${PASSWORD}

[supervisord]
logfile=${this.dir}/supervisord.log
pidfile=${this.dir}/supervisord.pid
childlogdir=${this.dir}
loglevel=info

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

${programs}
`);
  }

  get configFile(): string {
    return path.join(this.dir, 'supervisord.conf');
  }

  /** Starts the daemon and waits until its web page answers with the right credentials. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, [this.supervisord, '-n', '-c', this.configFile], {
      cwd: this.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (d: Buffer) => { this.output += d.toString(); });
    child.stderr!.on('data', (d: Buffer) => { this.output += d.toString(); });
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const auth = `Basic ${Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64')}`;
    await waitFor(`the web UI on ${this.baseUrl}\n${this.diagnostics()}`, async () => {
      if (child.exitCode !== null) throw new Error(`supervisord exited ${child.exitCode}\n${this.diagnostics()}`);
      const res = await fetch(`${this.baseUrl}/`, { headers: { Authorization: auth } });
      return res.status === 200;
    });
  }

  diagnostics(): string {
    let log = '';
    try {
      log = readFileSync(path.join(this.dir, 'supervisord.log'), 'utf8');
    } catch {
      // not written yet
    }
    return `output:\n${this.output}\nlog:\n${log}`;
  }

  /** SIGTERM by pid, SIGKILL if it lingers; then the temp dir goes. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = new Promise<'late'>((r) => setTimeout(() => r('late'), 10000).unref());
      if ((await Promise.race([this.exited, timer])) === 'late') {
        child.kill('SIGKILL');
        await this.exited;
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
