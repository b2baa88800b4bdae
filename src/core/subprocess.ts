// One supervised process at runtime: drives the FSM from deadline timers and the child's 'exit' event
// (no polling), carries out its effects, logs Supervisor's exact lines and emits PROCESS_STATE_* events.
import type { ProcessConfig } from '../config/model.js';
import type { OutputChannel } from '../logging/api.js';
import { ProcessCommunicationEvent, ProcessLogEvent, ProcessStateEvent, type ProcessIdentity } from '../events/types.js';
import { NoStdinError, type ExecCheck, type GroupHandle, type ProcessHandle } from './facade.js';
import { nextStep, shouldAutorestart, type FsmEffect, type FsmInput } from './fsm.js';
import type { ChildExit, LaunchedChild, ProcessEnvironment, TimerId } from './ports.js';
import { signame as signalName } from '../process/signals.js';
import { describeExit as describeWait } from '../process/wait-status.js';
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
  private timer: TimerId | null = null;
  private stopReportTimer: TimerId | null = null;
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
    this.stdoutLogPath = env.resolveLogPath(config, 'stdout');
    this.stderrLogPath = config.redirectStderr ? null : env.resolveLogPath(config, 'stderr');
    this.stdoutChannel = this.makeChannel('stdout', this.stdoutLogPath);
    this.stderrChannel = config.redirectStderr ? null : this.makeChannel('stderr', this.stderrLogPath);
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
    const stdin = this.child?.stdin;
    if (!stdin || stdin.destroyed || !stdin.writable) throw new NoStdinError('Process has no stdin channel');
    stdin.write(data);
  }

  /** Best-effort stdin write for the event pool; false when there is no open stdin (EPIPE). */
  tryWriteStdin(data: Buffer): boolean {
    const stdin = this.child?.stdin;
    if (!stdin || stdin.destroyed || !stdin.writable) return false;
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
    this.clearTimer();
    this.stopStopReports();
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
      case 'clearTimers': this.clearTimer(); break;
      case 'resetBackoff': this.backoff = 0; break;
      case 'spawn': this.launch(); break;
      case 'armStartTimer': this.armStartTimer(); break;
      case 'armBackoffTimer': this.setTimer(this.backoff * 1000, () => this.feed({ type: 'backoffElapsed' })); break;
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
    if (STOPPED_STATES.has(to) || to === ProcessState.BACKOFF) this.stopStopReports();
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
    // launch() runs Supervisor's exec checks itself and reports their message as the spawn error
    const result = this.env.launcher.launch(this.config, this.group.name);
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
    if (this.stdoutTap) {
      const tap = this.stdoutTap;
      child.stdout?.on('data', (chunk: Buffer) => tap(chunk));
    }
    attachOutput(child.stdout, this.stdoutChannel);
    attachOutput(child.stderr, this.config.redirectStderr ? this.stdoutChannel : this.stderrChannel);
    // a child that closes stdin early must not crash supervisord with EPIPE
    child.stdin?.on('error', () => undefined);
  }

  private onChildExit(child: LaunchedChild, exit: ChildExit): void {
    if (child !== this.child) return;
    const now = this.env.clock.now() / 1000;
    const { exitstatus: status, description } = describeWait(exit.code, exit.signal);
    const tooQuickly = this.state === ProcessState.STARTING && now - this.laststart < this.config.startsecs;
    const expected = this.config.exitcodes.includes(status);
    const wasStopping = this.state === ProcessState.STOPPING;
    this.laststop = now;
    this.lastExit = exit;
    this.killing = false;
    this.child = null;
    child.stdin?.destroy();

    if (wasStopping) {
      this.exitstatus = status;
    } else if (tooQuickly) {
      this.exitstatus = null;
      this.spawnerr = 'Exited too quickly (process log may have details)';
    } else {
      this.exitstatus = status;
      if (!expected) this.spawnerr = `Bad exit code ${status}`;
    }
    // log before the FSM moves on: an autorestart logs `spawned:` right after this line
    const log = this.env.logger;
    if (wasStopping) {
      const line = `stopped: ${this.name} (${description})`;
      if (expected) log.info(line); else log.warn(line);
    } else if (tooQuickly || !expected) {
      log.warn(`exited: ${this.name} (${description}; not expected)`);
    } else {
      log.info(`exited: ${this.name} (${description}; expected)`);
    }
    this.feed({ type: 'exited', tooQuickly });
  }

  // ---------------------------------------------------------------- signals

  private kill(signo: number, asGroup: boolean): void {
    if (!this.pid) return;
    this.env.logger.debug(`killing ${this.name} (pid ${this.pid}) ${asGroup ? 'process group ' : ''}with signal ` +
      `${signalName(signo)}`);
    this.killing = true;
    this.setTimer(this.config.stopwaitsecs * 1000, () => this.feed({ type: 'killTimeout' }));
    const err = this.sendSignal(asGroup ? -this.pid : this.pid, signo, 'killing');
    if (err !== null) {
      this.clearTimer();
      this.effectError = err;
    }
  }

  /** kill(2) with Supervisor's error handling: ESRCH ignored (reaping fixes the state), others -> UNKNOWN. */
  private sendSignal(target: number, signo: number, what: 'killing' | 'sending sig'): string | null {
    try {
      this.env.launcher.kill(target, signo);
      return null;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ESRCH') {
        this.env.logger.debug(`unable to signal ${this.name} (pid ${this.pid}), it probably just exited on its own: ${String(err)}`);
        return null;
      }
      const msg = what === 'killing'
        ? `unknown problem killing ${this.name} (${this.pid}):${String(err)}`
        : `unknown problem sending sig ${this.name} (${this.pid}):${String(err)}`;
      this.env.logger.critical(msg);
      this.killing = false;
      this.apply({ type: 'killFailed' });
      return msg;
    }
  }

  // ---------------------------------------------------------------- timers

  private armStartTimer(): void {
    // strictly more than startsecs, like Supervisor's `now - laststart > startsecs`
    const dueMs = this.laststart * 1000 + this.config.startsecs * 1000 + 1 - this.env.clock.now();
    this.setTimer(Math.max(0, dueMs), () => {
      // Node timers run off a cached loop clock and can fire a few ms early: re-arm until due
      if (this.state === ProcessState.STARTING && this.pid && !this.startsecsPassed()) this.armStartTimer();
      else this.transition();
    });
  }

  private startsecsPassed(): boolean {
    return this.env.clock.now() / 1000 - this.laststart > this.config.startsecs;
  }

  private setTimer(ms: number, fn: () => void): void {
    this.clearTimer();
    this.timer = this.env.clock.setTimer(ms, () => {
      this.timer = null;
      fn();
    });
  }

  private clearTimer(): void {
    if (this.timer !== null) this.env.clock.clearTimer(this.timer);
    this.timer = null;
  }

  /** `waiting for x to stop` at most every 2 s while an administrative stop is pending. */
  private startStopReports(): void {
    this.stopStopReports();
    const report = (): void => {
      if (this.state !== ProcessState.STOPPING) return;
      this.env.logger.info(`waiting for ${this.name} to stop`);
      this.stopReportTimer = this.env.clock.setTimer(STOP_REPORT_INTERVAL_MS, report);
    };
    this.stopReportTimer = this.env.clock.setTimer(STOP_REPORT_INTERVAL_MS, report);
  }

  private stopStopReports(): void {
    if (this.stopReportTimer !== null) this.env.clock.clearTimer(this.stopReportTimer);
    this.stopReportTimer = null;
  }

  private identity(): ProcessIdentity {
    return { processName: this.name, groupName: this.group.name, pid: this.pid };
  }

  private makeChannel(channel: 'stdout' | 'stderr', logfile: string | null): OutputChannel {
    const cfg = this.config;
    const chan = channel === 'stdout' ? cfg.stdout : cfg.stderr;
    return this.env.channels.create({
      processName: cfg.name,
      groupName: this.group.name,
      channel,
      logfile,
      maxbytes: chan.logfileMaxbytes,
      backups: chan.logfileBackups,
      stripAnsi: this.env.stripAnsi,
      captureMaxbytes: chan.captureMaxbytes,
      console: cfg.console ? { format: cfg.consoleFormat, timestamps: cfg.consoleTimestamps } : null,
      mainLog: this.env.logger,
      getPid: () => this.pid,
      onLogEvent: chan.eventsEnabled
        ? (data) => this.env.events.notify(new ProcessLogEvent(channel, this.identity(), data)) : null,
      onCommEvent: chan.captureMaxbytes > 0
        ? (data) => this.env.events.notify(new ProcessCommunicationEvent(channel, this.identity(), data)) : null,
    });
  }
}

/** Supervisor's decode_wait_status message. */
export function describeExit(exit: ChildExit): string {
  return describeWait(exit.code, exit.signal).description;
}
