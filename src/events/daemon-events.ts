// Everything event-related one supervisord instance owns, wired from the core's facade objects, so
// the core needs only a handful of calls:
//
//   const events = new DaemonEvents(mainLog);     // once per daemon; keep it across reloads (serials)
//   events.bus                                    // the EventSink to give the process runtime
//   events.start()                                // when the main loop starts (TICK timers on demand)
//   events.addPool(group, identifier)             // for each eventlistener group, BEFORE its processes
//                                                 // spawn (their STARTING events belong in the buffer)
//   events.listenerStdout(group, process, chunk)  // every chunk read from a listener's stdout
//   events.removePool(groupName)                  // when an eventlistener group is removed
//   events.stop()                                 // at shutdown (or before a reload re-adds pools)
import { NoStdinError, type GroupHandle, type ProcessHandle } from '../core/facade.js';
import { ProcessState } from '../core/states.js';
import type { MainLogger } from '../logging/api.js';
import { EventBus } from './bus.js';
import { EventListenerPool, EventSerials, type ListenerEndpoint } from './listener-pool.js';
import { TickScheduler } from './ticks.js';

/** A listener process seen through the facade: RUNNING check and stdin writes (false = stdin closed). */
export function listenerEndpoint(handle: ProcessHandle): ListenerEndpoint {
  return {
    name: handle.config.name,
    isRunning: () => handle.state === ProcessState.RUNNING,
    write: (data) => {
      try {
        handle.writeStdin(data);
        return true;
      } catch (err) {
        if (err instanceof NoStdinError) return false;
        throw err;
      }
    },
  };
}

export class DaemonEvents {
  readonly bus: EventBus;
  /** Supervisor's GlobalSerial: lives as long as this object, i.e. across reloads */
  readonly serials = new EventSerials();
  readonly ticks: TickScheduler;
  private readonly pools = new Map<string, EventListenerPool>();

  constructor(private readonly logger: MainLogger) {
    this.bus = new EventBus({
      onCallbackError: (err, event) => logger.error(`error while handling event ${event.name}: ${describe(err)}`),
    });
    this.ticks = new TickScheduler(this.bus);
  }

  start(): void {
    this.ticks.start();
  }

  /** Stop ticks and drop every pool (their subscriptions and buffers). */
  stop(): void {
    this.ticks.stop();
    for (const name of [...this.pools.keys()]) this.removePool(name);
  }

  /** Create and subscribe the pool of an eventlistener group; replaces a pool of the same name. */
  addPool(group: GroupHandle, identifier: string): EventListenerPool {
    const listener = group.config.listener;
    if (!listener) throw new Error(`group ${group.name} is not an eventlistener pool`);
    this.removePool(group.name);
    const pool = new EventListenerPool({
      name: group.name,
      events: listener.events,
      bufferSize: listener.bufferSize,
      bus: this.bus,
      serials: this.serials,
      identifier,
      logger: this.logger,
      endpoints: [...group.processes.values()].map(listenerEndpoint),
    });
    this.pools.set(group.name, pool);
    return pool;
  }

  removePool(groupName: string): void {
    this.pools.get(groupName)?.close();
    this.pools.delete(groupName);
  }

  pool(groupName: string): EventListenerPool | undefined {
    return this.pools.get(groupName);
  }

  /** Bytes from a listener's stdout; ignored when the group has no pool (e.g. removed meanwhile). */
  listenerStdout(groupName: string, processName: string, chunk: Buffer): void {
    this.pools.get(groupName)?.processStdout(processName, chunk);
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
