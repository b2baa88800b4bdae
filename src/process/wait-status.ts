// Supervisor's decode_wait_status, fed from what Node reports for a child exit (code, signal name).
import { signalNumber, signame } from '../python/signals.js';

export interface ExitDescription {
  /** the exit code, or -1 when the child was killed by a signal (never "expected") */
  exitstatus: number;
  /** `exit status N`, `terminated by SIGTERM`, `terminated by SIGSEGV (core dumped)` */
  description: string;
  /** signal number when killed by a signal, else null */
  signo: number | null;
}

/** Describe an exit as Node reports it: exactly one of code / signal is non-null. */
export function describeExit(code: number | null, signal: NodeJS.Signals | string | number | null, coreDumped = false): ExitDescription {
  if (code !== null && code !== undefined) {
    const es = code & 0xffff;
    return { exitstatus: es, description: `exit status ${es}`, signo: null };
  }
  if (signal !== null && signal !== undefined) {
    const signo = typeof signal === 'number' ? signal : signalNumber(signal);
    const name = signo === undefined ? String(signal) : signame(signo);
    const core = coreDumped ? ' (core dumped)' : '';
    return { exitstatus: -1, description: `terminated by ${name}${core}`, signo: signo ?? null };
  }
  return { exitstatus: -1, description: 'unknown termination cause 0x0000', signo: null };
}

/** Decode a raw wait(2) status word, for pids reaped through waitpid (reaper, pidproxy). */
export function describeWaitStatus(status: number): ExitDescription {
  const termsig = status & 0x7f;
  if (termsig === 0) return describeExit((status >> 8) & 0xff, null);
  if (termsig !== 0x7f) return describeExit(null, termsig, (status & 0x80) !== 0);
  const hex = (status & 0xffff).toString(16).padStart(4, '0');
  return { exitstatus: -1, description: `unknown termination cause 0x${hex}`, signo: null };
}
