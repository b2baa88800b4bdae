// `logfile=syslog` and `stdout_syslog=true`: messages go to libc's syslog(3) through koffi, since
// Node cannot send to the /dev/log datagram socket by itself. Without koffi/libc it degrades to a no-op.
import { createRequire } from 'node:module';
import type { LogLevelName } from '../config/model.js';

export interface SyslogTarget {
  send(level: LogLevelName, message: string): void;
  close(): void;
}

// syslog(3) priorities
const PRIORITY: Record<LogLevelName, number> = {
  critical: 2,
  error: 3,
  warn: 4,
  info: 6,
  debug: 7,
  trace: 7,
  blather: 7,
};

type SyslogFn = (priority: number, format: string, ...args: unknown[]) => void;
let syslogFn: SyslogFn | null | undefined;

function loadSyslog(): SyslogFn | null {
  if (syslogFn !== undefined) return syslogFn;
  try {
    const require = createRequire(import.meta.url);
    const koffi = require('koffi') as { load(name: string): { func(n: string, r: string, a: string[]): SyslogFn } };
    const libc = koffi.load('libc.so.6');
    syslogFn = libc.func('syslog', 'void', ['int', 'str', '...']);
  } catch {
    syslogFn = null;
  }
  return syslogFn;
}

/** true when syslog(3) could be bound (koffi and libc available) */
export function syslogAvailable(): boolean {
  return loadSyslog() !== null;
}

/** Each line of a message is sent separately, prefixed like Supervisor's `<name> <line>` handlers. */
export function openSyslog(prefix: string | null): SyslogTarget {
  const fn = loadSyslog();
  return {
    send(level, message) {
      if (!fn) return;
      for (const line of message.replace(/\n+$/, '').split('\n')) {
        fn(PRIORITY[level], '%s', 'str', prefix ? `${prefix} ${line}` : line);
      }
    },
    close() {},
  };
}
