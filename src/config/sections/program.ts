// The processes of one program-type section ([program:x], [eventlistener:x], [fcgi-program:x]):
// Supervisor's _processes_from_section, including which names each option may expand.
import type { ChannelConfig, LogTarget, ProcessConfig, SupervisordOptions } from '../model.js';
import { AUTO } from '../model.js';
import type { ConfigReader } from '../reader.js';
import type { Expansions } from '../expand.js';
import { expand } from '../expand.js';
import {
  autoRestart,
  boolean,
  byteSize,
  exitCodes,
  integer,
  octal,
  processOrGroupName,
  signalNumber,
} from '../datatypes.js';
import { existingDirpath, nameToUid } from '../datatypes-os.js';
import { keyValuePairs } from '../key-value-list.js';
import { loadEnvFiles } from '../env-file.js';
import { consoleFormat, optionBaseDir } from './supervisord.js';

const SYSLOG = Symbol('syslog');

/** logfile_name(): NONE/OFF → null, AUTO, the deprecated `syslog`, else a path whose directory exists. */
function logfileName(value: string, reader: ConfigReader): LogTarget | typeof SYSLOG {
  const v = value.toLowerCase();
  if (v === 'none' || v === 'off') return null;
  if (v === 'auto') return AUTO;
  if (v === 'syslog') return SYSLOG;
  return existingDirpath(value, reader.env, (dir) => reader.isDirectory(dir));
}

/** The section's name after the first colon, validated as a process/group name. */
export function programNameOf(reader: ConfigReader, section: string): string {
  return reader.at(section, undefined, () => processOrGroupName(section.slice(section.indexOf(':') + 1)));
}

export function processesFromSection(
  reader: ConfigReader,
  section: string,
  groupName: string,
  daemon: SupervisordOptions,
): ProcessConfig[] {
  const programName = programNameOf(reader, section);
  // One mutable dict, like Supervisor's: once the per-process loop has run, later reads also see process_num etc.
  const common: Expansions = {
    here: reader.here,
    program_name: programName,
    host_node_name: reader.hostNodeName,
    group_name: groupName,
  };
  // reader.get only reads the names (and only for values with a '%'): no copy of the growing dict needed
  const get = (option: string, fallback: string, doExpand = true): string =>
    reader.get(section, option, fallback, common, doExpand);
  const read = <T>(option: string, fallback: string, convert: (v: string) => T): T =>
    reader.at(section, option, () => convert(get(option, fallback)));
  const optional = <T>(option: string, convert: (v: string) => T): T | null => {
    const value = reader.get(section, option, null, common);
    return value === null ? null : reader.at(section, option, () => convert(value));
  };

  const priority = read('priority', '999', integer);
  const autostart = read('autostart', 'true', boolean);
  const autorestart = read('autorestart', 'unexpected', autoRestart);
  const startsecs = read('startsecs', '1', integer);
  const startretries = read('startretries', '3', integer);
  const stopsignal = read('stopsignal', 'TERM', signalNumber);
  const stopwaitsecs = read('stopwaitsecs', '10', integer);
  const stopasgroup = read('stopasgroup', 'false', boolean);
  const killasgroup = read('killasgroup', String(stopasgroup), boolean);
  const exitcodes = read('exitcodes', '0', exitCodes);
  const redirectStderr = read('redirect_stderr', 'false', boolean);
  const numprocs = read('numprocs', '1', integer);
  const numprocsStart = read('numprocs_start', '0', integer);
  const environmentText = get('environment', '', false);
  const captureMaxbytes = {
    stdout: read('stdout_capture_maxbytes', '0', byteSize),
    stderr: read('stderr_capture_maxbytes', '0', byteSize),
  };
  const eventsEnabled = {
    stdout: read('stdout_events_enabled', 'false', boolean),
    stderr: read('stderr_events_enabled', 'false', boolean),
  };
  let serverurl = optional('serverurl', (v) => v);
  if (!serverurl || serverurl.trim().toUpperCase() === 'AUTO') serverurl = null;
  const user = optional('user', (v) => v);
  const uid = user === null ? null : reader.at(section, 'user', () => nameToUid(user));
  const umask = optional('umask', octal);
  const processName = reader.at(section, 'process_name', () =>
    processOrGroupName(get('process_name', '%(program_name)s', false)),
  );
  if (numprocs > 1 && !processName.includes('%(process_num)')) {
    reader.fail('%(process_num) must be present within process_name when numprocs > 1', section, 'process_name');
  }
  if (stopasgroup && !killasgroup) {
    reader.fail('Cannot set stopasgroup=true and killasgroup=false', section, 'killasgroup');
  }

  // ---- supervisor-ts extensions (read once per section) ----
  const critical = read('critical', 'false', boolean);
  const console = read('console', String(daemon.console), boolean);
  const consoleFmt = read('console_format', daemon.consoleFormat, consoleFormat);
  const consoleTimestamps = read('console_timestamps', String(daemon.consoleTimestamps), boolean);

  const processes: ProcessConfig[] = [];
  // Supervisor updates the dict with every ENV_ name before each process; copied once here, and
  // each pass below only restores the names the previous process' environment= changed
  Object.assign(common, reader.environ);
  let changedNames: string[] = [];
  for (let processNum = numprocsStart; processNum < numprocsStart + numprocs; processNum++) {
    common.process_num = processNum;
    common.numprocs = numprocs;
    for (const name of changedNames) if (Object.hasOwn(reader.environ, name)) common[name] = reader.environ[name]!;
    const environment = reader.at(section, 'environment', () =>
      keyValuePairs(expand(environmentText, common, 'environment')),
    );
    changedNames = Object.keys(environment).map((key) => `ENV_${key}`);
    for (const [key, value] of Object.entries(environment)) common[`ENV_${key}`] = value;

    const directory = optional('directory', (v) => v);
    const channels = {} as Record<'stdout' | 'stderr', ChannelConfig>;
    for (const stream of ['stdout', 'stderr'] as const) {
      const key = `${stream}_logfile`;
      let logfile: LogTarget | typeof SYSLOG = AUTO;
      if (reader.has(section, key)) {
        const once = get(key, '');
        logfile = reader.at(section, key, () => logfileName(expand(once, common, key), reader));
      }
      const logfileBackups = read(`${stream}_logfile_backups`, '10', integer);
      const logfileMaxbytes = read(`${stream}_logfile_maxbytes`, '50MB', byteSize);
      let syslog = read(`${stream}_syslog`, 'false', boolean);
      if (logfile === SYSLOG) {
        reader.messages.warnings.push(
          `For [${section}], ${key}=syslog but this is deprecated and will be removed.  ` +
            `Use ${stream}_syslog=true to enable syslog instead.`,
        );
        logfile = null;
        syslog = true;
      }
      if (logfile === AUTO && !logfileMaxbytes) {
        reader.messages.warnings.push(
          `For [${section}], AUTO logging used for ${key} without rollover, ` +
            'set maxbytes > 0 to avoid filling up filesystem unintentionally',
        );
      }
      channels[stream] = {
        logfile,
        logfileMaxbytes,
        logfileBackups,
        captureMaxbytes: captureMaxbytes[stream],
        eventsEnabled: eventsEnabled[stream],
        syslog,
      };
    }
    if (redirectStderr) {
      if (channels.stderr.logfile !== AUTO && channels.stderr.logfile !== null) {
        reader.messages.warnings.push(
          `For [${section}], redirect_stderr=true but stderr_logfile has also been set to a filename, ` +
            'the filename has been ignored',
        );
      }
      channels.stderr.logfile = null;
    }

    const command = reader.get(section, 'command', null, common);
    if (command === null) reader.fail(`program section ${section} does not specify a command`, section);
    const name = reader.at(section, 'process_name', () => expand(processName, common, 'process_name'));

    const envFileText = optional('env_file', (v) => v);
    const envFileEnvironment =
      envFileText === null
        ? null
        : reader.at(section, 'env_file', () => loadEnvFiles(envFileText, optionBaseDir(reader, section, 'env_file')));

    processes.push({
      name,
      programName,
      command,
      directory,
      umask,
      priority,
      autostart,
      autorestart,
      startsecs,
      startretries,
      uid,
      user,
      stdout: channels.stdout,
      stderr: channels.stderr,
      stopsignal,
      stopwaitsecs,
      stopasgroup,
      killasgroup,
      exitcodes,
      redirectStderr,
      environment: reader.has(section, 'environment') ? environment : null,
      serverurl,
      processNum,
      numprocs,
      envFileEnvironment,
      critical,
      console,
      consoleFormat: consoleFmt,
      consoleTimestamps,
    });
  }
  return processes.sort(byPriorityThenName);
}

export function byPriorityThenName(a: { priority: number; name: string }, b: { priority: number; name: string }): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

