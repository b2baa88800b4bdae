// `supervisorctl wait` (ours) against our daemon, the way a container entrypoint or HEALTHCHECK uses it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { hasDist, ROOT, writeConfig } from '../daemon/harness.js';
import { cleanUp, newDir, newTracker, startOurs, waitLog } from './helpers.js';

const OUR_SUPERVISORCTL = path.join(ROOT, 'bin', 'supervisorctl.js');
const tracker = newTracker();
after(() => cleanUp(tracker));
const skip = hasDist ? false : 'not built (npx tsc -p tsconfig.json)';

interface CtlResult { code: number | null; stdout: string; ms: number }

function ctl(conf: string, args: string[], timeoutMs = 20000): Promise<CtlResult> {
  const t0 = Date.now();
  const child = spawn(process.execPath, [OUR_SUPERVISORCTL, '-c', conf, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { stdout += d.toString(); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`supervisorctl ${args.join(' ')} hung: ${stdout}`));
    }, timeoutMs);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, stdout, ms: Date.now() - t0 }); });
  });
}

const PROGRAMS = `[program:web]\ncommand=/bin/sleep 1000\nstartsecs=1\n
[program:pool]\ncommand=/bin/sleep 1000\nnumprocs=2\nprocess_name=%(program_name)s_%(process_num)d\nstartsecs=1\n
[program:manual]\ncommand=/bin/sleep 1000\nautostart=false\n
[program:broken]\ncommand=/bin/sh -c 'exit 1'\nstartsecs=1\nstartretries=0\nautostart=false\n`;

test('wait started before supervisord: returns 0 once the programs are RUNNING', { skip }, async () => {
  const dir = newDir(tracker);
  const conf = writeConfig(dir, PROGRAMS);
  const waiting = ctl(conf, ['wait', '--timeout', '15', 'web', 'pool:*']);
  await new Promise((r) => setTimeout(r, 300)); // the socket does not exist yet
  startOurs(tracker, dir, PROGRAMS);
  const r = await waiting;
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.stdout, '');
  assert.ok(r.ms >= 1000, `waited for startsecs (${r.ms} ms)`);
  const status = await ctl(conf, ['status', 'web', 'pool:*']);
  assert.equal(status.code, 0, status.stdout);
  assert.equal(status.stdout.match(/RUNNING/g)?.length, 3);
});

test('wait times out with exit 1 listing what is not RUNNING; FATAL exits 1 at once', { skip }, async () => {
  const dir = newDir(tracker);
  const d = startOurs(tracker, dir, PROGRAMS);
  const conf = d.configFile;
  assert.equal((await ctl(conf, ['wait', '--timeout', '10', 'web'])).code, 0);

  const timeout = await ctl(conf, ['wait', '--timeout=1', 'manual', 'web']);
  assert.equal(timeout.code, 1);
  assert.ok(timeout.ms >= 900 && timeout.ms < 5000, `${timeout.ms} ms`);
  assert.match(timeout.stdout, /^Error: timed out after 1 seconds; not RUNNING:\nmanual +STOPPED/);

  d.rpc('supervisor.startProcess', 'broken', false);
  const fatal = await ctl(conf, ['wait', '--timeout', '15', 'broken']);
  assert.equal(fatal.code, 1);
  assert.equal(fatal.stdout, 'broken: ERROR (FATAL)\n');
  assert.ok(fatal.ms < 5000, `${fatal.ms} ms`);
});

test('HEALTHCHECK form: `wait --timeout 4 all` fails while a program is down, passes once it runs', { skip }, async () => {
  const dir = newDir(tracker);
  const d = startOurs(tracker, dir, '[program:web]\ncommand=/bin/sleep 1000\nstartsecs=0\n[program:late]\ncommand=/bin/sleep 1000\nautostart=false\n');
  await waitLog(d, /success: web/);
  const down = await ctl(d.configFile, ['wait', '--timeout', '0.5', 'all']);
  assert.equal(down.code, 1, down.stdout);
  d.rpc('supervisor.startProcess', 'late', true);
  const up = await ctl(d.configFile, ['wait', '--timeout', '30', 'all']);
  assert.equal(up.code, 0, up.stdout);
});
