import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { BufferedWriter } from '../../../src/logging/buffered-writer.js';
import { killIfRunning, useTempDirs, waitFor } from './helpers.js';

const dir = useTempDirs();
const children: ChildProcess[] = [];
after(() => children.forEach(killIfRunning));

test('small writes are packed, big ones passed through, order kept', async () => {
  const file = path.join(dir(), 'order.bin');
  const fd = fs.openSync(file, 'w');
  const w = new BufferedWriter(fd);
  const expected: Buffer[] = [];
  for (let i = 0; i < 2000; i++) {
    const b = i % 97 === 0 ? Buffer.alloc(40_000, i % 256) : Buffer.from(`${i},`);
    expected.push(b);
    w.write(b);
  }
  await w.idle();
  fs.closeSync(fd);
  assert.deepEqual(fs.readFileSync(file), Buffer.concat(expected));
  assert.equal(w.pendingBytes, 0);
  assert.equal(w.writtenBytes, Buffer.concat(expected).length);
});

test('transient writes are copied: the caller reuses one buffer for every write and the file is still right', async () => {
  const file = path.join(dir(), 'transient.bin');
  const fd = fs.openSync(file, 'w');
  const w = new BufferedWriter(fd);
  const shared = Buffer.alloc(64 * 1024);
  const expected: Buffer[] = [];
  for (let i = 0; i < 300; i++) {
    // big and small reads, as a pipe gives them; the shared buffer is overwritten right after each write
    const n = i % 3 === 0 ? 100 + i : i % 3 === 1 ? 64 * 1024 : 20_000 + i;
    shared.fill(i % 251, 0, n);
    expected.push(Buffer.from(shared.subarray(0, n)));
    w.write(shared.subarray(0, n), true);
    shared.fill(0xee);
    // let some writes complete in between, so blocks are given back and reused
    if (i % 50 === 49) await w.idle();
  }
  await w.idle();
  fs.closeSync(fd);
  assert.deepEqual(fs.readFileSync(file), Buffer.concat(expected));
});

test('a chunk beyond the hard limit is dropped without asking for a pause that would never end', async () => {
  const fd = fs.openSync(path.join(dir(), 'drop.bin'), 'w');
  const dropped: number[] = [];
  const w = new BufferedWriter(fd, { highWaterMark: 1024, hardLimit: 4096, onDrop: (n) => dropped.push(n) });
  assert.equal(w.write(Buffer.alloc(10_000)), true);
  assert.deepEqual(dropped, [10_000]);
  assert.equal(w.droppedBytes, 10_000);
  assert.equal(w.write(Buffer.alloc(100)), true);
  await w.idle();
  fs.closeSync(fd);
});

test('a non-blocking pipe (EAGAIN) is retried until every byte is through, in order', async (t) => {
  const fifo = path.join(dir(), 'nb');
  if (spawnSync('mkfifo', [fifo]).status !== 0) return t.skip('mkfifo not available');
  // a slow reader: 4 KiB every 2 ms, counting bytes and a checksum
  const reader = spawn(
    process.execPath,
    [
      '-e',
      `const fs=require('fs');const fd=fs.openSync(process.argv[1],'r');const b=Buffer.alloc(4096);let n=0,sum=0;
       const tick=()=>{const r=fs.readSync(fd,b,0,b.length,null);if(r===0){process.stdout.write(n+' '+sum);return;}
       for(let i=0;i<r;i++)sum=(sum*31+b[i])%1000000007;n+=r;setTimeout(tick,2)};tick();`,
      fifo,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(reader);
  let result = '';
  reader.stdout!.on('data', (b: Buffer) => (result += b.toString()));
  // a non-blocking open fails (ENXIO) until the reader has its end open
  let fd = -1;
  await waitFor(() => {
    try {
      fd = fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
      return true;
    } catch {
      return false;
    }
  }, 20_000, 'the reader to open the FIFO');
  const errors: string[] = [];
  const w = new BufferedWriter(fd, { highWaterMark: 1024 * 1024, onError: (e) => errors.push(String(e.code)) });
  const data = Buffer.alloc(512 * 1024);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7) % 251;
  for (let off = 0; off < data.length; off += 10_000) w.write(data.subarray(off, Math.min(off + 10_000, data.length)));
  await w.idle();
  fs.closeSync(fd);
  await waitFor(() => result !== '', 20_000, 'reader result');
  let sum = 0;
  for (const byte of data) sum = (sum * 31 + byte) % 1000000007;
  assert.equal(result, `${data.length} ${sum}`);
  assert.deepEqual(errors, []);
  assert.equal(w.droppedBytes, 0);
  assert.ok(w.retries > 0, 'the pipe was full at times');
});

test('flushSync while an asynchronous barrier is running writes the rest to the current fd', async () => {
  const file = path.join(dir(), 'barrier.bin');
  const fd = fs.openSync(file, 'w');
  let finish: () => void = () => {};
  const w = new BufferedWriter(fd, {
    runBarrier: () => new Promise<void>((resolve) => (finish = resolve)),
    runBarrierSync: () => assert.fail('no synchronous barrier while one is running'),
  });
  w.write(Buffer.from('before '));
  w.barrier('reopen');
  w.write(Buffer.from('after '));
  w.barrier('rotate');
  w.write(Buffer.from('later'));
  await waitFor(() => fs.readFileSync(file, 'utf8') === 'before ', 2000, 'first segment');
  await new Promise((r) => setTimeout(r, 20)); // the barrier is now pending
  w.flushSync();
  assert.equal(fs.readFileSync(file, 'utf8'), 'before after later');
  finish();
  await w.idle();
  fs.closeSync(fd);
});
