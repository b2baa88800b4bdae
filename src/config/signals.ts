// Signal names and numbers exactly as Python's `signal` module exposes them on Linux (what Supervisor accepts).

/** Every `SIG*` attribute of Python's signal module, including the odd SIG_DFL/SIG_IGN/SIG_BLOCK family. */
export const PYTHON_SIGNAL_ATTRIBUTES: Readonly<Record<string, number>> = {
  SIGABRT: 6, SIGALRM: 14, SIGBUS: 7, SIGCHLD: 17, SIGCLD: 17, SIGCONT: 18, SIGFPE: 8, SIGHUP: 1, SIGILL: 4,
  SIGINT: 2, SIGIO: 29, SIGIOT: 6, SIGKILL: 9, SIGPIPE: 13, SIGPOLL: 29, SIGPROF: 27, SIGPWR: 30, SIGQUIT: 3,
  SIGRTMAX: 64, SIGRTMIN: 34, SIGSEGV: 11, SIGSTKFLT: 16, SIGSTOP: 19, SIGSYS: 31, SIGTERM: 15, SIGTRAP: 5,
  SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGUSR1: 10, SIGUSR2: 12, SIGVTALRM: 26, SIGWINCH: 28,
  SIGXCPU: 24, SIGXFSZ: 25, SIG_BLOCK: 0, SIG_DFL: 0, SIG_IGN: 1, SIG_SETMASK: 2, SIG_UNBLOCK: 1,
};

/** The numbers Supervisor's signal_number() accepts (0-31, 34, 64). */
export const VALID_SIGNAL_NUMBERS: ReadonlySet<number> = new Set(Object.values(PYTHON_SIGNAL_ATTRIBUTES));
