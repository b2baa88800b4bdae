// The RPC methods on the real core (Supervisor + Subprocess state machine) with the core's fake
// clock and launcher: checks our assumptions about spawn/stop/nextStateChange hold for the real thing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LoadedConfig, ProcessGroupConfig } from '../../../src/config/model.js';
import { Supervisor } from '../../../src/core/supervisor.js';
import { ProcessState } from '../../../src/core/states.js';
import { buildRegistry } from '../../../src/rpc/interfaces.js';
import { RpcFault } from '../../../src/rpc/faults.js';
import type { XmlRpcValue } from '../../../src/rpc/xmlrpc-values.js';
import { groupConfig, makeEnv, processConfig } from '../../unit/core/fakes.js';
import { loadedConfig } from '../../unit/rpc/fake-facade.js';

function loaded(groups: ProcessGroupConfig[]): LoadedConfig {
  return loadedConfig(groups, {
    supervisord: { identifier: 'supervisor', exitWhenAllExited: false } as LoadedConfig['supervisord'],
  });
}

function setup() {
  const f = makeEnv();
  const groups = [
    groupConfig('app', [processConfig({ name: 'app', programName: 'app', autostart: false, priority: 1 })], 1),
    groupConfig('quick', [processConfig({ name: 'quick', programName: 'quick', autostart: false, startsecs: 0 })], 2),
  ];
  const sup = new Supervisor({
    config: loaded(groups),
    env: { clock: f.env.clock, launcher: f.env.launcher, logger: f.env.logger, channels: f.env.channels,
      resolveLogPath: () => null, stripAnsi: false },
    events: f.env.events,
    loadConfig: () => loaded(groups),
    diffGroups: () => ({ added: [], changed: [], removed: [] }),
    mainLogPath: null,
    pid: 42,
  });
  const registry = buildRegistry({
    facade: sup,
    log: f.logger,
    rpcinterfaces: sup.config.rpcinterfaces,
    now: () => f.clock.now() / 1000,
  });
  const call = (m: string, ...p: XmlRpcValue[]) => registry.call(m, p);
  const state = (name: string) => sup.getGroup(name)!.processes.get(name)!.state;
  return { ...f, sup, call, state };
}

const tick = () => new Promise((r) => setImmediate(r));

/**
 * startsecs=0 under the fake clock: the core wants strictly more than 0 s since the spawn, which
 * takes one (fake) millisecond; with the real clock that is immediate for practical purposes.
 */
async function startQuick(ctx: ReturnType<typeof setup>): Promise<XmlRpcValue> {
  const pending = ctx.call('supervisor.startProcess', 'quick');
  await tick();
  ctx.clock.advance(1);
  return pending;
}

test('startProcess waits for RUNNING on the real state machine', async () => {
  const { call, clock, state } = setup();
  let result: XmlRpcValue | undefined;
  const pending = call('supervisor.startProcess', 'app').then((v) => (result = v));
  await tick();
  assert.equal(state('app'), ProcessState.STARTING);
  assert.equal(result, undefined);
  clock.advance(1100);
  await pending;
  assert.equal(result, true);
  assert.equal(state('app'), ProcessState.RUNNING);
  const info = (await call('supervisor.getProcessInfo', 'app')) as Record<string, XmlRpcValue>;
  assert.match(info.description as string, /^pid 100, uptime 0:00:01$/);
});

test('startsecs=0 answers at once; a quick exit is SPAWN_ERROR; a missing command NO_FILE', async () => {
  const ctx = setup();
  const { call, launcher, state } = ctx;
  assert.equal(await startQuick(ctx), true);
  assert.equal(state('quick'), ProcessState.RUNNING);

  const dying = call('supervisor.startProcess', 'app').catch((e: RpcFault) => e.text);
  await tick();
  launcher.last.exit(1);
  assert.equal(await dying, 'SPAWN_ERROR: app');
  assert.equal(state('app'), ProcessState.BACKOFF);
  assert.equal(
    await call('supervisor.startProcess', 'app').catch((e: RpcFault) => e.text),
    'ALREADY_STARTED: app',
  );
  await call('supervisor.stopProcess', 'app');
  assert.equal(state('app'), ProcessState.STOPPED, 'BACKOFF stops at once');

  launcher.failWith = "can't find command '/nope'";
  assert.equal(
    await call('supervisor.startProcess', 'app').catch((e: RpcFault) => e.text),
    "NO_FILE: can't find command '/nope'",
  );
});

test('stopProcess waits through SIGTERM, and through SIGKILL after stopwaitsecs', async () => {
  const ctx = setup();
  const { call, clock, launcher, state } = ctx;
  await startQuick(ctx);
  launcher.onKill = (child, signo) => {
    if (signo === 15) child?.exit(null, 'SIGTERM');
  };
  assert.equal(await call('supervisor.stopProcess', 'quick'), true);
  assert.equal(state('quick'), ProcessState.STOPPED);

  await startQuick(ctx);
  launcher.onKill = (child, signo) => {
    if (signo === 9) child?.exit(null, 'SIGKILL');
  };
  let done = false;
  const stopping = call('supervisor.stopProcess', 'quick').then(() => (done = true));
  await tick();
  assert.equal(state('quick'), ProcessState.STOPPING);
  assert.equal(done, false);
  clock.advance(10_100);
  await stopping;
  assert.equal(state('quick'), ProcessState.STOPPED);
  assert.deepEqual(launcher.kills.map(([, s]) => s).slice(-2), [15, 9]);
});

test('startAllProcesses / stopAllProcesses result structs on the real core', async () => {
  const { call, clock, launcher } = setup();
  const starting = call('supervisor.startAllProcesses');
  await tick();
  clock.advance(1100);
  // both become RUNNING at the same moment: reported in priority order, as Supervisor's polling does
  assert.deepEqual(await starting, [
    { name: 'app', group: 'app', status: 80, description: 'OK' },
    { name: 'quick', group: 'quick', status: 80, description: 'OK' },
  ]);
  launcher.onKill = (child) => child?.exit(null, 'SIGTERM');
  const stopped = (await call('supervisor.stopAllProcesses')) as Array<Record<string, XmlRpcValue>>;
  assert.deepEqual(stopped.map((r) => `${r.name}:${r.status}`).sort(), ['app:80', 'quick:80']);
});
