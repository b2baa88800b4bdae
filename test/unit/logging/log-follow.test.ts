import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { followFile, TRUNCATED_NOTICE } from '../../../src/logging/log-follow.js';
import { RotatingFile } from '../../../src/logging/rotating-file.js';
import { removeDir, tempDir, waitFor } from './helpers.js';

const d = tempDir();
const stops: Array<() => void> = [];
after(() => {
  stops.forEach((s) => s());
  removeDir(d);
});

function follow(file: string): { text: () => string } {
  let text = '';
  stops.push(followFile(file, (b) => { text += b.toString('latin1'); }, (e) => { throw e; }, { intervalMs: 20 }));
  return { text: () => text };
}

test('starts with the last 1024 bytes, then streams appended bytes', async () => {
  const file = path.join(d, 'a.log');
  const initial = Buffer.alloc(3000, 0x61);
  initial.write('HEAD', 3000 - 1024);
  fs.writeFileSync(file, initial);
  const f = follow(file);
  await waitFor(() => f.text().length === 1024, 2000, 'initial tail');
  assert.ok(f.text().startsWith('HEAD'));
  fs.appendFileSync(file, 'appended\n');
  await waitFor(() => f.text().endsWith('appended\n'), 2000, 'appended bytes');
  assert.equal(f.text().length, 1024 + 9);
});

test('a small file is sent whole', async () => {
  const file = path.join(d, 'small.log');
  fs.writeFileSync(file, 'tiny\n');
  const f = follow(file);
  await waitFor(() => f.text() === 'tiny\n', 2000, 'whole file');
});

test('rotation (new inode) continues from the start of the new file', async () => {
  const base = path.join(d, 'rot.log');
  const w = new RotatingFile({ path: base, maxbytes: 30, backups: 2 });
  w.write(Buffer.from('first file line\n'));
  await w.flushed();
  const f = follow(base);
  await waitFor(() => f.text() === 'first file line\n', 2000, 'first');
  w.write(Buffer.from('fills it up to maxbytes\n')); // rotates after this write
  await waitFor(() => f.text().endsWith('maxbytes\n'), 2000, 'before rotation');
  w.write(Buffer.from('second file\n'));
  await w.flushed();
  await waitFor(() => f.text().endsWith('second file\n'), 2000, 'after rotation');
  assert.equal(f.text(), 'first file line\nfills it up to maxbytes\nsecond file\n');
  await w.close();
});

test('truncation prints the notice and follows from the start', async () => {
  const file = path.join(d, 'trunc.log');
  fs.writeFileSync(file, 'a long first content\n');
  const f = follow(file);
  await waitFor(() => f.text() === 'a long first content\n', 2000, 'initial');
  fs.truncateSync(file, 0);
  fs.appendFileSync(file, 'new\n');
  await waitFor(() => f.text().endsWith('new\n'), 2000, 'after truncation');
  assert.equal(f.text(), `a long first content\n${TRUNCATED_NOTICE.toString()}new\n`);
});

test('a missing file throws at once (the HTTP layer answers 404)', () => {
  assert.throws(() => followFile(path.join(d, 'missing'), () => {}), /ENOENT/);
});

test('onData returning false defers the rest to later polls, nothing is lost', async () => {
  const file = path.join(d, 'slow-consumer.log');
  fs.writeFileSync(file, '');
  const chunks: number[] = [];
  let accept = false;
  stops.push(
    followFile(
      file,
      (b) => {
        chunks.push(b.length);
        return accept;
      },
      (e) => {
        throw e;
      },
      { intervalMs: 20 },
    ),
  );
  fs.appendFileSync(file, Buffer.alloc(3 * 1024 * 1024, 0x61));
  await waitFor(() => chunks.length >= 2, 3000, 'two polls');
  // a refusing consumer gets one piece per poll (1 MiB reads)
  assert.ok(chunks.every((n) => n === 1024 * 1024), String(chunks));
  accept = true;
  await waitFor(() => chunks.reduce((a, b) => a + b, 0) === 3 * 1024 * 1024, 3000, 'all bytes');
});
