// Wires [eventlistener:x] groups to the events engineer's EventListenerPool: listener stdout feeds the
// protocol parser, the pool writes envelopes to the listener's stdin.
import type { ProcessGroupConfig } from '../config/model.js';
import type { EventBus } from '../events/bus.js';
import { EventListenerPool, EventSerials } from '../events/listener-pool.js';
import type { MainLogger } from '../logging/api.js';
import type { GroupAttacher } from '../core/supervisor.js';
import type { Subprocess } from '../core/subprocess.js';
import { ProcessState } from '../core/states.js';

/** One per daemon: serials persist across reloads like Supervisor's GlobalSerial. */
export const daemonSerials = new EventSerials();

export function attachEventPools(bus: EventBus, logger: MainLogger, identifier: string): GroupAttacher {
  return (group: ProcessGroupConfig, processes: Subprocess[]) => {
      if (group.kind !== 'eventlistener' || !group.listener) return null;
      const pool = new EventListenerPool({
        name: group.name,
        events: group.listener.events,
        bufferSize: group.listener.bufferSize,
        bus,
        serials: daemonSerials,
        identifier,
        logger,
        endpoints: processes.map((proc) => ({
          name: proc.name,
          isRunning: () => proc.state === ProcessState.RUNNING,
          write: (data: Buffer) => proc.tryWriteStdin(data),
        })),
      });
      for (const proc of processes) proc.stdoutTap = (chunk) => pool.processStdout(proc.name, chunk);
      return () => pool.close();
  };
}
