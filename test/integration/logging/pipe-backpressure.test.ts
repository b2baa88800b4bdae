// A real child flooding a real pipe into a channel with a tiny high-water mark: the reader pauses and
// resumes thousands of times (as the core's output wiring does) and every byte arrives, in order.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createOutputChannel } from '../../../src/logging/output-channel.js';
import { channelOptions, killIfRunning, readRotated, useTempDirs } from '../../unit/logging/helpers.js';

const dir = useTempDirs();
const children: ChildProcess[] = [];
after(() => children.forEach(killIfRunning));

const LINES = 150_000;

for (const redirect of [false, true]) {
  test(`pause/resume on drain never loses or stalls output${redirect ? ' (stdout+stderr into one channel)' : ''}`, async () => {
    const logfile = path.join(dir(), 'bp.log');
    const ch = createOutputChannel(
      channelOptions({ logfile, maxbytes: 256 * 1024, backups: 100, stripAnsi: true, captureMaxbytes: 4096 }),
      { highWaterMark: 64 * 1024 },
    );
    const script = redirect
      ? `for (let i = 0; i < ${LINES}; i++) (i % 2 ? process.stderr : process.stdout).write('line ' + i + '\\n');`
      : `let s=''; for (let i = 0; i < ${LINES}; i++) { s += 'line ' + i + '\\n'; if (s.length > 30000) { process.stdout.write(s); s=''; } } process.stdout.write(s);`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let pauses = 0;
    const pipes = redirect ? [child.stdout!, child.stderr!] : [child.stdout!];
    if (!redirect) child.stderr!.resume();
    const ended = pipes.map(
      (pipe) =>
        new Promise<void>((resolve) => {
          pipe.on('data', (chunk: Buffer) => {
            if (ch.write(chunk) === false) {
              pauses++;
              pipe.pause();
              ch.onDrain(() => pipe.resume());
            }
          });
          pipe.on('end', () => {
            ch.end();
            resolve();
          });
        }),
    );
    await Promise.all(ended);
    await ch.close();
    const lines = readRotated(logfile, 100).toString().split('\n');
    assert.equal(lines.pop(), '');
    if (redirect) {
      // two pipes interleave, but each stream stays in order and complete
      const seen = lines.map((l) => Number(l.slice(5))).sort((a, b) => a - b);
      assert.equal(seen.length, LINES);
      seen.forEach((n, i) => assert.equal(n, i));
    } else {
      assert.equal(lines.length, LINES);
      lines.forEach((l, i) => {
        if (l !== `line ${i}`) assert.fail(`line ${i}: ${l}`);
      });
    }
    assert.ok(pauses > 0, 'the reader was paused at least once');
  });
}
