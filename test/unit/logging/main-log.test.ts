import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createMainLogger } from '../../../src/logging/main-log.js';
import { asctime, formatMainLogLine } from '../../../src/logging/format.js';
import { pyBytesRepr, pyRepr as pyStrRepr } from '../../../src/python/repr.js';
import { fileSink, killIfRunning, useTempDirs } from './helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dir = useTempDirs();

const LINE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} (CRIT|ERRO|WARN|INFO|DEBG|TRAC|BLAT) .*$/;

test('asctime is local time with comma milliseconds', () => {
  const d = new Date(2026, 0, 2, 3, 4, 5, 7);
  assert.equal(asctime(d), '2026-01-02 03:04:05,007');
  assert.equal(formatMainLogLine(d, 'warn', 'hi'), '2026-01-02 03:04:05,007 WARN hi\n');
});

test('lines have the Supervisor format and levels are filtered', async () => {
  const file = path.join(dir(), 'supervisord.log');
  const log = createMainLogger();
  log.configure({ logfile: file, maxbytes: 0, backups: 0, level: 'info', echo: false });
  log.critical('c');
  log.error('e');
  log.warn('w');
  log.info('i');
  log.debug('d');
  log.trace('t');
  log.blather('b');
  assert.equal(log.enabled('info'), true);
  assert.equal(log.enabled('debug'), false);
  await log.close();
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  for (const l of lines) assert.match(l, LINE);
  assert.deepEqual(
    lines.map((l) => l.slice(24)),
    ['CRIT c', 'ERRO e', 'WARN w', 'INFO i'],
  );
});

test('messages logged before configure() are kept and filtered by the configured level', async () => {
  const file = path.join(dir(), 'early.log');
  const log = createMainLogger();
  log.warn('parse warning');
  log.debug('too chatty');
  log.configure({ logfile: file, maxbytes: 0, backups: 0, level: 'info', echo: false });
  log.info('started');
  await log.close();
  const text = fs.readFileSync(file, 'utf8');
  assert.match(text, /WARN parse warning\n.*INFO started\n$/);
  assert.doesNotMatch(text, /too chatty/);
});

test('the main log rotates by logfile_maxbytes / logfile_backups', async () => {
  const d = dir();
  const file = path.join(d, 'm.log');
  const log = createMainLogger();
  log.configure({ logfile: file, maxbytes: 200, backups: 2, level: 'info', echo: false });
  for (let i = 0; i < 40; i++) log.info(`message number ${i}`);
  await log.close();
  assert.deepEqual(fs.readdirSync(d).sort(), ['m.log', 'm.log.1', 'm.log.2']);
  assert.match(fs.readFileSync(`${file}.1`, 'utf8'), /INFO message number \d+\n/);
});

test('echo to stdout in text and JSON console formats', async () => {
  const d = dir();
  const sinkFile = path.join(d, 'console');
  const sink = fileSink(sinkFile);
  const log = createMainLogger();
  log.configure({ logfile: path.join(d, 'x.log'), maxbytes: 0, backups: 0, level: 'info', echo: true }, sink);
  log.info('text line');
  await log.close();
  assert.match(await sink.read(), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO text line\n$/);

  const sink2File = path.join(d, 'console2');
  const sink2 = fileSink(sink2File);
  const jlog = createMainLogger();
  jlog.configure({ logfile: null, maxbytes: 0, backups: 0, level: 'info', echo: true, consoleFormat: 'json' }, sink2);
  jlog.error('json "line"');
  await jlog.close();
  const record = JSON.parse(await sink2.read());
  assert.equal(record.level, 'ERROR');
  assert.equal(record.message, 'json "line"');
  assert.match(record.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

test('logfile=/dev/stdout with echo prints each line once (Supervisor prints it twice)', async () => {
  const d = dir();
  const script = path.join(d, 'main.mts');
  fs.writeFileSync(
    script,
    `import { createMainLogger } from ${JSON.stringify(path.join(root, 'src/logging/main-log.ts'))};
const log = createMainLogger();
log.configure({ logfile: '/dev/stdout', maxbytes: 1000, backups: 3, level: 'info', echo: true });
log.info('only once');
await log.close();
`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  let out = '';
  let err = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  try {
    assert.equal(await closed, 0, err);
  } finally {
    killIfRunning(child);
  }
  assert.equal(out.split('\n').filter((l) => l.includes('only once')).length, 1, out);
});

test('Python-style repr for the child output echo', () => {
  assert.equal(pyStrRepr('web'), "'web'");
  assert.equal(pyStrRepr("it's"), '"it\'s"');
  assert.equal(pyBytesRepr(Buffer.from([0x61, 0xff, 0x0a, 0x27])), 'b"a\\xff\\n\'"');
  assert.equal(pyBytesRepr(Buffer.from([0x5c, 0x80])), "b'\\\\\\x80'");
});

test('reconfigure (reload): the same file is kept, another file gets everything after the switch', async () => {
  const d = dir();
  const first = path.join(d, 'first.log');
  const second = path.join(d, 'second.log');
  const log = createMainLogger();
  const opts = { logfile: first, maxbytes: 0, backups: 0, level: 'info' as const, echo: false };
  log.configure(opts);
  log.info('one');
  log.configure(opts);
  log.info('two');
  log.configure({ ...opts, logfile: second });
  log.info('three');
  await log.close();
  assert.match(fs.readFileSync(first, 'utf8'), /INFO one\n.*INFO two\n$/);
  assert.match(fs.readFileSync(second, 'utf8'), /^[^\n]*INFO three\n$/);
});
