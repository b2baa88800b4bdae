// End to end through our supervisord: a program flooding its stdout into a small rotating log loses,
// reorders and duplicates nothing (backpressure pauses the child instead), and console=true copies
// another program's output to supervisord's stdout in prefix format while tee-ing it to its log file.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { killIfRunning, readRotated, removeDir, tempDir, waitFor } from '../../unit/logging/helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dirs: string[] = [];
const children: ChildProcess[] = [];
after(() => {
  children.forEach(killIfRunning);
  dirs.forEach(removeDir);
});

const LINES = 200_000;

/** Start our supervisord in `d` with the given program sections; stdout is collected. */
function startSupervisord(d: string, programs: string, supervisordExtra = ''): { sd: ChildProcess; exited: Promise<unknown>; out: () => string; err: () => string } {
  const conf = path.join(d, 'supervisord.conf');
  fs.writeFileSync(
    conf,
    `[supervisord]
nodaemon=true
logfile=${d}/supervisord.log
pidfile=${d}/supervisord.pid
childlogdir=${d}
${supervisordExtra}

${programs}`,
  );
  const sd = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/supervisord.ts'), '-c', conf], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(sd);
  const exited = new Promise((resolve) => sd.on('exit', resolve));
  let out = '';
  let err = '';
  sd.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  sd.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  return { sd, exited, out: () => out, err: () => err };
}

function stop(sd: ChildProcess): void {
  if (sd.exitCode === null && sd.signalCode === null) process.kill(sd.pid!, 'SIGTERM');
}

const read = (f: string): string => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');

test('our supervisord: lossless rotation under a flood, console prefix copy', async () => {
  const d = tempDir();
  dirs.push(d);
  const flood = path.join(d, 'flood.js');
  fs.writeFileSync(
    flood,
    `let s = '';
for (let i = 0; i < ${LINES}; i++) { s += 'line ' + i + '\\n'; if (s.length > 60000) { require('fs').writeSync(1, s); s = ''; } }
require('fs').writeSync(1, s);
`,
  );
  const hello = path.join(d, 'hello.js');
  fs.writeFileSync(hello, `process.stdout.write('hello from the console\\nsplit '); setTimeout(() => process.stdout.write('line\\n'), 50);`);
  const { sd, exited, out, err } = startSupervisord(
    d,
    `[program:flood]
command=${process.execPath} ${flood}
autorestart=false
startsecs=0
stdout_logfile=${d}/flood.log
stdout_logfile_maxbytes=64KB
stdout_logfile_backups=200

[program:hello]
command=${process.execPath} ${hello}
autorestart=false
startsecs=0
stdout_logfile=${d}/hello.log
console=true
console_format=prefix
`,
  );
  const mainLog = path.join(d, 'supervisord.log');
  try {
    await waitFor(
      () => read(mainLog).includes('exited: flood') && read(mainLog).includes('exited: hello'),
      110_000,
      () => `both programs to exit; main log:\n${read(mainLog)}\nstderr:\n${err()}`,
    );
  } finally {
    stop(sd);
  }
  await exited;

  const all = readRotated(path.join(d, 'flood.log'), 200).toString();
  const lines = all.split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, LINES, 'every line exactly once');
  for (let i = 0; i < LINES; i++) if (lines[i] !== `line ${i}`) assert.fail(`line ${i} is ${JSON.stringify(lines[i])}`);
  assert.ok(fs.existsSync(path.join(d, 'flood.log.10')), 'the log rotated many times');

  assert.match(out(), /^hello \| hello from the console$/m, err());
  assert.match(out(), /^hello \| split line$/m);
  assert.equal(read(path.join(d, 'hello.log')), 'hello from the console\nsplit line\n');
});

test('our supervisord: SIGUSR2 after an external rename (logrotate) continues in a new file, nothing lost', async () => {
  const d = tempDir();
  dirs.push(d);
  const ticker = path.join(d, 'ticker.js');
  fs.writeFileSync(ticker, `let i = 0; setInterval(() => process.stdout.write('tick ' + i++ + '\\n'), 5);`);
  const { sd, exited } = startSupervisord(
    d,
    `[program:ticker]
command=${process.execPath} ${ticker}
startsecs=0
stdout_logfile=${d}/ticker.log
stopsignal=KILL
`,
  );
  const log = path.join(d, 'ticker.log');
  const main = path.join(d, 'supervisord.log');
  try {
    await waitFor(() => read(log).split('\n').length > 20, 30_000, 'ticks');
    fs.renameSync(log, `${log}.old`);
    fs.renameSync(main, `${main}.old`);
    process.kill(sd.pid!, 'SIGUSR2');
    await waitFor(() => read(log).split('\n').length > 20, 30_000, 'ticks in the reopened file');
  } finally {
    stop(sd);
  }
  await exited;
  const lines = (read(`${log}.old`) + read(log)).trimEnd().split('\n');
  lines.forEach((l, i) => assert.equal(l, `tick ${i}`));
  // like Supervisor, the reopen is announced in the old file; what follows goes to the new one
  assert.match(read(`${main}.old`), /INFO supervisord logreopen\n$/);
  assert.match(read(main), /received SIGTERM indicating exit request/);
});

test('our supervisord: console_format=json gives JSON lines for the main log and for program output', async () => {
  const d = tempDir();
  dirs.push(d);
  const app = path.join(d, 'app.js');
  fs.writeFileSync(app, `console.log('{"not": "nested"}'); console.error('to stderr');`);
  const { sd, exited, out } = startSupervisord(
    d,
    `[program:app]
command=${process.execPath} ${app}
autorestart=false
startsecs=0
stdout_logfile=NONE
stderr_logfile=NONE
`,
    'console=true\nconsole_format=json',
  );
  try {
    await waitFor(() => read(path.join(d, 'supervisord.log')).includes('exited: app'), 30_000, 'app to exit');
    await waitFor(() => out().includes('exited: app'), 5000, 'the echo of the exit');
  } finally {
    stop(sd);
  }
  await exited;
  const records = out()
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const program = records.find((r) => r.stream === 'stdout');
  assert.deepEqual(
    program && { program: program.program, process: program.process, message: program.message },
    { program: 'app', process: 'app', message: '{"not": "nested"}' },
  );
  assert.equal(typeof program?.pid, 'number');
  assert.ok(records.some((r) => r.level === 'INFO' && typeof r.message === 'string' && r.message.includes('spawned')));
  // stderr output goes to supervisord's stderr, not here
  assert.ok(!records.some((r) => r.message === 'to stderr'));
});
