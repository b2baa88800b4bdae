// One [eventlistener:x] pool (process.py EventListenerPool + the pool side of
// PEventListenerDispatcher): buffers the events it subscribed to and hands the oldest one to the
// first RUNNING listener that said READY.
//
// Integration surface (core), one EventListenerPool per eventlistener group:
//   const serials = new EventSerials();          // ONE per daemon, kept across reloads
//   const pool = new EventListenerPool({ name, events, bufferSize, bus, serials, identifier,
//                                        logger, endpoints });   // subscribes immediately
//   pool.processStdout(name, chunk)  every chunk read from a listener's stdout (the core still logs
//                                    it to stdout_logfile itself; capture mode does not apply)
//   pool.close()                     when the group is removed (unsubscribes; buffer is dropped)
// The pool follows its own processes' lifecycle through the PROCESS_STATE_* events the core emits
// anyway (STARTING = new process, RUNNING = may get events, EXITED/STOPPED/BACKOFF/FATAL/UNKNOWN = gone,
// its unanswered event is re-queued). With followStateEvents: false the core calls
// processStarted/processRunning/processExited(name) itself instead.
// Dispatch is event-driven: on every accepted event, READY, RUNNING and exit; no polling.
// daemon-events.ts wires all of this from the core's facade objects.
import type { MainLogger } from '../logging/api.js';
import { EventListenerState, ProcessState } from '../core/states.js';
import type { SupervisorEvent } from './api.js';
import type { EventBus } from './bus.js';
import { buildEnvelope, ListenerProtocolParser, type ProtocolStep } from './listener-protocol.js';
import { decodeOrDescribe, pyBytesRepr } from '../python/repr.js';
import { nextSerial, type EventSerials } from './serials.js';
import { ProcessStateEvent } from './types.js';

export { EventSerials } from './serials.js';

/** A listener process as the pool needs it; the core provides one per process of the group. */
export interface ListenerEndpoint {
  /** the process name (for logs and the processXxx(name) calls) */
  readonly name: string;
  /** process state is RUNNING */
  isRunning(): boolean;
  /** queue bytes to the child's stdin; false when stdin is closed (EPIPE) */
  write(data: Buffer): boolean;
}

export type PoolLogger = Pick<MainLogger, 'error' | 'warn' | 'debug' | 'enabled'>;

export type ResultVerdict = 'processed' | 'rejected';
/** Judges a listener's RESULT body; throwing means "event caused an error" (listener goes UNKNOWN). */
export type ResultHandler = (event: SupervisorEvent, body: Buffer) => ResultVerdict;

const OK = Buffer.from('OK');
/** supervisor.dispatchers:default_handler: exactly `OK` is processed, anything else rejected. */
export const defaultResultHandler: ResultHandler = (_event, body) => (body.equals(OK) ? 'processed' : 'rejected');

export interface EventListenerPoolOptions {
  /** the group name */
  name: string;
  /** upper-cased type names from `events=` (families allowed) */
  events: readonly string[];
  bufferSize: number;
  bus: EventBus;
  serials: EventSerials;
  /** supervisord's `identifier` (the envelope's server:) */
  identifier: string;
  logger: PoolLogger;
  /** the group's processes, in config order (dispatch prefers the first READY one) */
  endpoints: readonly ListenerEndpoint[];
  resultHandler?: ResultHandler;
  /** track listener lifecycles from PROCESS_STATE_* events on the bus (default true) */
  followStateEvents?: boolean;
}

interface BufferedEvent {
  readonly event: SupervisorEvent;
  readonly serial: number;
  readonly poolSerial: number;
}

interface Listener {
  readonly endpoint: ListenerEndpoint;
  readonly parser: ListenerProtocolParser;
  /** the event it is working on (BUSY), to re-queue if it dies or rejects */
  current: BufferedEvent | null;
}

export class EventListenerPool {
  readonly name: string;
  private readonly buffer: BufferedEvent[] = [];
  private readonly listeners = new Map<string, Listener>();
  private readonly poolSerials = new WeakMap<SupervisorEvent, number>();
  private lastPoolSerial = -1;
  private readonly unsubscribers: Array<() => void>;
  private dispatching = false;
  private readonly handleResult: ResultHandler;

  constructor(private readonly options: EventListenerPoolOptions) {
    this.name = options.name;
    this.handleResult = options.resultHandler ?? defaultResultHandler;
    for (const endpoint of options.endpoints) {
      const parser = new ListenerProtocolParser((from, to) => this.logStateChange(endpoint.name, from, to));
      this.listeners.set(endpoint.name, { endpoint, parser, current: null });
    }
    // one subscription per configured name, as Supervisor does (overlapping names deliver twice)
    this.unsubscribers = options.events.map((type) => options.bus.subscribe(type, (event) => this.accept(event)));
    // lifecycle after accepting, as in Supervisor: a listener's own state event is buffered (possibly
    // overflowing) before a dead listener's event is re-queued at the head
    if (options.followStateEvents !== false) {
      this.unsubscribers.push(options.bus.subscribe('PROCESS_STATE', (event) => this.followState(event)));
    }
  }

  /** Stop receiving events (the group is being removed). */
  close(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.unsubscribers.length = 0;
  }

  /** ACKNOWLEDGED / READY / BUSY / UNKNOWN of one listener process. */
  listenerState(processName: string): EventListenerState {
    return this.listener(processName).parser.state;
  }

  /** The buffered events, oldest first (diagnostics and tests). */
  bufferedEvents(): ReadonlyArray<{ name: string; serial: number; poolSerial: number }> {
    return this.buffer.map((b) => ({ name: b.event.name, serial: b.serial, poolSerial: b.poolSerial }));
  }

  processStarted(processName: string): void {
    const listener = this.listener(processName);
    this.requeueCurrent(listener);
    listener.parser.reset();
  }

  processRunning(processName: string): void {
    this.listener(processName);
    this.dispatch();
  }

  processExited(processName: string): void {
    // it died before answering: the event goes back to the head of the buffer
    this.requeueCurrent(this.listener(processName));
    this.dispatch();
  }

  processStdout(processName: string, chunk: Buffer): void {
    const listener = this.listener(processName);
    const log = this.options.logger;
    if (log.enabled('debug')) log.debug(`'${processName}' stdout output:\n${pyBytesRepr(chunk)}`);
    listener.parser.push(chunk);
    for (let step = listener.parser.next(); step !== null; step = listener.parser.next()) {
      this.handleStep(listener, step);
    }
    this.dispatch();
  }

  private followState(event: SupervisorEvent): void {
    if (!(event instanceof ProcessStateEvent)) return;
    const { groupName, processName, toState } = event.info;
    if (groupName !== this.name || !this.listeners.has(processName)) return;
    if (toState === ProcessState.STARTING) this.processStarted(processName);
    else if (toState === ProcessState.RUNNING) this.processRunning(processName);
    else if (toState !== ProcessState.STOPPING) this.processExited(processName);
  }

  private handleStep(listener: Listener, step: ProtocolStep): void {
    const name = listener.endpoint.name;
    const log = this.options.logger;
    switch (step.kind) {
      case 'ready':
        listener.current = null;
        return;
      case 'violation':
        listener.current = null;
        return;
      case 'bad-result-line':
        log.warn(`${name}: bad result line: '${decodeOrDescribe(step.line)}'`);
        listener.parser.enterUnknown();
        this.requeueCurrent(listener);
        return;
      case 'result':
        this.judgeResult(listener, step.body);
        return;
    }
  }

  private judgeResult(listener: Listener, body: Buffer): void {
    const name = listener.endpoint.name;
    const log = this.options.logger;
    const event = listener.current?.event;
    let verdict: ResultVerdict | 'error';
    try {
      verdict = event ? this.handleResult(event, body) : 'processed';
    } catch {
      verdict = 'error';
    }
    if (verdict === 'processed') {
      log.debug(`${name}: event was processed`);
      listener.parser.resultAccepted();
      listener.current = null;
    } else if (verdict === 'rejected') {
      log.warn(`${name}: event was rejected`);
      listener.parser.resultAccepted();
      this.requeueCurrent(listener);
    } else {
      log.warn(`${name}: event caused an error`);
      listener.parser.enterUnknown();
      this.requeueCurrent(listener);
    }
  }

  private accept(event: SupervisorEvent): void {
    const serial = this.options.serials.serialOf(event);
    let poolSerial = this.poolSerials.get(event);
    if (poolSerial === undefined) {
      this.lastPoolSerial = nextSerial(this.lastPoolSerial);
      poolSerial = this.lastPoolSerial;
      this.poolSerials.set(event, poolSerial);
    } else {
      this.logRebuffering(serial);
    }
    this.enqueue({ event, serial, poolSerial }, false);
    this.dispatch();
  }

  private requeueCurrent(listener: Listener): void {
    const current = listener.current;
    listener.current = null;
    if (!current) return;
    this.logRebuffering(current.serial);
    this.enqueue(current, true);
  }

  private enqueue(entry: BufferedEvent, atHead: boolean): void {
    if (this.buffer.length >= this.options.bufferSize && this.buffer.length > 0) {
      const discarded = this.buffer.shift()!;
      this.options.logger.error(`pool ${this.name} event buffer overflowed, discarding event ${discarded.serial}`);
    }
    if (atHead) this.buffer.unshift(entry);
    else this.buffer.push(entry);
  }

  /** Send buffered events, oldest first, while some RUNNING listener is READY. */
  private dispatch(): void {
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      while (this.buffer.length > 0 && this.sendToFirstReady(this.buffer[0]!)) this.buffer.shift();
    } finally {
      this.dispatching = false;
    }
  }

  private sendToFirstReady(entry: BufferedEvent): boolean {
    const log = this.options.logger;
    for (const listener of this.listeners.values()) {
      const { endpoint, parser } = listener;
      if (parser.state !== EventListenerState.READY || !endpoint.isRunning()) continue;
      const envelope = buildEnvelope({
        server: this.options.identifier, serial: entry.serial, pool: this.name, poolSerial: entry.poolSerial,
        eventName: entry.event.name,
      }, entry.event.payload());
      let written: boolean;
      try {
        written = endpoint.write(envelope);
      } catch {
        written = false;
      }
      if (!written) {
        log.debug(`epipe occurred while sending event ${entry.serial} to listener ${endpoint.name}, `
          + 'listener state unchanged');
        continue;
      }
      parser.eventSent();
      listener.current = entry;
      log.debug(`event ${entry.serial} sent to listener ${endpoint.name}`);
      return true;
    }
    return false;
  }

  private listener(processName: string): Listener {
    const listener = this.listeners.get(processName);
    if (!listener) throw new Error(`pool ${this.name} has no listener process named ${processName}`);
    return listener;
  }

  private logRebuffering(serial: number): void {
    this.options.logger.debug(`rebuffering event ${serial} for pool ${this.name} `
      + `(buf size=${this.buffer.length}, max=${this.options.bufferSize})`);
  }

  private logStateChange(processName: string, from: EventListenerState, to: EventListenerState): void {
    const log = this.options.logger;
    log.debug(`${processName}: ${EventListenerState[from]} -> ${EventListenerState[to]}`);
    if (to === EventListenerState.UNKNOWN) {
      log.warn(`${processName}: has entered the UNKNOWN state and will no longer receive events, `
        + 'this usually indicates the process violated the eventlistener protocol');
    }
  }
}
