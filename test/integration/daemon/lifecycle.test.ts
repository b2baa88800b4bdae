// The real daemon: startup, pidfile, signals, restarts, backoff, stop escalation, process groups.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { cleanup, DaemonUnderTest, FIXTURES, hasDist, pidAlive, tempDir, waitFor, writeConfig } from './harness.js';

const daemons: DaemonUnderTest[] = [];
const dirs: string[] = [];
const extraPids: number[] = [];
after(async () => {
  for (const d of daemons) await d.kill();
  for (const pid of extraPids) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
  for (const dir of dirs) cleanup(dir);
});

function start(body: string, supervisordExtra = '', args = ['-n']): DaemonUnderTest {
  const dir = tempDir();
  dirs.push(dir);
  const conf = writeConfig(dir, body, supervisordExtra);
  const d = new DaemonUnderTest('ours', dir, conf, args);
  daemons.push(d);
  return d;
}

function processGroupMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') out.push(Number(name));
    } catch { /* gone */ }
  }
  return out;
}

const spawnedPid = (log: string, name: string, nth = 1): number | undefined => {
  const all = [...log.matchAll(new RegExp(`spawned: '${name}' with pid (\\d+)`, 'g'))];
  return all.length >= nth ? Number(all[nth - 1]![1]) : undefined;
};

test('startup writes the pidfile, SIGTERM stops children, removes the pidfile and exits 0', { skip: !hasDist }, async () => {
  const d = start('[program:sleeper]\ncommand=/bin/sleep 1000\n');
  await d.waitForLog(/success: sleeper entered RUNNING state/);
  const pidfile = path.join(d.dir, 'supervisord.pid');
  assert.equal(readFileSync(pidfile, 'utf8'), `${d.pid}\n`);
  assert.match(d.log(), new RegExp(`supervisord started with pid ${d.pid}`));
  const child = spawnedPid(d.log(), 'sleeper')!;
  d.signal('SIGTERM');
  assert.equal(await d.waitForExit(), 0);
  assert.match(d.log(), /WARN received SIGTERM indicating exit request/);
  assert.match(d.log(), /stopped: sleeper \(terminated by SIGTERM\)/);
  assert.equal(existsSync(pidfile), false);
  assert.equal(pidAlive(child), false);
  assert.equal(existsSync(path.join(d.dir, 's.sock')), false, 'socket unlinked');
});

test('a killed process is respawned within milliseconds', { skip: !hasDist }, async () => {
  const d = start('[program:victim]\ncommand=/bin/sleep 1000\nstartsecs=0\nautorestart=true\n');
  await d.waitForLog(/success: victim/);
  const first = spawnedPid(d.log(), 'victim')!;
  const t0 = Date.now();
  process.kill(first, 'SIGKILL');
  const second = await waitFor('respawn', () => spawnedPid(d.log(), 'victim', 2), 5000, 2);
  const elapsed = Date.now() - t0;
  assert.notEqual(second, first);
  assert.ok(elapsed < 500, `respawn took ${elapsed} ms`);
  assert.match(d.log(), /exited: victim \(terminated by SIGKILL; not expected\)/);
});

test('backoff: 1 s then 2 s between attempts, then FATAL after startretries', { skip: !hasDist }, async () => {
  const d = start("[program:crash]\ncommand=/bin/sh -c 'exit 1'\nstartretries=2\n");
  await d.waitForLog(/gave up: crash entered FATAL state, too many start retries too quickly/, 10000);
  const stamps = [...d.log().matchAll(/^(\S+ \S+) INFO spawned: 'crash'/gm)].map((m) => {
    const [date, time] = m[1]!.split(' ');
    return Date.parse(`${date}T${time!.replace(',', '.')}`);
  });
  assert.equal(stamps.length, 3, '1 + startretries attempts');
  const gap1 = stamps[1]! - stamps[0]!;
  const gap2 = stamps[2]! - stamps[1]!;
  assert.ok(gap1 >= 950 && gap1 < 2000, `first gap ${gap1}`);
  assert.ok(gap2 >= 1950 && gap2 < 3000, `second gap ${gap2}`);
  assert.equal((d.rpc('supervisor.getProcessInfo', 'crash') as { statename: string }).statename, 'FATAL');
});

test('stop escalation: a program ignoring TERM is SIGKILLed after stopwaitsecs', { skip: !hasDist }, async () => {
  const d = start(`[program:stubborn]\ncommand=/usr/bin/python3 ${FIXTURES}/ignore_term.py\nstopwaitsecs=1\nstartsecs=0\n`);
  await d.waitForLog(/success: stubborn/);
  await waitFor('child output', () => readFileSync(d.logFile, 'utf8').length > 0 && true);
  await new Promise((r) => setTimeout(r, 300)); // let python install its handler
  const pid = spawnedPid(d.log(), 'stubborn')!;
  const t0 = Date.now();
  d.signal('SIGTERM');
  assert.equal(await d.waitForExit(), 0);
  const elapsed = Date.now() - t0;
  assert.match(d.log(), new RegExp(`WARN killing 'stubborn' \\(${pid}\\) with SIGKILL`));
  assert.match(d.log(), /stopped: stubborn \(terminated by SIGKILL\)/);
  assert.ok(elapsed >= 900 && elapsed < 5000, `took ${elapsed} ms`);
});

test('stopasgroup kills grandchildren too', { skip: !hasDist }, async () => {
  const d = start("[program:family]\ncommand=/bin/sh -c 'sleep 1000 & sleep 1000'\nstopasgroup=true\nstartsecs=0\n");
  await d.waitForLog(/success: family/);
  const pid = spawnedPid(d.log(), 'family')!;
  // every process of the child's process group other than the child itself
  const kids = await waitFor('grandchildren', () => {
    const members = processGroupMembers(pid).filter((p) => p !== pid);
    return members.length >= 1 ? members : undefined;
  });
  extraPids.push(...kids);
  d.signal('SIGTERM');
  assert.equal(await d.waitForExit(), 0);
  await waitFor('grandchildren gone', () => kids.every((k) => !pidAlive(k)), 3000);
});

test('priority: start in ascending order, stop in descending order', { skip: !hasDist }, async () => {
  const d = start(['[program:c]\ncommand=/bin/sleep 1000\npriority=30\nstartsecs=0\n',
    '[program:a]\ncommand=/bin/sleep 1000\npriority=10\nstartsecs=0\n',
    '[program:b]\ncommand=/bin/sleep 1000\npriority=20\nstartsecs=0\n'].join('\n'));
  await d.waitForLog(/success: c/);
  await d.waitForLog(/success: b/);
  const starts = [...d.log().matchAll(/spawned: '(\w)'/g)].map((m) => m[1]);
  assert.deepEqual(starts, ['a', 'b', 'c']);
  d.signal('SIGTERM');
  assert.equal(await d.waitForExit(), 0);
  const stops = [...d.log().matchAll(/stopped: (\w) /g)].map((m) => m[1]);
  assert.deepEqual(stops, ['c', 'b', 'a']);
});

test('SIGHUP reloads in the same process and restarts the programs', { skip: !hasDist }, async () => {
  const d = start('[program:p]\ncommand=/bin/sleep 1000\nstartsecs=0\n');
  await d.waitForLog(/success: p/);
  const first = spawnedPid(d.log(), 'p')!;
  d.signal('SIGHUP');
  await d.waitForLog(/WARN received SIGHUP indicating restart request/);
  const second = await waitFor('respawn after reload', () => spawnedPid(d.log(), 'p', 2));
  assert.notEqual(second, first);
  assert.equal(pidAlive(first), false);
  assert.equal(d.exitCode, null, 'still running');
  assert.equal(readFileSync(path.join(d.dir, 'supervisord.pid'), 'utf8'), `${d.pid}\n`);
  assert.equal(d.rpc('supervisor.getPID'), d.pid);
});

test('SIGUSR2 reopens the main log', { skip: !hasDist }, async () => {
  const d = start('[program:p]\ncommand=/bin/sleep 1000\nstartsecs=0\n');
  await d.waitForLog(/success: p/);
  renameSync(d.logFile, `${d.logFile}.old`);
  d.signal('SIGUSR2');
  await waitFor('new log', () => existsSync(d.logFile));
  d.signal('SIGTERM');
  await d.waitForExit();
  assert.match(readFileSync(`${d.logFile}.old`, 'utf8'), /received SIGUSR2 indicating log reopen request/);
  assert.match(d.log(), /received SIGTERM/);
});

test('SIGUSR1 is logged and ignored', { skip: !hasDist }, async () => {
  const d = start('[program:p]\ncommand=/bin/sleep 1000\nstartsecs=0\n');
  await d.waitForLog(/success: p/);
  d.signal('SIGUSR1');
  await d.waitForLog(/received SIGUSR1 indicating nothing/);
  assert.equal(d.exitCode, null);
});

test('daemon mode detaches and writes the pidfile', { skip: !hasDist }, async () => {
  const d = start('[program:p]\ncommand=/bin/sleep 1000\nstartsecs=0\n', '', []);
  assert.equal(await d.waitForExit(), 0, d.output);
  const pidfile = path.join(d.dir, 'supervisord.pid');
  const daemonPid = Number(readFileSync(pidfile, 'utf8'));
  extraPids.push(daemonPid);
  assert.notEqual(daemonPid, d.pid);
  assert.ok(pidAlive(daemonPid));
  await d.waitForLog(/success: p/);
  process.kill(daemonPid, 'SIGTERM');
  await waitFor('daemon exit', () => !pidAlive(daemonPid));
  assert.equal(existsSync(pidfile), false);
});

test('a bad config exits 2 naming file and line', { skip: !hasDist }, async () => {
  const d = start('[program:bad]\ncommand=/bin/true\nstartsecs=notanumber\n');
  assert.equal(await d.waitForExit(), 2);
  assert.match(d.output, /^Error: .*notanumber/m);
  assert.match(d.output, /supervisord\.conf/);
  assert.match(d.output, /line \d+/);
  assert.match(d.output, /For help, use .* -h/);
});

test('critical=true: supervisord exits with the program exit code', { skip: !hasDist }, async () => {
  const d = start([
    "[program:job]\ncommand=/bin/sh -c 'sleep 0.5; exit 7'\ncritical=true\nautorestart=false\nstartsecs=0\n",
    '[program:other]\ncommand=/bin/sleep 1000\nstartsecs=0\n'].join('\n'));
  assert.equal(await d.waitForExit(), 7);
  assert.match(d.log(), /CRIT critical process 'job' exited \(exit status 7\)/);
  assert.match(d.log(), /stopped: other/);
});

test('a second SIGTERM during shutdown SIGKILLs what is left and exits promptly', { skip: !hasDist }, async () => {
  const d = start(`[program:stubborn]\ncommand=/usr/bin/python3 ${FIXTURES}/ignore_term.py\nstopwaitsecs=60\nstartsecs=0\n`);
  await d.waitForLog(/success: stubborn/);
  await new Promise((r) => setTimeout(r, 300));
  const pid = spawnedPid(d.log(), 'stubborn')!;
  d.signal('SIGTERM');
  await d.waitForLog(/waiting for stubborn to die/);
  const t0 = Date.now();
  d.signal('SIGTERM');
  assert.equal(await d.waitForExit(), 0);
  assert.ok(Date.now() - t0 < 6000, 'well before stopwaitsecs=60');
  assert.equal(pidAlive(pid), false);
});

test('exit_when_all_exited: the daemon exits 0 when every program is done', { skip: !hasDist }, async () => {
  const d = start([
    "[program:one]\ncommand=/bin/sh -c 'sleep 0.3'\nautorestart=false\nstartsecs=0\n",
    "[program:two]\ncommand=/bin/sh -c 'sleep 0.6; exit 3'\nautorestart=false\nstartsecs=0\n"].join('\n'),
  'exit_when_all_exited=true');
  assert.equal(await d.waitForExit(), 0);
  assert.match(d.log(), /exited: two \(exit status 3; not expected\)/);
});

test('user= drops supervisord privileges at startup (root only)', { skip: !hasDist || process.getuid?.() !== 0 }, async () => {
  const dir = tempDir();
  dirs.push(dir);
  chmodSync(dir, 0o777);
  const conf = writeConfig(dir, "[program:who]\ncommand=/bin/sh -c 'id -u; exec sleep 1000'\nstartsecs=0\n" +
    `stdout_logfile=${dir}/who.log\n`, 'user=nobody');
  const d = new DaemonUnderTest('ours', dir, conf);
  daemons.push(d);
  await d.waitForLog(/success: who/);
  await waitFor('child output', () => existsSync(`${dir}/who.log`) && readFileSync(`${dir}/who.log`, 'utf8').trim());
  assert.equal(readFileSync(`${dir}/who.log`, 'utf8').trim(), '65534');
  assert.doesNotMatch(d.log(), /Supervisor is running as root/);
  d.signal('SIGTERM');
  assert.equal(await d.waitForExit(), 0);
});
