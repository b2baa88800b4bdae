// The validated configuration: what the loader produces and everything else consumes.
// Field names follow Supervisor's option names so that getAllConfigInfo and diffs map one to one.

/** `stdout_logfile=AUTO`: a file created in childlogdir when the group is instantiated. */
export const AUTO = 'AUTO' as const;
/** A log target: an absolute path, AUTO, or null for NONE/OFF (and for stderr when redirected). */
export type LogTarget = string | typeof AUTO | null;

export type AutoRestart = 'false' | 'unexpected' | 'true';
export type LogLevelName = 'critical' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'blather';

/** Where a value came from, for error messages that name file and line. */
export interface SourceLocation {
  file: string;
  line: number;
}

/** How child output and the main log are echoed to supervisord's own stdout/stderr (extension, issue 5). */
export type ConsoleFormat = 'raw' | 'prefix' | 'json';

export interface ChannelConfig {
  logfile: LogTarget;
  logfileMaxbytes: number;
  logfileBackups: number;
  captureMaxbytes: number;
  eventsEnabled: boolean;
  syslog: boolean;
}

export interface ProcessConfig {
  /** expanded process_name */
  name: string;
  /** the raw program section name (text after "program:") */
  programName: string;
  command: string;
  directory: string | null;
  umask: number | null;
  priority: number;
  autostart: boolean;
  autorestart: AutoRestart;
  startsecs: number;
  startretries: number;
  /** numeric uid resolved from `user=`, null if not set */
  uid: number | null;
  /** the `user=` text as written (name or number), null if not set */
  user: string | null;
  stdout: ChannelConfig;
  stderr: ChannelConfig;
  stopsignal: number;
  stopwaitsecs: number;
  stopasgroup: boolean;
  killasgroup: boolean;
  exitcodes: number[];
  redirectStderr: boolean;
  /** program `environment=` (after expansion); null when not set */
  environment: Record<string, string> | null;
  /** `serverurl=`; null means AUTO */
  serverurl: string | null;
  processNum: number;
  numprocs: number;

  // ---- supervisor-ts extensions (ignored by the real Supervisor) ----
  /** `env_file=`: values loaded from .env files, below `environment=` in precedence */
  envFileEnvironment: Record<string, string> | null;
  /** `critical=true`: supervisord exits with this process' code when it dies for good */
  critical: boolean;
  /** `console=true`: copy output to supervisord's stdout/stderr */
  console: boolean;
  consoleFormat: ConsoleFormat;
  consoleTimestamps: boolean;
}

export type GroupKind = 'program' | 'group' | 'eventlistener' | 'fcgi-program';

export interface EventListenerOptions {
  /** event type names, upper-cased, validated against the known types */
  events: string[];
  bufferSize: number;
  resultHandler: string;
}

export interface FcgiSocketOptions {
  /** `tcp://host:port` or `unix:///abs/path` after expansion */
  socket: string;
  socketBacklog: number | null;
  socketOwner: { uid: number; gid: number } | null;
  socketMode: number;
}

export interface ProcessGroupConfig {
  name: string;
  kind: GroupKind;
  priority: number;
  processes: ProcessConfig[];
  /** set for kind === 'eventlistener' */
  listener?: EventListenerOptions;
  /** set for kind === 'fcgi-program' */
  fcgi?: FcgiSocketOptions;
  /** section and file, for messages */
  source: SourceLocation & { section: string };
}

export interface HttpServerConfig {
  kind: 'unix' | 'inet';
  /** the section name, e.g. "inet_http_server" */
  section: string;
  /** unix: absolute socket path */
  file?: string;
  chmod?: number;
  chown?: { uid: number; gid: number } | null;
  /** inet: host ('' = all interfaces) and port */
  host?: string;
  port?: number;
  username: string | null;
  password: string | null;
}

export interface RpcInterfaceConfig {
  name: string;
  factory: string;
  params: Record<string, string>;
}

export interface SupervisordOptions {
  logfile: string | 'syslog' | null;
  logfileMaxbytes: number;
  logfileBackups: number;
  loglevel: LogLevelName;
  pidfile: string;
  umask: number;
  nodaemon: boolean;
  silent: boolean;
  minfds: number;
  minprocs: number;
  nocleanup: boolean;
  childlogdir: string;
  user: string | null;
  uid: number | null;
  directory: string | null;
  stripAnsi: boolean;
  environment: Record<string, string> | null;
  identifier: string;

  // ---- supervisor-ts extensions ----
  envFileEnvironment: Record<string, string> | null;
  /** default `console=` for every program */
  console: boolean;
  consoleFormat: ConsoleFormat;
  consoleTimestamps: boolean;
  /** exit once every process is in a stopped state and none will restart (batch containers) */
  exitWhenAllExited: boolean;
}

export interface SupervisorctlOptions {
  serverurl: string;
  username: string | null;
  password: string | null;
  prompt: string;
  historyFile: string | null;
}

export interface LoadedConfig {
  /** absolute path of the main config file */
  configFile: string;
  supervisord: SupervisordOptions;
  /** sorted by (priority, name) like Supervisor's config objects */
  groups: ProcessGroupConfig[];
  servers: HttpServerConfig[];
  rpcinterfaces: RpcInterfaceConfig[];
  /** present only when the file has a [supervisorctl] section */
  supervisorctl: SupervisorctlOptions | null;
  /** parse-time warnings, logged once the logger exists (Supervisor's parse_warnings) */
  warnings: string[];
  /** informational parse messages (e.g. Included extra file ...) */
  infos: string[];
}
