// [supervisord]: the daemon's own options (read_config in options.py), plus supervisor-ts extensions.
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ConsoleFormat, SupervisordOptions } from '../model.js';
import type { ConfigReader } from '../reader.js';
import { boolean, byteSize, integer, logLevel, octal } from '../datatypes.js';
import { existingDirectory, existingDirpath } from '../datatypes-os.js';
import { expand } from '../expand.js';
import { keyValuePairs } from '../key-value-list.js';
import { loadEnvFiles } from '../env-file.js';
import { ValueError } from '../errors.js';

export const SUPERVISORD_SECTION = 'supervisord';
const CONSOLE_FORMATS: ConsoleFormat[] = ['raw', 'prefix', 'json'];

export function consoleFormat(value: string): ConsoleFormat {
  const v = value.trim().toLowerCase() as ConsoleFormat;
  if (!CONSOLE_FORMATS.includes(v)) {
    throw new ValueError(`invalid console_format value '${value}' (expected raw, prefix or json)`);
  }
  return v;
}

/** Directory of the file that set an option, for paths written relative to "this config file". */
export function optionBaseDir(reader: ConfigReader, section: string, option: string): string {
  const entry = reader.doc.get(section, option);
  return entry ? path.dirname(path.resolve(entry.file)) : reader.here;
}

/** Read [supervisord] in Supervisor's order; also publishes its `environment=` keys as ENV_ names. */
export function readSupervisordSection(reader: ConfigReader): SupervisordOptions {
  const s = SUPERVISORD_SECTION;
  const here = { here: reader.here };
  const env = reader.env;
  const minfds = reader.read(s, 'minfds', '1024', integer, here);
  const minprocs = reader.read(s, 'minprocs', '200', integer, here);
  const directory = reader.readOptional(s, 'directory', (v) => existingDirectory(v, env), here);
  const user = reader.get(s, 'user', null, here);
  const umask = reader.read(s, 'umask', '022', octal, here);
  const logfile = reader.read(s, 'logfile', 'supervisord.log', (v) => existingDirpath(v, env), here);
  const logfileMaxbytes = reader.read(s, 'logfile_maxbytes', '50MB', byteSize, here);
  const logfileBackups = reader.read(s, 'logfile_backups', '10', integer, here);
  const loglevel = reader.read(s, 'loglevel', 'info', logLevel, here);
  const pidfile = reader.read(s, 'pidfile', 'supervisord.pid', (v) => existingDirpath(v, env), here);
  const identifier = reader.get(s, 'identifier', 'supervisor', here);
  const nodaemon = reader.read(s, 'nodaemon', 'false', boolean, here);
  const silent = reader.read(s, 'silent', 'false', boolean, here);
  const childlogdir = reader.read(s, 'childlogdir', tmpdir(), (v) => existingDirectory(v, env), here);
  const nocleanup = reader.read(s, 'nocleanup', 'false', boolean, here);
  const stripAnsi = reader.read(s, 'strip_ansi', 'false', boolean, here);

  // 4.2.5 expands this option twice: once in get(), then again with host_node_name
  const environText = reader.get(s, 'environment', '', here);
  const environment = reader.at(s, 'environment', () =>
    keyValuePairs(
      expand(environText, { ...reader.environ, here: reader.here, host_node_name: reader.hostNodeName }, 'environment'),
    ),
  );
  for (const [key, value] of Object.entries(environment)) reader.environ[`ENV_${key}`] = value;

  // ---- supervisor-ts extensions ----
  const envFileText = reader.get(s, 'env_file', null, here);
  const envFileEnvironment =
    envFileText === null
      ? null
      : reader.at(s, 'env_file', () => loadEnvFiles(envFileText, optionBaseDir(reader, s, 'env_file')));

  return {
    logfile,
    logfileMaxbytes,
    logfileBackups,
    loglevel,
    pidfile,
    umask,
    nodaemon,
    silent,
    minfds,
    minprocs,
    nocleanup,
    childlogdir,
    user,
    uid: null,
    directory,
    stripAnsi,
    environment: reader.has(s, 'environment') ? environment : null,
    identifier,
    envFileEnvironment,
    console: reader.read(s, 'console', 'false', boolean, here),
    consoleFormat: reader.read(s, 'console_format', 'prefix', consoleFormat, here),
    consoleTimestamps: reader.read(s, 'console_timestamps', 'false', boolean, here),
    exitWhenAllExited: reader.read(s, 'exit_when_all_exited', 'false', boolean, here),
  };
}
