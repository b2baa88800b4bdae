import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventBus } from '../../../src/events/bus.js';
import { ProcessGroupEvent, RemoteCommunicationEvent, TickEvent } from '../../../src/events/types.js';
import type { SupervisorEvent } from '../../../src/events/api.js';

test('subscribers get exact types and families, in subscription order', () => {
  const bus = new EventBus();
  const seen: string[] = [];
  bus.subscribe('PROCESS_GROUP', (e) => seen.push(`family:${e.name}`));
  bus.subscribe('PROCESS_GROUP_ADDED', (e) => seen.push(`exact:${e.name}`));
  bus.subscribe('EVENT', (e) => seen.push(`all:${e.name}`));
  bus.notify(new ProcessGroupEvent('ADDED', 'g'));
  bus.notify(new ProcessGroupEvent('REMOVED', 'g'));
  bus.notify(new TickEvent(5, 10));
  assert.deepEqual(seen, [
    'family:PROCESS_GROUP_ADDED', 'exact:PROCESS_GROUP_ADDED', 'all:PROCESS_GROUP_ADDED',
    'family:PROCESS_GROUP_REMOVED', 'all:PROCESS_GROUP_REMOVED',
    'all:TICK_5',
  ]);
});

test('unsubscribe stops delivery and is idempotent', () => {
  const bus = new EventBus();
  let count = 0;
  const off = bus.subscribe('TICK', () => count++);
  bus.notify(new TickEvent(5, 0));
  off();
  off();
  bus.notify(new TickEvent(5, 5));
  assert.equal(count, 1);
  assert.equal(bus.hasSubscribers('TICK_5'), false);
});

test('hasSubscribers matches families', () => {
  const bus = new EventBus();
  assert.equal(bus.hasSubscribers('PROCESS_LOG_STDOUT'), false);
  const off = bus.subscribe('PROCESS_LOG', () => {});
  assert.equal(bus.hasSubscribers('PROCESS_LOG_STDOUT'), true);
  assert.equal(bus.hasSubscribers('PROCESS_STATE_RUNNING'), false);
  off();
  bus.subscribe('EVENT', () => {});
  assert.equal(bus.hasSubscribers('PROCESS_STATE_RUNNING'), true);
});

test('notify is not re-entrant: nested notifications are queued', () => {
  const bus = new EventBus();
  const seen: string[] = [];
  bus.subscribe('EVENT', (e) => {
    seen.push(`a:${e.payload()}`);
    if (e.payload().startsWith('type:first')) bus.notify(new RemoteCommunicationEvent('second', ''));
  });
  bus.subscribe('EVENT', (e) => seen.push(`b:${e.payload()}`));
  bus.notify(new RemoteCommunicationEvent('first', ''));
  assert.deepEqual(seen, ['a:type:first\n', 'b:type:first\n', 'a:type:second\n', 'b:type:second\n']);
});

test('a throwing subscriber does not stop delivery; error goes to the hook or is rethrown', () => {
  const errors: Array<[unknown, SupervisorEvent]> = [];
  const bus = new EventBus({ onCallbackError: (err, ev) => errors.push([err, ev]) });
  let reached = false;
  bus.subscribe('EVENT', () => { throw new Error('boom'); });
  bus.subscribe('EVENT', () => { reached = true; });
  bus.notify(new TickEvent(5, 0));
  assert.ok(reached);
  assert.equal(errors.length, 1);

  const plain = new EventBus();
  let after = 0;
  plain.subscribe('EVENT', () => { throw new Error('boom'); });
  plain.subscribe('EVENT', () => { after++; });
  assert.throws(() => plain.notify(new TickEvent(5, 0)), /boom/);
  assert.equal(after, 1);
  assert.throws(() => plain.notify(new TickEvent(5, 5)), /boom/); // still delivering afterwards
  assert.equal(after, 2);
});

test('subscription change listeners fire on subscribe and unsubscribe', () => {
  const bus = new EventBus();
  let changes = 0;
  const stop = bus.onSubscriptionsChanged(() => changes++);
  const off = bus.subscribe('TICK_5', () => {});
  off();
  stop();
  bus.subscribe('TICK_5', () => {});
  assert.equal(changes, 2);
});
