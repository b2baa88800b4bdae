// A stuck consumer of our stdout must not make memory grow or block: console output is dropped,
// counted and reported, and the child is never paused for the console.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { BufferedWriter } from '../../../src/logging/buffered-writer.js';
import { createOutputChannel } from '../../../src/logging/output-channel.js';
import type { SharedSink } from '../../../src/logging/shared-sink.js';
import { killIfRunning, MemoryLogger, channelOptions, removeDir, tempDir, waitFor } from '../../unit/logging/helpers.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];
const fds: number[] = [];
after(() => {
  children.forEach(killIfRunning);
  for (const fd of fds) fs.closeSync(fd);
  dirs.forEach(removeDir);
});

test('console copy to a reader that never reads: bounded, dropped with a warning, child not paused', async (t) => {
  const d = tempDir();
  dirs.push(d);
  const fifo = path.join(d, 'stuck');
  if (spawnSync('mkfifo', [fifo]).status !== 0) return t.skip('mkfifo not available');
  // holds the FIFO open for reading and never reads
  const holder = spawn('sh', ['-c', 'exec 3<>"$0"; echo ready; exec sleep 60', fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(holder);
  let ready = '';
  holder.stdout!.on('data', (b: Buffer) => (ready += b.toString()));
  await waitFor(() => ready.includes('ready'), 5000, 'fifo holder');
  const fd = fs.openSync(fifo, 'w');
  fds.push(fd);
  const hardLimit = 1024 * 1024;
  const sink: SharedSink = {
    writer: new BufferedWriter(fd, { highWaterMark: 256 * 1024, hardLimit }),
    fd,
    key: 'stuck',
    refs: 1,
    ownsFd: false,
  };
  const mainLog = new MemoryLogger('info');
  const ch = createOutputChannel(
    channelOptions({ processName: 'chatty', groupName: 'chatty', console: { format: 'raw', timestamps: false }, mainLog }),
    { stdoutSink: sink },
  );
  const chunk = Buffer.alloc(64 * 1024, 0x7a);
  for (let i = 0; i < 80; i++) {
    assert.notEqual(ch.write(chunk), false, 'the child is never paused for the console');
    await new Promise((r) => setImmediate(r));
  }
  assert.ok(sink.writer.pendingBytes <= hardLimit, `pending ${sink.writer.pendingBytes}`);
  assert.ok(sink.writer.droppedBytes > 0, 'bytes were dropped');
  assert.ok(
    mainLog.lines.some((l) => l.level === 'warn' && /console output is not being read fast enough: dropped \d+ bytes/.test(l.msg)),
    JSON.stringify(mainLog.lines),
  );
  ch.end();
});
