// supervisord's activity log. It exists before the config is loaded and keeps what is logged until
// configure() opens the real file (parse warnings are logged before the logger "exists" in
// Supervisor too), then writes `YYYY-MM-DD HH:MM:SS,mmm LEVL message` lines through the rotating
// writer, plus an echo to our stdout when running in the foreground.
import type { ConsoleFormat, LogLevelName } from '../config/model.js';
import type { MainLogger } from './api.js';
import { formatMainLogJson, formatMainLogLine, levelNumber } from './format.js';
import { RotatingFile } from './rotating-file.js';
import { consoleSink, fileIdentity, type SharedSink } from './shared-sink.js';
import { openSyslog, type SyslogTarget } from './syslog.js';

export interface MainLogOptions {
  /** absolute path, 'syslog', or null for no file */
  logfile: string | null;
  maxbytes: number;
  backups: number;
  level: LogLevelName;
  /** echo every line to stdout (Supervisor: nodaemon and not silent) */
  echo: boolean;
  /** format of the stdout echo: 'json' gives one JSON object per line; anything else is text */
  consoleFormat?: ConsoleFormat | 'text';
}

/** What the logger remembers before it is configured. */
interface EarlyRecord {
  date: Date;
  level: LogLevelName;
  message: string;
}

const EARLY_LIMIT = 10_000;
/** how long close() waits for our stdout to take the echo (its reader may be gone) */
const CONSOLE_WAIT_MS = 2000;

export class MainLog implements MainLogger {
  private currentLevel: LogLevelName = 'blather';
  private levelNum = levelNumber('blather');
  private file: RotatingFile | null = null;
  private syslog: SyslogTarget | null = null;
  private echoSink: SharedSink | null = null;
  private echoJson = false;
  /** the file is our stdout and the echo already prints there */
  private skipFile = false;
  private configured = false;
  private early: EarlyRecord[] = [];
  private reportedWriteError = false;

  get level(): LogLevelName {
    return this.currentLevel;
  }

  /** the file path being written, null for none/syslog */
  get path(): string | null {
    return this.file?.path ?? null;
  }

  /**
   * Open the log as configured and write what was logged before. Throws if the file cannot be
   * opened (the caller reports it, as Supervisor does at startup). May be called again (reload).
   */
  configure(options: MainLogOptions, stdoutSink: SharedSink = consoleSink(1)): void {
    const previous = this.file;
    this.syslog?.close();
    this.syslog = null;
    const same =
      previous !== null &&
      previous.path === options.logfile &&
      previous.maxbytes === options.maxbytes &&
      previous.backups === options.backups;
    if (!same) {
      this.file = null;
      if (options.logfile === 'syslog') {
        // Supervisor formats syslog lines like file lines: `asctime LEVL line` (no newline)
        this.syslog = openSyslog((line, level) => formatMainLogLine(new Date(), level, line).slice(0, -1));
      } else if (options.logfile !== null) {
        this.file = new RotatingFile({
          path: options.logfile,
          maxbytes: options.maxbytes,
          backups: options.backups,
          onError: (err) => this.reportWriteError(err),
        });
      }
      // reload with another file: what the old one still holds is written before anything new
      previous?.flushSync();
      if (previous) void previous.close();
    }
    this.currentLevel = options.level;
    this.levelNum = levelNumber(options.level);
    this.echoJson = options.consoleFormat === 'json';
    // logfile=/dev/stdout with nodaemon: Supervisor prints every line twice; we print it once
    // (and with console_format=json the echo replaces the text lines rather than doubling them)
    const fileIsStdout = this.file !== null && this.file.identity === (fileIdentity(stdoutSink.fd) ?? '');
    this.skipFile = fileIsStdout && options.echo;
    this.echoSink = options.echo ? stdoutSink : null;
    this.configured = true;
    const early = this.early;
    this.early = [];
    for (const r of early) if (this.enabled(r.level)) this.emit(r.date, r.level, r.message);
  }

  enabled(level: LogLevelName): boolean {
    return levelNumber(level) >= this.levelNum;
  }

  critical(msg: string): void {
    this.log('critical', msg);
  }
  error(msg: string): void {
    this.log('error', msg);
  }
  warn(msg: string): void {
    this.log('warn', msg);
  }
  info(msg: string): void {
    this.log('info', msg);
  }
  debug(msg: string): void {
    this.log('debug', msg);
  }
  trace(msg: string): void {
    this.log('trace', msg);
  }
  blather(msg: string): void {
    this.log('blather', msg);
  }

  log(level: LogLevelName, message: string): void {
    if (!this.enabled(level)) return;
    const date = new Date();
    if (!this.configured) {
      if (this.early.length < EARLY_LIMIT) this.early.push({ date, level, message });
      return;
    }
    this.emit(date, level, message);
  }

  reopen(): void {
    this.file?.reopen();
  }

  clear(): void {
    this.file?.clear();
  }

  /** Resolves when everything logged so far is written (for readLog freshness and tests). */
  async flushed(): Promise<void> {
    await this.file?.flushed();
    await this.echoSink?.writer.idleWithin(CONSOLE_WAIT_MS);
  }

  flushSync(): void {
    this.file?.flushSync();
    this.echoSink?.writer.flushSync();
  }

  async close(): Promise<void> {
    const file = this.file;
    this.file = null;
    this.syslog?.close();
    this.syslog = null;
    await file?.close();
    await this.echoSink?.writer.idleWithin(CONSOLE_WAIT_MS);
  }

  private emit(date: Date, level: LogLevelName, message: string): void {
    const line = Buffer.from(formatMainLogLine(date, level, message));
    if (this.file && !this.skipFile) this.file.write(line);
    this.syslog?.send(level, message);
    if (this.echoSink) {
      // the writers keep what they are given unchanged, so the text echo can share the file's buffer
      this.echoSink.writer.write(this.echoJson ? Buffer.from(formatMainLogJson(date, level, message)) : line);
    }
  }

  private reportWriteError(err: NodeJS.ErrnoException): void {
    // the log cannot log its own failure; tell stderr once
    if (this.reportedWriteError) return;
    this.reportedWriteError = true;
    consoleSink(2).writer.write(Buffer.from(`supervisord: cannot write the main log: ${err.message}\n`));
  }
}

/** A main logger that buffers until configure() is called. */
export function createMainLogger(): MainLog {
  return new MainLog();
}
