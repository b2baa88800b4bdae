// The two output channels of one process (stdout, stderr unless redirected), with their log files
// resolved (AUTO created here), console echo, syslog and the PROCESS_LOG / PROCESS_COMMUNICATION events.
import type { ProcessConfig } from '../config/model.js';
import type { OutputChannel } from '../logging/api.js';
import { ProcessCommunicationEvent, ProcessLogEvent, type ProcessIdentity } from '../events/types.js';
import type { ProcessEnvironment } from './ports.js';

export interface ProcessChannels {
  stdout: OutputChannel;
  /** null when stderr is redirected into stdout */
  stderr: OutputChannel | null;
  stdoutLogPath: string | null;
  stderrLogPath: string | null;
}

export function createProcessChannels(config: ProcessConfig, groupName: string, env: ProcessEnvironment,
  getPid: () => number): ProcessChannels {
  const identity = (): ProcessIdentity => ({ processName: config.name, groupName, pid: getPid() });
  const make = (channel: 'stdout' | 'stderr', logfile: string | null): OutputChannel => {
    const chan = channel === 'stdout' ? config.stdout : config.stderr;
    return env.channels.create({
      processName: config.name,
      groupName,
      channel,
      logfile,
      maxbytes: chan.logfileMaxbytes,
      backups: chan.logfileBackups,
      stripAnsi: env.stripAnsi,
      captureMaxbytes: chan.captureMaxbytes,
      console: config.console ? { format: config.consoleFormat, timestamps: config.consoleTimestamps } : null,
      mainLog: env.logger,
      getPid,
      onLogEvent: chan.eventsEnabled
        ? (data) => env.events.notify(new ProcessLogEvent(channel, identity(), data)) : null,
      onCommEvent: chan.captureMaxbytes > 0
        ? (data) => env.events.notify(new ProcessCommunicationEvent(channel, identity(), data)) : null,
      syslog: chan.syslog,
    });
  };
  const stdoutLogPath = env.resolveLogPath(config, 'stdout');
  const stderrLogPath = config.redirectStderr ? null : env.resolveLogPath(config, 'stderr');
  return {
    stdout: make('stdout', stdoutLogPath),
    stderr: config.redirectStderr ? null : make('stderr', stderrLogPath),
    stdoutLogPath,
    stderrLogPath,
  };
}
