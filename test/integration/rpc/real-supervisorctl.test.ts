// The real Python supervisorctl (4.2.5) driving our server: the protocol must be good enough for it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProcessState } from '../../../src/core/states.js';
import { startControlServers, type ControlServers } from '../../../src/rpc/server.js';
import { MemoryLogger, standardFacade, type FakeFacade } from '../../unit/rpc/fake-facade.js';
import { tempDir, unixServer, until } from './helpers.js';

const CTL = '/usr/bin/supervisorctl';
const available = existsSync(CTL);

let dir = '';
let cleanup = () => {};
let servers: ControlServers | null = null;
let facade: FakeFacade;

function ctl(...args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(CTL, ['-s', `unix://${join(dir, 'ours.sock')}`, ...args], { timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, out: stdout + stderr });
    });
  });
}

before(async () => {
  if (!available) return;
  ({ dir, cleanup } = tempDir('rpc-ctl-'));
  facade = standardFacade();
  facade.mainLogPath = join(dir, 'main.log');
  writeFileSync(facade.mainLogPath, 'line one\nline two\n');
  const cat = facade.process('cat');
  cat.stdoutLogPath = join(dir, 'cat.log');
  writeFileSync(cat.stdoutLogPath, 'meow\n');
  for (const p of [facade.process('sleeper'), facade.process('web', 'a'), facade.process('web', 'b')]) {
    p.onSpawn = (proc) => setTimeout(() => proc.becomeRunning(), 20);
  }
  servers = await startControlServers({
    servers: [unixServer(join(dir, 'ours.sock'))],
    facade,
    log: new MemoryLogger(),
    mainLogPath: () => facade.mainLogPath,
    web: null,
  });
});

after(async () => {
  await servers?.close();
  cleanup();
});

test('status lists every process', async (t) => {
  if (!available) return t.skip('no supervisorctl');
  const { out } = await ctl('status');
  const lines = out.trim().split('\n');
  assert.equal(lines.length, 4);
  assert.match(lines[0], /^cat\s+RUNNING\s+pid \d+, uptime 0:00:0\d$/);
  assert.match(lines[1], /^sleeper\s+STOPPED\s+Not started$/);
  assert.match(lines[2], /^web:a\s+STOPPED\s+Not started$/);
});

test('version, pid, avail, maintail, tail', async (t) => {
  if (!available) return t.skip('no supervisorctl');
  assert.equal((await ctl('version')).out.trim(), '4.2.5');
  assert.equal((await ctl('pid')).out.trim(), '4242');
  const avail = (await ctl('avail')).out;
  assert.match(avail, /^cat\s+in use\s+auto\s+10:10$/m);
  assert.match(avail, /^web:a\s+in use\s+auto\s+5:2$/m);
  assert.equal((await ctl('maintail')).out, 'line one\nline two\n\n', 'supervisorctl prints the text plus a newline');
  assert.equal((await ctl('tail', 'cat')).out, 'meow\n\n');
});

test('start, signal, stop through supervisorctl', async (t) => {
  if (!available) return t.skip('no supervisorctl');
  const started = await ctl('start', 'sleeper');
  assert.equal(started.out.trim(), 'sleeper: started');
  assert.equal(facade.process('sleeper').state, ProcessState.RUNNING);
  assert.equal((await ctl('start', 'sleeper')).out.trim(), 'sleeper: ERROR (already started)');
  assert.equal((await ctl('signal', 'HUP', 'sleeper')).out.trim(), 'sleeper: signalled');
  assert.deepEqual(facade.process('sleeper').signals, [1]);
  assert.equal((await ctl('stop', 'sleeper')).out.trim(), 'sleeper: stopped');
  assert.equal(facade.process('sleeper').state, ProcessState.STOPPED);
  const group = await ctl('start', 'web:*');
  assert.deepEqual(group.out.trim().split('\n').sort(), ['web:a: started', 'web:b: started']);
  assert.equal((await ctl('start', 'nope')).out.trim(), 'nope: ERROR (no such process)');
});

test('tail -f follows the log over /logtail (empty Host header, extra blank line)', async (t) => {
  if (!available) return t.skip('no supervisorctl');
  const child = spawn(CTL, ['-s', `unix://${join(dir, 'ours.sock')}`, 'tail', '-f', 'cat'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  try {
    await until(() => out.includes('meow'), 'the first tail output', 10_000);
    appendFileSync(join(dir, 'cat.log'), 'purr\n');
    await until(() => out.includes('purr'), 'followed output', 10_000);
  } finally {
    if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
  }
});
