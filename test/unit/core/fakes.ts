// Test doubles for the core: a manual clock, a fake launcher whose children exit on command, a recording logger.
import { PassThrough } from 'node:stream';
import type { LogLevelName, ProcessConfig, ProcessGroupConfig } from '../../../src/config/model.js';
import type { MainLogger, OutputChannel } from '../../../src/logging/api.js';
import type { SupervisorEvent } from '../../../src/events/api.js';
import type { ChannelFactory, ChildExit, ChildOutput, ChildOutputSink, Clock, LaunchedChild, ProcessEnvironment, ProcessLauncher } from '../../../src/core/ports.js';

/** A child's output the test feeds by hand: emit() is one read, finish() is EOF. */
export class FakeOutput implements ChildOutput {
  sink: ChildOutputSink | null = null;
  paused = false;
  start(sink: ChildOutputSink): void { this.sink = sink; }
  resume(): void { this.paused = false; }
  /** one read of `data`; the view is overwritten afterwards, as the real reader's shared buffer is */
  emit(data: string | Buffer): void {
    const view = Buffer.from(data);
    this.paused = this.sink?.data(view) === false;
    view.fill(0x23);
  }
  finish(): void { this.sink?.end(); }
}

export class FakeClock implements Clock {
  t = 1_700_000_000_000;
  private seq = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  now(): number { return this.t; }
  setTimer(ms: number, fn: () => void): number { const id = ++this.seq; this.timers.set(id, { at: this.t + ms, fn }); return id; }
  clearTimer(id: unknown): void { this.timers.delete(id as number); }
  /** advance, firing due timers in order */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.timers) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e;
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
    }
    this.t = end;
  }
}

export class FakeChild implements LaunchedChild {
  stdin = new PassThrough();
  stdout = new FakeOutput();
  stderr = new FakeOutput();
  private cb: ((e: ChildExit) => void) | null = null;
  constructor(readonly pid: number) {}
  onExit(cb: (e: ChildExit) => void): void { this.cb = cb; }
  exit(code: number | null, signal: NodeJS.Signals | null = null): void { this.cb?.({ code, signal }); }
}

export class FakeLauncher implements ProcessLauncher {
  nextPid = 100;
  children: FakeChild[] = [];
  kills: Array<[number, number]> = [];
  failWith: string | null = null;
  killError: string | null = null;
  /** what to do when a signal arrives */
  onKill: ((child: FakeChild | undefined, signo: number) => void) | null = null;
  checkExecutable() { return this.failWith ? { ok: false as const, kind: 'NO_FILE' as const, message: this.failWith } : { ok: true as const }; }
  launch() {
    if (this.failWith) return { ok: false as const, error: this.failWith };
    const c = new FakeChild(this.nextPid++);
    this.children.push(c);
    return { ok: true as const, child: c };
  }
  kill(pid: number, signo: number): void {
    this.kills.push([pid, signo]);
    if (this.killError) { const e = new Error(this.killError) as NodeJS.ErrnoException; e.code = this.killError; throw e; }
    this.onKill?.(this.children.find((c) => c.pid === Math.abs(pid)), signo);
  }
  get last(): FakeChild { return this.children[this.children.length - 1]!; }
}

export class RecordingLogger implements MainLogger {
  level: LogLevelName = 'debug';
  lines: string[] = [];
  private rec(tag: string, m: string): void { this.lines.push(`${tag} ${m}`); }
  critical(m: string): void { this.rec('CRIT', m); }
  error(m: string): void { this.rec('ERRO', m); }
  warn(m: string): void { this.rec('WARN', m); }
  info(m: string): void { this.rec('INFO', m); }
  debug(m: string): void { this.rec('DEBG', m); }
  trace(): void {}
  blather(): void {}
  enabled(): boolean { return true; }
  reopen(): void {}
  clear(): void {}
  async close(): Promise<void> {}
  /** non-debug lines */
  get visible(): string[] { return this.lines.filter((l) => !l.startsWith('DEBG')); }
}

const nullChannel: OutputChannel = { write() {}, end() {}, reopen() {}, clear() {}, async close() {} };
export const nullChannels: ChannelFactory = { create: () => nullChannel };

export function makeEnv(overrides: Partial<ProcessEnvironment> = {}) {
  const clock = new FakeClock();
  const launcher = new FakeLauncher();
  const logger = new RecordingLogger();
  const events: SupervisorEvent[] = [];
  let mayRestart = true;
  const env: ProcessEnvironment = {
    clock, launcher, logger, events: { notify: (e) => events.push(e) }, channels: nullChannels,
    resolveLogPath: () => null, stripAnsi: false, mayRestart: () => mayRestart, ...overrides,
  };
  return { env, clock, launcher, logger, events, setMayRestart: (v: boolean) => { mayRestart = v; } };
}

const channel = { logfile: null, logfileMaxbytes: 0, logfileBackups: 0, captureMaxbytes: 0, eventsEnabled: false, syslog: false };

export function processConfig(over: Partial<ProcessConfig> = {}): ProcessConfig {
  return {
    name: 'web', programName: 'web', command: '/bin/true', directory: null, umask: null, priority: 999,
    autostart: true, autorestart: 'unexpected', startsecs: 1, startretries: 3, uid: null, user: null,
    stdout: { ...channel }, stderr: { ...channel }, stopsignal: 15, stopwaitsecs: 10, stopasgroup: false,
    killasgroup: false, exitcodes: [0], redirectStderr: false, environment: null, serverurl: null, processNum: 0,
    numprocs: 1, envFileEnvironment: null, critical: false, console: false, consoleFormat: 'raw',
    consoleTimestamps: false, ...over,
  };
}

export function groupConfig(name: string, processes: ProcessConfig[], priority = 999): ProcessGroupConfig {
  return { name, kind: 'program', priority, processes, source: { file: '/x.conf', line: 1, section: `program:${name}` } };
}
