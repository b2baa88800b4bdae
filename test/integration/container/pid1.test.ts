// supervisord as PID 1 of a PID namespace (what `docker run` gives it): zombie reaping, exit code
// propagation, docker stop. Runs under `unshare --pid --fork --mount-proc`; skipped where that is refused.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { hasDist, hasRealSupervisor, OUR_SUPERVISORD, REAL_SUPERVISORD, waitFor, writeConfig } from '../daemon/harness.js';
import { childrenOf, cleanUp, descendantsOf, newDir, newTracker, pidAlive, readPidFile, startOurs, waitLog } from './helpers.js';

const canUnshare = existsSync('/usr/bin/unshare')
  && spawnSync('/usr/bin/unshare', ['--pid', '--fork', '--mount-proc', '/bin/true']).status === 0;
const skip = !hasDist ? 'not built (npx tsc -p tsconfig.json)' : !canUnshare ? 'unshare --pid not permitted here' : false;

const tracker = newTracker();
const namespaces: ChildProcess[] = [];
after(async () => {
  for (const ns of namespaces) {
    const inside = descendantsOf(ns.pid!);
    try { process.kill(ns.pid!, 'SIGKILL'); } catch { /* gone */ }
    for (const pid of inside) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
  }
  await cleanUp(tracker);
});

interface Namespace {
  ns: ChildProcess;
  exited: Promise<number | null>;
  log(): string;
  /** supervisord's pid as seen from the host */
  daemonPid(): Promise<number>;
  /** wait for a log line; fails at once if the namespace ended */
  waitLog(pattern: RegExp, timeoutMs?: number): Promise<true>;
}

function startAsPid1(body: string, flavor: 'ours' | 'real' = 'ours'): Namespace {
  const dir = newDir(tracker);
  const conf = writeConfig(dir, body);
  const daemon = flavor === 'ours' ? [process.execPath, OUR_SUPERVISORD] : [REAL_SUPERVISORD];
  const ns = spawn('/usr/bin/unshare', ['--pid', '--fork', '--mount-proc', ...daemon, '-n', '-c', conf],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  namespaces.push(ns);
  let output = '';
  ns.stdout!.on('data', (b: Buffer) => { output += b.toString(); });
  ns.stderr!.on('data', (b: Buffer) => { output += b.toString(); });
  const exited = new Promise<number | null>((resolve) => ns.on('exit', (code) => resolve(code)));
  const logFile = path.join(dir, 'supervisord.log');
  const log = (): string => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  return {
    ns,
    exited,
    log,
    daemonPid: () => waitFor('daemon pid', () => childrenOf(ns.pid!)[0], 5000),
    waitLog: (pattern, timeoutMs = 10000) => waitFor(`log ${pattern}`, () => {
      if (pattern.test(log())) return true;
      if (ns.exitCode !== null) throw new Error(`namespace exited (${ns.exitCode}) before ${pattern}\n${output}\nlog:\n${log()}`);
      return undefined;
    }, timeoutMs),
  };
}

async function exitWithin(n: Namespace, ms: number): Promise<number | null> {
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref());
  const r = await Promise.race([n.exited, timer]);
  if (r === 'timeout') throw new Error(`namespace did not exit; log:\n${n.log()}`);
  return r;
}

/** the pid of a process in the namespace, as NSpid in /proc/<hostpid>/status lists it last */
function namespacePid(hostPid: number): number | undefined {
  try {
    const line = readFileSync(`/proc/${hostPid}/status`, 'utf8').split('\n').find((l) => l.startsWith('NSpid:'));
    return line ? Number(line.trim().split(/\s+/).pop()) : undefined;
  } catch {
    return undefined;
  }
}

function zombieChildren(ppid: number): number[] {
  return childrenOf(ppid).filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z';
    } catch {
      return false;
    }
  });
}

for (const flavor of ['ours', 'real'] as const) {
  const skipFlavor = flavor === 'real' && !skip && !hasRealSupervisor ? 'no /usr/bin/supervisord' : skip;
  test(`PID 1: an orphaned grandchild is reaped, no zombie left (${flavor})`, { skip: skipFlavor }, () => orphanReaped(flavor));
}

async function orphanReaped(flavor: 'ours' | 'real'): Promise<void> {
  const dir = newDir(tracker);
  const gcFile = path.join(dir, 'gc.pid');
  // the subshell exits at once, so its sleep is orphaned and re-parented to PID 1 (supervisord)
  const n = startAsPid1(`[program:parent]\ncommand=/bin/sh -c '(sleep 0.5 & echo $! > ${gcFile}); exec sleep 1000'\nstartsecs=0\n`,
    flavor);
  const nsGrandchild = await waitFor('grandchild pid', () => readPidFile(gcFile), 10000);
  const daemon = await n.daemonPid();
  // the subshell may not have exited yet when the pid file appears
  const hostGrandchild = await waitFor('the orphan re-parented to supervisord',
    () => childrenOf(daemon).find((pid) => namespacePid(pid) === nsGrandchild), 3000);
  await n.waitLog(/supervisord started with pid 1\b/);
  await n.waitLog(new RegExp(`reaped unknown pid ${nsGrandchild}\\b`));
  await waitFor('orphan gone', () => !existsSync(`/proc/${hostGrandchild}`), 3000);
  assert.deepEqual(zombieChildren(daemon), []);
  process.kill(daemon, 'SIGTERM');
  assert.equal(await exitWithin(n, 10000), 0);
}

test('PID 1: a critical program\'s exit code becomes the container\'s', { skip }, async () => {
  const n = startAsPid1("[program:app]\ncommand=/bin/sh -c 'sleep 0.3; exit 9'\ncritical=true\nautorestart=false\nstartsecs=0\n" +
    '[program:side]\ncommand=/bin/sleep 1000\nstartsecs=0\n');
  assert.equal(await exitWithin(n, 10000), 9, n.log());
  assert.match(n.log(), /stopped: side/);
});

/** PID 1 running one program that left a `sleep` in the background; the host pids of both */
async function svcWithBackgroundSleep(extra: string): Promise<{ n: Namespace; daemon: number; inside: number[] }> {
  const n = startAsPid1(`[program:svc]\ncommand=/bin/sh -c 'sleep 1000 & exec sleep 1000'\nstartsecs=0\n${extra}\n`);
  await n.waitLog(/success: svc/);
  const daemon = await n.daemonPid();
  const inside = await waitFor('svc and its background sleep', () => {
    const all = descendantsOf(daemon);
    return all.length >= 2 ? all : undefined;
  }, 5000);
  return { n, daemon, inside };
}

for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  test(`PID 1: ${sig} (docker stop) stops everything and exits 0`, { skip }, async () => {
    const { n, daemon, inside } = await svcWithBackgroundSleep('stopasgroup=true');
    process.kill(daemon, sig);
    assert.equal(await exitWithin(n, 10000), 0, n.log());
    assert.match(n.log(), /stopped: svc/);
    assert.deepEqual(inside.filter(pidAlive), []);
  });
}

test('PID 1: signals without a handler of ours are not fatal (SIGUSR1, SIGPIPE)', { skip }, async () => {
  const n = startAsPid1('[program:svc]\ncommand=/bin/sleep 1000\nstartsecs=0\n');
  await n.waitLog(/success: svc/);
  const daemon = await n.daemonPid();
  process.kill(daemon, 'SIGUSR1');
  process.kill(daemon, 'SIGPIPE');
  await waitFor('USR1 logged', () => /received SIGUSR1/.test(n.log()), 5000);
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(pidAlive(daemon), 'still running');
  process.kill(daemon, 'SIGTERM');
  assert.equal(await exitWithin(n, 10000), 0);
});

test('not PID 1: supervisord is a child subreaper, so orphans of its children are reaped by it too',
  { skip: hasDist ? false : 'not built' }, async () => {
    const dir = newDir(tracker);
    const gcFile = path.join(dir, 'gc.pid');
    const d = startOurs(tracker, dir, `[program:parent]\ncommand=/bin/sh -c '(sleep 0.5 & echo $! > ${gcFile}); exec sleep 1000'\nstartsecs=0\n`);
    const grandchild = await waitFor('grandchild pid', () => readPidFile(gcFile), 10000);
    await waitFor('re-parented to supervisord', () => childrenOf(d.pid).includes(grandchild) || !existsSync(`/proc/${grandchild}`));
    await waitLog(d, new RegExp(`reaped unknown pid ${grandchild} \\(exit status 0\\)`));
    assert.deepEqual(zombieChildren(d.pid), []);
    d.signal('SIGTERM');
    assert.equal(await d.waitForExit(), 0);
  });

test('PID 1: a background grandchild left behind by a graceful stop (no stopasgroup) ends with the container', { skip }, async () => {
  const { n, daemon, inside } = await svcWithBackgroundSleep('');
  process.kill(daemon, 'SIGTERM');
  assert.equal(await exitWithin(n, 10000), 0, n.log());
  await waitFor('no survivor', () => inside.every((pid) => !pidAlive(pid)), 3000);
});
