// The same child output through the real supervisord 4.2.5 and through our OutputChannel: the child
// log file (strip_ansi + capture mode) and the main log's debug echo (including `Undecodable: b'...'`)
// must come out identical, and every main log line must have the format our MainLog writes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createOutputChannel } from '../../../src/logging/output-channel.js';
import { formatMainLogLine } from '../../../src/logging/format.js';
import { killIfRunning, MemoryLogger, removeDir, tempDir, waitFor } from '../../unit/logging/helpers.js';

const hasSupervisor = fs.existsSync('/usr/bin/supervisord') && fs.existsSync('/usr/bin/python3');
const dirs: string[] = [];
const children: ChildProcess[] = [];
after(() => {
  children.forEach(killIfRunning);
  dirs.forEach(removeDir);
});

// what the children write, in one os.write each (so both sides see one chunk)
const CAPTURE_OUTPUT = Buffer.concat([
  Buffer.from('plain line\n\x1b[31mred\x1b[0m and \x1b[1;32mbold green\x1b[0m\n'),
  Buffer.from('before token <!--XSUPERVISOR:BEGIN-->captured \x1b[33mbody\x1b[0m<!--XSUPERVISOR:END-->'),
  Buffer.from('after the section, long enough to pass the token holdback\nEND-OF-OUTPUT\n'),
]);
const RAW_OUTPUT = Buffer.from([...Buffer.from('bytes: '), 0xff, 0xfe, 0x27, 0x5c, 0x0a]);

const LINE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} (CRIT|ERRO|WARN|INFO|DEBG|TRAC|BLAT) /;

function emitter(dir: string, name: string, data: Buffer): string {
  const script = path.join(dir, `${name}.py`);
  fs.writeFileSync(script, `import os, sys\nos.write(1, bytes.fromhex('${data.toString('hex')}'))\n`);
  return script;
}

test('child log and debug echo match real supervisord', async (t) => {
  if (!hasSupervisor) return t.skip('real Supervisor not installed');
  const d = tempDir();
  dirs.push(d);
  const conf = path.join(d, 'supervisord.conf');
  fs.writeFileSync(
    conf,
    `[supervisord]
nodaemon=true
silent=true
logfile=${d}/supervisord.log
pidfile=${d}/supervisord.pid
childlogdir=${d}
loglevel=debug
strip_ansi=true

[program:capture]
command=/usr/bin/python3 ${emitter(d, 'capture', CAPTURE_OUTPUT)}
autorestart=false
startsecs=0
stdout_logfile=${d}/capture.out
stdout_capture_maxbytes=1MB

[program:raw]
command=/usr/bin/python3 ${emitter(d, 'raw', RAW_OUTPUT)}
autorestart=false
startsecs=0
stdout_logfile=${d}/raw.out
`,
  );
  const sd = spawn('/usr/bin/supervisord', ['-c', conf], { stdio: 'ignore' });
  children.push(sd);
  const mainLogFile = path.join(d, 'supervisord.log');
  const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
  await waitFor(
    () => read(mainLogFile).includes("exited: capture") && read(mainLogFile).includes("exited: raw"),
    15000,
    'both programs to exit under supervisord',
  );
  process.kill(sd.pid!, 'SIGTERM');
  await new Promise((resolve) => (sd.exitCode !== null ? resolve(null) : sd.on('exit', resolve)));

  // ours, fed the same bytes
  const ourLog = new MemoryLogger('debug');
  const comms: string[] = [];
  const run = async (name: string, data: Buffer, capture: number) => {
    const ch = createOutputChannel({
      processName: name,
      groupName: name,
      channel: 'stdout',
      logfile: path.join(d, `${name}.ours`),
      maxbytes: 50 * 1024 * 1024,
      backups: 10,
      stripAnsi: true,
      captureMaxbytes: capture,
      console: null,
      mainLog: ourLog,
      getPid: () => 1,
      onLogEvent: null,
      onCommEvent: (b) => comms.push(b.toString()),
    });
    ch.write(data);
    ch.end();
    await ch.close();
  };
  await run('capture', CAPTURE_OUTPUT, 1024 * 1024);
  await run('raw', RAW_OUTPUT, 0);

  assert.deepEqual(fs.readFileSync(path.join(d, 'capture.ours')), fs.readFileSync(path.join(d, 'capture.out')));
  assert.deepEqual(fs.readFileSync(path.join(d, 'raw.ours')), fs.readFileSync(path.join(d, 'raw.out')));
  assert.deepEqual(comms, ['captured body']);

  const theirs = read(mainLogFile);
  // their first line has exactly the shape our MainLog writes
  assert.match(theirs.split('\n')[0], LINE);
  assert.match(formatMainLogLine(new Date(), 'info', 'x'), LINE);
  // the debug echo of the undecodable chunk, message for message
  const ourRawEcho = ourLog.lines.find((l) => l.msg.startsWith("'raw' stdout output:"))!.msg;
  assert.ok(theirs.includes(` DEBG ${ourRawEcho}\n`), `${ourRawEcho} not in\n${theirs}`);
  const ourComm = ourLog.lines.find((l) => l.msg.includes('emitted a comm event'))!.msg;
  assert.ok(theirs.includes(` DEBG ${ourComm}\n`), ourComm);
});
