// TICK_5 / TICK_60 / TICK_3600, aligned to the wall clock like supervisord.tick(): an event is raised
// when int(now - now % period) changes, carrying that slice start as `when`.
//
// Integration surface (core):
//   const ticks = new TickScheduler(bus); ticks.start();   // after the bus exists
//   ticks.stop();                                          // on shutdown
// The scheduler arms one unref'd timer only while some subscriber wants a TICK type, so an idle
// daemon never wakes up for nothing. Several periods ending at the same instant fire in
// 5, 60, 3600 order in one wake-up, as in Supervisor's loop.
import type { EventBus } from './bus.js';
import { TICK_PERIODS, TickEvent, type TickPeriod } from './types.js';

export interface TickClock {
  /** wall-clock milliseconds since the epoch */
  now(): number;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

const realClock: TickClock = {
  now: () => Date.now(),
  setTimer: (callback, delayMs) => setTimeout(callback, delayMs).unref(),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Supervisor's timeslice(): the start of the period containing `seconds`. */
export function timeslice(period: number, seconds: number): number {
  return Math.floor(seconds / period) * period;
}

export class TickScheduler {
  /** the last slice seen per period, only for periods somebody wants */
  private readonly lastSlice = new Map<TickPeriod, number>();
  private timer: unknown = null;
  private stopWatching: (() => void) | null = null;

  constructor(private readonly bus: EventBus, private readonly clock: TickClock = realClock) {}

  start(): void {
    if (this.stopWatching) return;
    this.stopWatching = this.bus.onSubscriptionsChanged(() => this.reconcile());
    this.reconcile();
  }

  stop(): void {
    this.stopWatching?.();
    this.stopWatching = null;
    this.lastSlice.clear();
    this.disarm();
  }

  /** true while a timer is armed (for tests and diagnostics) */
  get armed(): boolean {
    return this.timer !== null;
  }

  private reconcile(): void {
    const nowSeconds = this.clock.now() / 1000;
    for (const period of TICK_PERIODS) {
      const wanted = this.bus.hasSubscribers(`TICK_${period}`);
      if (wanted && !this.lastSlice.has(period)) this.lastSlice.set(period, timeslice(period, nowSeconds));
      if (!wanted) this.lastSlice.delete(period);
    }
    this.arm();
  }

  private arm(): void {
    this.disarm();
    if (this.lastSlice.size === 0) return;
    let nextBoundary = Infinity;
    for (const [period, slice] of this.lastSlice) nextBoundary = Math.min(nextBoundary, slice + period);
    const delay = Math.max(0, nextBoundary * 1000 - this.clock.now());
    this.timer = this.clock.setTimer(() => this.fire(), delay);
  }

  private disarm(): void {
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.timer = null;
  }

  private fire(): void {
    this.timer = null;
    const nowSeconds = this.clock.now() / 1000;
    const due: TickEvent[] = [];
    for (const period of TICK_PERIODS) {
      const last = this.lastSlice.get(period);
      if (last === undefined) continue;
      const current = timeslice(period, nowSeconds);
      if (current !== last) {
        this.lastSlice.set(period, current);
        due.push(new TickEvent(period, current));
      }
    }
    // arm before notifying: a subscriber may unsubscribe, which re-arms via reconcile()
    this.arm();
    for (const event of due) this.bus.notify(event);
  }
}
