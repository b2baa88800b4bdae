// Runs a real supervisord (ours from dist/, or the Python one) on a temp config and observes it through
// its log, its pidfile, signals and XML-RPC over its unix socket (via /usr/bin/python3 xmlrpc.client).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const OUR_SUPERVISORD = path.join(ROOT, 'bin', 'supervisord.js');
export const REAL_SUPERVISORD = '/usr/bin/supervisord';
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'programs');
export const hasRealSupervisor = existsSync(REAL_SUPERVISORD);
export const hasDist = existsSync(path.join(ROOT, 'dist', 'cli', 'supervisord.js'));

export type Flavor = 'ours' | 'real';

export function tempDir(prefix = 'svts-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A config with log, pidfile, socket and rpcinterface inside `dir`, plus the given program sections. */
export function writeConfig(dir: string, body: string, supervisordExtra = ''): string {
  const file = path.join(dir, 'supervisord.conf');
  writeFileSync(file, `[unix_http_server]
file=${dir}/s.sock

[supervisord]
logfile=${dir}/supervisord.log
pidfile=${dir}/supervisord.pid
childlogdir=${dir}
loglevel=info
${supervisordExtra}

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://${dir}/s.sock

${body}
`);
  return file;
}

export async function waitFor<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 10000,
  intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // a zombie still answers kill(0); look at its state
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

export class DaemonUnderTest {
  readonly child: ChildProcess;
  readonly logFile: string;
  output = '';
  exitCode: number | null = null;
  readonly exited: Promise<number | null>;

  constructor(readonly flavor: Flavor, readonly dir: string, readonly configFile: string, args: string[] = ['-n']) {
    this.logFile = path.join(dir, 'supervisord.log');
    const cmd = flavor === 'ours' ? process.execPath : REAL_SUPERVISORD;
    const argv = flavor === 'ours' ? [OUR_SUPERVISORD, ...args, '-c', configFile] : [...args, '-c', configFile];
    this.child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
    this.child.stdout!.on('data', (d: Buffer) => { this.output += d.toString(); });
    this.child.stderr!.on('data', (d: Buffer) => { this.output += d.toString(); });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => { this.exitCode = code; resolve(code); }));
  }

  get pid(): number {
    return this.child.pid!;
  }

  log(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  /** log lines without the timestamp */
  lines(): string[] {
    return this.log().split('\n').filter(Boolean).map((l) => l.slice(24));
  }

  async waitForLog(pattern: RegExp, timeoutMs = 10000): Promise<RegExpMatchArray> {
    return waitFor(`log ${pattern} in ${this.logFile}\n${this.log()}`, () => this.log().match(pattern), timeoutMs);
  }

  async waitForExit(timeoutMs = 15000): Promise<number | null> {
    const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs).unref());
    const r = await Promise.race([this.exited, timer]);
    if (r === 'timeout') throw new Error(`daemon did not exit; log:\n${this.log()}\noutput:\n${this.output}`);
    return r;
  }

  signal(sig: NodeJS.Signals): void {
    try { process.kill(this.pid, sig); } catch { /* gone */ }
  }

  /** XML-RPC call through the unix socket; returns the JSON-decoded result */
  rpc(method: string, ...params: unknown[]): unknown {
    return rpcCall(path.join(this.dir, 's.sock'), method, params);
  }

  /** end the daemon for sure (hook cleanup) */
  async kill(): Promise<void> {
    if (this.exitCode !== null || this.child.exitCode !== null) return;
    this.signal('SIGTERM');
    const timer = new Promise((r) => setTimeout(r, 5000).unref());
    await Promise.race([this.exited, timer]);
    if (this.child.exitCode === null) this.signal('SIGKILL');
  }
}

const RPC_SCRIPT = `
import json, sys, xmlrpc.client
from supervisor.xmlrpc import SupervisorTransport
sock, method, params = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
proxy = xmlrpc.client.ServerProxy('http://127.0.0.1', transport=SupervisorTransport(None, None, 'unix://' + sock))
try:
    result = getattr(proxy, method)(*params)
    print(json.dumps({'ok': result}))
except xmlrpc.client.Fault as f:
    print(json.dumps({'fault': f.faultCode, 'string': f.faultString}))
`;

export function rpcCall(sock: string, method: string, params: unknown[]): unknown {
  const r = spawnSync('/usr/bin/python3', ['-c', RPC_SCRIPT, sock, method, JSON.stringify(params)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`rpc ${method} failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { ok?: unknown; fault?: number; string?: string };
  if (out.fault !== undefined) throw new Error(`Fault ${out.fault}: ${out.string}`);
  return out.ok;
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
