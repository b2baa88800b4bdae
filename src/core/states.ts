// Supervisor's state numbers: they go on the wire (getProcessInfo.state), so they are part of the API.

export enum ProcessState {
  STOPPED = 0,
  STARTING = 10,
  RUNNING = 20,
  BACKOFF = 30,
  STOPPING = 40,
  EXITED = 100,
  FATAL = 200,
  UNKNOWN = 1000,
}

export const STOPPED_STATES: ReadonlySet<ProcessState> = new Set([
  ProcessState.STOPPED, ProcessState.EXITED, ProcessState.FATAL, ProcessState.UNKNOWN,
]);
export const RUNNING_STATES: ReadonlySet<ProcessState> = new Set([
  ProcessState.RUNNING, ProcessState.BACKOFF, ProcessState.STARTING,
]);
export const SIGNALLABLE_STATES: ReadonlySet<ProcessState> = new Set([
  ProcessState.RUNNING, ProcessState.STARTING, ProcessState.STOPPING,
]);

/** The daemon's "mood". */
export enum SupervisorState {
  FATAL = 2,
  RUNNING = 1,
  RESTARTING = 0,
  SHUTDOWN = -1,
}

export enum EventListenerState {
  READY = 10,
  BUSY = 20,
  ACKNOWLEDGED = 30,
  UNKNOWN = 40,
}

export function processStateName(s: ProcessState): string {
  return ProcessState[s];
}
export function supervisorStateName(s: SupervisorState): string {
  return SupervisorState[s];
}
