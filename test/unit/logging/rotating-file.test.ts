import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { RotatingFile } from '../../../src/logging/rotating-file.js';
import { readRotated, useTempDirs, waitFor } from './helpers.js';

const dir = useTempDirs();

/** Writes numbered lines in chunks of varying size, honouring backpressure. */
async function writeNumberedLines(file: RotatingFile, count: number, maxPending: { value: number }): Promise<void> {
  let i = 0;
  let chunkLines = 1;
  while (i < count) {
    let text = '';
    for (let k = 0; k < chunkLines && i < count; k++, i++) text += `line ${i} ${'x'.repeat(i % 37)}\n`;
    chunkLines = (chunkLines * 7 + 3) % 300 || 1;
    const ok = file.write(Buffer.from(text));
    maxPending.value = Math.max(maxPending.value, file.pendingBytes);
    if (!ok) await new Promise<void>((resolve) => { const off = file.onDrain(() => { off(); resolve(); }); });
  }
}

function assertAllLinesInOrder(text: string, count: number): void {
  const lines = text.split('\n');
  assert.equal(lines.pop(), '', 'ends with a newline');
  assert.equal(lines.length, count, 'every line exactly once');
  for (let i = 0; i < count; i++) {
    const expected = `line ${i} ${'x'.repeat(i % 37)}`;
    if (lines[i] !== expected) assert.fail(`line ${i}: got ${JSON.stringify(lines[i])}`);
  }
}

test('rotation across many files loses, duplicates and reorders nothing', async () => {
  const base = path.join(dir(), 'app.log');
  const backups = 400;
  const maxbytes = 64 * 1024;
  const file = new RotatingFile({ path: base, maxbytes, backups, highWaterMark: 256 * 1024 });
  const count = 300_000;
  const maxPending = { value: 0 };
  await writeNumberedLines(file, count, maxPending);
  await file.close();
  const all = readRotated(base, backups);
  assertAllLinesInOrder(all.toString('utf8'), count);
  const rotated = fs.readdirSync(path.dirname(base)).filter((n) => /\.log\.\d+$/.test(n));
  assert.ok(rotated.length > 50, `expected many rotations, got ${rotated.length}`);
  assert.ok(!fs.existsSync(`${base}.${backups + 1}`));
  // a rotated file reached maxbytes and exceeded it by at most one write
  const one = fs.statSync(`${base}.1`).size;
  assert.ok(one >= maxbytes && one < maxbytes + 300 * 60, `size of .1: ${one}`);
  assert.ok(maxPending.value < 256 * 1024 + 300 * 60, `pending stayed bounded: ${maxPending.value}`);
});

test('backups limit keeps only the newest N files, in Supervisor naming', async () => {
  const base = path.join(dir(), 'small.log');
  const file = new RotatingFile({ path: base, maxbytes: 100, backups: 3 });
  for (let i = 0; i < 50; i++) file.write(Buffer.from(`${String(i).padStart(9, '0')}\n`));
  await file.close();
  const names = fs.readdirSync(path.dirname(base)).sort();
  assert.deepEqual(names, ['small.log', 'small.log.1', 'small.log.2', 'small.log.3']);
  // 50 lines of 10 bytes; rotation after every 10 lines: the live file is empty, .1 has lines 40..49
  assert.equal(fs.readFileSync(base, 'utf8'), '');
  assert.equal(fs.readFileSync(`${base}.1`, 'utf8').split('\n')[0], '000000040');
  assert.equal(fs.readFileSync(`${base}.3`, 'utf8').split('\n')[0], '000000020');
});

test('backups=0 truncates in place, maxbytes=0 never rotates', async () => {
  const d = dir();
  const truncated = new RotatingFile({ path: path.join(d, 't.log'), maxbytes: 100, backups: 0 });
  const endless = new RotatingFile({ path: path.join(d, 'e.log'), maxbytes: 0, backups: 5 });
  for (let i = 0; i < 25; i++) {
    truncated.write(Buffer.from(`${String(i).padStart(9, '0')}\n`));
    endless.write(Buffer.from(`${String(i).padStart(9, '0')}\n`));
  }
  await Promise.all([truncated.close(), endless.close()]);
  assert.deepEqual(fs.readdirSync(d).sort(), ['e.log', 't.log']);
  assert.equal(fs.readFileSync(path.join(d, 't.log'), 'utf8'), '000000020\n000000021\n000000022\n000000023\n000000024\n');
  assert.equal(fs.statSync(path.join(d, 'e.log')).size, 250);
});

test('an existing file counts towards maxbytes (append, like Supervisor)', async () => {
  const base = path.join(dir(), 'pre.log');
  fs.writeFileSync(base, 'x'.repeat(95));
  const file = new RotatingFile({ path: base, maxbytes: 100, backups: 1 });
  file.write(Buffer.from('0123456789'));
  file.write(Buffer.from('next\n'));
  await file.close();
  assert.equal(fs.readFileSync(`${base}.1`, 'utf8'), 'x'.repeat(95) + '0123456789');
  assert.equal(fs.readFileSync(base, 'utf8'), 'next\n');
});

test('reopen after an external rename (logrotate) writes to a new file', async () => {
  const base = path.join(dir(), 'r.log');
  const file = new RotatingFile({ path: base, maxbytes: 0, backups: 0 });
  file.write(Buffer.from('before\n'));
  await file.flushed();
  fs.renameSync(base, `${base}.old`);
  file.write(Buffer.from('still old\n')); // queued before reopen(): belongs to the old file
  file.reopen();
  file.write(Buffer.from('after\n'));
  await file.close();
  assert.equal(fs.readFileSync(`${base}.old`, 'utf8'), 'before\nstill old\n');
  assert.equal(fs.readFileSync(base, 'utf8'), 'after\n');
});

test('reopen without a rename continues the same file and keeps counting its size', async () => {
  const base = path.join(dir(), 'same.log');
  const file = new RotatingFile({ path: base, maxbytes: 20, backups: 1 });
  file.write(Buffer.from('0123456789'));
  file.reopen();
  file.write(Buffer.from('abcdefghij'));
  file.write(Buffer.from('tail'));
  await file.close();
  assert.equal(fs.readFileSync(`${base}.1`, 'utf8'), '0123456789abcdefghij');
  assert.equal(fs.readFileSync(base, 'utf8'), 'tail');
});

test('clear deletes what was written and starts an empty file', async () => {
  const base = path.join(dir(), 'c.log');
  const file = new RotatingFile({ path: base, maxbytes: 1000, backups: 2 });
  file.write(Buffer.from('old\n'));
  file.clear();
  file.write(Buffer.from('new\n'));
  await file.close();
  assert.equal(fs.readFileSync(base, 'utf8'), 'new\n');
});

test('the file vanishing (or its directory) does not crash the writer', async () => {
  const d = dir();
  const sub = path.join(d, 'sub');
  fs.mkdirSync(sub);
  const base = path.join(sub, 'v.log');
  const errors: string[] = [];
  const file = new RotatingFile({ path: base, maxbytes: 10, backups: 2, onError: (e) => errors.push(String(e.code)) });
  file.write(Buffer.from('first-----\n'));
  await file.flushed();
  fs.rmSync(sub, { recursive: true });
  file.write(Buffer.from('second----\n')); // goes to the unlinked inode, then rotation cannot reopen
  await file.flushed();
  file.write(Buffer.from('dropped\n'));
  await file.flushed();
  assert.ok(errors.includes('ENOENT'), `errors: ${errors}`);
  assert.ok(file.droppedBytes > 0);
  fs.mkdirSync(sub);
  await new Promise((r) => setTimeout(r, 1100)); // reopen is retried at most once a second
  file.write(Buffer.from('back\n'));
  await file.close();
  assert.equal(fs.readFileSync(base, 'utf8'), 'back\n');
});

test('opening an impossible path throws a clear error at once', () => {
  assert.throws(() => new RotatingFile({ path: '/nonexistent-dir/x.log', maxbytes: 0, backups: 0 }), /ENOENT/);
});

test('flushSync writes everything pending synchronously', async () => {
  const base = path.join(dir(), 's.log');
  const file = new RotatingFile({ path: base, maxbytes: 30, backups: 5 });
  let expected = '';
  for (let i = 0; i < 20; i++) {
    const line = `sync ${i}\n`;
    expected += line;
    file.write(Buffer.from(line));
  }
  file.flushSync();
  assert.equal(readRotated(base, 5).toString(), expected);
  await file.close();
});

test('waitFor helper sanity: pending bytes reach zero', async () => {
  const file = new RotatingFile({ path: path.join(dir(), 'p.log'), maxbytes: 0, backups: 0 });
  file.write(Buffer.alloc(1000, 1));
  await waitFor(() => file.pendingBytes === 0, 2000, 'flush');
  await file.close();
});

test('two writers of one path share the file and rotate it correctly (Supervisor corrupts it)', async () => {
  const base = path.join(dir(), 'shared.log');
  const out = new RotatingFile({ path: base, maxbytes: 1000, backups: 100 });
  const err = new RotatingFile({ path: base, maxbytes: 1000, backups: 100 });
  let expected = '';
  for (let i = 0; i < 500; i++) {
    const line = `${i % 2 ? 'err' : 'out'} ${i}\n`;
    expected += line;
    (i % 2 ? err : out).write(Buffer.from(line));
  }
  await out.close();
  err.write(Buffer.from('last\n'));
  expected += 'last\n';
  await err.close();
  assert.equal(readRotated(base, 100).toString(), expected);
  assert.ok(fs.existsSync(`${base}.3`), "rotated several times");
});

test('closing and reopening a path at once (process restart) keeps the order', async () => {
  const base = path.join(dir(), 'restart.log');
  const first = new RotatingFile({ path: base, maxbytes: 0, backups: 0 });
  first.write(Buffer.alloc(2 * 1024 * 1024, 0x61));
  const closing = first.close();
  const second = new RotatingFile({ path: base, maxbytes: 0, backups: 0 });
  second.write(Buffer.from('B'));
  await Promise.all([closing, second.close()]);
  const data = fs.readFileSync(base);
  assert.equal(data.length, 2 * 1024 * 1024 + 1);
  assert.equal(data[data.length - 1], 0x42);
});

test('rotation stays lossless with reopen() (SIGUSR2) interleaved at random points', async () => {
  const base = path.join(dir(), 'mixed.log');
  const backups = 300;
  const file = new RotatingFile({ path: base, maxbytes: 16 * 1024, backups, highWaterMark: 64 * 1024 });
  const count = 40_000;
  let expected = '';
  let seed = 7;
  for (let i = 0; i < count; i++) {
    const line = `line ${i}\n`;
    expected += line;
    if (!file.write(Buffer.from(line))) await new Promise<void>((resolve) => file.onDrain(resolve));
    seed = (seed * 1103515245 + 12345) % 2147483648;
    if (seed % 997 === 0) file.reopen();
    if (seed % 4001 === 0) await file.flushed();
  }
  await file.close();
  assert.equal(readRotated(base, backups).toString(), expected);
  for (let i = 1; fs.existsSync(`${base}.${i}`); i++) {
    const size = fs.statSync(`${base}.${i}`).size;
    assert.ok(size >= 16 * 1024 && size < 16 * 1024 + 20, `.${i} has ${size} bytes`);
  }
});

test('close() releases a producer that is waiting for drain', async () => {
  const file = new RotatingFile({ path: path.join(dir(), 'waiting.log'), maxbytes: 0, backups: 0, highWaterMark: 1024 });
  assert.equal(file.write(Buffer.alloc(4096)), false);
  let resumed = false;
  file.onDrain(() => (resumed = true));
  const closing = file.close();
  assert.equal(resumed, true);
  assert.equal(file.write(Buffer.from('after close')), true);
  await closing;
});
