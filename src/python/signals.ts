// Signal names and numbers as Python's signal module has them on Linux: the names Supervisor prints
// (signame) and the values its signal_number() accepts. Callers word their own errors.
import { parsePythonInt } from './int.js';

/** Each Linux signal number with the name Python's signame() reports (aliases resolved as its table ends up). */
const SIGNAL_NAMES: ReadonlyArray<readonly [number, string]> = [
  [1, 'SIGHUP'], [2, 'SIGINT'], [3, 'SIGQUIT'], [4, 'SIGILL'], [5, 'SIGTRAP'], [6, 'SIGABRT'],
  [7, 'SIGBUS'], [8, 'SIGFPE'], [9, 'SIGKILL'], [10, 'SIGUSR1'], [11, 'SIGSEGV'], [12, 'SIGUSR2'],
  [13, 'SIGPIPE'], [14, 'SIGALRM'], [15, 'SIGTERM'], [16, 'SIGSTKFLT'], [17, 'SIGCHLD'],
  [18, 'SIGCONT'], [19, 'SIGSTOP'], [20, 'SIGTSTP'], [21, 'SIGTTIN'], [22, 'SIGTTOU'], [23, 'SIGURG'],
  [24, 'SIGXCPU'], [25, 'SIGXFSZ'], [26, 'SIGVTALRM'], [27, 'SIGPROF'], [28, 'SIGWINCH'],
  [29, 'SIGPOLL'], [30, 'SIGPWR'], [31, 'SIGSYS'], [34, 'SIGRTMIN'], [64, 'SIGRTMAX'],
];

/** Other names the module has for the same signals. */
const ALIASES: ReadonlyArray<readonly [string, number]> = [['SIGIOT', 6], ['SIGCLD', 17], ['SIGIO', 29]];

// Handler and sigmask constants: not signals, but Supervisor accepts them since it only checks the SIG prefix.
const SIG_UNDERSCORE_CONSTANTS: ReadonlyArray<readonly [string, number]> = [
  ['SIG_BLOCK', 0], ['SIG_DFL', 0], ['SIG_IGN', 1], ['SIG_SETMASK', 2], ['SIG_UNBLOCK', 1],
];

const NAME_BY_NUMBER = new Map<number, string>(SIGNAL_NAMES);
const SIGNAL_BY_NAME = new Map<string, number>([...SIGNAL_NAMES.map(([n, name]) => [name, n] as const), ...ALIASES]);

/** Every `SIG*` attribute of Python's signal module, including the SIG_DFL/SIG_IGN/SIG_BLOCK family. */
export const PYTHON_SIGNAL_ATTRIBUTES: ReadonlyMap<string, number> = new Map([
  ...SIGNAL_BY_NAME,
  ...SIG_UNDERSCORE_CONSTANTS,
]);

/** The numbers Supervisor's signal_number() accepts (0-31, 34, 64). */
const SUPERVISOR_SIGNAL_NUMBERS: ReadonlySet<number> = new Set(PYTHON_SIGNAL_ATTRIBUTES.values());

/** Python's signame(): `SIGTERM`, or `signal N` when the number has no name. */
export function signame(signo: number): string {
  return NAME_BY_NUMBER.get(signo) ?? `signal ${signo}`;
}

/** Every named signal number, ascending. */
export function knownSignals(): number[] {
  return SIGNAL_NAMES.map(([n]) => n);
}

/** `TERM` or `sigterm` (any case, SIG optional) as the name under which Python's module would look it up. */
function attributeName(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('SIG') ? upper : `SIG${upper}`;
}

/**
 * A real signal given as `TERM`, `SIGTERM` or `15` (case-insensitive, aliases allowed); undefined if unknown.
 * Stricter than Supervisor's signal_number(): no SIG_DFL-style constants, no unnamed numbers.
 */
export function signalNumber(nameOrNumber: string | number): number | undefined {
  if (typeof nameOrNumber === 'number') return NAME_BY_NUMBER.has(nameOrNumber) ? nameOrNumber : undefined;
  const text = nameOrNumber.trim();
  if (/^\d+$/.test(text)) return signalNumber(Number(text));
  return SIGNAL_BY_NAME.get(attributeName(text));
}

/** What Supervisor's signal_number() makes of a value: the number, or which of its two ValueErrors it raises. */
export type SupervisorSignal = { signo: number } | { problem: 'not a valid signal name' | 'not a valid signal number' };

/** Supervisor's signal_number(): int(value), else the SIG-prefixed attribute; then checked against the known numbers. */
export function supervisorSignalNumber(value: string | number): SupervisorSignal {
  let signo: number | null | undefined;
  if (typeof value === 'number') signo = Number.isFinite(value) ? Math.trunc(value) + 0 : null;
  else signo = parsePythonInt(value) ?? PYTHON_SIGNAL_ATTRIBUTES.get(attributeName(value));
  if (signo === undefined) return { problem: 'not a valid signal name' };
  if (signo === null || !SUPERVISOR_SIGNAL_NUMBERS.has(signo)) return { problem: 'not a valid signal number' };
  return { signo };
}
