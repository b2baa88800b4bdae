// Linux signal numbers and the names Python's signal module reports for them (options.signame).
// Aliases resolve the way Python's table ends up: 6 is SIGABRT, 17 SIGCHLD, 29 SIGPOLL.

const LINUX_SIGNALS: ReadonlyArray<readonly [number, string]> = [
  [1, 'SIGHUP'], [2, 'SIGINT'], [3, 'SIGQUIT'], [4, 'SIGILL'], [5, 'SIGTRAP'], [6, 'SIGABRT'],
  [7, 'SIGBUS'], [8, 'SIGFPE'], [9, 'SIGKILL'], [10, 'SIGUSR1'], [11, 'SIGSEGV'], [12, 'SIGUSR2'],
  [13, 'SIGPIPE'], [14, 'SIGALRM'], [15, 'SIGTERM'], [16, 'SIGSTKFLT'], [17, 'SIGCHLD'],
  [18, 'SIGCONT'], [19, 'SIGSTOP'], [20, 'SIGTSTP'], [21, 'SIGTTIN'], [22, 'SIGTTOU'], [23, 'SIGURG'],
  [24, 'SIGXCPU'], [25, 'SIGXFSZ'], [26, 'SIGVTALRM'], [27, 'SIGPROF'], [28, 'SIGWINCH'],
  [29, 'SIGPOLL'], [30, 'SIGPWR'], [31, 'SIGSYS'], [34, 'SIGRTMIN'], [64, 'SIGRTMAX'],
];

/** Extra names accepted on input (Node and other tools use these spellings). */
const ALIASES: ReadonlyArray<readonly [string, number]> = [
  ['SIGIOT', 6], ['SIGCLD', 17], ['SIGIO', 29],
];

const NAME_BY_NUMBER = new Map<number, string>(LINUX_SIGNALS);
const NUMBER_BY_NAME = new Map<string, number>([
  ...LINUX_SIGNALS.map(([n, name]) => [name, n] as const),
  ...ALIASES,
]);

/** Python's signame(): `SIGTERM`, or `signal N` when the number has no name. */
export function signame(signo: number): string {
  return NAME_BY_NUMBER.get(signo) ?? `signal ${signo}`;
}

/** Number of a signal given as `TERM`, `SIGTERM` or `15` (case-insensitive); undefined if unknown. */
export function signalNumber(nameOrNumber: string | number): number | undefined {
  if (typeof nameOrNumber === 'number') return NAME_BY_NUMBER.has(nameOrNumber) ? nameOrNumber : undefined;
  const text = nameOrNumber.trim().toUpperCase();
  if (/^\d+$/.test(text)) return signalNumber(Number(text));
  return NUMBER_BY_NAME.get(text.startsWith('SIG') ? text : `SIG${text}`);
}

/** Every named signal number, ascending. */
export function knownSignals(): number[] {
  return LINUX_SIGNALS.map(([n]) => n);
}
