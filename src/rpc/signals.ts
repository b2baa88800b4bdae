// signalProcess's view of Supervisor's signal_number(): any failure is answered with BAD_SIGNAL.
import { supervisorSignalNumber } from '../python/signals.js';

/** Returns the signal number, or null when Supervisor would answer BAD_SIGNAL. */
export function parseSignal(value: string | number): number | null {
  const result = supervisorSignalNumber(value);
  return 'signo' in result ? result.signo : null;
}
