// Supervisor 4.2.5's event types: wire names, the abstract families, and the concrete event
// classes whose payload() is byte-identical to supervisor/events.py.
//
// Integration surface (core):
//   - build events at the moment of the transition (they capture pid/tries eagerly) and hand them
//     to EventBus.notify (bus.ts); guard costly ones with bus.hasSubscribers(name):
//       new ProcessStateEvent(info)                       on every process state change
//       new ProcessLogEvent('stdout'|'stderr', proc, data) per output chunk when *_events_enabled
//       new ProcessCommunicationEvent(channel, proc, data) at a capture-mode END token
//       new RemoteCommunicationEvent(type, data)          from sendRemoteCommEvent
//       new SupervisorStateChangeEvent('RUNNING'|'STOPPING')
//       new ProcessGroupEvent('ADDED'|'REMOVED', groupName)
//       TickEvent comes from ticks.ts
//   - config: isEventType(name) validates `[eventlistener:x] events=` entries.
import { processStateName, ProcessState } from '../core/states.js';
import type { ProcessStateInfo, SupervisorEvent } from './api.js';
import { decodeOrDescribe } from '../python/repr.js';

/** Each type's parent family; EVENT is the root. Mirrors the class tree of events.py. */
const PARENT_OF: ReadonlyMap<string, string | null> = new Map<string, string | null>([
  ['EVENT', null],
  ['PROCESS_STATE', 'EVENT'],
  ['PROCESS_STATE_STOPPED', 'PROCESS_STATE'],
  ['PROCESS_STATE_EXITED', 'PROCESS_STATE'],
  ['PROCESS_STATE_STARTING', 'PROCESS_STATE'],
  ['PROCESS_STATE_STOPPING', 'PROCESS_STATE'],
  ['PROCESS_STATE_BACKOFF', 'PROCESS_STATE'],
  ['PROCESS_STATE_FATAL', 'PROCESS_STATE'],
  ['PROCESS_STATE_RUNNING', 'PROCESS_STATE'],
  ['PROCESS_STATE_UNKNOWN', 'PROCESS_STATE'],
  ['PROCESS_COMMUNICATION', 'EVENT'],
  ['PROCESS_COMMUNICATION_STDOUT', 'PROCESS_COMMUNICATION'],
  ['PROCESS_COMMUNICATION_STDERR', 'PROCESS_COMMUNICATION'],
  ['PROCESS_LOG', 'EVENT'],
  ['PROCESS_LOG_STDOUT', 'PROCESS_LOG'],
  ['PROCESS_LOG_STDERR', 'PROCESS_LOG'],
  ['REMOTE_COMMUNICATION', 'EVENT'],
  ['SUPERVISOR_STATE_CHANGE', 'EVENT'],
  ['SUPERVISOR_STATE_CHANGE_RUNNING', 'SUPERVISOR_STATE_CHANGE'],
  ['SUPERVISOR_STATE_CHANGE_STOPPING', 'SUPERVISOR_STATE_CHANGE'],
  ['TICK', 'EVENT'],
  ['TICK_5', 'TICK'],
  ['TICK_60', 'TICK'],
  ['TICK_3600', 'TICK'],
  ['PROCESS_GROUP', 'EVENT'],
  ['PROCESS_GROUP_ADDED', 'PROCESS_GROUP'],
  ['PROCESS_GROUP_REMOVED', 'PROCESS_GROUP'],
]);

/** Families that are never emitted themselves; subscribing to one receives all its subtypes. */
export const ABSTRACT_EVENT_TYPES: ReadonlySet<string> = new Set([
  'EVENT', 'PROCESS_STATE', 'PROCESS_COMMUNICATION', 'PROCESS_LOG', 'SUPERVISOR_STATE_CHANGE', 'TICK',
  'PROCESS_GROUP',
]);

/** Every type name Supervisor 4.2.5 knows, in events.py's declaration order. */
export const EVENT_TYPE_NAMES: readonly string[] = [...PARENT_OF.keys()];

/** True for a name accepted in `[eventlistener:x] events=` (expects the upper-cased name). */
export function isEventType(name: string): boolean {
  return PARENT_OF.has(name);
}

/** Whether an event of type `name` is delivered to a subscriber of `family` (isinstance semantics). */
export function isSubtypeOf(name: string, family: string): boolean {
  let current: string | null | undefined = name;
  while (current !== null && current !== undefined) {
    if (current === family) return true;
    current = PARENT_OF.get(current);
  }
  return false;
}

/** Extra `key:value` pairs per target state, as the get_extra_values overrides in events.py. */
function stateExtras(info: ProcessStateInfo): Array<[string, string | number]> {
  switch (info.toState) {
    case ProcessState.STARTING:
    case ProcessState.BACKOFF:
      return [['tries', Math.trunc(info.tries)]];
    case ProcessState.EXITED:
      return [['expected', info.expected ? 1 : 0], ['pid', info.pid]];
    case ProcessState.RUNNING:
    case ProcessState.STOPPING:
    case ProcessState.STOPPED:
      return [['pid', info.pid]];
    default:
      return [];
  }
}

/**
 * PROCESS_STATE_<TO>. `info` is a snapshot taken at the transition, so the body can be rendered on first
 * use: most state changes (stopping 200 programs: 400 of them) reach no listener that reads it.
 */
export class ProcessStateEvent implements SupervisorEvent {
  readonly name: string;
  private body: string | null = null;

  constructor(readonly info: Readonly<ProcessStateInfo>) {
    this.name = `PROCESS_STATE_${processStateName(info.toState)}`;
  }

  payload(): string {
    if (this.body === null) {
      const info = this.info;
      const pairs: Array<[string, string | number]> = [
        ['processname', info.processName],
        ['groupname', info.groupName],
        ['from_state', processStateName(info.fromState)],
        ...stateExtras(info),
      ];
      this.body = pairs.map(([k, v]) => `${k}:${v}`).join(' ');
    }
    return this.body;
  }
}

/** The identity of the process an output event is about. */
export interface ProcessIdentity {
  processName: string;
  groupName: string;
  pid: number;
}

export type OutputChannelName = 'stdout' | 'stderr';

/** PROCESS_LOG_STDOUT / PROCESS_LOG_STDERR: one chunk of child output. */
export class ProcessLogEvent implements SupervisorEvent {
  readonly name: string;

  constructor(readonly channel: OutputChannelName, readonly process: ProcessIdentity, readonly data: Buffer) {
    this.name = channel === 'stdout' ? 'PROCESS_LOG_STDOUT' : 'PROCESS_LOG_STDERR';
  }

  payload(): string {
    const p = this.process;
    return `processname:${p.processName} groupname:${p.groupName} pid:${p.pid} channel:${this.channel}\n`
      + decodeOrDescribe(this.data);
  }
}

/** PROCESS_COMMUNICATION_STDOUT / _STDERR: the body captured between the XSUPERVISOR tokens. */
export class ProcessCommunicationEvent implements SupervisorEvent {
  static readonly BEGIN_TOKEN = Buffer.from('<!--XSUPERVISOR:BEGIN-->');
  static readonly END_TOKEN = Buffer.from('<!--XSUPERVISOR:END-->');
  readonly name: string;

  constructor(readonly channel: OutputChannelName, readonly process: ProcessIdentity, readonly data: Buffer) {
    this.name = channel === 'stdout' ? 'PROCESS_COMMUNICATION_STDOUT' : 'PROCESS_COMMUNICATION_STDERR';
  }

  payload(): string {
    const p = this.process;
    return `processname:${p.processName} groupname:${p.groupName} pid:${p.pid}\n${decodeOrDescribe(this.data)}`;
  }
}

/** REMOTE_COMMUNICATION, raised by the sendRemoteCommEvent RPC. */
export class RemoteCommunicationEvent implements SupervisorEvent {
  readonly name = 'REMOTE_COMMUNICATION';

  constructor(readonly type: string, readonly data: string) {}

  payload(): string {
    return `type:${this.type}\n${this.data}`;
  }
}

/** SUPERVISOR_STATE_CHANGE_RUNNING / _STOPPING; the payload is empty. */
export class SupervisorStateChangeEvent implements SupervisorEvent {
  readonly name: string;

  constructor(readonly which: 'RUNNING' | 'STOPPING') {
    this.name = `SUPERVISOR_STATE_CHANGE_${which}`;
  }

  payload(): string {
    return '';
  }
}

/** PROCESS_GROUP_ADDED / _REMOVED. */
export class ProcessGroupEvent implements SupervisorEvent {
  readonly name: string;

  constructor(readonly which: 'ADDED' | 'REMOVED', readonly groupName: string) {
    this.name = `PROCESS_GROUP_${which}`;
  }

  payload(): string {
    return `groupname:${this.groupName}\n`;
  }
}

export const TICK_PERIODS = [5, 60, 3600] as const;
export type TickPeriod = (typeof TICK_PERIODS)[number];

/** TICK_5 / TICK_60 / TICK_3600; `when` is the start of the wall-clock slice, in epoch seconds. */
export class TickEvent implements SupervisorEvent {
  readonly name: string;

  constructor(readonly period: TickPeriod, readonly when: number) {
    this.name = `TICK_${period}`;
  }

  payload(): string {
    return `when:${this.when}`;
  }
}
