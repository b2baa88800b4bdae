import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BLOCK_SIZE, CopyBlocks } from '../../../src/logging/copy-blocks.js';

test('a copy owns its bytes, and a block given back is reused once', () => {
  const blocks = new CopyBlocks();
  const source = Buffer.alloc(BLOCK_SIZE, 0x61);
  const first = blocks.copy(source.subarray(0, 40_000));
  source.fill(0x62);
  assert.equal(first.length, 40_000);
  assert.ok(first.every((b) => b === 0x61), 'the copy did not change with its source');

  blocks.giveBack(first.subarray(10)); // any part of a copy gives its block back
  blocks.giveBack(first); // twice: ignored
  assert.equal(blocks.idleBlocks, 1);
  const second = blocks.copy(source.subarray(0, 100));
  assert.equal(second.buffer, first.buffer, 'the idle block was reused');
  assert.equal(blocks.idleBlocks, 0);
  const third = blocks.copy(source.subarray(0, 100));
  assert.notEqual(third.buffer, second.buffer, 'a block in use is never handed out again');
});

test('foreign buffers and copies bigger than a block are never pooled; idle blocks go after a while', async () => {
  const blocks = new CopyBlocks(20);
  blocks.giveBack(Buffer.alloc(BLOCK_SIZE));
  const big = blocks.copy(Buffer.alloc(BLOCK_SIZE + 1, 1));
  assert.equal(big.length, BLOCK_SIZE + 1);
  blocks.giveBack(big);
  assert.equal(blocks.idleBlocks, 0);
  const copies = Array.from({ length: 80 }, () => blocks.copy(Buffer.alloc(10)));
  for (const c of copies) blocks.giveBack(c);
  assert.ok(blocks.idleBlocks > 0 && blocks.idleBlocks <= 64, `idle blocks are bounded (${blocks.idleBlocks})`);
  const kept = blocks.idleBlocks;
  blocks.dropSoon();
  blocks.dropSoon(); // one timer, not two
  assert.equal(blocks.idleBlocks, kept, 'not at once: a busy writer is idle between most reads');
  const deadline = Date.now() + 5000;
  while (blocks.idleBlocks > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  assert.equal(blocks.idleBlocks, 0);
});
