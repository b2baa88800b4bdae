// syslog(3) from libc: Node cannot send to the /dev/log datagram socket by itself.
import { lazyLibcBindings } from './ffi.js';

export const LOG_PID = 0x01;
export const LOG_USER = 1 << 3;

type SyslogFn = (priority: number, format: string, ...args: unknown[]) => void;

// openlog keeps the pointer it is given: this buffer must live as long as the process
const IDENT = Buffer.from('supervisord\0');

const syslogCall = lazyLibcBindings<SyslogFn>((lib) => {
  const openlog = lib.func('void openlog(void *ident, int option, int facility)');
  openlog(IDENT, LOG_PID, LOG_USER); // ident "supervisord" like Python's default (argv[0])
  return lib.func('void syslog(int priority, const char *format, ...)') as SyslogFn;
});

/** Bind syslog(3) now (opening the log as `supervisord`); throws FfiUnavailableError without koffi. */
export function bindSyslog(): void {
  syslogCall();
}

/** One message at `priority`, passed as data (never as a format string). */
export function syslog(priority: number, message: string): void {
  syslogCall()(priority, '%s', 'str', message);
}
