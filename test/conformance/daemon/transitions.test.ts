// The same configs under the real supervisord and ours: same state transitions (read from the log lines
// spawned:/success:/exited:/gave up:/stopped:) and the same exit code after SIGTERM.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, DaemonUnderTest, FIXTURES, hasDist, hasRealSupervisor, tempDir, writeConfig, type Flavor } from '../../integration/daemon/harness.js';

const daemons: DaemonUnderTest[] = [];
const dirs: string[] = [];
after(async () => {
  for (const d of daemons) await d.kill();
  for (const dir of dirs) cleanup(dir);
});

const skip = !hasRealSupervisor ? 'no /usr/bin/supervisord' : !hasDist ? 'not built' : false;

/** State-relevant log lines with pids removed. */
function transitions(d: DaemonUnderTest): string[] {
  return d.lines()
    .filter((l) => /^(INFO|WARN) (spawned:|spawnerr:|success:|exited:|gave up:|stopped:|killing ')/.test(l))
    .map((l) => l.replace(/with pid \d+/, 'with pid N'));
}

async function runBoth(body: string, until: RegExp, supervisordExtra = ''): Promise<Record<Flavor, { lines: string[]; code: number | null }>> {
  const run = async (flavor: Flavor) => {
    const dir = tempDir(`svconf-${flavor}-`);
    dirs.push(dir);
    const d = new DaemonUnderTest(flavor, dir, writeConfig(dir, body, supervisordExtra));
    daemons.push(d);
    await d.waitForLog(until, 20000);
    d.signal('SIGTERM');
    const code = await d.waitForExit(20000);
    return { lines: transitions(d), code };
  };
  const [real, ours] = await Promise.all([run('real'), run('ours')]);
  return { real, ours };
}

test('a program that stays up: spawned, success, stopped by SIGTERM', { skip }, async () => {
  const r = await runBoth('[program:up]\ncommand=/bin/sleep 1000\n', /success: up/);
  assert.deepEqual(r.ours.lines, r.real.lines);
  assert.deepEqual(r.ours.lines, [
    "INFO spawned: 'up' with pid N",
    'INFO success: up entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)',
    'WARN stopped: up (terminated by SIGTERM)',
  ]);
  assert.equal(r.ours.code, r.real.code);
});

test('a program that dies at once: backoff retries then FATAL', { skip }, async () => {
  const r = await runBoth("[program:bad]\ncommand=/bin/sh -c 'exit 3'\nstartsecs=5\nstartretries=2\n", /gave up: bad/);
  assert.deepEqual(r.ours.lines, r.real.lines);
  assert.equal(r.ours.lines.filter((l) => l.includes('spawned')).length, 3);
  assert.equal(r.ours.code, r.real.code);
});

test('an expected exit after startsecs with autorestart=unexpected stays EXITED', { skip }, async () => {
  const r = await runBoth("[program:job]\ncommand=/bin/sh -c 'sleep 1.5; exit 0'\nstartsecs=1\n", /exited: job/);
  assert.deepEqual(r.ours.lines, r.real.lines);
  assert.equal(r.ours.lines.at(-1), 'INFO exited: job (exit status 0; expected)');
});

test('an unexpected exit code is restarted; exitcodes make it expected', { skip }, async () => {
  const r = await runBoth([
    "[program:odd]\ncommand=/bin/sh -c 'sleep 1.5; exit 2'\nstartsecs=1\nexitcodes=0,2\n",
    "[program:fail]\ncommand=/bin/sh -c 'sleep 1.5; exit 1'\nstartsecs=1\nautorestart=false\n",
  ].join('\n'), /exited: fail[\s\S]*exited: odd|exited: odd[\s\S]*exited: fail/);
  const pick = (lines: string[], name: string) => lines.filter((l) => l.includes(` ${name} `) || l.includes(`'${name}'`));
  assert.deepEqual(pick(r.ours.lines, 'odd'), pick(r.real.lines, 'odd'));
  assert.deepEqual(pick(r.ours.lines, 'fail'), pick(r.real.lines, 'fail'));
  assert.ok(r.ours.lines.includes('WARN exited: fail (exit status 1; not expected)'));
  assert.ok(r.ours.lines.includes('INFO exited: odd (exit status 2; expected)'));
});

test('a command that cannot be found: spawnerr and FATAL', { skip }, async () => {
  const r = await runBoth('[program:ghost]\ncommand=/nonexistent/ghost\nstartretries=1\n', /gave up: ghost/);
  assert.deepEqual(r.ours.lines, r.real.lines);
  assert.ok(r.ours.lines.includes("INFO spawnerr: can't find command '/nonexistent/ghost'"));
  assert.equal(r.ours.code, r.real.code);
});

test('stop escalation: SIGKILL after stopwaitsecs, same lines', { skip }, async () => {
  const body = `[program:stubborn]\ncommand=/usr/bin/python3 ${FIXTURES}/ignore_term.py\nstopwaitsecs=1\nstdout_logfile=NONE\n`;
  const r = await runBoth(body, /success: stubborn/);
  // SIGKILL repeats every stopwaitsecs until the child is reaped; a loaded machine may show it twice
  const norm = (lines: string[]) => lines.map((l) => l.replace(/\(\d+\) with SIGKILL/, '(N) with SIGKILL'))
    .filter((l, i, all) => !(l.includes('with SIGKILL') && all[i - 1] === l));
  assert.deepEqual(norm(r.ours.lines), norm(r.real.lines));
  assert.ok(r.ours.lines.includes('WARN stopped: stubborn (terminated by SIGKILL)'));
  assert.equal(r.ours.code, r.real.code);
});
