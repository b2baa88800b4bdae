// Conformance: one config file with every container extension starts under the real Supervisor 4.2.5
// (which ignores the unknown options) and under ours; what each then does with them differs as documented.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DaemonUnderTest, hasDist, hasRealSupervisor, OUR_SUPERVISORD, ROOT, waitFor, writeConfig } from '../daemon/harness.js';
import { cleanUp, newDir, newTracker, readLines, waitLog } from './helpers.js';

const tracker = newTracker();
after(() => cleanUp(tracker));
const REAL_SUPERVISORCTL = '/usr/bin/supervisorctl';

const SUPERVISORD_EXTRAS = `env_file=global.env
console=true
console_format=json
console_timestamps=true
exit_when_all_exited=true`;

function programs(dir: string): string {
  return `[program:server]
command=/bin/sh -c 'echo "FROM_FILE=$FROM_FILE" > ${dir}/server.env; exec sleep 1000'
startsecs=0
env_file=prog.env
console=true
console_format=prefix
console_timestamps=false

[program:job]
command=/bin/sh -c 'sleep 0.5; exit 3'
startsecs=0
autorestart=false
critical=true
`;
}

function start(flavor: 'real' | 'ours'): DaemonUnderTest {
  const dir = newDir(tracker);
  writeFileSync(path.join(dir, 'global.env'), 'FROM_FILE=global\n');
  writeFileSync(path.join(dir, 'prog.env'), 'FROM_FILE=program\n');
  const conf = writeConfig(dir, programs(dir), SUPERVISORD_EXTRAS);
  const d = new DaemonUnderTest(flavor, dir, conf);
  tracker.daemons.push(d);
  return d;
}

test('the real supervisord ignores every extension option: it starts, status works, job exit does not stop it',
  { skip: hasRealSupervisor ? false : 'no /usr/bin/supervisord' }, async () => {
    const d = start('real');
    await waitLog(d, /success: server entered RUNNING state/);
    await waitLog(d, /exited: job \(exit status 3; not expected\)/);
    const status = spawnSync(REAL_SUPERVISORCTL, ['-c', d.configFile, 'status'], { encoding: 'utf8' });
    assert.match(status.stdout, /^server +RUNNING/m, status.stdout);
    assert.match(status.stdout, /^job +EXITED/m);
    // no env_file: the variable is simply absent
    await waitFor('server output', () => readLines(path.join(d.dir, 'server.env')).length > 0);
    assert.deepEqual(readLines(path.join(d.dir, 'server.env')), ['FROM_FILE=']);
    assert.equal(d.exitCode, null, 'critical=true and exit_when_all_exited=true have no effect');
    const shutdown = spawnSync(REAL_SUPERVISORCTL, ['-c', d.configFile, 'shutdown'], { encoding: 'utf8' });
    assert.match(shutdown.stdout, /Shut down/);
    assert.equal(await d.waitForExit(), 0);
  });

test('ours applies them on the same file: env_file, console, and the critical job ends the daemon with 3',
  { skip: hasDist ? false : 'not built (npx tsc -p tsconfig.json)' }, async () => {
    const d = start('ours');
    assert.equal(await d.waitForExit(), 3, d.log());
    assert.deepEqual(readLines(path.join(d.dir, 'server.env')), ['FROM_FILE=program']);
    assert.match(d.log(), /CRIT critical process 'job' exited/);
  });

test('the Docker example configuration is valid for ours and starts under the real supervisord', async (t) => {
  if (!hasDist) return t.skip('not built');
  const dir = newDir(tracker);
  const example = path.join(ROOT, 'examples', 'docker');
  // same file, with its absolute paths moved into the temp dir
  // the app.env path goes in last: the checkout itself may live under /tmp/
  const conf = readFileSync(path.join(example, 'supervisord.conf'), 'utf8')
    .replaceAll('/tmp/', `${dir}/`)
    .replaceAll('/var/log/', `${dir}/`)
    .replaceAll('logfile=/dev/null', `logfile=${dir}/supervisord.log`)
    .replaceAll('/etc/app.env', path.join(example, 'app.env'));
  const file = path.join(dir, 'supervisord.conf');
  writeFileSync(file, conf);
  const ours = spawnSync(process.execPath, [OUR_SUPERVISORD, '--validate', '-c', file], { encoding: 'utf8' });
  assert.equal(ours.status, 0, ours.stdout + ours.stderr);
  if (!hasRealSupervisor) return;
  const real = new DaemonUnderTest('real', dir, file);
  tracker.daemons.push(real);
  await waitLog(real, /spawnerr|spawned: 'web'|gave up|FATAL|INFO supervisord started/);
  const status = await waitFor('real status', () => {
    const r = spawnSync(REAL_SUPERVISORCTL, ['-c', file, 'status'], { encoding: 'utf8' });
    return /^web /m.test(r.stdout) ? r : undefined;
  });
  assert.match(status.stdout, /^worker /m);
  spawnSync(REAL_SUPERVISORCTL, ['-c', file, 'shutdown'], { encoding: 'utf8' });
  assert.equal(await real.waitForExit(), 0);
});
