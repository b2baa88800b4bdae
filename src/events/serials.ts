// Event serial numbers: the process-wide one every pool reports as `serial:` (Supervisor's
// GlobalSerial) and the wrap-around rule shared with per-pool `poolserial:` counters.
import type { SupervisorEvent } from './api.js';

/** Supervisor wraps at sys.maxsize (2**63-1); a JS number counts exactly only to 2**53-1, so wrap there
 * (neither is reachable in practice). */
export function nextSerial(current: number): number {
  return current >= Number.MAX_SAFE_INTEGER ? 0 : current + 1;
}

/** The process-wide event serial (Supervisor's GlobalSerial), assigned when the first pool accepts. */
export class EventSerials {
  private last = -1;
  private readonly assigned = new WeakMap<SupervisorEvent, number>();

  serialOf(event: SupervisorEvent): number {
    let serial = this.assigned.get(event);
    if (serial === undefined) {
      this.last = nextSerial(this.last);
      serial = this.last;
      this.assigned.set(event, serial);
    }
    return serial;
  }
}
