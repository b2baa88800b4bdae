// `logfile=syslog` and `stdout_syslog=true`: messages go to libc's syslog(3) through koffi, since
// Node cannot send to the /dev/log datagram socket by itself. Without koffi/libc it degrades to a no-op.
import { createRequire } from 'node:module';
import type { LogLevelName } from '../config/model.js';

export interface SyslogTarget {
  send(level: LogLevelName, message: string): void;
  close(): void;
}

// syslog(3) priorities (Supervisor sends everything at LOG_INFO; levels are more useful to readers)
const PRIORITY: Record<LogLevelName, number> = {
  critical: 2,
  error: 3,
  warn: 4,
  info: 6,
  debug: 7,
  trace: 7,
  blather: 7,
};
const LOG_PID = 0x01;
const LOG_USER = 1 << 3;

type SyslogFn = (priority: number, format: string, ...args: unknown[]) => void;
interface Libc {
  func(name: string, result: string, args: string[]): (...args: unknown[]) => unknown;
}
let syslogFn: SyslogFn | null | undefined;
// openlog keeps the pointer it is given: this buffer must live as long as the process
const IDENT = Buffer.from('supervisord\0');

function loadSyslog(): SyslogFn | null {
  if (syslogFn !== undefined) return syslogFn;
  try {
    const require = createRequire(import.meta.url);
    const koffi = require('koffi') as { load(name: string): Libc };
    const libc = koffi.load('libc.so.6');
    const openlog = libc.func('openlog', 'void', ['void *', 'int', 'int']);
    openlog(IDENT, LOG_PID, LOG_USER); // ident "supervisord" like Python's default (argv[0])
    syslogFn = libc.func('syslog', 'void', ['int', 'str', '...']) as SyslogFn;
  } catch {
    syslogFn = null;
  }
  return syslogFn;
}

/** true when syslog(3) could be bound (koffi and libc available) */
export function syslogAvailable(): boolean {
  return loadSyslog() !== null;
}

/** Each line of a message is sent separately, shaped by `formatLine` (Supervisor's handler format). */
export function openSyslog(formatLine: (line: string, level: LogLevelName) => string): SyslogTarget {
  const fn = loadSyslog();
  return {
    send(level, message) {
      if (!fn) return;
      for (const line of message.replace(/\n+$/, '').split('\n')) fn(PRIORITY[level], '%s', 'str', formatLine(line, level));
    },
    close() {},
  };
}
