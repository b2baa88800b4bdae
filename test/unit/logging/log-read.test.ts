import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readLog, tailLog, tailWindow, BadArgumentsError, NoFileError, LogReadError } from '../../../src/logging/log-read.js';
import { RotatingFile } from '../../../src/logging/rotating-file.js';
import { removeDir, tempDir } from './helpers.js';

const d = tempDir();
after(() => removeDir(d));
const twelve = path.join(d, 'twelve.log');
fs.writeFileSync(twelve, 'abcdefghijkl');

test('readLog offset rules', async () => {
  assert.equal((await readLog(twelve, -5, 0)).toString(), 'hijkl');
  assert.equal((await readLog(twelve, -100, 0)).toString(), 'abcdefghijkl');
  assert.equal((await readLog(twelve, 0, 0)).toString(), 'abcdefghijkl');
  assert.equal((await readLog(twelve, 3, 0)).toString(), 'defghijkl');
  assert.equal((await readLog(twelve, 3, 4)).toString(), 'defg');
  assert.equal((await readLog(twelve, 10, 100)).toString(), 'kl');
  assert.equal((await readLog(twelve, 50, 0)).toString(), '');
  assert.equal((await readLog(twelve, 50, 2)).toString(), '');
});

test('readLog faults: BAD_ARGUMENTS, NO_FILE with the path or None', async () => {
  await assert.rejects(readLog(twelve, -1, 5), (e: LogReadError) => e instanceof BadArgumentsError && e.fault === 'BAD_ARGUMENTS');
  await assert.rejects(readLog(twelve, 0, -1), (e: LogReadError) => e.fault === 'BAD_ARGUMENTS');
  const missing = path.join(d, 'missing.log');
  await assert.rejects(readLog(missing, 0, 0), (e: LogReadError) => e instanceof NoFileError && e.fault === 'NO_FILE' && e.message === missing);
  await assert.rejects(readLog(null, 0, 0), (e: LogReadError) => e.fault === 'NO_FILE' && e.message === 'None');
});

test('readLog on a directory is FAILED', async () => {
  await assert.rejects(readLog(d, 0, 0), (e: LogReadError) => e.fault === 'FAILED');
});

test('tail examples from the reference (12-byte file)', async () => {
  const a = await tailLog(twelve, 0, 5);
  assert.deepEqual([a.data.toString(), a.offset, a.overflow], ['hijkl', 12, true]);
  const b = await tailLog(twelve, 0, 100);
  assert.deepEqual([b.data.toString(), b.offset, b.overflow], ['abcdefghijkl', 12, false]);
  const c = await tailLog(twelve, 12, 100);
  assert.deepEqual([c.data.toString(), c.offset, c.overflow], ['', 12, false]);
  const e = await tailLog(twelve, 8, 100);
  assert.deepEqual([e.data.toString(), e.offset, e.overflow], ['abcdefghijkl', 12, false]);
  const missing = await tailLog(path.join(d, 'nope'), 7, 5);
  assert.deepEqual([missing.data.length, missing.offset, missing.overflow], [0, 0, false]);
});

test('tailWindow is the pure offset arithmetic', () => {
  assert.deepEqual(tailWindow(12, 0, 5), { start: 7, count: 5, overflow: true });
  assert.deepEqual(tailWindow(0, 0, 1600), { start: 0, count: 0, overflow: false });
  assert.deepEqual(tailWindow(12, 20, 5), { start: 12, count: 0, overflow: false });
});

test('reads see bytes still queued in our own writer', async () => {
  const file = path.join(d, 'fresh.log');
  const w = new RotatingFile({ path: file, maxbytes: 0, backups: 0 });
  w.write(Buffer.from('just written\n'));
  assert.equal((await readLog(file, 0, 0)).toString(), 'just written\n');
  w.write(Buffer.from('more\n'));
  const t = await tailLog(file, 0, 1000);
  assert.equal(t.data.toString(), 'just written\nmore\n');
  await w.close();
});
