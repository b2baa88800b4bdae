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

const SIGKILL = 9;

export function buildProcessEnvironment(config: LoadedConfig, logger: MainLogger, fcgi: FcgiSocketRegistry):
  Omit<ProcessEnvironment, 'mayRestart' | 'events'> {
  const sd = config.supervisord;
  return {
    clock: realClock,
    // as PID 1 nobody would clean up after a SIGKILLed supervisord: children die with us
    launcher: createLauncher(config, {
      pdeathsig: process.pid === 1 ? SIGKILL : null,
      fcgiSocket: (groupName) => fcgi.get(groupName)?.acquire() ?? null,
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
