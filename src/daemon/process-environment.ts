// Everything a process runtime needs, built from the loaded config: real clock, launcher, logger,
// output channels and AUTO log files.
import type { LoadedConfig, ProcessConfig } from '../config/model.js';
import { AUTO } from '../config/model.js';
import type { MainLogger } from '../logging/api.js';
import { autoLogPath } from '../logging/auto-log.js';
import { createOutputChannel } from '../logging/output-channel.js';
import { createLauncher } from '../core/launcher.js';
import type { FcgiSocketRegistry } from '../process/fcgi-socket.js';
import { realClock, type ProcessEnvironment } from '../core/ports.js';
import { startOrphanGuard, type OrphanGuard } from '../process/orphan-guard.js';

const SIGKILL = 9;

/**
 * PR_SET_PDEATHSIG needs the exec helper (a node start per spawn, 100+ ms), so it is opt-in:
 * SUPERVISOR_TS_PDEATHSIG=1. As PID 1 it is not needed: when a PID namespace's init dies the kernel
 * kills every process in it, so a SIGKILLed supervisord in a container leaves no child behind anyway.
 */
function wantParentDeathSignal(): boolean {
  return process.env.SUPERVISOR_TS_PDEATHSIG === '1';
}

let guard: OrphanGuard | null | undefined;

/**
 * One orphan guard for the daemon's lifetime (it survives reloads). Not needed as PID 1, where the kernel
 * ends the whole namespace with us; SUPERVISOR_TS_ORPHAN_GUARD=0 turns it off.
 */
function orphanGuard(): OrphanGuard | null {
  if (guard === undefined) {
    guard = process.pid === 1 || process.env.SUPERVISOR_TS_ORPHAN_GUARD === '0' ? null : startOrphanGuard();
  }
  return guard;
}

export function buildProcessEnvironment(config: LoadedConfig, logger: MainLogger, fcgi: FcgiSocketRegistry):
  Omit<ProcessEnvironment, 'mayRestart' | 'events'> {
  const sd = config.supervisord;
  return {
    clock: realClock,
    launcher: createLauncher(config, {
      pdeathsig: wantParentDeathSignal() ? SIGKILL : null,
      fcgiSocket: (groupName) => fcgi.get(groupName)?.acquire() ?? null,
      orphanGuard: orphanGuard(),
    }),
    logger,
    channels: { create: (opts) => createOutputChannel(opts) },
    stripAnsi: sd.stripAnsi,
    resolveLogPath(pconfig: ProcessConfig, channel: 'stdout' | 'stderr'): string | null {
      const target = channel === 'stdout' ? pconfig.stdout.logfile : pconfig.stderr.logfile;
      if (target === null) return null;
      if (target === AUTO) return autoLogPath(sd.childlogdir, pconfig.name, channel, sd.identifier);
      return target;
    },
  };
}
