import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { attachOutput } from '../../../src/core/output-wiring.js';
import type { OutputChannel } from '../../../src/logging/api.js';

test('a channel that falls behind pauses the pipe until it drains', async () => {
  const pipe = new PassThrough();
  const got: string[] = [];
  let drain: (() => void) | null = null;
  let ended = false;
  const channel = {
    write(chunk: Buffer) { got.push(chunk.toString()); return got.length > 1; },
    onDrain(fn: () => void) { drain = fn; return () => undefined; },
    end() { ended = true; }, reopen() {}, clear() {}, async close() {},
  } as unknown as OutputChannel;
  attachOutput(pipe, channel);
  pipe.write('a');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(got, ['a']);
  assert.equal(pipe.isPaused(), true);
  pipe.write('b');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(got, ['a'], 'nothing read while paused');
  drain!();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(got, ['a', 'b']);
  pipe.end();
  const deadline = Date.now() + 2000;
  while (!ended && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  assert.equal(ended, true);
});

test('without a channel the pipe is drained so the child never blocks', async () => {
  const pipe = new PassThrough();
  attachOutput(pipe, null);
  for (let i = 0; i < 100; i++) pipe.write(Buffer.alloc(1024));
  await new Promise((r) => setImmediate(r));
  assert.equal(pipe.readableLength, 0);
});
