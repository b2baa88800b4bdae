// Wires [eventlistener:x] groups to the events engineer's pools: listener stdout feeds the protocol
// parser, the pool writes envelopes to the listener's stdin.
import type { DaemonEvents } from '../events/daemon-events.js';
import type { GroupAttacher } from '../core/supervisor.js';

export function attachEventPools(events: DaemonEvents, identifier: string): GroupAttacher {
  return (group) => {
    if (group.config.kind !== 'eventlistener' || !group.config.listener) return null;
    events.addPool(group, identifier);
    for (const proc of group.processes.values()) {
      proc.stdoutTap = (chunk) => events.listenerStdout(group.name, proc.name, chunk);
    }
    return () => events.removePool(group.name);
  };
}
