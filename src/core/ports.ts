// The seams between the core and the outside world, so that the state machine runtime can be driven
// by a fake clock and fake children in unit tests and by the real modules in the daemon.
import type { ProcessConfig } from '../config/model.js';
import type { MainLogger, OutputChannel, OutputChannelOptions } from '../logging/api.js';
import type { EventSink } from '../events/api.js';
import type { ExecCheck } from './facade.js';

export type TimerId = unknown;

/** Wall clock plus one-shot timers (deadlines, never polling). */
export interface Clock {
  /** epoch milliseconds */
  now(): number;
  setTimer(ms: number, fn: () => void): TimerId;
  clearTimer(id: TimerId): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimer: (ms, fn) => setTimeout(fn, ms),
  clearTimer: (id) => clearTimeout(id as NodeJS.Timeout),
};

/** How a child ended, as Node reports it on 'exit'. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The parent's end of a child's stdin. */
export interface ChildStdin {
  /** false once closed or broken */
  readonly writable: boolean;
  write(data: Buffer | string): void;
  destroy(): void;
}

/** Where a child's output goes, read by read. */
export interface ChildOutputSink {
  /** bytes read, valid only during the call (the read buffer is reused): copy what you keep. false = pause */
  data(view: Buffer): boolean;
  /** the pipe reached EOF */
  end(): void;
}

/** The parent's end of a child's stdout or stderr. */
export interface ChildOutput {
  /** Start reading into `sink` (called once). */
  start(sink: ChildOutputSink): void;
  /** Read again after sink.data() returned false. */
  resume(): void;
}

export interface LaunchedChild {
  readonly pid: number;
  readonly stdin: ChildStdin | null;
  readonly stdout: ChildOutput | null;
  readonly stderr: ChildOutput | null;
  /** called once, from the child's 'exit' event */
  onExit(cb: (exit: ChildExit) => void): void;
}

export type LaunchResult = { ok: true; child: LaunchedChild } | { ok: false; error: string };

/** Everything the core needs to start and signal children. */
export interface ProcessLauncher {
  /** Supervisor's get_execv_args check (no side effects) */
  checkExecutable(config: ProcessConfig): ExecCheck;
  /** spawn synchronously; on failure return Supervisor's spawnerr text */
  launch(config: ProcessConfig, groupName: string): LaunchResult;
  /** kill(2); throws an errno error (err.code 'ESRCH', 'EPERM', ...) */
  kill(pid: number, signo: number): void;
}

export interface ChannelFactory {
  create(options: OutputChannelOptions): OutputChannel;
}

/** What a process runtime needs from its surroundings. */
export interface ProcessEnvironment {
  clock: Clock;
  launcher: ProcessLauncher;
  logger: MainLogger;
  events: EventSink;
  channels: ChannelFactory;
  /** resolve a channel's log target to a path (AUTO files are created here); null for none */
  resolveLogPath(config: ProcessConfig, channel: 'stdout' | 'stderr'): string | null;
  /** strip ANSI sequences from child output */
  stripAnsi: boolean;
  /** false while supervisord shuts down or restarts: no autorestart, no backoff respawn */
  mayRestart(): boolean;
}
