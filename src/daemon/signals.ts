// Signal handling for supervisord: handlers only enqueue; the daemon loop handles one signal at a time.
// Node reserves SIGUSR1 for the inspector, so we install a handler that logs and ignores it (Supervisor
// would die on it without cleanup, which helps nobody).
export type DaemonSignal = 'SIGTERM' | 'SIGINT' | 'SIGQUIT' | 'SIGHUP' | 'SIGUSR2' | 'SIGUSR1' | 'SIGCHLD';

const HANDLED: DaemonSignal[] = ['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGHUP', 'SIGUSR2', 'SIGUSR1'];

export interface SignalHandlers {
  uninstall(): void;
}

export function installSignalHandlers(onSignal: (sig: DaemonSignal) => void): SignalHandlers {
  const listeners = HANDLED.map((sig) => {
    const fn = (): void => onSignal(sig);
    process.on(sig, fn);
    return [sig, fn] as const;
  });
  return {
    uninstall() {
      for (const [sig, fn] of listeners) process.off(sig, fn);
    },
  };
}
