// Non-regular targets with maxbytes > 0 (Supervisor dies with "Illegal seek" there; we never rotate them),
// and bounded memory when the consumer is slower than the producer.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RotatingFile } from '../../../src/logging/rotating-file.js';
import { killIfRunning, removeDir, tempDir, waitFor } from '../../unit/logging/helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const dirs: string[] = [];
const children: ChildProcess[] = [];
after(() => {
  children.forEach(killIfRunning);
  dirs.forEach(removeDir);
});

function mkfifo(file: string): boolean {
  return spawnSync('mkfifo', [file]).status === 0;
}

/** A child script that logs numbered lines through RotatingFile to `target` with a tiny maxbytes. */
function writerScript(dir: string): string {
  const script = path.join(dir, 'writer.mts');
  fs.writeFileSync(
    script,
    `import { RotatingFile } from ${JSON.stringify(path.join(root, 'src/logging/rotating-file.ts'))};
const f = new RotatingFile({ path: process.argv[2], maxbytes: 64, backups: 3 });
for (let i = 0; i < 2000; i++) f.write(Buffer.from('line ' + i + '\\n'));
await f.close();
`,
  );
  return script;
}

function expectedLines(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += `line ${i}\n`;
  return s;
}

test('/dev/stdout (a pipe here) with maxbytes > 0: every byte arrives, nothing rotates', async () => {
  const d = tempDir();
  dirs.push(d);
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript(d), '/dev/stdout'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(err, '');
  assert.equal(code, 0);
  assert.equal(out, expectedLines(2000));
  assert.equal(fs.existsSync('/dev/stdout.1'), false);
});

test('a FIFO with maxbytes > 0 is written in order and never rotated', async (t) => {
  const d = tempDir();
  dirs.push(d);
  const fifo = path.join(d, 'pipe');
  if (!mkfifo(fifo)) return t.skip('mkfifo not available');
  const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(reader);
  const readerClosed = new Promise((resolve) => reader.on('close', resolve));
  let out = '';
  reader.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript(d), fifo], { cwd: root, stdio: 'inherit' });
  children.push(child);
  assert.equal(await new Promise((resolve) => child.on('close', resolve)), 0);
  await readerClosed;
  assert.equal(out, expectedLines(2000));
  assert.deepEqual(fs.readdirSync(d).sort(), ['pipe', 'writer.mts']);
});

test('backpressure: a slow consumer keeps pending memory bounded and drain resumes the producer', async (t) => {
  const d = tempDir();
  dirs.push(d);
  const fifo = path.join(d, 'slow');
  if (!mkfifo(fifo)) return t.skip('mkfifo not available');
  // reads 64 KiB every 20 ms (~3 MB/s): far slower than the producer
  const reader = spawn(
    process.execPath,
    [
      '-e',
      `const fs=require('fs');const fd=fs.openSync(process.argv[1],'r');const b=Buffer.alloc(65536);let n=0;
       const tick=()=>{const r=fs.readSync(fd,b,0,b.length,null);if(r===0){process.stdout.write(String(n));return;}n+=r;setTimeout(tick,20)};tick();`,
      fifo,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(reader);
  let total = '';
  reader.stdout!.on('data', (b: Buffer) => (total += b.toString()));
  // opening a FIFO for writing blocks until the reader has it open
  await new Promise((r) => setTimeout(r, 200));
  const hwm = 256 * 1024;
  const file = new RotatingFile({ path: fifo, maxbytes: 1024, backups: 1, highWaterMark: hwm });
  const chunk = Buffer.alloc(32 * 1024, 0x61);
  const target = 4 * 1024 * 1024;
  let sent = 0;
  let maxPending = 0;
  let pauses = 0;
  while (sent < target) {
    const ok = file.write(chunk);
    sent += chunk.length;
    maxPending = Math.max(maxPending, file.pendingBytes);
    if (!ok) {
      pauses++;
      await new Promise<void>((resolve) => { const off = file.onDrain(() => { off(); resolve(); }); });
    }
  }
  await file.close();
  await waitFor(() => total !== '', 20000, 'reader to finish');
  assert.equal(Number(total), target, 'every byte reached the reader');
  assert.ok(pauses > 0, 'the producer was paused');
  assert.ok(maxPending <= hwm + chunk.length, `pending stayed bounded: ${maxPending}`);
  assert.equal(file.droppedBytes, 0);
});
