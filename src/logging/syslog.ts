// `logfile=syslog` and `stdout_syslog=true`: messages go to libc's syslog(3) (src/os/ffi-syslog.ts).
// Without koffi/libc it degrades to a no-op.
import type { LogLevelName } from '../config/model.js';
import { bindSyslog, syslog } from '../os/ffi-syslog.js';

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
// bound on first use; false when koffi/libc are unavailable (then sending is a no-op)
let bound: boolean | undefined;

/** true when syslog(3) could be bound (koffi and libc available) */
export function syslogAvailable(): boolean {
  if (bound === undefined) {
    try {
      bindSyslog();
      bound = true;
    } catch {
      bound = false;
    }
  }
  return bound;
}

/** Each line of a message is sent separately, shaped by `formatLine` (Supervisor's handler format). */
export function openSyslog(formatLine: (line: string, level: LogLevelName) => string): SyslogTarget {
  const available = syslogAvailable();
  return {
    send(level, message) {
      if (!available) return;
      for (const line of message.replace(/\n+$/, '').split('\n')) syslog(PRIORITY[level], formatLine(line, level));
    },
    close() {},
  };
}
