// One supervised process at runtime: drives the FSM from deadline timers and the child's 'exit' event
// (no polling), carries out its effects, logs Supervisor's exact lines and emits PROCESS_STATE_* events.
import type { ProcessConfig } from '../config/model.js';
import type { OutputChannel } from '../logging/api.js';
import { ProcessStateEvent } from '../events/types.js';
import { createProcessChannels } from './process-channels.js';
import { NoStdinError, type ExecCheck, type GroupHandle, type ProcessHandle } from './facade.js';
import { nextStep, shouldAutorestart, type FsmEffect, type FsmInput } from './fsm.js';
import type { ChildExit, LaunchedChild, ProcessEnvironment } from './ports.js';
import { OneShotTimer } from './one-shot-timer.js';
import { signame as signalName } from '../python/signals.js';
import { describeExit as describeWait } from '../process/wait-status.js';
import { reportExit } from './exit-report.js';
import { deliverSignal } from './signal-delivery.js';
import { ProcessState, STOPPED_STATES } from './states.js';
import { attachOutput } from './output-wiring.js';

const SIGKILL = 9;
const STOP_REPORT_INTERVAL_MS = 2000;

/** Observers of a process (the supervisor): state changes and "settled" after each input. */
export interface ProcessHooks {
  onStateChange(proc: Subprocess, from: ProcessState, to: ProcessState): void;
  /** after an input was fully handled (incl. autorestart); the process may be stopped for good */
  onSettled(proc: Subprocess): void;
}

export class Subprocess implements ProcessHandle {
  state: ProcessState = ProcessState.STOPPED;
  pid = 0;
  laststart = 0;
  laststop = 0;
  spawnerr: string | null = null;
  exitstatus: number | null = null;
  killing = false;
  /** how the last child ended (for critical=true exit codes) */
  lastExit: ChildExit | null = null;
  /** Supervisor's `backoff` counter */
  backoff = 0;
  /** extra consumer of stdout bytes: the event listener protocol of [eventlistener:x] pools */
  stdoutTap: ((chunk: Buffer) => void) | null = null;
  readonly stdoutLogPath: string | null;
  readonly stderrLogPath: string | null;

  private child: LaunchedChild | null = null;
  /** the one pending deadline: startsecs, backoff delay or stopwaitsecs */
  private readonly deadline: OneShotTimer;
  private readonly stopReports: OneShotTimer;
  private waiters: Array<(s: ProcessState) => void> = [];
  private readonly stdoutChannel: OutputChannel | null;
  private readonly stderrChannel: OutputChannel | null;
  private busy = false;
  /** an error message from the effects of the input being applied (kill failures) */
  private effectError: string | null = null;
  private queued: FsmInput[] = [];

  constructor(
    readonly config: ProcessConfig,
    readonly group: GroupHandle,
    private readonly env: ProcessEnvironment,
    private readonly hooks: ProcessHooks,
  ) {
    this.deadline = new OneShotTimer(env.clock);
    this.stopReports = new OneShotTimer(env.clock);
    const channels = createProcessChannels(config, group.name, env, () => this.pid);
    this.stdoutLogPath = channels.stdoutLogPath;
    this.stderrLogPath = channels.stderrLogPath;
    this.stdoutChannel = channels.stdout;
    this.stderrChannel = channels.stderr;
  }

  get name(): string {
    return this.config.name;
  }

  // ---------------------------------------------------------------- ProcessHandle

  checkExecutable(): ExecCheck {
    return this.env.launcher.checkExecutable(this.config);
  }

  spawn(): void {
    if (this.pid) {
      this.env.logger.warn(`process '${this.name}' already running`);
      return;
    }
    this.feed({ type: 'start' });
  }

  stop(): string | null {
    if (this.state === ProcessState.BACKOFF || this.pid) {
      const err = this.feed({ type: 'stop' });
      if (err === null && this.state === ProcessState.STOPPING) this.startStopReports();
      return err;
    }
    const msg = `attempted to kill ${this.name} with sig ${signalName(this.config.stopsignal)} but it wasn't running`;
    this.env.logger.debug(msg);
    return msg;
  }

  signal(signo: number): string | null {
    if (!this.pid) {
      const msg = `attempted to send ${this.name} sig ${signalName(signo)} but it wasn't running`;
      this.env.logger.debug(msg);
      return msg;
    }
    this.env.logger.debug(`sending ${this.name} (pid ${this.pid}) sig ${signalName(signo)}`);
    return this.sendSignal(this.pid, signo, 'sending sig');
  }

  transition(): void {
    if (this.state === ProcessState.STARTING && this.pid && this.startsecsPassed()) {
      this.feed({ type: 'startsecsElapsed' });
    }
  }

  nextStateChange(): Promise<ProcessState> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  writeStdin(data: Buffer): void {
    if (!this.tryWriteStdin(data)) throw new NoStdinError('Process has no stdin channel');
  }

  /** Best-effort stdin write for the event pool; false when there is no open stdin (EPIPE). */
  tryWriteStdin(data: Buffer): boolean {
    const stdin = this.child?.stdin;
    if (!stdin?.writable) return false;
    stdin.write(data);
    return true;
  }

  clearLogs(): void {
    this.stdoutChannel?.clear();
    this.stderrChannel?.clear();
  }

  // ---------------------------------------------------------------- supervisor-facing extras

  /** Supervisor's stop_all step for one process: stop if running, give up if in BACKOFF. */
  shutdown(): void {
    this.feed({ type: 'shutdown' });
  }

  /** Immediate SIGKILL of the whole group (second SIGTERM during shutdown). */
  killNow(): void {
    if (!this.pid) return;
    this.sendSignal(-this.pid, SIGKILL, 'killing');
    this.sendSignal(this.pid, SIGKILL, 'killing');
  }

  reopenLogs(): void {
    this.stdoutChannel?.reopen();
    this.stderrChannel?.reopen();
  }

  async closeLogs(): Promise<void> {
    await Promise.all([this.stdoutChannel?.close(), this.stderrChannel?.close()]);
  }

  /** Cancel every timer (group removal / daemon exit). */
  dispose(): void {
    this.deadline.clear();
    this.stopReports.clear();
  }

  // ---------------------------------------------------------------- the FSM driver

  /** Apply one input; inputs raised while applying are queued so transitions never interleave. */
  private feed(input: FsmInput): string | null {
    if (this.busy) {
      this.queued.push(input);
      return null;
    }
    this.busy = true;
    let result: string | null = null;
    try {
      result = this.apply(input);
      while (this.queued.length > 0) this.apply(this.queued.shift()!);
    } finally {
      this.busy = false;
    }
    this.hooks.onSettled(this);
    return result;
  }

  private apply(input: FsmInput): string | null {
    const step = nextStep(this.state, input, {
      processName: this.name, backoff: this.backoff, startretries: this.config.startretries,
    });
    if (step.kind === 'ignore') return null;
    if (step.kind === 'illegal') {
      this.env.logger.debug(step.message);
      return step.message;
    }
    this.backoff = step.backoff;
    for (const to of step.path) this.enter(to, input);
    // exit events carry the old pid; it is gone before any respawn
    if (input.type === 'exited') this.pid = 0;
    this.effectError = null;
    for (const effect of step.effects) this.perform(effect);
    return this.effectError;
  }

  private perform(effect: FsmEffect): void {
    switch (effect) {
      case 'clearTimers': this.deadline.clear(); break;
      case 'resetBackoff': this.backoff = 0; break;
      case 'spawn': this.launch(); break;
      case 'armStartTimer': this.armStartTimer(); break;
      case 'armBackoffTimer': this.deadline.set(this.backoff * 1000, () => this.feed({ type: 'backoffElapsed' })); break;
      case 'signalStop': this.kill(this.config.stopsignal, this.config.stopasgroup); break;
      case 'signalKill':
        this.env.logger.warn(`killing '${this.name}' (${this.pid}) with SIGKILL`);
        this.kill(SIGKILL, this.config.killasgroup);
        break;
      case 'autorestart':
        if (this.env.mayRestart() && shouldAutorestart(this.config.autorestart, this.exitstatus, this.config.exitcodes)) {
          this.apply({ type: 'start' });
        }
        break;
    }
  }

  /** Enter a state: log Supervisor's line for it, emit the event, wake waiters. */
  private enter(to: ProcessState, cause: FsmInput): void {
    const from = this.state;
    this.state = to;
    const log = this.env.logger;
    if (to === ProcessState.STARTING) {
      this.killing = false;
      this.spawnerr = null;
      this.exitstatus = null;
      this.laststart = this.env.clock.now() / 1000;
    }
    this.env.events.notify(new ProcessStateEvent({
      processName: this.name, groupName: this.group.name, fromState: from, toState: to,
      tries: this.backoff, pid: this.pid, expected: this.lastExitExpected(),
    }));
    if (to === ProcessState.RUNNING && cause.type === 'startsecsElapsed') {
      log.info(`success: ${this.name} entered RUNNING state, process has stayed up for > than ` +
        `${this.config.startsecs} seconds (startsecs)`);
    } else if (to === ProcessState.FATAL && from === ProcessState.BACKOFF && cause.type !== 'shutdown') {
      log.info(`gave up: ${this.name} entered FATAL state, too many start retries too quickly`);
    } else if (to === ProcessState.STOPPED && from === ProcessState.BACKOFF) {
      log.debug(`Attempted to kill ${this.name}, which is in BACKOFF state.`);
    }
    if (STOPPED_STATES.has(to) || to === ProcessState.BACKOFF) this.stopReports.clear();
    this.hooks.onStateChange(this, from, to);
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w(to);
  }

  private lastExitExpected(): boolean {
    return this.exitstatus !== null && this.config.exitcodes.includes(this.exitstatus);
  }

  // ---------------------------------------------------------------- spawning and exit

  private launch(): void {
    // a log file that cannot be opened fails the spawn, like Supervisor's make_dispatchers
    const logError = this.stdoutChannel?.openError ?? this.stderrChannel?.openError ?? null;
    // launch() runs Supervisor's exec checks itself and reports their message as the spawn error
    const result = logError !== null ? { ok: false as const, error: logError }
      : this.env.launcher.launch(this.config, this.group.name);
    if (!result.ok) {
      this.spawnerr = result.error;
      this.env.logger.info(`spawnerr: ${result.error}`);
      this.apply({ type: 'spawnFailed' });
      this.spawnerr = result.error; // entering BACKOFF must not clear it
      return;
    }
    const child = result.child;
    this.child = child;
    this.pid = child.pid;
    this.attachPipes(child);
    child.onExit((exit) => this.onChildExit(child, exit));
    this.env.logger.info(`spawned: '${this.name}' with pid ${child.pid}`);
    this.apply({ type: 'spawned' });
  }

  private attachPipes(child: LaunchedChild): void {
    attachOutput(child.stdout, this.stdoutChannel, this.stdoutTap ?? undefined);
    attachOutput(child.stderr, this.config.redirectStderr ? this.stdoutChannel : this.stderrChannel);
  }

  private onChildExit(child: LaunchedChild, exit: ChildExit): void {
    if (child !== this.child) return;
    const now = this.env.clock.now() / 1000;
    const report = reportExit(exit, {
      name: this.name,
      stopping: this.state === ProcessState.STOPPING,
      starting: this.state === ProcessState.STARTING,
      uptime: now - this.laststart,
      startsecs: this.config.startsecs,
      exitcodes: this.config.exitcodes,
    });
    this.laststop = now;
    this.lastExit = exit;
    this.killing = false;
    this.child = null;
    child.stdin?.destroy();
    this.exitstatus = report.exitstatus;
    if (report.spawnerr !== null) this.spawnerr = report.spawnerr;
    // logged before the FSM moves on: an autorestart logs `spawned:` right after this line
    this.env.logger[report.level](report.line);
    this.feed({ type: 'exited', tooQuickly: report.tooQuickly });
  }

  // ---------------------------------------------------------------- signals

  private kill(signo: number, asGroup: boolean): void {
    if (!this.pid) return;
    const log = this.env.logger;
    // formatted only when written: stopping 200 programs would build 200 of these for nothing
    if (log.enabled('debug')) {
      log.debug(`killing ${this.name} (pid ${this.pid}) ${asGroup ? 'process group ' : ''}with signal ${signalName(signo)}`);
    }
    this.killing = true;
    this.deadline.set(this.config.stopwaitsecs * 1000, () => this.feed({ type: 'killTimeout' }));
    const err = this.sendSignal(asGroup ? -this.pid : this.pid, signo, 'killing');
    if (err !== null) {
      this.deadline.clear();
      this.effectError = err;
    }
  }

  /** Deliver a signal; on a failure other than ESRCH the process goes UNKNOWN. */
  private sendSignal(target: number, signo: number, purpose: 'killing' | 'sending sig'): string | null {
    const result = deliverSignal(this.env.launcher, this.env.logger, this, target, signo, purpose);
    if (result.ok) return null;
    this.killing = false;
    this.apply({ type: 'killFailed' });
    return result.message;
  }

  // ---------------------------------------------------------------- timers

  private armStartTimer(): void {
    // strictly more than startsecs, like Supervisor's `now - laststart > startsecs`
    const dueMs = this.laststart * 1000 + this.config.startsecs * 1000 + 1 - this.env.clock.now();
    this.deadline.set(Math.max(0, dueMs), () => {
      // the wall clock went back: restart the count from now, as Supervisor does
      const nowSeconds = this.env.clock.now() / 1000;
      if (nowSeconds < this.laststart) this.laststart = nowSeconds;
      // Node timers run off a cached loop clock and can fire a few ms early: re-arm until due
      if (this.state === ProcessState.STARTING && this.pid && !this.startsecsPassed()) this.armStartTimer();
      else this.transition();
    });
  }

  private startsecsPassed(): boolean {
    return this.env.clock.now() / 1000 - this.laststart > this.config.startsecs;
  }

  /** `waiting for x to stop` at most every 2 s while an administrative stop is pending. */
  private startStopReports(): void {
    const report = (): void => {
      if (this.state !== ProcessState.STOPPING) return;
      this.env.logger.info(`waiting for ${this.name} to stop`);
      this.stopReports.set(STOP_REPORT_INTERVAL_MS, report);
    };
    this.stopReports.set(STOP_REPORT_INTERVAL_MS, report);
  }
}

/** Supervisor's decode_wait_status message. */
export function describeExit(exit: ChildExit): string {
  return describeWait(exit.code, exit.signal).description;
}
