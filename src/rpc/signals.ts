// Supervisor's signal_number() for signalProcess: a number or a name, with or without SIG,
// validated against the numbers Python's signal module knows on Linux.
import { constants } from 'node:os';

// Names Python's signal module has beyond Node's list (SIG_* are handler/mask constants, but
// Supervisor accepts them because it only looks at the SIG prefix).
const PYTHON_EXTRA: Record<string, number> = {
  SIGCLD: 17,
  SIGRTMIN: 34,
  SIGRTMAX: 64,
  SIG_DFL: 0,
  SIG_IGN: 1,
  SIG_BLOCK: 0,
  SIG_UNBLOCK: 1,
  SIG_SETMASK: 2,
};

const BY_NAME = new Map<string, number>([
  ...Object.entries(constants.signals as Record<string, number>),
  ...Object.entries(PYTHON_EXTRA),
]);
const VALID_NUMBERS = new Set(BY_NAME.values());

/** Returns the signal number, or null when Supervisor would answer BAD_SIGNAL. */
export function parseSignal(value: string | number): number | null {
  let num: number | undefined;
  const text = String(value).trim();
  if (typeof value === 'number') num = Math.trunc(value);
  else if (/^[+-]?\d+$/.test(text)) num = Number(text);
  else {
    const upper = text.toUpperCase();
    num = BY_NAME.get(upper.startsWith('SIG') ? upper : `SIG${upper}`);
  }
  return num !== undefined && VALID_NUMBERS.has(num) ? num : null;
}
