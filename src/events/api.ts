// The event contract between the core (which emits) and events/ (which types, buffers and delivers).
import type { ProcessState } from '../core/states.js';

export interface SupervisorEvent {
  /** wire name, e.g. PROCESS_STATE_RUNNING */
  readonly name: string;
  /** body sent to listeners after the header line */
  payload(): string;
}

/** What a process state event needs to know about its process, captured at transition time. */
export interface ProcessStateInfo {
  processName: string;
  groupName: string;
  fromState: ProcessState;
  toState: ProcessState;
  /** backoff counter at transition time */
  tries: number;
  /** current pid (for STOPPED after BACKOFF: 0) */
  pid: number;
  /** for EXITED: whether the exit status was expected */
  expected: boolean;
}

export interface EventSink {
  notify(event: SupervisorEvent): void;
}
