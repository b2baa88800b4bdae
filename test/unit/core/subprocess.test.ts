import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Subprocess } from '../../../src/core/subprocess.js';
import { ProcessState as S } from '../../../src/core/states.js';
import type { GroupHandle } from '../../../src/core/facade.js';
import { groupConfig, makeEnv, processConfig } from './fakes.js';
import type { ProcessConfig } from '../../../src/config/model.js';

function setup(over: Partial<ProcessConfig> = {}) {
  const f = makeEnv();
  const cfg = processConfig(over);
  const group: GroupHandle = { config: groupConfig('web', [cfg]), name: 'web', processes: new Map() };
  const states: S[] = [];
  const proc = new Subprocess(cfg, group, f.env, {
    onStateChange: (_p, _from, to) => states.push(to), onSettled: () => undefined,
  });
  return { ...f, proc, states };
}

test('spawn then startsecs elapsed: STARTING -> RUNNING with Supervisor lines', () => {
  const { proc, clock, logger, events } = setup();
  proc.spawn();
  assert.equal(proc.state, S.STARTING);
  assert.equal(proc.pid, 100);
  clock.advance(1000);
  assert.equal(proc.state, S.STARTING, 'must stay up strictly longer than startsecs');
  clock.advance(1);
  assert.equal(proc.state, S.RUNNING);
  assert.deepEqual(logger.visible, [
    "INFO spawned: 'web' with pid 100",
    'INFO success: web entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)',
  ]);
  assert.deepEqual(events.map((e) => e.name), ['PROCESS_STATE_STARTING', 'PROCESS_STATE_RUNNING']);
  assert.equal(events[1]!.payload(), 'processname:web groupname:web from_state:STARTING pid:100');
});

test('startsecs=0 becomes RUNNING on the next timer turn', () => {
  const { proc, clock } = setup({ startsecs: 0 });
  proc.spawn();
  clock.advance(1);
  assert.equal(proc.state, S.RUNNING);
});

test('backoff schedule is linear 1 s, 2 s, 3 s and then FATAL after startretries', () => {
  const { proc, clock, launcher, logger, states } = setup({ startretries: 3 });
  const spawnTimes: number[] = [];
  const t0 = clock.now();
  proc.spawn();
  for (let i = 0; i < 4; i++) {
    spawnTimes.push(clock.now() - t0);
    launcher.last.exit(1);
    if (proc.state === S.FATAL) break;
    assert.equal(proc.state, S.BACKOFF);
    const before = launcher.children.length;
    clock.advance(proc.backoff * 1000 - 1);
    assert.equal(launcher.children.length, before, 'no respawn before the delay');
    clock.advance(1);
    assert.equal(launcher.children.length, before + 1);
  }
  assert.deepEqual(spawnTimes, [0, 1000, 3000, 6000]);
  assert.equal(proc.state, S.FATAL);
  assert.equal(launcher.children.length, 4, '1 + startretries attempts');
  assert.ok(logger.visible.includes('INFO gave up: web entered FATAL state, too many start retries too quickly'));
  assert.ok(logger.visible.includes('WARN exited: web (exit status 1; not expected)'));
  assert.equal(proc.spawnerr, 'Exited too quickly (process log may have details)');
  assert.deepEqual(states.slice(-2), [S.BACKOFF, S.FATAL]);
});

test('startretries=0: FATAL after the first failure', () => {
  const { proc, launcher } = setup({ startretries: 0 });
  proc.spawn();
  launcher.last.exit(0);
  assert.equal(proc.state, S.FATAL);
});

test('spawn error goes to BACKOFF with spawnerr and retries', () => {
  const { proc, launcher, logger, clock } = setup({ startretries: 1 });
  launcher.failWith = "can't find command 'foo'";
  proc.spawn();
  assert.equal(proc.state, S.BACKOFF);
  assert.equal(proc.spawnerr, "can't find command 'foo'");
  assert.ok(logger.visible.includes("INFO spawnerr: can't find command 'foo'"));
  clock.advance(1001);
  assert.equal(proc.state, S.FATAL);
});

test('exit after startsecs: expected exit is not restarted with autorestart=unexpected', () => {
  const { proc, launcher, clock, logger, events } = setup();
  proc.spawn();
  clock.advance(1500);
  launcher.last.exit(0);
  assert.equal(proc.state, S.EXITED);
  assert.equal(proc.exitstatus, 0);
  assert.equal(proc.pid, 0);
  assert.ok(logger.visible.includes('INFO exited: web (exit status 0; expected)'));
  assert.equal(events.at(-1)!.payload(), 'processname:web groupname:web from_state:RUNNING expected:1 pid:100');
});

test('unexpected exit restarts immediately with a new pid', () => {
  const { proc, launcher, clock, logger } = setup();
  proc.spawn();
  clock.advance(1500);
  launcher.last.exit(3);
  assert.equal(proc.state, S.STARTING);
  assert.equal(proc.pid, 101);
  assert.equal(proc.backoff, 0);
  assert.deepEqual(logger.visible.slice(-2), ['WARN exited: web (exit status 3; not expected)', "INFO spawned: 'web' with pid 101"]);
});

test('autorestart=true restarts expected exits; autorestart=false never restarts', () => {
  const a = setup({ autorestart: 'true' });
  a.proc.spawn(); a.clock.advance(1500); a.launcher.last.exit(0);
  assert.equal(a.proc.state, S.STARTING);
  const b = setup({ autorestart: 'false' });
  b.proc.spawn(); b.clock.advance(1500); b.launcher.last.exit(9);
  assert.equal(b.proc.state, S.EXITED);
  assert.equal(b.proc.spawnerr, 'Bad exit code 9');
});

test('exitcodes decide expectedness; killed by signal is never expected', () => {
  const a = setup({ exitcodes: [0, 2] });
  a.proc.spawn(); a.clock.advance(1500); a.launcher.last.exit(2);
  assert.equal(a.proc.state, S.EXITED);
  const b = setup({ exitcodes: [0] });
  b.proc.spawn(); b.clock.advance(1500); b.launcher.last.exit(null, 'SIGKILL');
  assert.equal(b.proc.state, S.STARTING, 'restarted: signal death is unexpected');
  assert.ok(b.logger.visible.includes('WARN exited: web (terminated by SIGKILL; not expected)'));
});

test('no autorestart while supervisord shuts down', () => {
  const { proc, launcher, clock, setMayRestart } = setup({ autorestart: 'true' });
  proc.spawn(); clock.advance(1500);
  setMayRestart(false);
  launcher.last.exit(1);
  assert.equal(proc.state, S.EXITED);
});

test('stop escalation: stopsignal, then SIGKILL every stopwaitsecs until reaped', () => {
  const { proc, launcher, clock, logger } = setup({ stopwaitsecs: 2 });
  proc.spawn(); clock.advance(1500);
  assert.equal(proc.stop(), null);
  assert.equal(proc.state, S.STOPPING);
  assert.deepEqual(launcher.kills, [[100, 15]]);
  clock.advance(1999);
  assert.equal(launcher.kills.length, 1);
  clock.advance(1);
  assert.deepEqual(launcher.kills[1], [100, 9]);
  assert.ok(logger.visible.includes("WARN killing 'web' (100) with SIGKILL"));
  clock.advance(2000);
  assert.deepEqual(launcher.kills[2], [100, 9], 'SIGKILL repeated');
  launcher.last.exit(null, 'SIGKILL');
  assert.equal(proc.state, S.STOPPED);
  assert.ok(logger.visible.includes('WARN stopped: web (terminated by SIGKILL)'));
  clock.advance(10000);
  assert.equal(launcher.kills.length, 3, 'no kill after reaping');
});

test('stopasgroup signals the process group; killasgroup the SIGKILL', () => {
  const { proc, launcher, clock } = setup({ stopasgroup: true, killasgroup: true, stopwaitsecs: 1 });
  proc.spawn(); clock.advance(1500);
  proc.stop();
  clock.advance(1000);
  assert.deepEqual(launcher.kills, [[-100, 15], [-100, 9]]);
});

test('stopped by TERM logs INFO when ... exit is expected, WARN otherwise', () => {
  const { proc, launcher, clock, logger, events } = setup();
  proc.spawn(); clock.advance(1500);
  proc.stop();
  launcher.last.exit(0);
  assert.equal(proc.state, S.STOPPED);
  assert.ok(logger.visible.includes('INFO stopped: web (exit status 0)'));
  assert.equal(events.at(-1)!.payload(), 'processname:web groupname:web from_state:STOPPING pid:100');
});

test('stop in BACKOFF goes to STOPPED without a signal; stop when stopped returns a message', () => {
  const { proc, launcher } = setup();
  proc.spawn();
  launcher.last.exit(1);
  assert.equal(proc.state, S.BACKOFF);
  assert.equal(proc.stop(), null);
  assert.equal(proc.state, S.STOPPED);
  assert.equal(launcher.kills.length, 0);
  assert.match(proc.stop() ?? '', /attempted to kill web with sig SIGTERM but it wasn't running/);
});

test('kill errors other than ESRCH put the process in UNKNOWN; ESRCH is ignored', () => {
  const a = setup();
  a.proc.spawn(); a.clock.advance(1500);
  a.launcher.killError = 'EPERM';
  assert.match(a.proc.stop() ?? '', /unknown problem killing web/);
  assert.equal(a.proc.state, S.UNKNOWN);
  const b = setup();
  b.proc.spawn(); b.clock.advance(1500);
  b.launcher.killError = 'ESRCH';
  assert.equal(b.proc.stop(), null);
  assert.equal(b.proc.state, S.STOPPING);
});

test('shutdown gives up a BACKOFF process (FATAL) without the gave-up line', () => {
  const { proc, launcher, logger } = setup();
  proc.spawn();
  launcher.last.exit(1);
  proc.shutdown();
  assert.equal(proc.state, S.FATAL);
  assert.ok(!logger.visible.some((l) => l.includes('gave up')));
});

test('nextStateChange resolves on the next transition', async () => {
  const { proc, clock } = setup();
  proc.spawn();
  const p = proc.nextStateChange();
  clock.advance(1001);
  assert.equal(await p, S.RUNNING);
});

test('writeStdin without a child throws NoStdinError', () => {
  const { proc } = setup();
  assert.throws(() => proc.writeStdin(Buffer.from('x')), /no stdin/);
});

test('a startsecs timer that fires early is re-armed instead of being lost', () => {
  const f = makeEnv();
  // a clock whose timers fire 5 ms early, like Node's cached loop time can
  const early = { ...f.env.clock, now: () => f.clock.now(), setTimer: (ms: number, fn: () => void) => f.clock.setTimer(ms > 5 ? ms - 5 : ms, fn), clearTimer: (id: unknown) => f.clock.clearTimer(id) };
  const cfg = processConfig();
  const group: GroupHandle = { config: groupConfig('web', [cfg]), name: 'web', processes: new Map() };
  const proc = new Subprocess(cfg, group, { ...f.env, clock: early }, { onStateChange: () => undefined, onSettled: () => undefined });
  proc.spawn();
  f.clock.advance(996);
  assert.equal(proc.state, S.STARTING);
  f.clock.advance(10);
  assert.equal(proc.state, S.RUNNING);
});

test('a log file that cannot be opened fails the spawn with its message', () => {
  const f = makeEnv();
  const broken = { write() { return true; }, end() {}, reopen() {}, clear() {}, async close() {},
    openError: "unknown error making dispatchers for 'web': EACCES" };
  const cfg = processConfig();
  const group: GroupHandle = { config: groupConfig('web', [cfg]), name: 'web', processes: new Map() };
  const proc = new Subprocess(cfg, group, { ...f.env, channels: { create: () => broken } },
    { onStateChange: () => undefined, onSettled: () => undefined });
  proc.spawn();
  assert.equal(proc.state, S.BACKOFF);
  assert.equal(proc.spawnerr, "unknown error making dispatchers for 'web': EACCES");
  assert.equal(f.launcher.children.length, 0);
});
