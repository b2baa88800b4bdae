// A process group at runtime: its processes in config order, autostart and Supervisor's stop_all.
import type { ProcessGroupConfig } from '../config/model.js';
import type { GroupHandle } from './facade.js';
import type { ProcessEnvironment } from './ports.js';
import { Subprocess, type ProcessHooks } from './subprocess.js';
import { ProcessState, STOPPED_STATES } from './states.js';

export class ProcessGroup implements GroupHandle {
  readonly processes: Map<string, Subprocess> = new Map();

  constructor(readonly config: ProcessGroupConfig, env: ProcessEnvironment, hooks: ProcessHooks) {
    for (const pconfig of config.processes) {
      this.processes.set(pconfig.name, new Subprocess(pconfig, this, env, hooks));
    }
  }

  get name(): string {
    return this.config.name;
  }

  get priority(): number {
    return this.config.priority;
  }

  /** processes by ascending process priority (stable: config order for ties) */
  byPriority(): Subprocess[] {
    return [...this.processes.values()].sort((a, b) => a.config.priority - b.config.priority);
  }

  /** Start every autostart process that was never started (Supervisor's STOPPED and laststart == 0). */
  autostart(): void {
    for (const proc of this.byPriority()) startIfNeverStarted(proc);
  }

  /** Supervisor's stop_all: descending process priority; RUNNING/STARTING stop, BACKOFF gives up. */
  stopAll(): void {
    for (const proc of this.byPriority().reverse()) proc.shutdown();
  }

  unstopped(): Subprocess[] {
    return [...this.processes.values()].filter((p) => !STOPPED_STATES.has(p.state));
  }

  reopenLogs(): void {
    for (const p of this.processes.values()) p.reopenLogs();
  }

  private closeHooks: Array<() => void> = [];

  /** run when the group is closed (removed or the daemon stops) */
  onClose(fn: () => void): void {
    this.closeHooks.push(fn);
  }

  async close(): Promise<void> {
    for (const fn of this.closeHooks.splice(0)) fn();
    for (const p of this.processes.values()) p.dispose();
    await Promise.all([...this.processes.values()].map((p) => p.closeLogs()));
  }
}

/** Supervisor's autostart rule for one process; true if it was spawned. */
export function startIfNeverStarted(proc: Subprocess): boolean {
  if (!proc.config.autostart || proc.state !== ProcessState.STOPPED || proc.laststart !== 0) return false;
  proc.spawn();
  return true;
}
