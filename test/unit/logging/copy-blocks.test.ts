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

test('foreign buffers and copies bigger than a block are never pooled; drop() lets idle blocks go', () => {
  const blocks = new CopyBlocks();
  blocks.giveBack(Buffer.alloc(BLOCK_SIZE));
  const big = blocks.copy(Buffer.alloc(BLOCK_SIZE + 1, 1));
  assert.equal(big.length, BLOCK_SIZE + 1);
  blocks.giveBack(big);
  assert.equal(blocks.idleBlocks, 0);
  const copies = Array.from({ length: 40 }, () => blocks.copy(Buffer.alloc(10)));
  for (const c of copies) blocks.giveBack(c);
  assert.ok(blocks.idleBlocks > 0 && blocks.idleBlocks <= 16, `idle blocks are bounded (${blocks.idleBlocks})`);
  blocks.drop();
  assert.equal(blocks.idleBlocks, 0);
});
