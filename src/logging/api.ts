// The logging contract the core relies on. Implementations live beside this file.
import type { ConsoleFormat, LogLevelName } from '../config/model.js';

/** Supervisor's activity-log levels and their numbers. */
export const LOG_LEVELS = { critical: 50, error: 40, warn: 30, info: 20, debug: 10, trace: 5, blather: 3 } as const;

export interface MainLogger {
  readonly level: LogLevelName;
  critical(msg: string): void;
  error(msg: string): void;
  warn(msg: string): void;
  info(msg: string): void;
  debug(msg: string): void;
  trace(msg: string): void;
  blather(msg: string): void;
  /** true if a message at this level would be written (guards costly formatting) */
  enabled(level: LogLevelName): boolean;
  /** reopen the file (SIGUSR2) */
  reopen(): void;
  /** delete and reopen (clearLog) */
  clear(): void;
  /** flush and close; resolves when every byte is on disk */
  close(): Promise<void>;
}

/** One output channel (stdout or stderr) of one process: from pipe bytes to files, console and events. */
export interface OutputChannelOptions {
  processName: string;
  groupName: string;
  channel: 'stdout' | 'stderr';
  /** resolved absolute path, or null for no file */
  logfile: string | null;
  maxbytes: number;
  backups: number;
  stripAnsi: boolean;
  /** >0 enables capture mode (XSUPERVISOR:BEGIN/END) */
  captureMaxbytes: number;
  /** when set, output is also copied to supervisord's own stdout/stderr in this format */
  console: { format: ConsoleFormat; timestamps: boolean } | null;
  mainLog: MainLogger;
  /** current pid of the process (for JSON lines and event payloads) */
  getPid(): number;
  /** PROCESS_LOG_STDOUT/STDERR: called per chunk when *_events_enabled */
  onLogEvent: ((data: Buffer) => void) | null;
  /** PROCESS_COMMUNICATION_STDOUT/STDERR: called with the captured body at the END token */
  onCommEvent: ((data: Buffer) => void) | null;
  /** `*_syslog=true`: each line also goes to syslog as `<processName> <line>` (added by logging) */
  syslog?: boolean;
}

export interface OutputChannel {
  /**
   * bytes read from the child's pipe, valid only during the call (the reader reuses its buffer: copy
   * what you keep). Returns false when the log writer is above its high-water
   * mark: pause reading the pipe (which pauses the child) until an onDrain listener fires.
   * (Return value and onDrain added by logging; callers that ignore them still work.)
   */
  write(chunk: Buffer): boolean | void;
  /** call `listener` once when writable again after write() returned false (at once if already); returns an unsubscribe */
  onDrain?(listener: () => void): () => void;
  /**
   * Why the log file could not be opened (Supervisor's spawnerr text, e.g. `unknown error making
   * dispatchers for 'x': EACCES`), null when fine; the core may refuse to spawn while it is set.
   * (Added by logging.)
   */
  readonly openError?: string | null;
  /** the pipe reached EOF: flush partial lines */
  end(): void;
  reopen(): void;
  /** delete the files and reopen (clearProcessLogs) */
  clear(): void;
  /** flush and close the file; resolves when every byte is on disk */
  close(): Promise<void>;
}
