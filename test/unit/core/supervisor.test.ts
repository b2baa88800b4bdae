import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Supervisor } from '../../../src/core/supervisor.js';
import { ProcessState as S, SupervisorState } from '../../../src/core/states.js';
import { BadNameError } from '../../../src/core/facade.js';
import type { Subprocess } from '../../../src/core/subprocess.js';
import type { LoadedConfig, ProcessGroupConfig } from '../../../src/config/model.js';
import { groupConfig, makeEnv, processConfig } from './fakes.js';

function loaded(groups: ProcessGroupConfig[], over: Partial<LoadedConfig['supervisord']> = {}): LoadedConfig {
  return {
    configFile: '/x.conf',
    supervisord: { identifier: 'supervisor', exitWhenAllExited: false, ...over } as LoadedConfig['supervisord'],
    groups, servers: [], rpcinterfaces: [], supervisorctl: null, warnings: [], infos: [],
  };
}

function setup(groups: ProcessGroupConfig[], over: Partial<LoadedConfig['supervisord']> = {}) {
  const f = makeEnv();
  let pending = loaded(groups, over);
  const sup = new Supervisor({
    config: loaded(groups, over),
    env: { clock: f.env.clock, launcher: f.env.launcher, logger: f.env.logger, channels: f.env.channels,
      resolveLogPath: () => null, stripAnsi: false },
    events: f.env.events,
    loadConfig: () => pending,
    diffGroups: (active, next) => ({
      added: next.filter((g) => !active.some((a) => a.name === g.name)).map((g) => g.name),
      changed: [],
      removed: active.filter((a) => !next.some((g) => g.name === a.name)).map((g) => g.name),
    }),
    mainLogPath: null,
    pid: 42,
  });
  const proc = (g: string, p = g) => sup.getGroup(g)!.processes.get(p) as Subprocess;
  return { ...f, sup, proc, setPending: (gs: ProcessGroupConfig[]) => { pending = loaded(gs, over); } };
}

const prog = (name: string, priority: number, over = {}) =>
  groupConfig(name, [processConfig({ name, programName: name, priority, ...over })], priority);

test('autostart spawns every group immediately in ascending priority', () => {
  const { sup, logger } = setup([prog('late', 900), prog('early', 1), prog('manual', 5, { autostart: false })]);
  void sup.start();
  assert.deepEqual(logger.visible.filter((l) => l.includes('spawned')),
    ["INFO spawned: 'early' with pid 100", "INFO spawned: 'late' with pid 101"]);
  assert.deepEqual(sup.groups().map((g) => g.name), ['early', 'manual', 'late']);
});

test('shutdown stops groups one at a time in descending priority and resolves when all stopped', async () => {
  const { sup, launcher, clock, proc, logger } = setup([prog('db', 1), prog('web', 10)]);
  const done = sup.start();
  clock.advance(1500);
  sup.shutdown();
  assert.equal(sup.state, SupervisorState.SHUTDOWN);
  assert.deepEqual(launcher.kills, [[101, 15]], 'only the highest priority group first');
  assert.ok(logger.visible.includes('INFO waiting for db, web to die'));
  launcher.children[1]!.exit(null, 'SIGTERM');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(launcher.kills, [[101, 15], [100, 15]], 'next group after the first is stopped');
  assert.equal(proc('web').state, S.STOPPED);
  launcher.children[0]!.exit(0);
  const outcome = await done;
  assert.deepEqual(outcome, { reason: 'shutdown', exitCode: 0 });
});

test('no autorestart during shutdown; BACKOFF processes give up', async () => {
  const { sup, launcher, proc } = setup([prog('a', 1, { autorestart: 'true' }), prog('b', 2)]);
  const done = sup.start();
  launcher.children[1]!.exit(1); // b dies too quickly -> BACKOFF
  assert.equal(proc('b').state, S.BACKOFF);
  sup.shutdown();
  assert.equal(proc('b').state, S.FATAL);
  launcher.children[0]!.exit(null, 'SIGTERM');
  assert.equal((await done).reason, 'shutdown');
  assert.equal(launcher.children.length, 2, 'nothing respawned');
});

test('killAll SIGKILLs every remaining process', async () => {
  const { sup, launcher, clock } = setup([prog('a', 1), prog('b', 2)]);
  const done = sup.start();
  clock.advance(1500);
  sup.shutdown();
  sup.killAll();
  assert.ok(launcher.kills.some(([pid, sig]) => pid === -100 && sig === 9));
  assert.ok(launcher.kills.some(([pid, sig]) => pid === -101 && sig === 9));
  launcher.children[0]!.exit(null, 'SIGKILL');
  launcher.children[1]!.exit(null, 'SIGKILL');
  assert.equal((await done).reason, 'shutdown');
});

test('critical program that exits for good shuts supervisord down with its exit code', async () => {
  const { sup, launcher, clock, logger } = setup([prog('job', 1, { critical: true, autorestart: 'false' }), prog('other', 2)]);
  const done = sup.start();
  clock.advance(1500);
  launcher.children[0]!.exit(7);
  assert.equal(sup.state, SupervisorState.SHUTDOWN);
  assert.ok(logger.lines.some((l) => l.startsWith('CRIT') && l.includes("critical process 'job' exited (exit status 7)")));
  launcher.children[1]!.exit(null, 'SIGTERM');
  assert.deepEqual(await done, { reason: 'shutdown', exitCode: 7 });
});

test('critical program killed by a signal exits with 128+signo; FATAL uses its last exit', async () => {
  const a = setup([prog('job', 1, { critical: true, autorestart: 'false' })]);
  const da = a.sup.start();
  a.clock.advance(1500);
  a.launcher.children[0]!.exit(null, 'SIGKILL');
  assert.equal((await da).exitCode, 137);
  const b = setup([prog('job', 1, { critical: true, startretries: 0 })]);
  const db = b.sup.start();
  b.launcher.children[0]!.exit(4);
  assert.equal((await db).exitCode, 4);
});

test('critical program restarted by autorestart does not stop supervisord', () => {
  const { sup, launcher, clock } = setup([prog('job', 1, { critical: true, autorestart: 'true' })]);
  void sup.start();
  clock.advance(1500);
  launcher.children[0]!.exit(1);
  assert.equal(sup.state, SupervisorState.RUNNING);
});

test('exit_when_all_exited: supervisord stops once every process is done for good', async () => {
  const { sup, launcher, clock } = setup([prog('a', 1, { autorestart: 'false' }), prog('b', 2, { autorestart: 'false' })],
    { exitWhenAllExited: true });
  const done = sup.start();
  clock.advance(1500);
  launcher.children[0]!.exit(0);
  assert.equal(sup.state, SupervisorState.RUNNING);
  launcher.children[1]!.exit(3);
  assert.deepEqual(await done, { reason: 'shutdown', exitCode: 0 });
});

test('reloadConfig / addProcessGroup / removeProcessGroup', () => {
  const { sup, setPending, launcher, clock, events } = setup([prog('a', 1)]);
  void sup.start();
  setPending([prog('a', 1), prog('b', 2)]);
  assert.deepEqual(sup.reloadConfig(), { added: ['b'], changed: [], removed: [] });
  assert.equal(sup.addProcessGroup('b'), true);
  assert.equal(sup.addProcessGroup('b'), false);
  assert.equal(launcher.children.length, 2, 'added group autostarts');
  assert.throws(() => sup.addProcessGroup('zzz'), BadNameError);
  assert.equal(sup.removeProcessGroup('b'), false, 'still running');
  clock.advance(1500);
  sup.getGroup('b')!.processes.get('b')!.stop();
  launcher.children[1]!.exit(0);
  assert.equal(sup.removeProcessGroup('b'), true);
  assert.equal(sup.getGroup('b'), undefined);
  assert.throws(() => sup.removeProcessGroup('b'), BadNameError);
  assert.ok(events.some((e) => e.name === 'PROCESS_GROUP_REMOVED'));
});

test('restart resolves with reason restart', async () => {
  const { sup, launcher } = setup([prog('a', 1)]);
  const done = sup.start();
  sup.restart();
  assert.equal(sup.state, SupervisorState.RESTARTING);
  launcher.children[0]!.exit(null, 'SIGTERM');
  assert.equal((await done).reason, 'restart');
});

test('shutdown reports the processes still running every 3 s', () => {
  const { sup, clock, logger } = setup([prog('a', 1, { stopwaitsecs: 100 })]);
  void sup.start();
  clock.advance(1500);
  sup.shutdown();
  const count = () => logger.visible.filter((l) => l === 'INFO waiting for a to die').length;
  assert.equal(count(), 1);
  clock.advance(2999);
  assert.equal(count(), 1);
  clock.advance(1);
  assert.equal(count(), 2);
});

test('a shutdown request during a restart ends in shutdown', async () => {
  const { sup, launcher } = setup([prog('a', 1)]);
  const done = sup.start();
  sup.restart();
  sup.shutdown();
  assert.equal(sup.state, SupervisorState.SHUTDOWN);
  launcher.children[0]!.exit(null, 'SIGTERM');
  assert.equal((await done).reason, 'shutdown');
});

test('a long autostart yields to the event loop and keeps priority order', async () => {
  const groups = Array.from({ length: 12 }, (_, i) => prog(`p${String(i).padStart(2, '0')}`, i));
  const { sup, launcher } = setup(groups);
  const launch = launcher.launch.bind(launcher);
  launcher.launch = () => { const end = performance.now() + 5; while (performance.now() < end) { /* slow spawn */ } return launch(); };
  void sup.start();
  const syncCount = launcher.children.length;
  assert.ok(syncCount > 0 && syncCount < 12, `spawned ${syncCount} before yielding`);
  const deadline = Date.now() + 5000;
  while (launcher.children.length < 12 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
  assert.equal(launcher.children.length, 12);
  assert.deepEqual(launcher.children.map((c) => c.pid), Array.from({ length: 12 }, (_, i) => 100 + i));
});

test('shutdown during autostart stops starting the rest', async () => {
  const groups = Array.from({ length: 12 }, (_, i) => prog(`p${String(i).padStart(2, '0')}`, i));
  const { sup, launcher } = setup(groups);
  const launch = launcher.launch.bind(launcher);
  launcher.launch = () => { const end = performance.now() + 5; while (performance.now() < end) { /* slow spawn */ } return launch(); };
  void sup.start();
  const before = launcher.children.length;
  sup.shutdown();
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  assert.equal(launcher.children.length, before);
});

test('critical program FATAL after exiting 0 too quickly exits 1, not 0', async () => {
  const { sup, launcher } = setup([prog('flap', 1, { critical: true, startretries: 0 })]);
  const done = sup.start();
  launcher.children[0]!.exit(0);
  assert.equal((await done).exitCode, 1);
});
