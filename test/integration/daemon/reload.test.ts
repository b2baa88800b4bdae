// Config reloads: SIGHUP with a broken config, and reread/update through the real supervisorctl.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { cleanup, DaemonUnderTest, hasDist, tempDir, writeConfig } from './harness.js';

const daemons: DaemonUnderTest[] = [];
const dirs: string[] = [];
after(async () => {
  for (const d of daemons) await d.kill();
  for (const dir of dirs) cleanup(dir);
});

function start(body: string): DaemonUnderTest {
  const dir = tempDir();
  dirs.push(dir);
  const d = new DaemonUnderTest('ours', dir, writeConfig(dir, body));
  daemons.push(d);
  return d;
}

function ctl(d: DaemonUnderTest, ...args: string[]) {
  return spawnSync('/usr/bin/supervisorctl', ['-c', d.configFile, ...args], { encoding: 'utf8', timeout: 20000 });
}

test('SIGHUP with a broken config exits 2 with the error', { skip: !hasDist }, async () => {
  const d = start('[program:p]\ncommand=/bin/sleep 1000\nstartsecs=0\n');
  await d.waitForLog(/success: p/);
  writeFileSync(d.configFile, readFileSync(d.configFile, 'utf8') + '\n[program:broken]\n');
  d.signal('SIGHUP');
  assert.equal(await d.waitForExit(), 2);
  assert.match(d.output, /Error: .*program:broken/);
});

test('reread and update add, change and remove groups', { skip: !hasDist }, async () => {
  const d = start('[program:keep]\ncommand=/bin/sleep 1000\nstartsecs=0\n\n[program:old]\ncommand=/bin/sleep 1000\nstartsecs=0\n');
  await d.waitForLog(/success: keep/);
  await d.waitForLog(/success: old/);
  const base = readFileSync(d.configFile, 'utf8').split('[program:keep]')[0];
  writeFileSync(d.configFile, `${base}[program:keep]\ncommand=/bin/sleep 1001\nstartsecs=0\n\n[program:new]\ncommand=/bin/sleep 1000\nstartsecs=0\n`);
  const reread = ctl(d, 'reread');
  assert.equal(reread.stdout, 'keep: changed\nnew: available\nold: disappeared\n');
  const update = ctl(d, 'update');
  assert.equal(update.status, 0, update.stderr);
  const status = ctl(d, 'status').stdout;
  assert.match(status, /^keep\s+RUNNING/m);
  assert.match(status, /^new\s+RUNNING/m);
  assert.doesNotMatch(status, /^old/m);
  assert.match(d.log(), /stopped: old/);
});

test('supervisorctl reload (supervisor.restart) restarts in the same process', { skip: !hasDist }, async () => {
  const d = start('[program:p]\ncommand=/bin/sleep 1000\nstartsecs=0\n');
  await d.waitForLog(/success: p/);
  const r = ctl(d, 'reload');
  assert.match(r.stdout, /Restarted supervisord/);
  await d.waitForLog(/spawned: 'p'[\s\S]*spawned: 'p'/);
  assert.equal(d.exitCode, null);
  assert.equal(d.rpc('supervisor.getPID'), d.pid);
});

test('a daemon started with a relative -c that changed directory still reloads', { skip: !hasDist }, async () => {
  const dir = tempDir();
  dirs.push(dir);
  writeConfig(dir, '[program:p]\ncommand=/bin/sleep 1000\nstartsecs=0\n', 'directory=/');
  const d = new DaemonUnderTest('ours', dir, 'supervisord.conf', []);
  daemons.push(d);
  assert.equal(await d.waitForExit(), 0, d.output);
  const daemonPid = Number(readFileSync(`${dir}/supervisord.pid`, 'utf8'));
  try {
    await d.waitForLog(/success: p/);
    process.kill(daemonPid, 'SIGHUP');
    await d.waitForLog(/spawned: 'p'[\s\S]*spawned: 'p'/);
    assert.equal(readlinkSync(`/proc/${daemonPid}/cwd`), '/');
  } finally {
    try { process.kill(daemonPid, 'SIGTERM'); } catch { /* gone */ }
  }
});
