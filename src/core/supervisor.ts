// The supervisor: active groups, autostart, ordered shutdown, config reload, and the facade the
// control plane (RPC, web) uses. One instance per run; a SIGHUP reload builds a new one.
import type { LoadedConfig, ProcessGroupConfig } from '../config/model.js';
import type { MainLogger } from '../logging/api.js';
import type { EventSink } from '../events/api.js';
import { ProcessGroupEvent, RemoteCommunicationEvent, SupervisorStateChangeEvent } from '../events/types.js';
import { BadNameError, type ConfigDiff, type GroupHandle, type SupervisorFacade } from './facade.js';
import { ProcessGroup, startIfNeverStarted } from './group.js';
import type { ProcessEnvironment, TimerId } from './ports.js';
import type { Subprocess } from './subprocess.js';
import { ProcessState, STOPPED_STATES, SupervisorState } from './states.js';
import { criticalExitCode, describeCriticalEnd, willNotRestart } from './critical.js';

const SHUTDOWN_REPORT_INTERVAL_MS = 3000;
/** autostart spawns for at most this long before letting other work (RPC requests) run */
const AUTOSTART_SLICE_MS = 5;

export type StopReason = 'shutdown' | 'restart';

export interface SupervisorDeps {
  config: LoadedConfig;
  /** process environment minus mayRestart, which the supervisor provides */
  env: Omit<ProcessEnvironment, 'mayRestart' | 'events'>;
  events: EventSink;
  /** re-read the config file (reloadConfig); throws with a message naming file and line */
  loadConfig(): LoadedConfig;
  diffGroups(active: ProcessGroupConfig[], pending: ProcessGroupConfig[]): ConfigDiff;
  mainLogPath: string | null;
  pid?: number;
  /** per-group extras wired by the daemon (event listener pools, fcgi sockets); returns a close function */
  attachGroup?: GroupAttacher;
}

export type GroupAttacher = (group: ProcessGroup) => (() => void) | null;

export interface RunOutcome {
  reason: StopReason;
  exitCode: number;
}

export class Supervisor implements SupervisorFacade {
  state: SupervisorState = SupervisorState.RUNNING;
  readonly pid: number;
  pendingConfig: LoadedConfig;
  exitCode = 0;

  private readonly active = new Map<string, ProcessGroup>();
  private readonly env: ProcessEnvironment;
  private readonly logger: MainLogger;
  private started = false;
  /** every autostart process has been spawned once (exit_when_all_exited waits for that) */
  private autostartDone = false;
  private stopReason: StopReason | null = null;
  private stopQueue: ProcessGroup[] = [];
  private reportTimer: TimerId | null = null;
  private finished: ((o: RunOutcome) => void) | null = null;
  private readonly done: Promise<RunOutcome>;
  private killingAll = false;

  constructor(private readonly deps: SupervisorDeps) {
    this.pid = deps.pid ?? process.pid;
    this.pendingConfig = deps.config;
    this.logger = deps.env.logger;
    this.env = { ...deps.env, events: deps.events, mayRestart: () => this.state === SupervisorState.RUNNING };
    this.done = new Promise((resolve) => { this.finished = resolve; });
    for (const gconfig of deps.config.groups) this.instantiate(gconfig);
  }

  get config(): LoadedConfig {
    return this.deps.config;
  }

  get identifier(): string {
    return this.deps.config.supervisord.identifier;
  }

  get mainLogPath(): string | null {
    return this.deps.mainLogPath;
  }

  /** Emit SUPERVISOR_STATE_CHANGE_RUNNING and autostart every group in priority order (no delay). */
  start(): Promise<RunOutcome> {
    this.deps.events.notify(new SupervisorStateChangeEvent('RUNNING'));
    this.started = true;
    const queue = (this.groups() as ProcessGroup[]).flatMap((g) => g.byPriority());
    this.autostartSlice(queue);
    return this.done;
  }

  /**
   * Spawn in priority order, but hand the event loop back every few milliseconds, so that the control
   * plane answers while hundreds of programs start (Supervisor blocks its loop for the whole batch).
   */
  private autostartSlice(queue: Subprocess[]): void {
    // Date.now(), not performance.now(): the first use of the `performance` global loads all of perf_hooks
    const sliceEnd = Date.now() + AUTOSTART_SLICE_MS;
    while (queue.length > 0) {
      if (this.state !== SupervisorState.RUNNING) return;
      startIfNeverStarted(queue.shift()!);
      if (queue.length > 0 && Date.now() > sliceEnd) {
        setImmediate(() => this.autostartSlice(queue));
        return;
      }
    }
    this.autostartDone = true;
    this.checkAllExited();
  }

  /** resolves once shutdown/restart has stopped every process */
  whenStopped(): Promise<RunOutcome> {
    return this.done;
  }

  // ---------------------------------------------------------------- facade

  groups(): GroupHandle[] {
    // runtime groups sort by priority only (stable: insertion order)
    return [...this.active.values()].sort((a, b) => a.priority - b.priority);
  }

  getGroup(name: string): GroupHandle | undefined {
    return this.active.get(name);
  }

  clearMainLog(): void {
    this.logger.clear();
  }

  shutdown(): void {
    this.beginStop('shutdown', SupervisorState.SHUTDOWN);
  }

  restart(): void {
    this.beginStop('restart', SupervisorState.RESTARTING);
  }

  reloadConfig(): ConfigDiff {
    const fresh = this.deps.loadConfig();
    this.pendingConfig = fresh;
    const activeConfigs = [...this.active.values()].map((g) => g.config);
    return this.deps.diffGroups(activeConfigs, fresh.groups);
  }

  addProcessGroup(name: string): boolean {
    const gconfig = this.pendingConfig.groups.find((g) => g.name === name);
    if (!gconfig) throw new BadNameError(name);
    if (this.active.has(name)) return false;
    const group = this.instantiate(gconfig);
    if (this.state === SupervisorState.RUNNING && this.started) group.autostart();
    return true;
  }

  removeProcessGroup(name: string): boolean {
    const group = this.active.get(name);
    if (!group) throw new BadNameError(name);
    if (group.unstopped().length > 0) return false;
    this.active.delete(name);
    void group.close();
    this.deps.events.notify(new ProcessGroupEvent('REMOVED', name));
    return true;
  }

  sendRemoteCommEvent(type: string, data: string): void {
    this.deps.events.notify(new RemoteCommunicationEvent(type, data));
  }

  // ---------------------------------------------------------------- daemon-facing

  reopenLogs(): void {
    this.logger.reopen();
    for (const g of this.active.values()) g.reopenLogs();
  }

  /** Second SIGTERM while shutting down: SIGKILL every remaining process group at once. */
  killAll(): void {
    this.killingAll = true;
    for (const g of this.active.values()) for (const p of g.unstopped()) p.killNow();
    this.checkStopProgress();
  }

  get isStopping(): boolean {
    return this.stopReason !== null;
  }

  /** why the supervisor is stopping, null while running */
  get stopping(): StopReason | null {
    return this.stopReason;
  }

  async close(): Promise<void> {
    this.clearReportTimer();
    await Promise.all([...this.active.values()].map((g) => g.close()));
  }

  // ---------------------------------------------------------------- internals

  private instantiate(gconfig: ProcessGroupConfig): ProcessGroup {
    const group = new ProcessGroup(gconfig, this.env, {
      onStateChange: (proc, from, to) => this.onStateChange(proc, from, to),
      onSettled: (proc) => this.onSettled(proc),
    });
    const detach = this.deps.attachGroup?.(group) ?? null;
    if (detach) group.onClose(detach);
    this.active.set(gconfig.name, group);
    this.deps.events.notify(new ProcessGroupEvent('ADDED', gconfig.name));
    return group;
  }

  private beginStop(reason: StopReason, mood: SupervisorState): void {
    if (this.stopReason !== null) {
      // a shutdown request during a restart turns it into a shutdown (Supervisor's mood wins)
      if (reason === 'shutdown') {
        this.stopReason = reason;
        this.state = mood;
      }
      return;
    }
    this.stopReason = reason;
    this.state = mood;
    this.deps.events.notify(new SupervisorStateChangeEvent('STOPPING'));
    // one group at a time, descending priority
    this.stopQueue = (this.groups() as ProcessGroup[]).slice();
    this.checkStopProgress();
    // Supervisor reports at once, then every 3 s
    if (this.finished) this.shutdownReport();
  }

  /** Stop the highest-priority group still running; move on once all its processes are stopped. */
  private checkStopProgress(): void {
    if (this.stopReason === null) return;
    while (this.stopQueue.length > 0) {
      const current = this.stopQueue[this.stopQueue.length - 1]!;
      if (this.killingAll) for (const p of current.unstopped()) p.killNow();
      else current.stopAll();
      if (current.unstopped().length > 0) return;
      this.stopQueue.pop();
    }
    const anyLeft = [...this.active.values()].some((g) => g.unstopped().length > 0);
    if (anyLeft) return;
    this.clearReportTimer();
    const finish = this.finished;
    this.finished = null;
    finish?.({ reason: this.stopReason, exitCode: this.exitCode });
  }

  /** `waiting for a, b to die`, then again every 3 s while anything is left */
  private shutdownReport(): void {
    const names = [...this.active.values()].flatMap((g) => g.unstopped().map((p) => p.name));
    if (names.length === 0) return;
    this.logger.info(`waiting for ${names.join(', ')} to die`);
    this.reportTimer = this.env.clock.setTimer(SHUTDOWN_REPORT_INTERVAL_MS, () => this.shutdownReport());
  }

  private clearReportTimer(): void {
    if (this.reportTimer !== null) this.env.clock.clearTimer(this.reportTimer);
    this.reportTimer = null;
  }

  private onStateChange(_proc: Subprocess, _from: ProcessState, to: ProcessState): void {
    if (this.stopReason !== null && STOPPED_STATES.has(to)) queueMicrotask(() => this.checkStopProgress());
  }

  private onSettled(proc: Subprocess): void {
    if (this.state !== SupervisorState.RUNNING || !this.started) return;
    if (proc.config.critical && willNotRestart(proc)) {
      this.exitCode = criticalExitCode(proc);
      this.logger.critical(`${describeCriticalEnd(proc)}; critical=true: shutting down with exit code ${this.exitCode}`);
      this.shutdown();
      return;
    }
    this.checkAllExited();
  }

  private checkAllExited(): void {
    if (!this.deps.config.supervisord.exitWhenAllExited || this.state !== SupervisorState.RUNNING) return;
    if (!this.autostartDone) return;
    const all = [...this.active.values()].flatMap((g) => [...g.processes.values()]);
    if (all.every((p) => STOPPED_STATES.has(p.state))) {
      this.logger.info('all processes have exited and none will restart (exit_when_all_exited): shutting down');
      this.shutdown();
    }
  }
}

export { ProcessState };
