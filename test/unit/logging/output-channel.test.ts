import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createOutputChannel } from '../../../src/logging/output-channel.js';
import { stripAnsi } from '../../../src/logging/ansi.js';
import { CaptureScanner, prefixAtEnd, BEGIN_TOKEN, END_TOKEN } from '../../../src/logging/capture.js';
import { MemoryLogger, channelOptions, fileSink, useTempDirs } from './helpers.js';

const dir = useTempDirs();

const options = channelOptions;

test('strip_ansi matches Supervisor stripEscapes on tricky inputs', () => {
  // expected values produced by supervisor.dispatchers.stripEscapes
  const cases: Array<[string, string]> = [
    ['a\x1b[31mred\x1b[0m b', 'ared b'],
    ['x\x1b[', 'x'],
    ['\x1b[1;2H', ''],
    ['\x1b]0;t\x07z', '\x1b]0;t\x07z'],
    ['a\x1b[zz', 'a'],
    ['\x1b\x1b[mq', '\x1bq'],
    ['\x1b[m\x1b[Kz', 'z'],
    ['\x1b', '\x1b'],
    ['plain', 'plain'],
  ];
  for (const [input, expected] of cases) {
    assert.equal(stripAnsi(Buffer.from(input, 'latin1')).toString('latin1'), expected, JSON.stringify(input));
  }
});

test('prefixAtEnd finds the longest partial token at the end', () => {
  assert.equal(prefixAtEnd(Buffer.from('abc<!--XSUP'), BEGIN_TOKEN), 8);
  assert.equal(prefixAtEnd(Buffer.from('abc'), BEGIN_TOKEN), 0);
  assert.equal(prefixAtEnd(Buffer.from('<'), END_TOKEN), 1);
});

test('capture mode: tokens split at every byte position give the same result', () => {
  const stream = Buffer.from(
    'before\n<!--XSUPERVISOR:BEGIN-->payload one<!--XSUPERVISOR:END-->middle\n' +
      '<!--XSUPERVISOR:BEGIN--><!--XSUPERVISOR:END-->after <!--XSUPERVISOR:BEG not a token\n',
  );
  for (let cut = 0; cut <= stream.length; cut++) {
    for (const secondCut of [cut, Math.min(stream.length, cut + 7)]) {
      let logged = '';
      const comms: string[] = [];
      const scanner = new CaptureScanner(1000, {
        data: (d, captured) => {
          if (!captured) logged += d.toString();
        },
        comm: (body) => comms.push(body.toString()),
      });
      scanner.write(stream.subarray(0, cut));
      scanner.write(stream.subarray(cut, secondCut));
      scanner.write(stream.subarray(secondCut));
      scanner.end();
      assert.equal(logged, 'before\nmiddle\nafter <!--XSUPERVISOR:BEG not a token\n', `cut at ${cut}/${secondCut}`);
      assert.deepEqual(comms, ['payload one', ''], `cut at ${cut}/${secondCut}`);
    }
  }
});

test('capture buffer keeps only the newest captureMaxbytes bytes', () => {
  const comms: string[] = [];
  const scanner = new CaptureScanner(5, { data: () => {}, comm: (b) => comms.push(b.toString()) });
  scanner.write(Buffer.from('<!--XSUPERVISOR:BEGIN-->abc'));
  scanner.write(Buffer.from('defgh'));
  scanner.write(Buffer.from('ij<!--XSUPERVISOR:END-->'));
  assert.deepEqual(comms, ['fghij']);
});

test('channel: file, debug echo, log events and comm events like Supervisor _log()', async () => {
  const d = dir();
  const logfile = path.join(d, 'web.log');
  const mainLog = new MemoryLogger('debug');
  const events: string[] = [];
  const comms: string[] = [];
  const ch = createOutputChannel(
    options({
      logfile,
      stripAnsi: true,
      captureMaxbytes: 100,
      mainLog,
      onLogEvent: (b) => events.push(b.toString()),
      onCommEvent: (b) => comms.push(b.toString()),
    }),
  );
  ch.write(Buffer.from('\x1b[32mok\x1b[0m\n<!--XSUPERVISOR:BEGIN-->hidden<!--XSUPERVISOR:END-->'));
  ch.write(Buffer.from([0xff, 0x0a]));
  await ch.close();
  assert.deepEqual(fs.readFileSync(logfile), Buffer.from([...Buffer.from('ok\n'), 0xff, 0x0a]));
  assert.deepEqual(comms, ['hidden']);
  // captured data is still sent as PROCESS_LOG events (4.2.5 behaviour)
  assert.deepEqual(events.slice(0, 2), ['ok\n', 'hidden']);
  assert.deepEqual(
    mainLog.lines.map((l) => l.msg),
    [
      "'web' stdout output:\nok\n",
      "'web' stdout output:\nhidden",
      "'web' stdout emitted a comm event",
      "'web' stdout output:\nUndecodable: b'\\xff\\n'",
    ],
  );
});

test('write() keeps nothing of the caller\'s buffer: the file, capture and events have their own copies', async () => {
  const d = dir();
  const plain = createOutputChannel(options({ logfile: path.join(d, 'plain.log') }));
  const events: Buffer[] = [];
  const comms: string[] = [];
  const busy = createOutputChannel(
    options({
      logfile: path.join(d, 'busy.log'),
      captureMaxbytes: 100_000,
      onLogEvent: (b) => events.push(b),
      onCommEvent: (b) => comms.push(b.toString()),
    }),
  );
  const read = Buffer.alloc(64 * 1024);
  const feed = (ch: ReturnType<typeof createOutputChannel>, text: string): void => {
    const n = read.write(text);
    ch.write(read.subarray(0, n));
    read.fill(0x23); // the pipe reader's next read overwrites its buffer
  };
  const big = 'b'.repeat(40_000) + '\n';
  for (const ch of [plain, busy]) {
    feed(ch, 'one\n');
    feed(ch, big);
    feed(ch, '<!--XSUPERVISOR:BEGIN-->in');
    feed(ch, 'side<!--XSUPERVISOR:END-->two\n');
  }
  await plain.close();
  await busy.close();
  assert.equal(fs.readFileSync(path.join(d, 'plain.log'), 'utf8'),
    `one\n${big}<!--XSUPERVISOR:BEGIN-->inside<!--XSUPERVISOR:END-->two\n`);
  assert.equal(fs.readFileSync(path.join(d, 'busy.log'), 'utf8'), `one\n${big}two\n`);
  assert.deepEqual(comms, ['inside']);
  assert.equal(Buffer.concat(events).toString(), `one\n${big}insidetwo\n`);
});

test('no debug echo above debug level, and NONE logfile writes nothing', async () => {
  const mainLog = new MemoryLogger('info');
  const ch = createOutputChannel(options({ mainLog }));
  assert.equal(ch.write(Buffer.from('x\n')), true);
  await ch.close();
  assert.deepEqual(mainLog.lines, []);
});

async function consoleRun(
  format: 'raw' | 'prefix' | 'json',
  timestamps: boolean,
  chunks: Array<string | number>,
  channel: 'stdout' | 'stderr' = 'stdout',
): Promise<string> {
  const d = dir();
  const sink = fileSink(path.join(d, 'console'));
  const ch = createOutputChannel(
    options({ channel, console: { format, timestamps } }),
    { stdoutSink: sink, stderrSink: sink, consoleFlushDelayMs: 50 },
  );
  for (const c of chunks) {
    if (typeof c === 'number') await new Promise((r) => setTimeout(r, c));
    else ch.write(Buffer.from(c));
  }
  await ch.close();
  return sink.read();
}

test('console raw: bytes untouched', async () => {
  assert.equal(await consoleRun('raw', false, ['par', 'tial\nx']), 'partial\nx');
});

test('console prefix: lines split across reads are joined, the tail is flushed at end', async () => {
  assert.equal(await consoleRun('prefix', false, ['he', 'llo\nwor', 'ld\nta', 'il']), 'web | hello\nweb | world\nweb | tail\n');
});

test('console prefix: a partial line is flushed after the delay', async () => {
  const out = await consoleRun('prefix', false, ['waiting', 150, ' more\n']);
  assert.equal(out, 'web | waiting\nweb |  more\n');
});

test('console prefix with timestamps puts an RFC 3339 time first', async () => {
  const out = await consoleRun('prefix', true, ['a\n']);
  assert.match(out, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z web \| a\n$/);
});

test('console json: one object per line with program, process, pid and stream', async () => {
  const out = await consoleRun('json', false, ['one\r\ntw', 'o\n'], 'stderr');
  const records = out.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(
    records.map((r) => [r.program, r.process, r.pid, r.stream, r.message]),
    [
      ['web', 'web', 4242, 'stderr', 'one'],
      ['web', 'web', 4242, 'stderr', 'two'],
    ],
  );
  assert.match(records[0].time, /Z$/);
});

test('console lines longer than the cap are emitted in pieces', async () => {
  const long = 'x'.repeat(40 * 1024);
  const out = await consoleRun('prefix', false, [long + '\n']);
  const lines = out.trimEnd().split('\n');
  assert.deepEqual(lines.map((l) => l.length), [6 + 16384, 6 + 16384, 6 + 40 * 1024 - 32768]);
});

test('write() reports backpressure and onDrain fires once the file catches up', async () => {
  const logfile = path.join(dir(), 'bp.log');
  const ch = createOutputChannel(options({ logfile }), { highWaterMark: 64 * 1024 });
  const chunk = Buffer.alloc(32 * 1024, 0x62);
  let result: boolean | void = true;
  let writes = 0;
  while (result !== false && writes < 100) {
    result = ch.write(chunk);
    writes++;
  }
  assert.equal(result, false);
  await new Promise<void>((resolve) => ch.onDrain(resolve));
  await ch.close();
  assert.equal(fs.statSync(logfile).size, writes * chunk.length);
});

test('the channel survives EOF: the next run logs normally, outside any capture section', async () => {
  const logfile = path.join(dir(), 'runs.log');
  const comms: string[] = [];
  const ch = createOutputChannel(options({ logfile, captureMaxbytes: 100, onCommEvent: (b) => comms.push(b.toString()) }));
  ch.write(Buffer.from('run one <!--XSUPERVISOR:BEGIN-->unfinished'));
  ch.end();
  ch.write(Buffer.from('run two\n<'));
  ch.end();
  ch.write(Buffer.from('run three\n'));
  await ch.close();
  assert.equal(fs.readFileSync(logfile, 'utf8'), 'run one run two\n<run three\n');
  assert.deepEqual(comms, []);
});

test('an unopenable log file is reported like Supervisor\'s spawnerr and retried, never thrown', async () => {
  const d = dir();
  const logfile = path.join(d, 'later', 'web.log');
  const mainLog = new MemoryLogger('info');
  const ch = createOutputChannel(options({ logfile, mainLog }));
  assert.equal(ch.openError, "unknown error making dispatchers for 'web': ENOENT");
  assert.equal(mainLog.lines.length, 1);
  assert.equal(ch.write(Buffer.from('lost\n')), true);
  fs.mkdirSync(path.join(d, 'later'));
  ch.reopen();
  assert.equal(ch.openError, null);
  ch.write(Buffer.from('kept\n'));
  await ch.close();
  assert.equal(fs.readFileSync(logfile, 'utf8'), 'kept\n');
});

test('console json escapes what JSON needs and replaces invalid UTF-8', async () => {
  const tricky = ['say "hi"', 'back\\slash', 'tab\there', 'ctl\u0001', 'unicode é ✓ 😀', 'plain'];
  const out = await consoleRun('json', false, [tricky.join('\n') + '\n']);
  assert.deepEqual(out.trimEnd().split('\n').map((l) => JSON.parse(l).message), tricky);
  const d = dir();
  const sink = fileSink(path.join(d, 'console'));
  const ch = createOutputChannel(options({ console: { format: 'json', timestamps: false } }), { stdoutSink: sink });
  ch.write(Buffer.from([0x61, 0xff, 0x62, 0x0a]));
  await ch.close();
  assert.equal(JSON.parse(await sink.read()).message, 'a\ufffdb');
});

test('the log file is created at first use (the spawn asks for openError), not with the channel', async () => {
  const d = dir();
  const logfile = path.join(d, 'lazy.log');
  const never = path.join(d, 'never.log');
  const unused = createOutputChannel(options({ logfile: never }));
  const channel = createOutputChannel(options({ logfile }));
  assert.equal(fs.existsSync(logfile), false);
  channel.reopen(); // USR2 before any spawn: nothing to reopen, nothing created
  channel.clear(); // clearProcessLogs before any spawn: Supervisor has no dispatchers to clear
  assert.equal(fs.existsSync(logfile), false);
  assert.equal(channel.openError, null);
  assert.equal(fs.existsSync(logfile), true);
  channel.write(Buffer.from('hello\n'));
  await channel.close();
  await unused.close();
  assert.equal(fs.readFileSync(logfile, 'utf8'), 'hello\n');
  assert.equal(fs.existsSync(never), false, 'a channel never used leaves no file');
});

test('a log file that cannot be created fails at first use with Supervisor\'s spawn error text', async () => {
  const channel = createOutputChannel(options({ logfile: path.join(dir(), 'missing-dir', 'x.log'), processName: 'api' }));
  assert.equal(channel.openError, "unknown error making dispatchers for 'api': ENOENT");
  await channel.close();
});
