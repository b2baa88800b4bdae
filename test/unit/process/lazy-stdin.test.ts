import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { LazyStdin } from '../../../src/process/child-pipes.js';
import { makePipe } from '../../../src/os/ffi.js';

const isOpen = (fd: number): boolean => {
  try {
    fs.fstatSync(fd);
    return true;
  } catch {
    return false;
  }
};

test('stdin nobody wrote to: destroy() closes the bare fd, and later writes are ignored', () => {
  const [readEnd, writeEnd] = makePipe();
  try {
    const stdin = new LazyStdin(writeEnd);
    assert.equal(stdin.writable, true);
    stdin.destroy();
    assert.equal(isOpen(writeEnd), false, 'the write end is closed');
    assert.equal(stdin.writable, false);
    stdin.write('late\n');
    stdin.destroy();
    // the reader sees EOF: nothing was ever written
    const buf = Buffer.alloc(16);
    assert.equal(fs.readSync(readEnd, buf, 0, buf.length, null), 0);
  } finally {
    fs.closeSync(readEnd);
  }
});

test('the first write opens a socket on the fd; the bytes arrive in order', async () => {
  const [readEnd, writeEnd] = makePipe();
  try {
    const stdin = new LazyStdin(writeEnd);
    stdin.write('one\n');
    stdin.write(Buffer.from('two\n'));
    const deadline = Date.now() + 5000;
    let got = '';
    const buf = Buffer.alloc(64);
    // the socket writes on the next turns of the loop; read what has arrived until both lines are there
    while (got !== 'one\ntwo\n' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
      const n = fs.readSync(readEnd, buf, 0, buf.length, null);
      got += buf.subarray(0, n).toString();
    }
    assert.equal(got, 'one\ntwo\n');
    stdin.destroy();
    assert.equal(stdin.writable, false);
  } finally {
    fs.closeSync(readEnd);
  }
});
