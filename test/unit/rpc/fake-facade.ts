// A scriptable stand-in for the core, so the RPC layer can be tested without spawning anything.
import type { ChannelConfig, LoadedConfig, ProcessConfig, ProcessGroupConfig } from '../../../src/config/model.js';
import {
  BadNameError,
  NoStdinError,
  type ConfigDiff,
  type ExecCheck,
  type GroupHandle,
  type ProcessHandle,
  type SupervisorFacade,
} from '../../../src/core/facade.js';
import { ProcessState, SupervisorState } from '../../../src/core/states.js';
import type { MainLogger } from '../../../src/logging/api.js';
import type { LogLevelName } from '../../../src/config/model.js';

function channel(logfile: string | null): ChannelConfig {
  return { logfile, logfileMaxbytes: 50 * 1024 * 1024, logfileBackups: 10, captureMaxbytes: 0, eventsEnabled: false, syslog: false };
}

export function processConfig(name: string, overrides: Partial<ProcessConfig> = {}): ProcessConfig {
  return {
    name,
    programName: name,
    command: `/bin/sleep 1000`,
    directory: null,
    umask: null,
    priority: 999,
    autostart: true,
    autorestart: 'unexpected',
    startsecs: 1,
    startretries: 3,
    uid: null,
    user: null,
    stdout: channel('AUTO'),
    stderr: channel('AUTO'),
    stopsignal: 15,
    stopwaitsecs: 10,
    stopasgroup: false,
    killasgroup: false,
    exitcodes: [0],
    redirectStderr: false,
    environment: null,
    serverurl: null,
    processNum: 0,
    numprocs: 1,
    envFileEnvironment: null,
    critical: false,
    console: false,
    consoleFormat: 'raw',
    consoleTimestamps: false,
    ...overrides,
  };
}

export function groupConfig(name: string, processes: ProcessConfig[], priority = 999): ProcessGroupConfig {
  return { name, kind: 'program', priority, processes, source: { file: '/etc/x.conf', line: 1, section: `program:${name}` } };
}

/** What spawn() does: go to STARTING (default), fail at once with a spawn error, or exit fast. */
export type SpawnScript = 'starting' | 'spawnerr' | ((p: FakeProcess) => void);

let nextPid = 4000;

export class FakeProcess implements ProcessHandle {
  state: ProcessState = ProcessState.STOPPED;
  pid = 0;
  laststart = 0;
  laststop = 0;
  spawnerr: string | null = null;
  exitstatus: number | null = null;
  killing = false;
  stdoutLogPath: string | null;
  stderrLogPath: string | null;

  exec: ExecCheck = { ok: true };
  onSpawn: SpawnScript = 'starting';
  /** stop() moves to STOPPING and then, unless false, to STOPPED on the next macrotask */
  stopsOnItsOwn = true;
  stopError: string | null = null;
  signalError: string | null = null;
  stdinClosed = false;
  clearLogsError: Error | null = null;

  readonly signals: number[] = [];
  readonly stdin: Buffer[] = [];
  spawnCount = 0;
  clearCount = 0;
  private waiters: Array<(s: ProcessState) => void> = [];

  constructor(
    readonly config: ProcessConfig,
    readonly group: GroupHandle,
  ) {
    this.stdoutLogPath = config.stdout.logfile === 'AUTO' ? `/tmp/fake-${config.name}-stdout.log` : config.stdout.logfile;
    this.stderrLogPath = config.stderr.logfile === 'AUTO' ? `/tmp/fake-${config.name}-stderr.log` : config.stderr.logfile;
  }

  setState(state: ProcessState): void {
    this.state = state;
    if (state === ProcessState.STOPPED || state === ProcessState.EXITED || state === ProcessState.FATAL) {
      this.pid = 0;
      this.laststop = Date.now() / 1000;
    }
    const waiters = this.waiters.splice(0);
    for (const w of waiters) w(state);
  }

  /** Go RUNNING the way the core does once startsecs have passed. */
  becomeRunning(): void {
    this.setState(ProcessState.RUNNING);
  }

  checkExecutable(): ExecCheck {
    return this.exec;
  }

  spawn(): void {
    this.spawnCount++;
    this.spawnerr = null;
    if (this.onSpawn === 'spawnerr') {
      this.spawnerr = "can't find command";
      this.setState(ProcessState.BACKOFF);
      return;
    }
    this.pid = nextPid++;
    this.laststart = Date.now() / 1000;
    this.setState(ProcessState.STARTING);
    if (typeof this.onSpawn === 'function') this.onSpawn(this);
  }

  stop(): string | null {
    if (this.stopError) return this.stopError;
    if (this.state === ProcessState.BACKOFF) {
      this.setState(ProcessState.STOPPED);
      return null;
    }
    this.killing = true;
    this.setState(ProcessState.STOPPING);
    if (this.stopsOnItsOwn) {
      setImmediate(() => {
        this.killing = false;
        this.setState(ProcessState.STOPPED);
      });
    }
    return null;
  }

  signal(signo: number): string | null {
    if (this.signalError) return this.signalError;
    this.signals.push(signo);
    return null;
  }

  transition(): void {
    if (this.state === ProcessState.STARTING && this.config.startsecs === 0) this.setState(ProcessState.RUNNING);
  }

  nextStateChange(): Promise<ProcessState> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  writeStdin(data: Buffer): void {
    if (this.stdinClosed) throw new NoStdinError('stdin closed');
    this.stdin.push(data);
  }

  clearLogs(): void {
    if (this.clearLogsError) throw this.clearLogsError;
    this.clearCount++;
  }
}

export class FakeGroup implements GroupHandle {
  readonly processes = new Map<string, FakeProcess>();
  constructor(readonly config: ProcessGroupConfig) {
    for (const p of config.processes) this.processes.set(p.name, new FakeProcess(p, this));
  }
  get name(): string {
    return this.config.name;
  }
  process(name: string): FakeProcess {
    const p = this.processes.get(name);
    if (!p) throw new Error(`no process ${name}`);
    return p;
  }
}

export function loadedConfig(groups: ProcessGroupConfig[], overrides: Partial<LoadedConfig> = {}): LoadedConfig {
  return {
    configFile: '/etc/supervisord.conf',
    supervisord: {} as LoadedConfig['supervisord'],
    groups,
    servers: [],
    rpcinterfaces: [{ name: 'supervisor', factory: 'supervisor.rpcinterface:make_main_rpcinterface', params: {} }],
    supervisorctl: null,
    warnings: [],
    infos: [],
    ...overrides,
  };
}

export class FakeFacade implements SupervisorFacade {
  state = SupervisorState.RUNNING;
  pid = 4242;
  identifier = 'supervisor';
  mainLogPath: string | null = null;
  config: LoadedConfig;
  pendingConfig: LoadedConfig;
  private readonly active = new Map<string, FakeGroup>();
  readonly events: Array<[string, string]> = [];
  reloadResult: ConfigDiff | Error = { added: [], changed: [], removed: [] };
  shutdownCalls = 0;
  restartCalls = 0;
  clearMainLogCalls = 0;

  constructor(groups: ProcessGroupConfig[]) {
    this.config = loadedConfig(groups);
    this.pendingConfig = this.config;
    for (const g of groups) this.active.set(g.name, new FakeGroup(g));
  }

  groups(): FakeGroup[] {
    return [...this.active.values()].sort((a, b) => a.config.priority - b.config.priority || (a.name < b.name ? -1 : 1));
  }
  getGroup(name: string): FakeGroup | undefined {
    return this.active.get(name);
  }
  group(name: string): FakeGroup {
    const g = this.active.get(name);
    if (!g) throw new Error(`no group ${name}`);
    return g;
  }
  process(group: string, name = group): FakeProcess {
    return this.group(group).process(name);
  }
  clearMainLog(): void {
    this.clearMainLogCalls++;
  }
  shutdown(): void {
    this.shutdownCalls++;
    this.state = SupervisorState.SHUTDOWN;
  }
  restart(): void {
    this.restartCalls++;
    this.state = SupervisorState.RESTARTING;
  }
  reloadConfig(): ConfigDiff {
    if (this.reloadResult instanceof Error) throw this.reloadResult;
    return this.reloadResult;
  }
  addProcessGroup(name: string): boolean {
    const cfg = this.pendingConfig.groups.find((g) => g.name === name);
    if (!cfg) throw new BadNameError(name);
    if (this.active.has(name)) return false;
    this.active.set(name, new FakeGroup(cfg));
    return true;
  }
  removeProcessGroup(name: string): boolean {
    const g = this.active.get(name);
    if (!g) throw new BadNameError(name);
    const busy = [...g.processes.values()].some((p) => ![0, 100, 200, 1000].includes(p.state));
    if (busy) return false;
    this.active.delete(name);
    return true;
  }
  sendRemoteCommEvent(type: string, data: string): void {
    this.events.push([type, data]);
  }
}

/** A logger that remembers every line, for asserting on log output. */
export class MemoryLogger implements MainLogger {
  readonly lines: string[] = [];
  level: LogLevelName = 'trace';
  critical(msg: string): void {
    this.lines.push(`CRIT ${msg}`);
  }
  error(msg: string): void {
    this.lines.push(`ERRO ${msg}`);
  }
  warn(msg: string): void {
    this.lines.push(`WARN ${msg}`);
  }
  info(msg: string): void {
    this.lines.push(`INFO ${msg}`);
  }
  debug(msg: string): void {
    this.lines.push(`DEBG ${msg}`);
  }
  trace(msg: string): void {
    this.lines.push(`TRAC ${msg}`);
  }
  blather(msg: string): void {
    this.lines.push(`BLAT ${msg}`);
  }
  enabled(): boolean {
    return true;
  }
  reopen(): void {}
  clear(): void {}
  async close(): Promise<void> {}
}

/** The facade most tests use: `cat` (running), `sleeper` (stopped), group `web` with `web:a`, `web:b`. */
export function standardFacade(): FakeFacade {
  const facade = new FakeFacade([
    groupConfig('cat', [processConfig('cat', { priority: 10 })], 10),
    groupConfig('sleeper', [processConfig('sleeper', { autostart: false })], 20),
    groupConfig('web', [processConfig('a', { priority: 2 }), processConfig('b', { priority: 1 })], 5),
  ]);
  const cat = facade.process('cat');
  cat.spawn();
  cat.becomeRunning();
  return facade;
}
