// Drives a supervisord (ours or the real one) through the generated INI file and XML-RPC.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeIni, type ControlChannel } from '../config.js';
import { freeLoopbackPort } from '../net.js';
import { sleep, waitFor } from '../poll.js';
import { XmlRpcClient, type RpcEndpoint } from '../xmlrpc.js';
import type { Column, ColumnId, DaemonHandle, LaunchOptions, ProcInfo, ProgramSpec } from '../types.js';

export interface SupervisordCommands {
  id: ColumnId;
  version: string;
  /** argv prefix to which `-n -c <conf>` is appended */
  daemon: string[];
  /** extra environment for the daemon */
  env?: Record<string, string>;
  /** argv prefix to which `-c <conf> status` is appended */
  ctl: string[];
  inet: boolean;
}

function lastLines(path: string, count: number): string {
  try {
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    return lines.slice(-count).join(' | ');
  } catch {
    return '';
  }
}

function toProcInfo(raw: unknown): ProcInfo {
  const info = raw as { name?: string; group?: string; statename?: string; pid?: number };
  return { name: String(info.name), state: String(info.statename), pid: Number(info.pid ?? 0) };
}

class SupervisordHandle implements DaemonHandle {
  private exitInfo: string | null = null;
  readonly exited: Promise<void>;

  constructor(
    readonly column: ColumnId,
    private readonly child: ChildProcess,
    readonly launchedAt: number,
    private readonly client: XmlRpcClient,
    private readonly ctlArgv: string[],
    private readonly outputPath: string,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = signal ? `killed by ${signal}` : `exited with code ${code}`;
        resolve();
      });
    });
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** Why the daemon is gone, with the end of its output; null while it runs. */
  deathReason(): string | null {
    if (this.exitInfo === null) return null;
    const tail = lastLines(this.outputPath, 3);
    return tail ? `${this.exitInfo}: ${tail}` : this.exitInfo;
  }

  private async call(method: string, ...params: (string | boolean)[]): Promise<unknown> {
    const dead = this.deathReason();
    if (dead) throw new Error(`daemon ${dead}`);
    return this.client.call(method, ...params);
  }

  async ping(): Promise<void> {
    await this.call('supervisor.getState');
  }

  async listAll(): Promise<ProcInfo[]> {
    const all = (await this.call('supervisor.getAllProcessInfo')) as unknown[];
    return all.map(toProcInfo);
  }

  async info(name: string): Promise<ProcInfo> {
    return toProcInfo(await this.call('supervisor.getProcessInfo', name));
  }

  async start(name: string): Promise<void> {
    await this.call('supervisor.startProcess', name, false);
  }

  async startAll(): Promise<void> {
    await this.call('supervisor.startAllProcesses', true);
  }

  async stopAll(): Promise<void> {
    await this.call('supervisor.stopAllProcesses', true);
  }

  statusCli(): Promise<void> {
    const [file, ...args] = this.ctlArgv;
    return new Promise((resolve, reject) => {
      execFile(file, args, { timeout: 30000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
        // exit 3 means "some process is not running": still a complete answer
        const code = err ? (err as { code?: number | string }).code : 0;
        if (err && code !== 3) reject(new Error(`${this.column} status failed (${code}): ${String(stdout).slice(0, 200)}`));
        else if (!/RUNNING|STOPPED|EXITED|STARTING/.test(stdout)) reject(new Error(`${this.column} status printed no process table`));
        else resolve();
      });
    });
  }

  async shutdown(timeoutMs: number): Promise<void> {
    if (this.exitInfo === null) {
      try {
        await this.client.call('supervisor.shutdown');
      } catch {
        // the daemon may close the connection while shutting down; the exit below is what counts
      }
    }
    const gone = await Promise.race([this.exited.then(() => true), sleep(timeoutMs).then(() => false)]);
    this.client.close();
    if (!gone) {
      this.child.kill('SIGKILL');
      await this.exited;
      throw new Error(`daemon did not exit within ${timeoutMs} ms of supervisor.shutdown (killed)`);
    }
  }

  release(): void {
    this.client.close();
  }
}

export class SupervisordColumn implements Column {
  constructor(private readonly commands: SupervisordCommands) {}

  get id(): ColumnId {
    return this.commands.id;
  }

  get version(): string {
    return this.commands.version;
  }

  async launch(dir: string, programs: ProgramSpec[], options: LaunchOptions): Promise<SupervisordHandle> {
    const channel: ControlChannel = this.commands.inet
      ? { socketPath: null, port: await freeLoopbackPort() }
      : { socketPath: join(dir, 's.sock'), port: null };
    const conf = writeIni(dir, channel, programs);
    const endpoint: RpcEndpoint = channel.port !== null ? { host: '127.0.0.1', port: channel.port } : { socketPath: channel.socketPath as string };
    const outputPath = join(dir, 'daemon.out');
    const output = openSync(outputPath, 'w');
    const [file, ...prefix] = this.commands.daemon;
    const launchedAt = performance.now();
    const child = spawn(file, [...prefix, '-n', '-c', conf], {
      stdio: ['ignore', output, output],
      cwd: dir,
      env: { ...process.env, ...this.commands.env },
    });
    closeSync(output);
    const spawnError = new Promise<never>((_, reject) => child.once('error', (err) => reject(new Error(`cannot start ${file}: ${err.message}`))));
    spawnError.catch(() => undefined);
    const handle = new SupervisordHandle(this.id, child, launchedAt, new XmlRpcClient(endpoint), [...this.commands.ctl, '-c', conf, 'status'], outputPath);
    if (options.waitReady) {
      await Promise.race([
        spawnError,
        waitFor(
          async () => {
            const dead = handle.deathReason();
            if (dead) throw Object.assign(new Error(`daemon ${dead}`), { fatal: true });
            await handle.ping();
            return true;
          },
          { timeoutMs: options.timeoutMs, intervalMs: 20, what: `${this.id} to answer on its control socket` },
        ).catch(async (err: Error) => {
          await sleep(50);
          const dead = handle.deathReason();
          if (dead) throw new Error(`daemon ${dead}`);
          child.kill('SIGKILL');
          throw err;
        }),
      ]);
    }
    return handle;
  }
}
