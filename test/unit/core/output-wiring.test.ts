import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachOutput } from '../../../src/core/output-wiring.js';
import type { OutputChannel } from '../../../src/logging/api.js';
import { FakeOutput } from './fakes.js';

function recordingChannel(accept: (n: number) => boolean) {
  const got: string[] = [];
  const state = { drain: null as (() => void) | null, ended: false };
  const channel = {
    write(chunk: Buffer) { got.push(chunk.toString()); return accept(got.length); },
    onDrain(fn: () => void) { state.drain = fn; return () => undefined; },
    end() { state.ended = true; }, reopen() {}, clear() {}, async close() {},
  } as unknown as OutputChannel;
  return { got, state, channel };
}

test('a channel that falls behind pauses reading until it drains', () => {
  const out = new FakeOutput();
  const { got, state, channel } = recordingChannel((n) => n > 1);
  attachOutput(out, channel);
  out.emit('a');
  assert.deepEqual(got, ['a']);
  assert.equal(out.paused, true, 'the read asked to pause');
  assert.ok(state.drain, 'a drain listener is registered');
  state.drain!();
  assert.equal(out.paused, false, 'the drain resumed reading');
  out.emit('b');
  assert.deepEqual(got, ['a', 'b']);
  assert.equal(out.paused, false);
  out.finish();
  assert.equal(state.ended, true);
});

test('without a channel every read is accepted, so the child never blocks', () => {
  const out = new FakeOutput();
  attachOutput(out, null);
  for (let i = 0; i < 100; i++) {
    out.emit(Buffer.alloc(1024));
    assert.equal(out.paused, false);
  }
  out.finish();
});

test('a tap gets its own copy of each read, before the channel', () => {
  const out = new FakeOutput();
  const order: string[] = [];
  const kept: Buffer[] = [];
  const { channel } = recordingChannel(() => { order.push('channel'); return true; });
  attachOutput(out, channel, (chunk) => { order.push('tap'); kept.push(chunk); });
  out.emit('first');
  out.emit('second');
  assert.deepEqual(order, ['tap', 'channel', 'tap', 'channel']);
  // FakeOutput overwrites its view after each read: the tap's copies must not change
  assert.deepEqual(kept.map(String), ['first', 'second']);
});
