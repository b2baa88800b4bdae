// Supervisor folds `[supervisord] environment` into every process config, so a change there makes every group
// "changed" on reread. Our model keeps the two apart; this registry remembers, per loaded process config, what the
// daemon-level environment was, for diffGroups() to compare.
import type { ProcessConfig, SupervisordOptions } from './model.js';

const daemonEnvironments = new WeakMap<ProcessConfig, unknown>();

export function rememberDaemonEnvironment(process: ProcessConfig, daemon: SupervisordOptions): void {
  daemonEnvironments.set(process, { environment: daemon.environment ?? {}, envFile: daemon.envFileEnvironment ?? {} });
}

/** What the daemon added to this process' environment when it was loaded (null if not loaded by loadConfig). */
export function daemonEnvironmentOf(process: ProcessConfig): unknown {
  return daemonEnvironments.get(process) ?? null;
}
