// One output channel (stdout or stderr) of one process: bytes from the child's pipe go through capture
// mode and strip_ansi, then to the log file, the main log's debug echo, PROCESS_LOG events, syslog and
// the console copy — in the order Supervisor's POutputDispatcher._log() uses.
import type { OutputChannel, OutputChannelOptions } from './api.js';
import { stripAnsi } from './ansi.js';
import { CaptureScanner } from './capture.js';
import { ConsoleLines } from './console-lines.js';
import { decodeOrDescribe, pyRepr } from '../python/repr.js';
import { RotatingFile } from './rotating-file.js';
import { consoleSink, type SharedSink } from './shared-sink.js';
import { openSyslog, type SyslogTarget } from './syslog.js';

export interface OutputChannelDeps {
  /** console targets (default: the shared writers of our fd 1 and fd 2) */
  stdoutSink?: SharedSink;
  stderrSink?: SharedSink;
  /** bytes pending per file before write() asks the producer to pause (default 4 MiB) */
  highWaterMark?: number;
  /** partial console lines wait this long (default 1 s) */
  consoleFlushDelayMs?: number;
}

const CONSOLE_WAIT_MS = 2000;
const OPEN_RETRY_MS = 1000;
/** Console drops are reported at most this often, across all channels. */
const DROP_WARN_INTERVAL_MS = 10_000;
let lastDropWarning = 0;
let droppedSinceWarning = 0;

export class ProcessOutputChannel implements OutputChannel {
  private fileHandle: RotatingFile | null = null;
  /**
   * The file is opened on first use (the spawn asks for openError first), as Supervisor opens it when it
   * makes a process' dispatchers: creating a thousand log files at start-up would keep the control plane
   * silent for the better part of a second on a slow disk.
   */
  private opened = false;
  private openErrorText: string | null = null;
  private lastOpenAttempt = 0;
  private readonly highWaterMark: number | undefined;
  private readonly scanner: CaptureScanner | null;
  private readonly consoleLines: ConsoleLines | null;
  private readonly consoleTarget: SharedSink | null;
  private readonly syslog: SyslogTarget | null;
  private readonly label: string;
  private readonly filter: (data: Buffer) => Buffer;
  private readonly reportedErrors = new Set<string>();

  /** The log file is opened on first use; a failure is recorded in openError, never thrown. */
  constructor(
    private readonly opts: OutputChannelOptions,
    deps: OutputChannelDeps = {},
  ) {
    this.label = `${pyRepr(opts.processName)} ${opts.channel}`;
    this.highWaterMark = deps.highWaterMark;
    const filter = opts.stripAnsi ? stripAnsi : (d: Buffer) => d;
    this.scanner =
      opts.captureMaxbytes > 0
        ? new CaptureScanner(
            opts.captureMaxbytes,
            { data: (d, captured) => this.record(d, captured), comm: (body) => this.commEvent(body) },
            filter,
          )
        : null;
    this.filter = filter;
    const name = opts.processName;
    this.syslog = opts.syslog ? openSyslog((line) => `${name} ${line}`) : null;
    if (opts.console) {
      this.consoleTarget =
        opts.channel === 'stdout' ? (deps.stdoutSink ?? consoleSink(1)) : (deps.stderrSink ?? consoleSink(2));
      const target = this.consoleTarget;
      this.consoleLines = new ConsoleLines({
        format: opts.console.format,
        timestamps: opts.console.timestamps,
        processName: opts.processName,
        groupName: opts.groupName,
        channel: opts.channel,
        getPid: opts.getPid,
        flushDelayMs: deps.consoleFlushDelayMs,
        out: (data) => this.toConsole(target, data),
      });
    } else {
      this.consoleTarget = null;
      this.consoleLines = null;
    }
  }

  /** The log file, opened now if this is its first use; null when there is none or it cannot be opened. */
  get file(): RotatingFile | null {
    this.ensureOpened();
    return this.fileHandle;
  }

  /**
   * Why the log file could not be opened, in Supervisor's spawnerr words (`unknown error making
   * dispatchers for 'x': EACCES`); null when it is open or there is none. Opening is retried on
   * reopen() and, at most once a second, on output.
   */
  get openError(): string | null {
    this.ensureOpened();
    return this.openErrorText;
  }

  private ensureOpened(): void {
    if (this.opened) return;
    this.opened = true;
    this.fileHandle = this.openFile();
  }

  get logPath(): string | null {
    return this.opts.logfile;
  }

  /** Opens the log file; on failure records openError (and logs it) instead of throwing. */
  private openFile(): RotatingFile | null {
    const o = this.opts;
    if (o.logfile === null) return null;
    this.lastOpenAttempt = Date.now();
    try {
      const file = new RotatingFile({
        path: o.logfile,
        maxbytes: o.maxbytes,
        backups: o.backups,
        highWaterMark: this.highWaterMark,
        onError: (err) => this.reportError(err),
      });
      this.openErrorText = null;
      return file;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? String(err);
      const message =
        code === 'EMFILE'
          ? `too many open files to spawn ${pyRepr(o.processName)}`
          : `unknown error making dispatchers for ${pyRepr(o.processName)}: ${code}`;
      if (message !== this.openErrorText) o.mainLog.error(`${message} (${(err as Error).message})`);
      this.openErrorText = message;
      return null;
    }
  }

  private retryOpen(force: boolean): void {
    if (this.openErrorText === null || (!force && Date.now() - this.lastOpenAttempt < OPEN_RETRY_MS)) return;
    this.fileHandle = this.openFile();
  }

  /**
   * Bytes read from the child, valid only during this call (the pipe reader reuses its buffer).
   * false = the file writer is behind: stop reading until onDrain fires.
   */
  write(view: Buffer): boolean {
    if (view.length === 0) return true;
    if (this.openError !== null) this.retryOpen(false);
    if (this.scanner || this.consoleLines || this.opts.onLogEvent) {
      // capture, console lines and events keep bytes beyond this call: they get their own copy
      const chunk = Buffer.from(view);
      if (this.scanner) this.scanner.write(chunk);
      else this.record(this.filter(chunk), false);
    } else {
      this.record(this.filter(view), false, true);
    }
    return this.file ? this.file.writable : true;
  }

  /** Called once when a paused producer may resume. */
  onDrain(listener: () => void): () => void {
    if (!this.file) return () => {};
    return this.file.onDrain(listener);
  }

  /**
   * The pipe hit EOF: held-back bytes and the partial console line are written out. The channel lives
   * on for the next spawn, which starts outside any capture section (a new dispatcher in Supervisor).
   */
  end(): void {
    this.scanner?.end();
    this.consoleLines?.end();
  }

  reopen(): void {
    if (!this.opened) return; // nothing open yet: the first use opens the file as it is now
    this.retryOpen(true);
    this.fileHandle?.reopen();
  }

  clear(): void {
    // never spawned: Supervisor has no dispatchers yet, so there is nothing to clear (and no file is created)
    if (!this.opened) return;
    this.retryOpen(true);
    this.fileHandle?.clear();
  }

  async close(): Promise<void> {
    this.end();
    this.syslog?.close();
    await this.fileHandle?.close();
    // the console copy is shared and may be stuck: wait only a little for it
    await this.consoleTarget?.writer.idleWithin(CONSOLE_WAIT_MS);
  }

  /** Supervisor's _log(): `captured` data goes to the capture buffer instead of the file/console. */
  private record(data: Buffer, captured: boolean, transient = false): void {
    if (data.length === 0) return;
    const o = this.opts;
    if (!captured) {
      this.file?.write(data, transient);
      this.syslog?.send('info', data.toString('utf8'));
    }
    if (o.mainLog.enabled('debug')) o.mainLog.debug(`${this.label} output:\n${decodeOrDescribe(data)}`);
    if (o.onLogEvent) o.onLogEvent(data);
    if (!captured) this.consoleLines?.write(data);
  }

  private commEvent(body: Buffer): void {
    const o = this.opts;
    o.onCommEvent?.(body);
    if (o.mainLog.enabled('debug')) o.mainLog.debug(`${this.label} emitted a comm event`);
  }

  private toConsole(target: SharedSink, data: Buffer): void {
    const before = target.writer.droppedBytes;
    target.writer.write(data);
    const dropped = target.writer.droppedBytes - before;
    if (dropped === 0) return;
    droppedSinceWarning += dropped;
    const now = Date.now();
    if (now - lastDropWarning < DROP_WARN_INTERVAL_MS) return;
    lastDropWarning = now;
    this.opts.mainLog.warn(
      `console output is not being read fast enough: dropped ${droppedSinceWarning} bytes of process output`,
    );
    droppedSinceWarning = 0;
  }

  private reportError(err: NodeJS.ErrnoException): void {
    // once per kind of failure, so a full disk does not flood the main log
    const key = err.code ?? err.message;
    if (this.reportedErrors.has(key)) return;
    this.reportedErrors.add(key);
    this.opts.mainLog.error(`${this.label} log ${this.opts.logfile ?? ''}: ${err.message}`);
  }
}

export function createOutputChannel(opts: OutputChannelOptions, deps?: OutputChannelDeps): ProcessOutputChannel {
  return new ProcessOutputChannel(opts, deps);
}
