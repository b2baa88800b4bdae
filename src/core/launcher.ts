// The real ProcessLauncher: Supervisor's exec checks and child environment, spawned through
// src/process/spawn.ts (own process group, real pipes, user/umask/directory, optional pdeathsig).
import type { LoadedConfig, ProcessConfig } from '../config/model.js';
import { buildChildEnv, configEnvironment } from '../process/env.js';
import { getExecArgs, toFacadeExecCheck } from '../process/exec-check.js';
import { spawnChild, SpawnError } from '../process/spawn.js';
import type { FcgiSocketLease } from '../process/fcgi-socket.js';
import type { OrphanGuard } from '../process/orphan-guard.js';
import type { LaunchResult, ProcessLauncher } from './ports.js';

/** Supervisor's default SUPERVISOR_SERVER_URL: first unix server, else first inet server. */
export function defaultServerUrl(config: LoadedConfig): string | null {
  const unix = config.servers.find((s) => s.kind === 'unix');
  if (unix?.file) return `unix://${unix.file}`;
  const inet = config.servers.find((s) => s.kind === 'inet');
  if (inet) return `http://${inet.host || 'localhost'}:${inet.port}`;
  return null;
}

export interface LauncherOptions {
  /** PR_SET_PDEATHSIG for every child (when supervisord is PID 1): a SIGKILLed supervisord leaves no child */
  pdeathsig: number | null;
  /** the listening socket of an fcgi-program group, to become each child's fd 0 */
  fcgiSocket?(groupName: string): FcgiSocketLease | null;
  /** kills the process groups of live children if supervisord dies without stopping them */
  orphanGuard?: OrphanGuard | null;
}

export function createLauncher(loaded: LoadedConfig, options: LauncherOptions): ProcessLauncher {
  const sd = loaded.supervisord;
  const serverUrl = defaultServerUrl(loaded);
  const layersOf = (config: ProcessConfig) => ({
    supervisordEnvFile: sd.envFileEnvironment,
    supervisordEnvironment: sd.environment,
    programEnvFile: config.envFileEnvironment,
    programEnvironment: config.environment,
  });
  const execArgs = (config: ProcessConfig) =>
    getExecArgs(config.command, { programEnvironment: configEnvironment(layersOf(config)) });

  return {
    checkExecutable: (config) => toFacadeExecCheck(execArgs(config)),

    launch(config, groupName): LaunchResult {
      const args = execArgs(config);
      if (!args.ok) return { ok: false, error: args.message };
      const env = buildChildEnv({
        ...layersOf(config), serverUrl: config.serverurl ?? serverUrl, processName: config.name, groupName,
      });
      const lease = options.fcgiSocket?.(groupName) ?? null;
      try {
        const child = spawnChild({
          processName: config.name,
          filename: args.filename,
          argv: args.argv,
          env,
          directory: config.directory,
          umask: config.umask,
          uid: config.uid,
          redirectStderr: config.redirectStderr,
          pdeathsig: options.pdeathsig,
          stdinFd: lease?.fd ?? null,
        });
        if (lease) child.onExit(() => lease.release());
        const guard = options.orphanGuard;
        if (guard) {
          guard.track(child.pid);
          child.onExit(() => guard.untrack(child.pid));
        }
        return { ok: true, child };
      } catch (err) {
        lease?.release();
        if (err instanceof SpawnError) return { ok: false, error: err.message };
        return { ok: false, error: `unknown error during fork for '${config.name}': ${String(err)}` };
      }
    },

    kill(pid, signo) {
      process.kill(pid, signo);
    },
  };
}
