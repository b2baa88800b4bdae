import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { EventBus } from '../../../src/events/bus.js';
import { TickScheduler, timeslice, type TickClock } from '../../../src/events/ticks.js';

/** A manual clock: advance() fires due timers in time order. */
class FakeClock implements TickClock {
  private timers: Array<{ at: number; callback: () => void; id: number }> = [];
  private ids = 0;
  constructor(public ms: number) {}
  now(): number {
    return this.ms;
  }
  setTimer(callback: () => void, delayMs: number): unknown {
    const id = ++this.ids;
    this.timers.push({ at: this.ms + delayMs, callback, id });
    return id;
  }
  clearTimer(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  fireNextNow(): void {
    this.timers.sort((a, b) => a.at - b.at);
    this.timers.shift()?.callback();
  }
  get pending(): number {
    return this.timers.length;
  }
  advanceTo(ms: number): void {
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > ms) break;
      this.timers.shift();
      this.ms = next.at;
      next.callback();
    }
    this.ms = ms;
  }
}

test('timeslice matches Python int(now - now % period)', () => {
  assert.equal(timeslice(5, 1700000003.9), 1700000000);
  assert.equal(timeslice(60, 1700000039.999), 1699999980);
  assert.equal(timeslice(60, 1700000040), 1700000040);
  assert.equal(timeslice(3600, 7200), 7200);
});

test('no timer while nobody wants ticks; armed when a TICK subscriber appears', () => {
  const bus = new EventBus();
  const clock = new FakeClock(1_000_000);
  const ticks = new TickScheduler(bus, clock);
  ticks.start();
  bus.subscribe('PROCESS_STATE', () => {});
  assert.equal(ticks.armed, false);
  assert.equal(clock.pending, 0);
  const off = bus.subscribe('TICK_60', () => {});
  assert.equal(ticks.armed, true);
  off();
  assert.equal(ticks.armed, false);
  assert.equal(clock.pending, 0);
  ticks.stop();
});

test('ticks fire at wall-clock boundaries with when = slice start, first at the first boundary', () => {
  const bus = new EventBus();
  const clock = new FakeClock(1_700_000_002_300); // 2.3 s into a 5 s slice
  const ticks = new TickScheduler(bus, clock);
  ticks.start();
  const seen: string[] = [];
  bus.subscribe('TICK', (e) => seen.push(`${e.name} ${e.payload()}`));
  clock.advanceTo(1_700_000_004_999);
  assert.deepEqual(seen, []);
  clock.advanceTo(1_700_000_005_000);
  assert.deepEqual(seen, ['TICK_5 when:1700000005']);
  clock.advanceTo(1_700_000_040_000);
  assert.deepEqual(seen.slice(4), ['TICK_5 when:1700000025', 'TICK_5 when:1700000030', 'TICK_5 when:1700000035',
    'TICK_5 when:1700000040', 'TICK_60 when:1700000040']);
  ticks.stop();
  assert.equal(clock.pending, 0);
});

test('periods ending together fire in 5, 60, 3600 order; only wanted periods are raised', () => {
  const bus = new EventBus();
  const clock = new FakeClock(3600 * 1000 * 10 - 1000);
  const ticks = new TickScheduler(bus, clock);
  ticks.start();
  const seen: string[] = [];
  bus.subscribe('TICK_3600', (e) => seen.push(e.name));
  bus.subscribe('TICK_5', (e) => seen.push(e.name));
  clock.advanceTo(3600 * 1000 * 10);
  assert.deepEqual(seen, ['TICK_5', 'TICK_3600']);
  ticks.stop();
});

/** A started scheduler at `startMs` with one subscriber recording TICK_5 payloads. */
function tick5At(startMs: number) {
  const bus = new EventBus();
  const clock = new FakeClock(startMs);
  const ticks = new TickScheduler(bus, clock);
  ticks.start();
  const seen: string[] = [];
  bus.subscribe('TICK_5', (e) => seen.push(e.payload()));
  return { clock, ticks, seen };
}

test('a late wake-up (suspend) raises one event for the current slice', () => {
  const { clock, ticks, seen } = tick5At(1000);
  clock.ms = 23_000; // the clock jumps; the timer set for 5 s fires late
  clock.fireNextNow();
  assert.deepEqual(seen, ['when:20']);
  ticks.stop();
});

test('an early wake-up re-arms without raising an event', () => {
  const { clock, ticks, seen } = tick5At(1000);
  clock.ms = 4_900; // the monotonic timer fired while the wall clock is still short of the boundary
  clock.fireNextNow();
  assert.deepEqual(seen, []);
  assert.equal(ticks.armed, true);
  clock.advanceTo(5_000);
  assert.deepEqual(seen, ['when:5']);
  ticks.stop();
});

test('real timers are unref\'d: a process whose only handle is the tick timer exits', () => {
  const script = `
    import { EventBus } from './src/events/bus.ts';
    import { TickScheduler } from './src/events/ticks.ts';
    const bus = new EventBus();
    new TickScheduler(bus).start();
    bus.subscribe('TICK_5', () => {});
  `;
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: process.cwd(), encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(Date.now() - started < 15_000);
});
