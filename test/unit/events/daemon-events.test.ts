import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NoStdinError, type GroupHandle, type ProcessHandle } from '../../../src/core/facade.js';
import { ProcessState } from '../../../src/core/states.js';
import type { ProcessGroupConfig } from '../../../src/config/model.js';
import type { MainLogger } from '../../../src/logging/api.js';
import { DaemonEvents, listenerEndpoint } from '../../../src/events/daemon-events.js';
import { RemoteCommunicationEvent } from '../../../src/events/types.js';

const lines: string[] = [];
const logger = {
  level: 'debug', enabled: () => true, reopen() {}, clear() {}, close: async () => {},
  critical: (m: string) => lines.push(`CRIT ${m}`), error: (m: string) => lines.push(`ERRO ${m}`),
  warn: (m: string) => lines.push(`WARN ${m}`), info: (m: string) => lines.push(`INFO ${m}`),
  debug: (m: string) => lines.push(`DEBG ${m}`), trace: () => {}, blather: () => {},
} as MainLogger;

function fakeHandle(name: string, written: Buffer[]) {
  const handle = {
    config: { name }, state: ProcessState.RUNNING, stdinOpen: true,
    writeStdin(data: Buffer) {
      if (!handle.stdinOpen) throw new NoStdinError('Process has no stdin channel');
      written.push(data);
    },
  };
  return handle;
}

function fakeGroup(name: string, handles: ReturnType<typeof fakeHandle>[]): GroupHandle {
  const config = { name, listener: { events: ['REMOTE_COMMUNICATION'], bufferSize: 3, resultHandler: 'x' } };
  return {
    name, config: config as unknown as ProcessGroupConfig,
    processes: new Map(handles.map((h) => [h.config.name, h as unknown as ProcessHandle])),
  };
}

test('endpoint over a ProcessHandle: RUNNING check, NoStdinError means EPIPE', () => {
  const written: Buffer[] = [];
  const h = fakeHandle('p', written);
  const ep = listenerEndpoint(h as unknown as ProcessHandle);
  assert.equal(ep.isRunning(), true);
  assert.equal(ep.write(Buffer.from('x')), true);
  h.stdinOpen = false;
  assert.equal(ep.write(Buffer.from('y')), false);
  h.state = ProcessState.STOPPING;
  assert.equal(ep.isRunning(), false);
  assert.equal(written.length, 1);
});

test('pools are created from groups, fed stdout by name, and removed', () => {
  const events = new DaemonEvents(logger);
  const written: Buffer[] = [];
  const group = fakeGroup('listeners', [fakeHandle('listeners_00', written)]);
  const pool = events.addPool(group, 'myid');
  events.listenerStdout('listeners', 'listeners_00', Buffer.from('READY\n'));
  pool.processRunning('listeners_00');
  events.bus.notify(new RemoteCommunicationEvent('t', 'x'));
  assert.equal(written.length, 1);
  assert.match(written[0]!.toString(), /^ver:3.0 server:myid serial:0 pool:listeners poolserial:0 /);
  events.removePool('listeners');
  assert.equal(events.pool('listeners'), undefined);
  assert.equal(events.bus.hasSubscribers('REMOTE_COMMUNICATION'), false);
  events.listenerStdout('listeners', 'listeners_00', Buffer.from('junk')); // ignored, no throw
  assert.throws(() => events.addPool({ ...group, config: { name: 'g' } as ProcessGroupConfig }, 'id'),
    /not an eventlistener pool/);
});

test('serials survive pool replacement (reload) and errors in subscribers are logged', () => {
  const events = new DaemonEvents(logger);
  const group = fakeGroup('g', []);
  events.addPool(group, 'id');
  events.bus.notify(new RemoteCommunicationEvent('t', 'x'));
  const replaced = events.addPool(group, 'id');
  events.bus.notify(new RemoteCommunicationEvent('t', 'y'));
  assert.deepEqual(replaced.bufferedEvents().map((e) => [e.serial, e.poolSerial]), [[1, 0]]);
  events.bus.subscribe('REMOTE_COMMUNICATION', () => { throw new Error('kaput'); });
  events.bus.notify(new RemoteCommunicationEvent('t', 'z'));
  assert.ok(lines.some((l) => l.startsWith('ERRO error while handling event REMOTE_COMMUNICATION: Error: kaput')));
  events.stop();
  assert.equal(events.pool('g'), undefined);
});
