import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventListenerState as S, ProcessState } from '../../../src/core/states.js';
import { EventBus } from '../../../src/events/bus.js';
import {
  EventListenerPool, EventSerials, type ListenerEndpoint, type PoolLogger, type ResultHandler,
} from '../../../src/events/listener-pool.js';
import {
  ProcessGroupEvent, ProcessStateEvent, RemoteCommunicationEvent, TickEvent,
} from '../../../src/events/types.js';

class FakeEndpoint implements ListenerEndpoint {
  running = false;
  stdinOpen = true;
  readonly received: string[] = [];
  constructor(readonly name: string) {}
  isRunning(): boolean {
    return this.running;
  }
  write(data: Buffer): boolean {
    if (!this.stdinOpen) return false;
    this.received.push(data.toString('utf8'));
    return true;
  }
}

class FakeLogger implements PoolLogger {
  readonly lines: string[] = [];
  error(m: string): void { this.lines.push(`ERRO ${m}`); }
  warn(m: string): void { this.lines.push(`WARN ${m}`); }
  debug(m: string): void { this.lines.push(`DEBG ${m}`); }
  enabled(): boolean { return true; }
  has(line: string): boolean {
    return this.lines.includes(line);
  }
}

function setup(opts: { names?: string[]; events?: string[]; bufferSize?: number; resultHandler?: ResultHandler } = {}) {
  const bus = new EventBus();
  const logger = new FakeLogger();
  const serials = new EventSerials();
  const endpoints = (opts.names ?? ['l0']).map((n) => new FakeEndpoint(n));
  const pool = new EventListenerPool({
    name: 'pool', events: opts.events ?? ['REMOTE_COMMUNICATION'], bufferSize: opts.bufferSize ?? 10, bus, serials,
    identifier: 'supervisor', logger, endpoints, resultHandler: opts.resultHandler,
  });
  return { bus, logger, serials, endpoints, pool };
}

/** Spawn, enter RUNNING and say READY. */
function bringUp(pool: EventListenerPool, ep: FakeEndpoint): void {
  pool.processStarted(ep.name);
  ep.running = true;
  pool.processRunning(ep.name);
  pool.processStdout(ep.name, Buffer.from('READY\n'));
}

const remote = (t: string) => new RemoteCommunicationEvent(t, 'data');

test('events are buffered until a RUNNING listener is READY; envelope carries serials and identity', () => {
  const { bus, pool, endpoints: [ep] } = setup();
  bus.notify(remote('a'));
  bus.notify(remote('b'));
  assert.deepEqual(pool.bufferedEvents().map((e) => e.poolSerial), [0, 1]);
  pool.processStarted('l0');
  pool.processStdout('l0', Buffer.from('READY\n'));
  assert.equal(ep!.received.length, 0, 'not RUNNING yet: nothing sent');
  ep!.running = true;
  pool.processRunning('l0');
  assert.deepEqual(ep!.received, [
    'ver:3.0 server:supervisor serial:0 pool:pool poolserial:0 eventname:REMOTE_COMMUNICATION len:11\ntype:a\ndata',
  ]);
  assert.equal(pool.listenerState('l0'), S.BUSY);
  pool.processStdout('l0', Buffer.from('RESULT 2\nOKREADY\n'));
  assert.equal(ep!.received.length, 2);
  assert.match(ep!.received[1]!, /^ver:3.0 server:supervisor serial:1 pool:pool poolserial:1 /);
  assert.equal(pool.bufferedEvents().length, 0);
});

test('only subscribed types are accepted (families included)', () => {
  const { bus, pool } = setup({ events: ['PROCESS_GROUP'] });
  bus.notify(new ProcessGroupEvent('ADDED', 'x'));
  bus.notify(new TickEvent(5, 0));
  bus.notify(new ProcessGroupEvent('REMOVED', 'x'));
  assert.deepEqual(pool.bufferedEvents().map((e) => e.name), ['PROCESS_GROUP_ADDED', 'PROCESS_GROUP_REMOVED']);
});

test('overflow discards the oldest with an error naming its serial', () => {
  const { bus, pool, logger } = setup({ bufferSize: 2 });
  bus.notify(remote('a'));
  bus.notify(remote('b'));
  bus.notify(remote('c'));
  assert.deepEqual(pool.bufferedEvents().map((e) => e.serial), [1, 2]);
  assert.ok(logger.has('ERRO pool pool event buffer overflowed, discarding event 0'), logger.lines.join('\n'));
});

test('a rejected event is re-queued at the head and re-sent after READY', () => {
  const { bus, pool, logger, endpoints: [ep] } = setup();
  bringUp(pool, ep!);
  bus.notify(remote('a'));
  bus.notify(remote('b'));
  assert.equal(ep!.received.length, 1);
  pool.processStdout('l0', Buffer.from('RESULT 4\nFAIL'));
  assert.ok(logger.has('WARN l0: event was rejected'));
  assert.equal(pool.listenerState('l0'), S.ACKNOWLEDGED);
  assert.deepEqual(pool.bufferedEvents().map((e) => e.serial), [0, 1]);
  pool.processStdout('l0', Buffer.from('READY\n'));
  assert.equal(ep!.received.length, 2);
  assert.equal(ep!.received[1], ep!.received[0], 'same serial and poolserial on re-send');
});

test('a listener that dies while BUSY gets its event re-queued; a respawn starts ACKNOWLEDGED', () => {
  const { bus, pool, endpoints: [ep] } = setup();
  bringUp(pool, ep!);
  bus.notify(remote('a'));
  assert.equal(pool.listenerState('l0'), S.BUSY);
  ep!.running = false;
  pool.processExited('l0');
  assert.deepEqual(pool.bufferedEvents().map((e) => e.serial), [0]);
  bringUp(pool, ep!);
  assert.equal(ep!.received.length, 2);
  assert.match(ep!.received[1]!, /serial:0 pool:pool poolserial:0 /);
});

test('protocol violation: UNKNOWN with Supervisor\'s warning, no more events for it', () => {
  const { bus, pool, logger, endpoints: [ep] } = setup();
  pool.processStarted('l0');
  ep!.running = true;
  pool.processStdout('l0', Buffer.from('hello\n'));
  assert.equal(pool.listenerState('l0'), S.UNKNOWN);
  assert.ok(logger.has('DEBG l0: ACKNOWLEDGED -> UNKNOWN'));
  assert.ok(logger.has('WARN l0: has entered the UNKNOWN state and will no longer receive events, this usually '
    + 'indicates the process violated the eventlistener protocol'));
  pool.processStdout('l0', Buffer.from('READY\n'));
  bus.notify(remote('a'));
  assert.equal(ep!.received.length, 0);
  assert.equal(pool.bufferedEvents().length, 1);
});

test('bad result line: warning, UNKNOWN, event re-queued', () => {
  const { bus, pool, logger, endpoints: [ep] } = setup();
  bringUp(pool, ep!);
  bus.notify(remote('a'));
  pool.processStdout('l0', Buffer.from('RESULT xx\n'));
  assert.ok(logger.has("WARN l0: bad result line: 'RESULT xx'"), logger.lines.join('\n'));
  assert.equal(pool.listenerState('l0'), S.UNKNOWN);
  assert.deepEqual(pool.bufferedEvents().map((e) => e.serial), [0]);
});

test('a throwing result handler: "event caused an error", UNKNOWN, re-queued', () => {
  const { bus, pool, logger, endpoints: [ep] } = setup({ resultHandler: () => { throw new Error('x'); } });
  bringUp(pool, ep!);
  bus.notify(remote('a'));
  pool.processStdout('l0', Buffer.from('RESULT 2\nOK'));
  assert.ok(logger.has('WARN l0: event caused an error'));
  assert.equal(pool.listenerState('l0'), S.UNKNOWN);
  assert.equal(pool.bufferedEvents().length, 1);
});

test('log order on success matches Supervisor (processed, then the state change)', () => {
  const { bus, pool, logger, endpoints: [ep] } = setup();
  bringUp(pool, ep!);
  bus.notify(remote('a'));
  logger.lines.length = 0;
  pool.processStdout('l0', Buffer.from('RESULT 2\nOK'));
  assert.deepEqual(logger.lines, [
    "DEBG 'l0' stdout output:\nb'RESULT 2\\nOK'",
    'DEBG l0: event was processed',
    'DEBG l0: BUSY -> ACKNOWLEDGED',
  ]);
});

test('a write failure (EPIPE) moves on to the next READY listener', () => {
  const { bus, pool, logger, endpoints: [a, b] } = setup({ names: ['l0', 'l1'] });
  bringUp(pool, a!);
  bringUp(pool, b!);
  a!.stdinOpen = false;
  bus.notify(remote('a'));
  assert.equal(a!.received.length, 0);
  assert.equal(b!.received.length, 1);
  assert.equal(pool.listenerState('l0'), S.READY, 'listener state unchanged on EPIPE');
  assert.ok(logger.has('DEBG epipe occurred while sending event 0 to listener l0, listener state unchanged'));
});

test('events go to the first READY listener; a second event goes to the next one', () => {
  const { bus, pool, endpoints: [a, b] } = setup({ names: ['l0', 'l1'] });
  bringUp(pool, a!);
  bringUp(pool, b!);
  bus.notify(remote('a'));
  bus.notify(remote('b'));
  bus.notify(remote('c'));
  assert.equal(a!.received.length, 1);
  assert.equal(b!.received.length, 1);
  assert.equal(pool.bufferedEvents().length, 1);
  pool.processStdout('l1', Buffer.from('RESULT 2\nOKREADY\n'));
  assert.equal(b!.received.length, 2);
  assert.match(b!.received[1]!, /serial:2 /);
});

test('global serial is shared by pools; poolserial is per pool', () => {
  const bus = new EventBus();
  const serials = new EventSerials();
  const logger = new FakeLogger();
  const mk = (name: string, events: string[]) => new EventListenerPool({
    name, events, bufferSize: 10, bus, serials, identifier: 'supervisor', logger, endpoints: [],
  });
  const p1 = mk('p1', ['TICK']);
  const p2 = mk('p2', ['REMOTE_COMMUNICATION', 'TICK_5']);
  bus.notify(new TickEvent(60, 0));
  bus.notify(remote('a'));
  bus.notify(new TickEvent(5, 0));
  assert.deepEqual(p1.bufferedEvents().map((e) => [e.serial, e.poolSerial]), [[0, 0], [2, 1]]);
  assert.deepEqual(p2.bufferedEvents().map((e) => [e.serial, e.poolSerial]), [[1, 0], [2, 1]]);
});

test('overlapping subscriptions deliver twice with one poolserial, as Supervisor does', () => {
  const { bus, pool } = setup({ events: ['TICK', 'TICK_5'] });
  bus.notify(new TickEvent(5, 0));
  assert.deepEqual(pool.bufferedEvents().map((e) => [e.serial, e.poolSerial]), [[0, 0], [0, 0]]);
});

test('close() unsubscribes', () => {
  const { bus, pool } = setup();
  pool.close();
  bus.notify(remote('a'));
  assert.equal(pool.bufferedEvents().length, 0);
  assert.equal(bus.hasSubscribers('REMOTE_COMMUNICATION'), false);
});

test('unknown process names are a clear error', () => {
  const { pool } = setup();
  assert.throws(() => pool.processStdout('nope', Buffer.from('x')), /pool pool has no listener process named nope/);
});

test('lifecycle from the bus: STARTING resets, RUNNING dispatches, exit re-queues before the exit event', () => {
  const { bus, pool, endpoints: [ep] } = setup({ events: ['PROCESS_STATE', 'REMOTE_COMMUNICATION'] });
  const stateEvent = (from: ProcessState, to: ProcessState, processName = 'l0', groupName = 'pool') =>
    new ProcessStateEvent({ processName, groupName, fromState: from, toState: to, tries: 0, pid: 5, expected: false });
  bus.notify(stateEvent(ProcessState.STOPPED, ProcessState.STARTING));
  pool.processStdout('l0', Buffer.from('READY\n'));
  assert.equal(ep!.received.length, 0);
  ep!.running = true;
  bus.notify(stateEvent(ProcessState.STARTING, ProcessState.RUNNING));
  assert.equal(ep!.received.length, 1);
  assert.match(ep!.received[0]!, /eventname:PROCESS_STATE_STARTING /);
  ep!.running = false;
  bus.notify(stateEvent(ProcessState.RUNNING, ProcessState.EXITED));
  assert.deepEqual(pool.bufferedEvents().map((e) => e.name),
    ['PROCESS_STATE_STARTING', 'PROCESS_STATE_RUNNING', 'PROCESS_STATE_EXITED']);
  // other groups' processes of the same name are not ours
  bus.notify(stateEvent(ProcessState.STOPPED, ProcessState.STARTING, 'l0', 'other'));
  assert.equal(pool.listenerState('l0'), S.BUSY, 'unchanged (a dead listener keeps its last state, as in Supervisor)');
  bus.notify(stateEvent(ProcessState.EXITED, ProcessState.STARTING));
  assert.equal(pool.listenerState('l0'), S.ACKNOWLEDGED);
});
