// PM2, installed into a private temp prefix with its own PM2_HOME, driven through its programmatic API.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRunning } from '../procfs.js';
import { sleep, waitFor, withTimeout } from '../poll.js';
import type { Column, DaemonHandle, LaunchOptions, ProcInfo, ProgramSpec } from '../types.js';

type Callback<T> = (err: unknown, value: T) => void;

interface Pm2Process {
  name: string;
  pid: number;
  pm2_env: { status: string };
}

/** The part of PM2's API object the harness uses. */
interface Pm2Api {
  connect(cb: Callback<unknown>): void;
  start(apps: object[], cb: Callback<unknown>): void;
  stop(target: string, cb: Callback<unknown>): void;
  restart(target: string, cb: Callback<unknown>): void;
  list(cb: Callback<Pm2Process[]>): void;
  describe(target: string, cb: Callback<Pm2Process[]>): void;
  killDaemon(cb: Callback<unknown>): void;
  disconnect(cb?: () => void): void;
  Client: { executeRemote(method: string, env: object, cb: Callback<unknown>): void };
}

interface Pm2Module {
  custom: new (options: { pm2_home: string; daemon_mode: boolean }) => Pm2Api;
}

function promisify<T>(run: (cb: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => run((err, value) => (err ? reject(err instanceof Error ? err : new Error(JSON.stringify(err))) : resolve(value))));
}

const STATES: Record<string, string> = {
  online: 'RUNNING',
  launching: 'STARTING',
  stopping: 'STOPPING',
  stopped: 'STOPPED',
  errored: 'FATAL',
  'one-launch-status': 'EXITED',
};

function toProcInfo(proc: Pm2Process): ProcInfo {
  return { name: proc.name, state: STATES[proc.pm2_env.status] ?? proc.pm2_env.status.toUpperCase(), pid: proc.pid ?? 0 };
}

function toApp(spec: ProgramSpec): object {
  const out = spec.stdoutLogfile ?? '/dev/null';
  return {
    name: spec.name,
    script: spec.argv[0],
    args: spec.argv.slice(1),
    interpreter: 'none',
    exec_mode: 'fork',
    autorestart: spec.autorestart,
    // PM2 stops restarting after max_restarts quick exits; the benchmark kills on purpose
    max_restarts: 100000,
    min_uptime: 100,
    restart_delay: 0,
    kill_timeout: spec.stopwaitsecs * 1000,
    out_file: out,
    error_file: spec.stdoutLogfile ? `${out}.err` : '/dev/null',
    merge_logs: true,
  };
}

/**
 * The environment of the `pm2` command. The library leaves PM2_* variables in ours (PM2_PROGRAMMATIC on load,
 * PM2_SILENT after killDaemon) that would silence the command: pass none of them on, only PM2_HOME.
 */
function cliEnvironment(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('PM2_')) env[key] = value;
  env.PM2_HOME = home;
  return env;
}

class Pm2Handle implements DaemonHandle {
  readonly column = 'pm2' as const;
  launchedAt = 0;
  private released = false;

  constructor(
    private readonly api: Pm2Api,
    readonly pid: number,
    private readonly home: string,
    private readonly cliPath: string,
    private readonly specs: Map<string, ProgramSpec>,
  ) {}

  async ping(): Promise<void> {
    await promisify((cb) => this.api.Client.executeRemote('getVersion', {}, cb));
  }

  async listAll(): Promise<ProcInfo[]> {
    return (await promisify<Pm2Process[]>((cb) => this.api.list(cb))).map(toProcInfo);
  }

  async info(name: string): Promise<ProcInfo> {
    const found = await promisify<Pm2Process[]>((cb) => this.api.describe(name, cb));
    if (found.length === 0) throw new Error(`pm2: no process named ${name}`);
    return toProcInfo(found[0]);
  }

  async startApps(specs: ProgramSpec[]): Promise<void> {
    if (specs.length > 0) await promisify((cb) => this.api.start(specs.map(toApp), cb));
  }

  async start(name: string): Promise<void> {
    const spec = this.specs.get(name);
    if (!spec) throw new Error(`pm2: no program ${name}`);
    await this.startApps([spec]);
  }

  async startAll(): Promise<void> {
    await promisify((cb) => this.api.restart('all', cb));
  }

  async stopAll(): Promise<void> {
    await promisify((cb) => this.api.stop('all', cb));
  }

  statusCli(): Promise<void> {
    return new Promise((resolve, reject) => {
      execFile(process.execPath, [this.cliPath, 'ls'], { timeout: 30000, maxBuffer: 16 * 1024 * 1024, env: cliEnvironment(this.home) }, (err, stdout, stderr) => {
        const said = `${stdout}${stderr}`.replace(/\s+/g, ' ').slice(0, 200);
        if (err) reject(new Error(`pm2 ls failed: ${err.message.split('\n')[0]}: ${said}`));
        else if (!/online|stopped/.test(stdout)) reject(new Error(`pm2 ls printed no process table: ${said}`));
        else resolve();
      });
    });
  }

  async shutdown(timeoutMs: number): Promise<void> {
    if (!isRunning(this.pid)) {
      this.release();
      return;
    }
    try {
      await withTimeout(promisify((cb) => this.api.killDaemon(cb)), timeoutMs, 'pm2 killDaemon');
    } finally {
      this.release();
    }
    await waitFor(() => !isRunning(this.pid), { timeoutMs: 5000, what: 'the PM2 daemon to exit' });
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.api.disconnect();
  }
}

export class Pm2Column implements Column {
  readonly id = 'pm2' as const;

  private constructor(private readonly prefix: string, private readonly module: Pm2Module, readonly version: string) {}

  /** Installs PM2 into a private prefix (or reuses `existingPrefix`); throws with the reason when it cannot. */
  static async install(existingPrefix: string | null, log: (m: string) => void): Promise<Pm2Column> {
    const prefix = existingPrefix ?? mkdtempSync(join(tmpdir(), 'sts-bench-pm2-'));
    const packageDir = join(prefix, 'node_modules', 'pm2');
    if (!existsSync(join(packageDir, 'package.json'))) {
      log(`installing pm2 into ${prefix}`);
      await new Promise<void>((resolve, reject) => {
        execFile('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', 'pm2'], { timeout: 300000 }, (err, _out, stderr) =>
          err ? reject(new Error(`npm install pm2 failed: ${String(stderr).trim().split('\n').pop()}`)) : resolve(),
        );
      });
    }
    // PM2 reads PM2_HOME when first loaded: keep it away from ~/.pm2
    process.env.PM2_HOME = join(prefix, 'home');
    const module = createRequire(join(prefix, 'package.json'))('pm2') as Pm2Module;
    const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
    return new Pm2Column(prefix, module, version);
  }

  /** Removes the private prefix (only one we created). */
  dispose(owned: boolean): void {
    if (owned) rmSync(this.prefix, { recursive: true, force: true });
  }

  async launch(dir: string, programs: ProgramSpec[], options: LaunchOptions): Promise<Pm2Handle> {
    const home = join(dir, 'pm2');
    const api = new this.module.custom({ pm2_home: home, daemon_mode: true });
    // the daemon PM2 spawns takes its home from the environment, not from the option
    process.env.PM2_HOME = home;
    const pidFile = join(home, 'pm2.pid');
    try {
      await withTimeout(promisify((cb) => api.connect(cb)), options.timeoutMs, 'pm2 connect');
    } catch (err) {
      // a daemon that started but never answered must not outlive the run
      const stray = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : 0;
      if (stray > 0 && isRunning(stray)) process.kill(stray, 'SIGKILL');
      api.disconnect();
      throw err;
    }
    const pid = await waitFor(() => existsSync(pidFile) && Number(readFileSync(pidFile, 'utf8').trim()), { timeoutMs: 5000, what: 'pm2.pid' });
    const handle = new Pm2Handle(api, pid, home, join(this.prefix, 'node_modules', 'pm2', 'bin', 'pm2'), new Map(programs.map((p) => [p.name, p])));
    handle.launchedAt = performance.now();
    const starting = handle.startApps(programs.filter((p) => p.autostart));
    if (options.waitReady) await withTimeout(starting, options.timeoutMs, 'pm2 start');
    else starting.catch(() => undefined);
    await sleep(0);
    return handle;
  }
}
