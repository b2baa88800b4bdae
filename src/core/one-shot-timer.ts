// A single-slot deadline on an injected Clock: arming it again replaces the pending deadline.
import type { Clock, TimerId } from './ports.js';

export class OneShotTimer {
  private id: TimerId | null = null;

  constructor(private readonly clock: Clock) {}

  set(ms: number, fn: () => void): void {
    this.clear();
    this.id = this.clock.setTimer(ms, () => {
      this.id = null;
      fn();
    });
  }

  clear(): void {
    if (this.id !== null) this.clock.clearTimer(this.id);
    this.id = null;
  }
}
