// The daemon's event bus: Supervisor's events.subscribe/notify, but owned by one daemon instance
// (no module globals) and never re-entrant.
//
// Integration surface (core):
//   const bus = new EventBus({ onCallbackError: (err, ev) => log.error(...) });
//   bus.notify(event)                    deliver to every subscriber whose type matches (family or exact name)
//   bus.hasSubscribers('PROCESS_LOG_STDOUT')  skip building events nobody wants
//   const off = bus.subscribe('PROCESS_STATE', cb); off()   (pools and ticks do this themselves)
//
// Delivery order is subscription order (Supervisor's list order). A notify() made while an event
// is being delivered is queued and delivered after the current one reaches all its subscribers.
import type { EventSink, SupervisorEvent } from './api.js';
import { isSubtypeOf } from './types.js';

export type EventCallback = (event: SupervisorEvent) => void;

interface Subscription {
  readonly type: string;
  readonly callback: EventCallback;
}

export interface EventBusOptions {
  /** a subscriber threw; without this hook the first error is rethrown once the queue is drained */
  onCallbackError?: (error: unknown, event: SupervisorEvent) => void;
}

export class EventBus implements EventSink {
  private subscriptions: Subscription[] = [];
  private readonly pending: SupervisorEvent[] = [];
  private delivering = false;
  private readonly changeListeners = new Set<() => void>();

  constructor(private readonly options: EventBusOptions = {}) {}

  /** Subscribe to a type or a family (e.g. PROCESS_STATE); returns the unsubscribe function. */
  subscribe(type: string, callback: EventCallback): () => void {
    const subscription: Subscription = { type, callback };
    this.subscriptions = [...this.subscriptions, subscription];
    this.subscriptionsChanged();
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.subscriptions = this.subscriptions.filter((s) => s !== subscription);
      this.subscriptionsChanged();
    };
  }

  /** Whether an event of this concrete type would reach anybody. */
  hasSubscribers(name: string): boolean {
    return this.subscriptions.some((s) => isSubtypeOf(name, s.type));
  }

  /** Called after every subscribe/unsubscribe (the tick scheduler starts and stops timers on it). */
  onSubscriptionsChanged(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  notify(event: SupervisorEvent): void {
    this.pending.push(event);
    if (this.delivering) return;
    this.delivering = true;
    let firstError: { error: unknown } | null = null;
    try {
      for (let next = this.pending.shift(); next !== undefined; next = this.pending.shift()) {
        // a snapshot: callbacks may (un)subscribe while we iterate
        for (const s of this.subscriptions) {
          if (!isSubtypeOf(next.name, s.type)) continue;
          try {
            s.callback(next);
          } catch (error) {
            if (this.options.onCallbackError) this.options.onCallbackError(error, next);
            else firstError ??= { error };
          }
        }
      }
    } finally {
      this.delivering = false;
    }
    if (firstError) throw firstError.error;
  }

  private subscriptionsChanged(): void {
    for (const listener of [...this.changeListeners]) listener();
  }
}
