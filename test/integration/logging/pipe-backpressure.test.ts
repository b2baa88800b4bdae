// A real child flooding its real pipes, read the way the daemon reads them (spawnChild's pipe readers
// and the core's output wiring) into a channel with a tiny high-water mark: reading stops and starts
// again thousands of times, and every byte arrives, in order.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { attachOutput } from '../../../src/core/output-wiring.js';
import { createOutputChannel } from '../../../src/logging/output-channel.js';
import { spawnChild, type ChildExit } from '../../../src/process/spawn.js';
import type { OutputChannel } from '../../../src/logging/api.js';
import { channelOptions, readRotated, useTempDirs } from '../../unit/logging/helpers.js';

const dir = useTempDirs();
const started: number[] = [];
after(() => {
  for (const pid of started) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

const LINES = 150_000;

/** `i` written in the ten letters from `base` (stdout 'A', stderr 'a'), so two streams can be told apart */
const letters = (i: number, base: number): string => String(i).replace(/\d/g, (d) => String.fromCharCode(base + Number(d)));

for (const mode of ['stdout', 'stdout and stderr on one pipe (redirect_stderr)', 'a channel on each pipe'] as const) {
  test(`pause/resume on drain never loses or stalls output: ${mode}`, async () => {
    const d = dir();
    // the stdout case goes through capture mode and strip_ansi (copies); the others write reads straight
    // to the file writer, which copies them into its reused blocks
    const filters = mode === 'stdout' ? { stripAnsi: true, captureMaxbytes: 4096 } : {};
    const channel = (name: string) =>
      createOutputChannel(
        channelOptions({ logfile: path.join(d, `${name}.log`), maxbytes: 256 * 1024, backups: 100, ...filters }),
        { highWaterMark: 16 * 1024 },
      );
    const script =
      mode === 'stdout'
        ? `let s=''; for (let i = 0; i < ${LINES}; i++) { s += 'line ' + i + '\\n'; if (s.length > 30000) { process.stdout.write(s); s=''; } } process.stdout.write(s);`
        : `const enc = (i, base) => String(i).replace(/\\d/g, (d) => String.fromCharCode(base + Number(d)));
           const buf = ['', ''];
           const flush = (k) => { (k ? process.stderr : process.stdout).write(buf[k]); buf[k] = ''; };
           for (let i = 0; i < ${LINES}; i++) { const k = i % 2; buf[k] += k ? enc(i, 97) + '|' : enc(i, 65) + '\\n'; if (buf[k].length > 30000) flush(k); }
           flush(0); flush(1);`;
    const child = spawnChild({
      processName: 'flood', filename: process.execPath, argv: [process.execPath, '-e', script],
      env: { PATH: '/usr/bin:/bin' }, directory: null, umask: null, uid: null,
      redirectStderr: mode !== 'a channel on each pipe',
    });
    started.push(child.pid);
    let pauses = 0;
    const ended: Promise<void>[] = [];
    const counted = (ch: OutputChannel): OutputChannel => {
      const done = new Promise<void>((resolve) => {
        const end = ch.end.bind(ch);
        ch.end = () => { end(); resolve(); };
      });
      ended.push(done);
      const write = ch.write.bind(ch);
      ch.write = (view: Buffer) => {
        const ok = write(view);
        if (ok === false) pauses++;
        return ok;
      };
      return ch;
    };
    const out = counted(channel('out'));
    const err = mode === 'a channel on each pipe' ? counted(channel('err')) : null;
    attachOutput(child.stdout, out);
    attachOutput(child.stderr, err);
    const exit = await new Promise<ChildExit>((resolve) => child.onExit(resolve));
    assert.equal(exit.code, 0);
    await Promise.all(ended);
    await out.close();
    await err?.close();
    const text = readRotated(path.join(d, 'out.log'), 100).toString();
    if (mode === 'stdout') {
      const lines = text.split('\n');
      assert.equal(lines.pop(), '');
      assert.equal(lines.length, LINES);
      lines.forEach((l, i) => {
        if (l !== `line ${i}`) assert.fail(`line ${i}: ${l}`);
      });
    } else {
      const expected = (base: number, end: string, first: number): string => {
        let s = '';
        for (let i = first; i < LINES; i += 2) s += letters(i, base) + end;
        return s;
      };
      const errText = err ? readRotated(path.join(d, 'err.log'), 100).toString() : text;
      assert.ok(text.replace(/[^A-J\n]/g, '') === expected(65, '\n', 0), 'stdout complete and in order');
      assert.ok(errText.replace(/[^a-j|]/g, '') === expected(97, '|', 1), 'stderr complete and in order');
    }
    assert.ok(pauses > 0, 'reading was paused at least once');
  });
}
