// critical=true and exit_when_all_exited=true: the container lives and dies with its programs.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { hasDist, waitFor } from '../daemon/harness.js';
import { cleanUp, gotSignal, newDir, newTracker, pidAlive, readLines, script, spawnedPid, startOurs, trapScript, waitLog } from './helpers.js';

const tracker = newTracker();
after(() => cleanUp(tracker));
const skip = hasDist ? false : 'not built (npx tsc -p tsconfig.json)';

/** two long-running neighbours that record the signal they are stopped with */
function neighbours(dir: string, marker: string): string {
  const web = trapScript(dir, 'web', marker);
  const worker = trapScript(dir, 'worker', marker, { signal: 'INT' });
  return [
    `[program:web]\ncommand=${web}\nstartsecs=0\npriority=20\n`,
    `[program:worker]\ncommand=${worker}\nstartsecs=0\nstopsignal=INT\npriority=30\n`,
  ].join('\n');
}

async function bothStarted(marker: string): Promise<void> {
  await waitFor('neighbours started', () => {
    const lines = readLines(marker);
    return lines.includes('web start') && lines.includes('worker start');
  });
}

function assertNeighboursStoppedGracefully(marker: string): void {
  const lines = readLines(marker);
  assert.equal(gotSignal(lines, 'web')?.signal, 'TERM', lines.join('\n'));
  assert.equal(gotSignal(lines, 'worker')?.signal, 'INT', 'its own stopsignal');
}

test('critical program goes FATAL: the others get their stopsignal, exit code is the program\'s', { skip }, async () => {
  const dir = newDir(tracker);
  const marker = path.join(dir, 'markers');
  const d = startOurs(tracker, dir, `${neighbours(dir, marker)}
[program:db]
command=/bin/sh -c 'sleep 0.3; exit 3'
critical=true
startsecs=1
startretries=1
priority=10
`);
  await bothStarted(marker);
  assert.equal(await d.waitForExit(15000), 3, d.log());
  assert.match(d.log(), /gave up: db entered FATAL state/);
  assert.match(d.log(), /CRIT critical process 'db' entered FATAL state/);
  assertNeighboursStoppedGracefully(marker);
  assert.match(d.log(), /stopped: web \(exit status 0\)/);
  assert.match(d.log(), /stopped: worker \(exit status 0\)/);
});

test('critical program killed by a signal: supervisord exits 128+signal', { skip }, async () => {
  const dir = newDir(tracker);
  const marker = path.join(dir, 'markers');
  const d = startOurs(tracker, dir, `${neighbours(dir, marker)}
[program:app]
command=/bin/sleep 1000
critical=true
autorestart=false
startsecs=0
`);
  await bothStarted(marker);
  const pid = await waitFor('app pid', () => spawnedPid(d.log(), 'app'));
  process.kill(pid, 'SIGKILL');
  assert.equal(await d.waitForExit(), 128 + 9, d.log());
  assert.match(d.log(), /CRIT critical process 'app' exited \(terminated by SIGKILL/);
  assertNeighboursStoppedGracefully(marker);
});

test('critical program that FATALs by a signal: 128+signal too', { skip }, async () => {
  const dir = newDir(tracker);
  const self = script(dir, 'suicide.sh', 'sleep 0.2\nkill -USR1 $$');
  const d = startOurs(tracker, dir, `[program:app]\ncommand=${self}\ncritical=true\nstartsecs=1\nstartretries=0\n`);
  assert.equal(await d.waitForExit(), 128 + 10, d.log());
  assert.match(d.log(), /exited: app \(terminated by SIGUSR1/);
});

test('critical program exits with autorestart=false: everything stops, its exit code is kept', { skip }, async () => {
  const dir = newDir(tracker);
  const marker = path.join(dir, 'markers');
  const job = script(dir, 'job.sh', `while ! grep -q 'worker start' ${marker} 2>/dev/null; do sleep 0.05; done\nexit 42`);
  const d = startOurs(tracker, dir, `${neighbours(dir, marker)}
[program:job]
command=${job}
critical=true
autorestart=false
startsecs=0
`);
  assert.equal(await d.waitForExit(), 42, d.log());
  assert.match(d.log(), /CRIT critical process 'job' exited \(exit status 42/);
  assertNeighboursStoppedGracefully(marker);
  for (const name of ['web', 'worker']) assert.equal(pidAlive(spawnedPid(d.log(), name)!), false, name);
});

test('critical program with an expected exit (autorestart=unexpected): supervisord exits 0', { skip }, async () => {
  const dir = newDir(tracker);
  const marker = path.join(dir, 'markers');
  const d = startOurs(tracker, dir, `${neighbours(dir, marker)}
[program:migrate]
command=/bin/sh -c 'sleep 0.5'
critical=true
autorestart=unexpected
exitcodes=0
startsecs=0
`);
  assert.equal(await d.waitForExit(), 0, d.log());
  assertNeighboursStoppedGracefully(marker);
});

test('a program without critical=true that dies does not stop supervisord', { skip }, async () => {
  const dir = newDir(tracker);
  const d = startOurs(tracker, dir, `[program:oneshot]\ncommand=/bin/sh -c 'exit 5'\nautorestart=false\nstartsecs=0\n
[program:keeper]\ncommand=/bin/sleep 1000\nstartsecs=0\n`);
  await waitLog(d, /exited: oneshot \(exit status 5/);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(d.exitCode, null, 'still running');
  d.signal('SIGTERM');
  assert.equal(await d.waitForExit(), 0);
});

test('exit_when_all_exited=true: batch programs finish, supervisord exits 0 after the last', { skip }, async () => {
  const dir = newDir(tracker);
  const marker = path.join(dir, 'markers');
  const d = startOurs(tracker, dir, `
[program:fast]\ncommand=/bin/sh -c 'echo fast done >> ${marker}'\nautorestart=false\nstartsecs=0\n
[program:slow]\ncommand=/bin/sh -c 'sleep 1; echo slow done >> ${marker}; exit 4'\nautorestart=false\nstartsecs=0\n
[program:pool]\ncommand=/bin/sh -c 'sleep 0.5; echo pool %(process_num)d done >> ${marker}'\nnumprocs=2
process_name=%(program_name)s_%(process_num)d\nautorestart=false\nstartsecs=0\n`, 'exit_when_all_exited=true');
  const t0 = Date.now();
  assert.equal(await d.waitForExit(), 0, d.log());
  assert.ok(Date.now() - t0 >= 900, 'waited for the slowest job');
  assert.deepEqual(readLines(marker).sort(), ['fast done', 'pool 0 done', 'pool 1 done', 'slow done']);
  assert.match(d.log(), /exit_when_all_exited/);
});

test('exit_when_all_exited=true keeps running while a program will restart', { skip }, async () => {
  const dir = newDir(tracker);
  const d = startOurs(tracker, dir, `[program:batch]\ncommand=/bin/sh -c 'exit 0'\nautorestart=false\nstartsecs=0\n
[program:server]\ncommand=/bin/sleep 1000\nstartsecs=0\n`, 'exit_when_all_exited=true');
  await waitLog(d, /exited: batch/);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(d.exitCode, null, 'server still RUNNING');
  d.signal('SIGTERM');
  assert.equal(await d.waitForExit(), 0);
});

test('critical program that can never start (no such command): supervisord exits 127', { skip }, async () => {
  const dir = newDir(tracker);
  const marker = path.join(dir, 'markers');
  const d = startOurs(tracker, dir, `${neighbours(dir, marker)}
[program:ghost]
command=${dir}/does-not-exist
critical=true
startretries=0
priority=900
`);
  assert.equal(await d.waitForExit(), 127, d.log());
  assert.match(d.log(), /CRIT critical process 'ghost' entered FATAL state/);
});

test('critical process of a numprocs pool: the first one gone for good decides the exit code', { skip }, async () => {
  const dir = newDir(tracker);
  const d = startOurs(tracker, dir, `[program:pool]
command=/bin/sh -c 'sleep 0.%(process_num)d; exit 1%(process_num)d'
process_name=%(program_name)s_%(process_num)d
numprocs=2
numprocs_start=3
critical=true
autorestart=false
startsecs=0
`);
  assert.equal(await d.waitForExit(), 13, d.log());
  assert.match(d.log(), /CRIT critical process 'pool_3' exited/);
});

test('stopping a critical program on purpose (supervisorctl stop) does not end supervisord', { skip }, async () => {
  const dir = newDir(tracker);
  const d = startOurs(tracker, dir, '[program:app]\ncommand=/bin/sleep 1000\nstartsecs=0\ncritical=true\n');
  await waitLog(d, /success: app/);
  assert.equal(d.rpc('supervisor.stopProcess', 'app', true), true);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(d.exitCode, null, 'still running');
  assert.equal((d.rpc('supervisor.getProcessInfo', 'app') as { statename: string }).statename, 'STOPPED');
  d.signal('SIGTERM');
  assert.equal(await d.waitForExit(), 0);
});

test('exit_when_all_exited=true with only autostart=false programs: nothing will run, supervisord exits 0 at once', { skip }, async () => {
  const dir = newDir(tracker);
  const d = startOurs(tracker, dir, '[program:manual]\ncommand=/bin/sleep 1000\nautostart=false\n', 'exit_when_all_exited=true');
  assert.equal(await d.waitForExit(), 0);
  assert.match(d.log(), /exit_when_all_exited/);
});

test('critical program FATAL after exiting 0 too quickly: the container does not report success', { skip }, async () => {
  const dir = newDir(tracker);
  const d = startOurs(tracker, dir, '[program:flap]\ncommand=/bin/true\ncritical=true\nstartsecs=1\nstartretries=0\n');
  const code = await d.waitForExit();
  assert.match(d.log(), /gave up: flap entered FATAL state/);
  assert.notEqual(code, 0);
});
