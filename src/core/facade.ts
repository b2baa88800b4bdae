// What the control plane (XML-RPC, web UI, metrics) sees of the running supervisor.
// The core implements these; rpc/ and web/ code against them only, the way Supervisor's
// rpcinterface.py works on supervisord.process_groups and Subprocess objects.
import type { LoadedConfig, ProcessConfig, ProcessGroupConfig } from '../config/model.js';
import type { ProcessState, SupervisorState } from './states.js';

/** Why a command cannot be executed (Supervisor's NotFound / NotExecutable / BadCommand). */
export type ExecCheck =
  | { ok: true }
  | { ok: false; kind: 'NO_FILE' | 'NOT_EXECUTABLE'; message: string };

export interface ProcessHandle {
  readonly config: ProcessConfig;
  readonly group: GroupHandle;
  readonly state: ProcessState;
  /** 0 when not running */
  readonly pid: number;
  /** epoch seconds (fractional) of the last spawn, 0 if never started */
  readonly laststart: number;
  /** epoch seconds (fractional) of the last exit, 0 if never */
  readonly laststop: number;
  readonly spawnerr: string | null;
  /** exit status of the last exit (-1 when killed by a signal), null if none */
  readonly exitstatus: number | null;
  /** true while a kill is in progress (Supervisor's `killing`) */
  readonly killing: boolean;
  /** resolved log file paths (AUTO already resolved); null for NONE */
  readonly stdoutLogPath: string | null;
  readonly stderrLogPath: string | null;

  /** Supervisor's get_execv_args check, without side effects. */
  checkExecutable(): ExecCheck;
  /** Spawn now (STARTING, or BACKOFF with spawnerr on failure). Synchronous like Supervisor's spawn(). */
  spawn(): void;
  /** Begin stopping (stopsignal, later SIGKILL). Returns an error message, or null on success. */
  stop(): string | null;
  /** Send a signal. Returns an error message, or null on success. */
  signal(signo: number): string | null;
  /** Run the STARTING→RUNNING check now (startsecs=0 becomes RUNNING immediately). */
  transition(): void;
  /** Resolves on the next state change of this process. */
  nextStateChange(): Promise<ProcessState>;
  /** Queue bytes to the child's stdin. Throws NoStdinError when stdin is closed or not available. */
  writeStdin(data: Buffer): void;
  /** Remove and reopen this process' log files (clearProcessLogs). */
  clearLogs(): void;
}

export interface GroupHandle {
  readonly config: ProcessGroupConfig;
  readonly name: string;
  /** processes in config order */
  readonly processes: ReadonlyMap<string, ProcessHandle>;
}

export interface ConfigDiff {
  added: string[];
  changed: string[];
  removed: string[];
}

export interface SupervisorFacade {
  readonly state: SupervisorState;
  readonly pid: number;
  readonly identifier: string;
  readonly config: LoadedConfig;
  /** active groups, sorted by priority then name */
  groups(): GroupHandle[];
  getGroup(name: string): GroupHandle | undefined;
  /** absolute main log path, null when there is none (syslog or not configured) */
  readonly mainLogPath: string | null;
  clearMainLog(): void;
  /** begin shutdown (asynchronous, like Supervisor's mood change) */
  shutdown(): void;
  /** begin restart (reload in the same process) */
  restart(): void;
  /** Re-read the config into the pending config and diff it against the active groups. Throws an Error with a message on parse failure. */
  reloadConfig(): ConfigDiff;
  /** pending config (what getAllConfigInfo reports); the active one until reloadConfig runs */
  readonly pendingConfig: LoadedConfig;
  /** Instantiate a group from the pending config. Returns false if already active; throws BadNameError if not in the pending config. */
  addProcessGroup(name: string): boolean;
  /** Remove a group whose processes are all stopped. Returns false if any still runs; throws BadNameError if unknown. */
  removeProcessGroup(name: string): boolean;
  /** Emit REMOTE_COMMUNICATION. */
  sendRemoteCommEvent(type: string, data: string): void;
}

export class BadNameError extends Error {}
export class NoStdinError extends Error {}
