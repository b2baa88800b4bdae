// supervisord as PID 1 (containers): orphaned grandchildren are reaped, no zombie is left behind.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup, FIXTURES, hasDist, OUR_SUPERVISORD, tempDir, waitFor, writeConfig } from './harness.js';

const canUnshare = existsSync('/usr/bin/unshare')
  && spawnSync('/usr/bin/unshare', ['--pid', '--fork', '--mount-proc', '/bin/true']).status === 0;

const cleanups: Array<() => void> = [];
after(() => { for (const c of cleanups) c(); });

function childrenOf(pid: number): number[] {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return text ? text.split(/\s+/).map(Number) : [];
  } catch {
    return [];
  }
}

function zombiesUnder(ppid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z' && Number(fields[1]) === ppid) out.push(Number(name));
    } catch { /* gone */ }
  }
  return out;
}

test('as PID 1, orphaned grandchildren are reaped', { skip: !hasDist ? 'not built' : !canUnshare ? 'no unshare' : false }, async () => {
  const dir = tempDir();
  const conf = writeConfig(dir, `[program:orphans]\ncommand=/bin/sh ${path.join(FIXTURES, 'orphan_maker.sh')} 0.2\nstartsecs=0\n`);
  const ns = spawn('/usr/bin/unshare', ['--pid', '--fork', '--mount-proc', process.execPath, OUR_SUPERVISORD, '-n', '-c', conf],
    { stdio: 'ignore' });
  cleanups.push(() => {
    try { process.kill(ns.pid!, 'SIGKILL'); } catch { /* gone */ }
    for (const pid of childrenOf(ns.pid!)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
    cleanup(dir);
  });
  const logFile = path.join(dir, 'supervisord.log');
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  await waitFor('reaped line', () => /INFO reaped unknown pid \d+ \(exit status 0\)/.test(log()), 15000);
  assert.match(log(), /supervisord started with pid 1\b/);
  const daemonHostPid = await waitFor('daemon pid', () => childrenOf(ns.pid!)[0], 5000);
  assert.deepEqual(zombiesUnder(daemonHostPid), []);
  process.kill(daemonHostPid, 'SIGTERM');
  await waitFor('namespace exit', () => ns.exitCode !== null, 10000);
  assert.match(log(), /stopped: orphans/);
});

test('as PID 1, a SIGKILLed supervisord leaves no child behind', { skip: !hasDist ? 'not built' : !canUnshare ? 'no unshare' : false }, async () => {
  const dir = tempDir();
  const conf = writeConfig(dir, '[program:sleeper]\ncommand=/bin/sleep 1000\nstartsecs=0\n');
  const ns = spawn('/usr/bin/unshare', ['--pid', '--fork', '--mount-proc', process.execPath, OUR_SUPERVISORD, '-n', '-c', conf],
    { stdio: 'ignore' });
  cleanups.push(() => {
    try { process.kill(ns.pid!, 'SIGKILL'); } catch { /* gone */ }
    cleanup(dir);
  });
  const logFile = path.join(dir, 'supervisord.log');
  await waitFor('running', () => existsSync(logFile) && /success: sleeper/.test(readFileSync(logFile, 'utf8')), 15000);
  const daemonHostPid = await waitFor('daemon pid', () => childrenOf(ns.pid!)[0], 5000);
  const sleeper = await waitFor('sleeper pid', () => childrenOf(daemonHostPid).find((pid) => {
    try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('/bin/sleep'); } catch { return false; }
  }), 5000);
  process.kill(daemonHostPid, 'SIGKILL');
  await waitFor('sleeper gone', () => {
    try {
      const stat = readFileSync(`/proc/${sleeper}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z';
    } catch {
      return true;
    }
  }, 5000);
});
