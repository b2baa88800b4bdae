// supervisord's command line, parsed with Python getopt rules and Supervisor's messages.
import type { SupervisordOptions } from '../config/model.js';
import { byteSize, integer, logLevel, octal } from '../config/datatypes.js';
import { existingDirectory, existingDirpath } from '../config/datatypes-os.js';
import { pyRepr } from '../python/repr.js';
import { getopt, GetoptError } from '../ctl/getopt.js';

/** A usage error: printed as `Error: <msg>\nFor help, use <argv0> -h`, exit 2. */
export class UsageError extends Error {}

export type CliOverrides = Partial<SupervisordOptions>;

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; configFile: string | null; overrides: CliOverrides; validateOnly: boolean };

type Converter = (value: string) => Partial<SupervisordOptions>;

interface OptionSpec {
  short: string | null;
  long: string;
  /** null for flags handled specially (help, version, config, validate) */
  apply: Converter | null;
  takesArg: boolean;
}

const pyIntStrict = (v: string): number => integer(v);

const SPECS: OptionSpec[] = [
  { short: 'h', long: 'help', apply: null, takesArg: false },
  { short: '?', long: '', apply: null, takesArg: false },
  { short: 'c', long: 'configuration', apply: null, takesArg: true },
  { short: 'v', long: 'version', apply: null, takesArg: false },
  { short: 'n', long: 'nodaemon', apply: () => ({ nodaemon: true }), takesArg: false },
  { short: 'u', long: 'user', apply: (v) => ({ user: v }), takesArg: true },
  { short: 'm', long: 'umask', apply: (v) => ({ umask: octal(v) }), takesArg: true },
  { short: 'd', long: 'directory', apply: (v) => ({ directory: existingDirectory(v) }), takesArg: true },
  { short: 'l', long: 'logfile', apply: (v) => ({ logfile: existingDirpath(v) }), takesArg: true },
  { short: 'y', long: 'logfile_maxbytes', apply: (v) => ({ logfileMaxbytes: byteSize(v) }), takesArg: true },
  { short: 'z', long: 'logfile_backups', apply: (v) => ({ logfileBackups: pyIntStrict(v) }), takesArg: true },
  { short: 'e', long: 'loglevel', apply: (v) => ({ loglevel: logLevel(v) }), takesArg: true },
  { short: 'j', long: 'pidfile', apply: (v) => ({ pidfile: existingDirpath(v) }), takesArg: true },
  { short: 'i', long: 'identifier', apply: (v) => ({ identifier: v }), takesArg: true },
  { short: 'q', long: 'childlogdir', apply: (v) => ({ childlogdir: existingDirectory(v) }), takesArg: true },
  { short: 'a', long: 'minfds', apply: (v) => ({ minfds: pyIntStrict(v) }), takesArg: true },
  { short: null, long: 'minprocs', apply: (v) => ({ minprocs: pyIntStrict(v) }), takesArg: true },
  { short: 'k', long: 'nocleanup', apply: () => ({ nocleanup: true }), takesArg: false },
  { short: 't', long: 'strip_ansi', apply: () => ({ stripAnsi: true }), takesArg: false },
  // accepted for compatibility; profiling does not apply to this implementation
  { short: null, long: 'profile_options', apply: () => ({}), takesArg: true },
  { short: 's', long: 'silent', apply: () => ({ silent: true }), takesArg: false },
  // supervisor-ts: load and validate the config, print OK or the error
  { short: null, long: 'validate', apply: null, takesArg: false },
];

const SHORT_SPEC = SPECS.filter((s) => s.short).map((s) => s.short + (s.takesArg ? ':' : '')).join('');
const LONG_SPEC = SPECS.filter((s) => s.long).map((s) => s.long + (s.takesArg ? '=' : ''));

function findSpec(name: string): OptionSpec {
  const spec = name.startsWith('--')
    ? SPECS.find((s) => s.long === name.slice(2))
    : SPECS.find((s) => s.short === name.slice(1));
  if (!spec) throw new UsageError(`option ${name} not recognized`);
  return spec;
}

export function parseCommandLine(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = getopt(argv, SHORT_SPEC, LONG_SPEC);
  } catch (err) {
    if (err instanceof GetoptError) throw new UsageError(err.message);
    throw err;
  }
  if (parsed.rest.length > 0) {
    throw new UsageError(`positional arguments are not supported: [${parsed.rest.map(pyRepr).join(', ')}]`);
  }
  let configFile: string | null = null;
  let validateOnly = false;
  const overrides: CliOverrides = {};
  const seen = new Set<string>();
  for (const { name, value } of parsed.options) {
    const spec = findSpec(name);
    if (spec.long === 'help' || spec.short === '?') return { kind: 'help' };
    if (spec.long === 'version') return { kind: 'version' };
    if (spec.long === 'validate') { validateOnly = true; continue; }
    // Supervisor refuses the same setting twice on one command line
    if (seen.has(spec.long)) throw new UsageError(`conflicting command line option ${pyRepr(name)}`);
    seen.add(spec.long);
    if (spec.long === 'configuration') { configFile = value; continue; }
    try {
      Object.assign(overrides, spec.apply?.(value));
    } catch (err) {
      throw new UsageError(`invalid value for ${name} ${pyRepr(value)}: ${(err as Error).message}`);
    }
  }
  return { kind: 'run', configFile, overrides, validateOnly };
}

export const HELP_TEXT = `supervisord -- run a set of applications as daemons.

Usage: %s [options]

Options:
-c/--configuration FILENAME -- configuration file path (searches if not given)
-n/--nodaemon -- run in the foreground (same as 'nodaemon=true' in config file)
-s/--silent -- no logs to stdout (maps to 'silent=true' in config file)
-h/--help -- print this usage message and exit
-v/--version -- print supervisord version number and exit
-u/--user USER -- run supervisord as this user (or numeric uid)
-m/--umask UMASK -- use this umask for daemon subprocess (default is 022)
-d/--directory DIRECTORY -- directory to chdir to when daemonized
-l/--logfile FILENAME -- use FILENAME as logfile path
-y/--logfile_maxbytes BYTES -- use BYTES to limit the max size of logfile
-z/--logfile_backups NUM -- number of backups to keep when max bytes reached
-e/--loglevel LEVEL -- use LEVEL as log level (debug,info,warn,error,critical)
-j/--pidfile FILENAME -- write a pid file for the daemon process to FILENAME
-i/--identifier STR -- identifier used for this instance of supervisord
-q/--childlogdir DIRECTORY -- the log directory for child process logs
-k/--nocleanup --  prevent the process from performing cleanup (removal of
                   old automatic child log files) at startup.
-a/--minfds NUM -- the minimum number of file descriptors for start success
-t/--strip_ansi -- strip ansi escape codes from process output
--minprocs NUM  -- the minimum number of processes available for start success
--profile_options OPTIONS -- accepted for compatibility and ignored
--validate -- load and check the configuration, print OK or the error, exit
`;
