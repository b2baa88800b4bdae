import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessState, SupervisorState } from '../../../src/core/states.js';
import { RpcFault } from '../../../src/rpc/faults.js';
import { buildRegistry } from '../../../src/rpc/interfaces.js';
import type { XmlRpcValue } from '../../../src/rpc/xmlrpc-values.js';
import { FakeFacade, MemoryLogger, groupConfig, processConfig, standardFacade } from './fake-facade.js';

const NOW = 1_700_000_000;

function setup(facade: FakeFacade = standardFacade()) {
  const log = new MemoryLogger();
  const registry = buildRegistry({ facade, log, rpcinterfaces: facade.config.rpcinterfaces, now: () => NOW });
  const call = (method: string, ...params: XmlRpcValue[]) => registry.call(method, params);
  /** the fault string a call fails with */
  const fault = async (method: string, ...params: XmlRpcValue[]): Promise<string> => {
    try {
      await registry.call(method, params);
    } catch (err) {
      if (err instanceof RpcFault) return `${err.code} ${err.text}`;
      throw err;
    }
    assert.fail(`${method} did not fault`);
  };
  return { facade, log, registry, call, fault };
}

test('versions, identification, state, pid', async () => {
  const { call } = setup();
  assert.equal(await call('supervisor.getAPIVersion'), '3.0');
  assert.equal(await call('supervisor.getVersion'), '3.0');
  assert.equal(await call('supervisor.getSupervisorVersion'), '4.2.5');
  assert.equal(await call('supervisor.getIdentification'), 'supervisor');
  assert.deepEqual(await call('supervisor.getState'), { statecode: 1, statename: 'RUNNING' });
  assert.equal(await call('supervisor.getPID'), 4242);
});

test('every supervisor method but sendRemoteCommEvent refuses during shutdown', async () => {
  const { facade, call, fault, registry } = setup();
  facade.state = SupervisorState.SHUTDOWN;
  assert.equal(await fault('supervisor.getState'), '6 SHUTDOWN_STATE');
  assert.equal(await fault('supervisor.startProcess', 'cat'), '6 SHUTDOWN_STATE');
  assert.equal(await fault('supervisor.signalAllProcesses', 'HUP'), '6 SHUTDOWN_STATE');
  assert.equal(await call('supervisor.sendRemoteCommEvent', 't', 'd'), true);
  assert.deepEqual(await call('system.listMethods'), registry.listMethods());
  facade.state = SupervisorState.RESTARTING;
  assert.equal(await fault('supervisor.getAllProcessInfo'), '6 SHUTDOWN_STATE');
});

test('method resolution faults', async () => {
  const { fault } = setup();
  assert.equal(await fault('supervisor.nope'), '1 UNKNOWN_METHOD');
  assert.equal(await fault('supervisor._update', 'x'), '1 UNKNOWN_METHOD');
  assert.equal(await fault('a.b.c'), '1 UNKNOWN_METHOD');
  assert.equal(await fault('supervisor'), '1 UNKNOWN_METHOD');
  assert.equal(await fault('nons.getState'), '1 UNKNOWN_METHOD');
  assert.equal(await fault('supervisor.getState', 1), '2 INCORRECT_PARAMETERS');
  assert.equal(await fault('supervisor.startProcess'), '2 INCORRECT_PARAMETERS');
  assert.equal(await fault('supervisor.startProcess', 'cat', true, 1), '2 INCORRECT_PARAMETERS');
  assert.match(await fault('supervisor.getProcessInfo', 5), /^2 INCORRECT_PARAMETERS/);
});

test('getProcessInfo struct has every key in Supervisor order', async () => {
  const { call, facade } = setup();
  const cat = facade.process('cat');
  cat.laststart = NOW - 93784; // 1 day, 2:03:04
  const info = (await call('supervisor.getProcessInfo', 'cat')) as Record<string, XmlRpcValue>;
  assert.deepEqual(Object.keys(info), [
    'name', 'group', 'start', 'stop', 'now', 'state', 'statename', 'spawnerr', 'exitstatus',
    'logfile', 'stdout_logfile', 'stderr_logfile', 'pid', 'description',
  ]);
  assert.equal(info.state, 20);
  assert.equal(info.statename, 'RUNNING');
  assert.equal(info.now, NOW);
  assert.equal(info.description, `pid ${cat.pid}, uptime 1 day, 2:03:04`);
  assert.equal(info.logfile, '/tmp/fake-cat-stdout.log');
  const never = (await call('supervisor.getProcessInfo', 'sleeper')) as Record<string, XmlRpcValue>;
  assert.equal(never.description, 'Not started');
  assert.equal(never.pid, 0);
  assert.equal(never.exitstatus, 0);
});

test('namespec lookups', async () => {
  const { call, fault } = setup();
  assert.equal(((await call('supervisor.getProcessInfo', 'web:a')) as Record<string, XmlRpcValue>).group, 'web');
  assert.equal(await fault('supervisor.getProcessInfo', 'web:'), '10 BAD_NAME: web:');
  assert.equal(await fault('supervisor.getProcessInfo', 'web:*'), '10 BAD_NAME: web:*');
  assert.equal(await fault('supervisor.getProcessInfo', 'web'), '10 BAD_NAME: web');
  assert.equal(await fault('supervisor.getProcessInfo', 'nope:x'), '10 BAD_NAME: nope:x');
});

test('getAllProcessInfo is sorted by group then process name', async () => {
  const { call } = setup();
  const all = (await call('supervisor.getAllProcessInfo')) as Array<Record<string, XmlRpcValue>>;
  assert.deepEqual(all.map((i) => `${i.group}:${i.name}`), ['cat:cat', 'sleeper:sleeper', 'web:a', 'web:b']);
});

test('startProcess: fault order and wait semantics', async () => {
  const { call, fault, facade } = setup();
  assert.equal(await fault('supervisor.startProcess', 'nope'), '10 BAD_NAME: nope');
  assert.equal(await fault('supervisor.startProcess', 'cat'), '60 ALREADY_STARTED: cat');
  const sleeper = facade.process('sleeper');
  sleeper.exec = { ok: false, kind: 'NO_FILE', message: "can't find command '/nope'" };
  assert.equal(await fault('supervisor.startProcess', 'sleeper'), "20 NO_FILE: can't find command '/nope'");
  assert.equal(sleeper.spawnCount, 0, 'exec check happens before spawning');
  sleeper.exec = { ok: false, kind: 'NOT_EXECUTABLE', message: 'command at /etc is a directory' };
  assert.equal(await fault('supervisor.startProcess', 'sleeper'), '21 NOT_EXECUTABLE: command at /etc is a directory');
  sleeper.exec = { ok: true };

  sleeper.onSpawn = 'spawnerr';
  assert.equal(await fault('supervisor.startProcess', 'sleeper'), '50 SPAWN_ERROR: sleeper');
  sleeper.setState(ProcessState.STOPPED);

  // wait=true resolves only once RUNNING
  sleeper.onSpawn = 'starting';
  let settled = false;
  const started = call('supervisor.startProcess', 'sleeper', true).then((v) => {
    settled = true;
    return v;
  });
  await new Promise((r) => setImmediate(r));
  assert.equal(settled, false);
  assert.equal(sleeper.state, ProcessState.STARTING);
  sleeper.becomeRunning();
  assert.equal(await started, true);

  // exits too quickly while waiting
  sleeper.setState(ProcessState.STOPPED);
  const failing = fault('supervisor.startProcess', 'sleeper');
  await new Promise((r) => setImmediate(r));
  sleeper.spawnerr = 'Exited too quickly (process log may have details)';
  sleeper.setState(ProcessState.BACKOFF);
  assert.equal(await failing, '50 SPAWN_ERROR: sleeper');

  // killed while starting without spawnerr
  sleeper.setState(ProcessState.STOPPED);
  const abnormal = fault('supervisor.startProcess', 'sleeper');
  await new Promise((r) => setImmediate(r));
  sleeper.spawnerr = null;
  sleeper.setState(ProcessState.STOPPED);
  assert.equal(await abnormal, '40 ABNORMAL_TERMINATION: sleeper');

  // wait=false returns right after spawning
  sleeper.setState(ProcessState.STOPPED);
  assert.equal(await call('supervisor.startProcess', 'sleeper', false), true);
  assert.equal(sleeper.state, ProcessState.STARTING);

  sleeper.setState(ProcessState.UNKNOWN);
  assert.equal(await fault('supervisor.startProcess', 'sleeper'), '30 FAILED: sleeper is in an unknown process state');
});

test('startsecs=0 is RUNNING at once', async () => {
  const facade = new FakeFacade([groupConfig('quick', [processConfig('quick', { startsecs: 0 })])]);
  const { call } = setup(facade);
  assert.equal(await call('supervisor.startProcess', 'quick'), true);
  assert.equal(facade.process('quick').state, ProcessState.RUNNING);
});

test('group start/stop with result structs; group spec through startProcess returns an array', async () => {
  const { call, facade } = setup();
  const a = facade.process('web', 'a');
  const b = facade.process('web', 'b');
  a.onSpawn = (p) => setImmediate(() => p.becomeRunning());
  b.onSpawn = 'spawnerr';
  const results = await call('supervisor.startProcess', 'web:*');
  assert.deepEqual(results, [
    // b has the lower priority, so it is started first; its failure is immediate
    { name: 'b', group: 'web', status: 50, description: 'SPAWN_ERROR: web:b' },
    { name: 'a', group: 'web', status: 80, description: 'OK' },
  ]);
  const stopped = await call('supervisor.stopProcessGroup', 'web');
  assert.deepEqual(stopped, [
    { name: 'b', group: 'web', status: 80, description: 'OK' },
    { name: 'a', group: 'web', status: 80, description: 'OK' },
  ]);
  assert.deepEqual(await call('supervisor.stopProcessGroup', 'web'), []);
  assert.deepEqual(await call('supervisor.startProcessGroup', 'nope').catch((e: RpcFault) => e.text), 'BAD_NAME: nope');
});

test('startAll / stopAll act in priority order on the right processes', async () => {
  const { call, facade } = setup();
  for (const [g, p] of [['web', 'a'], ['web', 'b'], ['sleeper', 'sleeper']]) {
    facade.process(g, p).onSpawn = (proc) => proc.becomeRunning();
  }
  const started = (await call('supervisor.startAllProcesses', true)) as Array<Record<string, XmlRpcValue>>;
  assert.deepEqual(started.map((r) => r.name), ['b', 'a', 'sleeper']);
  const stopped = (await call('supervisor.stopAllProcesses')) as Array<Record<string, XmlRpcValue>>;
  assert.deepEqual(stopped.map((r) => r.name), ['b', 'a', 'cat', 'sleeper']);
});

test('stopProcess', async () => {
  const { call, fault, facade } = setup();
  assert.equal(await fault('supervisor.stopProcess', 'sleeper'), '70 NOT_RUNNING: sleeper');
  const cat = facade.process('cat');
  cat.stopsOnItsOwn = false;
  let done = false;
  const stopping = call('supervisor.stopProcess', 'cat').then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  assert.equal(done, false);
  assert.equal(cat.state, ProcessState.STOPPING);
  cat.setState(ProcessState.STOPPED);
  await stopping;
  assert.equal(done, true);

  cat.spawn();
  cat.stopError = 'no such process';
  assert.equal(await fault('supervisor.stopProcess', 'cat'), '30 FAILED: no such process');
  cat.stopError = null;
  cat.stopsOnItsOwn = false;
  assert.equal(await call('supervisor.stopProcess', 'cat', false), true);
  assert.equal(cat.state, ProcessState.STOPPING);
});

test('signals', async () => {
  const { call, fault, facade } = setup();
  const cat = facade.process('cat');
  assert.equal(await call('supervisor.signalProcess', 'cat', 'HUP'), true);
  assert.equal(await call('supervisor.signalProcess', 'cat', 'sigusr1'), true);
  assert.equal(await call('supervisor.signalProcess', 'cat', '15'), true);
  assert.equal(await call('supervisor.signalProcess', 'cat', 9), true);
  assert.deepEqual(cat.signals, [1, 10, 15, 9]);
  assert.equal(await fault('supervisor.signalProcess', 'cat', 'FOO'), '11 BAD_SIGNAL: FOO');
  assert.equal(await fault('supervisor.signalProcess', 'cat', '999'), '11 BAD_SIGNAL: 999');
  assert.equal(await fault('supervisor.signalProcess', 'sleeper', 'HUP'), '70 NOT_RUNNING: sleeper');
  assert.equal(await fault('supervisor.signalProcess', 'nope', 'FOO'), '10 BAD_NAME: nope');
  assert.deepEqual(await call('supervisor.signalAllProcesses', 'FOO'), [
    { name: 'cat', group: 'cat', status: 11, description: 'BAD_SIGNAL: FOO' },
  ]);
  cat.signalError = 'boom';
  assert.deepEqual(await call('supervisor.signalProcessGroup', 'cat', 'HUP'), [
    { name: 'cat', group: 'cat', status: 30, description: 'FAILED: boom' },
  ]);
  assert.equal(await fault('supervisor.signalProcessGroup', 'nope', 'HUP'), '10 BAD_NAME: nope');
});

test('logs: read, tail, clear', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rpc-logs-'));
  try {
    const facade = standardFacade();
    const { call, fault } = setup(facade);
    const cat = facade.process('cat');
    cat.stdoutLogPath = join(dir, 'cat.log');
    writeFileSync(cat.stdoutLogPath, 'hello world\n');
    assert.equal(await call('supervisor.readProcessStdoutLog', 'cat', 0, 5), 'hello');
    assert.equal(await call('supervisor.readProcessLog', 'cat', -6, 0), 'world\n');
    assert.equal(await fault('supervisor.readProcessStdoutLog', 'cat', -1, 5), '3 BAD_ARGUMENTS');
    assert.equal(await fault('supervisor.readProcessStdoutLog', 'cat', 0, -5), '3 BAD_ARGUMENTS');
    assert.deepEqual(await call('supervisor.tailProcessStdoutLog', 'cat', 0, 5), ['orld\n', 12, true]);
    assert.deepEqual(await call('supervisor.tailProcessLog', 'cat', 0, 100), ['hello world\n', 12, false]);
    cat.stderrLogPath = null;
    assert.equal(await fault('supervisor.readProcessStderrLog', 'cat', 0, 0), '20 NO_FILE');
    assert.deepEqual(await call('supervisor.tailProcessStderrLog', 'cat', 0, 10), ['', 0, false]);
    assert.equal(await fault('supervisor.readProcessStdoutLog', 'sleeper', 0, 0), '20 NO_FILE: /tmp/fake-sleeper-stdout.log');
    // invalid UTF-8 is replaced, not a 500
    writeFileSync(cat.stdoutLogPath, Buffer.from([0x61, 0xe2, 0x82]));
    assert.equal(await call('supervisor.readProcessStdoutLog', 'cat', 0, 0), 'a\uFFFD');

    facade.mainLogPath = join(dir, 'main.log');
    writeFileSync(facade.mainLogPath, 'main log\n');
    assert.equal(await call('supervisor.readLog', 0, 4), 'main');
    assert.equal(await call('supervisor.readMainLog', -4, 0), 'log\n');
    assert.equal(await call('supervisor.clearLog'), true);
    assert.equal(facade.clearMainLogCalls, 1);
    facade.mainLogPath = null;
    assert.equal(await fault('supervisor.readLog', 0, 0), '20 NO_FILE');
    assert.equal(await fault('supervisor.clearLog'), '20 NO_FILE');

    assert.equal(await call('supervisor.clearProcessLogs', 'cat'), true);
    assert.equal(await call('supervisor.clearProcessLog', 'cat'), true);
    assert.equal(cat.clearCount, 2);
    facade.process('web', 'a').clearLogsError = new Error('EACCES');
    const all = (await call('supervisor.clearAllProcessLogs')) as Array<Record<string, XmlRpcValue>>;
    assert.deepEqual(all.map((r) => `${r.name} ${r.status} ${r.description}`), [
      'b 80 OK', 'a 30 FAILED: web:a', 'cat 80 OK', 'sleeper 80 OK',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sendProcessStdin and sendRemoteCommEvent', async () => {
  const { call, fault, facade } = setup();
  assert.equal(await call('supervisor.sendProcessStdin', 'cat', 'héllo'), true);
  assert.deepEqual(facade.process('cat').stdin, [Buffer.from('héllo')]);
  assert.equal(await fault('supervisor.sendProcessStdin', 'cat', 5), '2 INCORRECT_PARAMETERS: 5');
  assert.equal(await fault('supervisor.sendProcessStdin', 'sleeper', 'x'), '70 NOT_RUNNING: sleeper');
  facade.process('cat').stdinClosed = true;
  assert.equal(await fault('supervisor.sendProcessStdin', 'cat', 'x'), '20 NO_FILE: cat');
  assert.equal(await call('supervisor.sendRemoteCommEvent', 'type', 'data'), true);
  assert.deepEqual(facade.events, [['type', 'data']]);
});

test('config: reload, add, remove, getAllConfigInfo', async () => {
  const { call, fault, facade } = setup();
  facade.reloadResult = { added: ['new'], changed: ['web'], removed: [] };
  assert.deepEqual(await call('supervisor.reloadConfig'), [[['new'], ['web'], []]]);
  facade.reloadResult = new Error("File contains no section headers.\nfile: '/x', line: 1");
  assert.equal(await fault('supervisor.reloadConfig'), "92 CANT_REREAD: File contains no section headers.\nfile: '/x', line: 1");
  assert.equal(await fault('supervisor.addProcessGroup', 'cat'), '90 ALREADY_ADDED: cat');
  assert.equal(await fault('supervisor.addProcessGroup', 'zzz'), '10 BAD_NAME: zzz');
  assert.equal(await fault('supervisor.removeProcessGroup', 'cat'), '91 STILL_RUNNING: cat');
  assert.equal(await fault('supervisor.removeProcessGroup', 'zzz'), '10 BAD_NAME: zzz');
  assert.equal(await call('supervisor.removeProcessGroup', 'sleeper'), true);
  assert.equal(await call('supervisor.addProcessGroup', 'sleeper'), true);

  const infos = (await call('supervisor.getAllConfigInfo')) as Array<Record<string, XmlRpcValue>>;
  assert.deepEqual(infos.map((i) => i.name), ['a', 'b', 'cat', 'sleeper']);
  assert.deepEqual(Object.keys(infos[0]), [
    'autostart', 'directory', 'uid', 'command', 'exitcodes', 'group', 'group_prio', 'inuse', 'killasgroup', 'name',
    'process_prio', 'redirect_stderr', 'startretries', 'startsecs', 'stdout_capture_maxbytes', 'stdout_events_enabled',
    'stdout_logfile', 'stdout_logfile_backups', 'stdout_logfile_maxbytes', 'stdout_syslog', 'stopsignal', 'stopwaitsecs',
    'stderr_capture_maxbytes', 'stderr_events_enabled', 'stderr_logfile', 'stderr_logfile_backups',
    'stderr_logfile_maxbytes', 'stderr_syslog', 'serverurl',
  ]);
  assert.equal(infos[0].directory, 'none');
  assert.equal(infos[0].uid, 'none');
  assert.equal(infos[0].serverurl, 'none');
  assert.equal(infos[0].stdout_logfile, '/tmp/fake-a-stdout.log', 'AUTO resolved for running groups');
  assert.equal(infos[0].inuse, true);
  // after a reread the pending objects are new: AUTO shows as 'auto' again, like Supervisor
  facade.pendingConfig = { ...facade.config, groups: facade.config.groups.map((g) => ({ ...g, processes: g.processes.map((p) => ({ ...p })) })) };
  const reread = (await call('supervisor.getAllConfigInfo')) as Array<Record<string, XmlRpcValue>>;
  assert.equal(reread[0].stdout_logfile, 'auto');
});

test('shutdown and restart', async () => {
  const a = setup();
  assert.equal(await a.call('supervisor.shutdown'), true);
  assert.equal(a.facade.shutdownCalls, 1);
  assert.equal(await a.fault('supervisor.shutdown'), '6 SHUTDOWN_STATE');
  const b = setup();
  assert.equal(await b.call('supervisor.restart'), true);
  assert.equal(b.facade.restartCalls, 1);
});

test('system namespace: introspection and multicall', async () => {
  const { call, log } = setup();
  const names = (await call('system.listMethods')) as string[];
  assert.equal(names.length, 41);
  assert.deepEqual(names, [...names].sort());
  assert.deepEqual(await call('system.methodSignature', 'supervisor.startProcess'), ['boolean', 'string', 'boolean']);
  assert.deepEqual(await call('system.methodSignature', 'supervisor.tailProcessLog'), ['array', 'string', 'int', 'int']);
  assert.match((await call('system.methodHelp', 'supervisor.getState')) as string, /@return struct/);
  await assert.rejects(call('system.methodHelp', 'x'), (e: RpcFault) => e.text === 'SIGNATURE_UNSUPPORTED');
  assert.ok(log.lines.includes("INFO RPC interface 'supervisor' initialized"));

  const results = await call('system.multicall', [
    { methodName: 'system.multicall', params: [] },
    { params: [] },
    { methodName: 'supervisor.getPID', params: [1] },
    { methodName: 'supervisor.getAPIVersion', params: [] },
    { methodName: 'supervisor.getAPIVersion' },
    { methodName: 'supervisor.nope' },
    { methodName: 'supervisor.getProcessInfo', params: ['nope'] },
    { methodName: 'supervisor.stopProcess', params: ['cat'] },
  ]);
  assert.deepEqual(results, [
    { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: Recursive system.multicall forbidden' },
    { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: No methodName' },
    { faultCode: 2, faultString: 'INCORRECT_PARAMETERS' },
    '3.0',
    '3.0',
    { faultCode: 1, faultString: 'UNKNOWN_METHOD' },
    { faultCode: 10, faultString: 'BAD_NAME: nope' },
    true,
  ]);
  assert.deepEqual(await call('system.multicall', []), []);
});

test('unsupported rpcinterface factories are skipped with a warning', () => {
  const facade = standardFacade();
  const log = new MemoryLogger();
  const registry = buildRegistry({
    facade,
    log,
    rpcinterfaces: [{ name: 'twiddler', factory: 'supervisor_twiddler.rpcinterface:make', params: {} }],
  });
  assert.deepEqual(registry.listMethods(), ['system.listMethods', 'system.methodHelp', 'system.methodSignature', 'system.multicall']);
  assert.match(log.lines.join('\n'), /WARN RPC interface 'twiddler' skipped/);
});

test('extra options for the main interface fail like Supervisor', () => {
  const facade = standardFacade();
  assert.throws(
    () =>
      buildRegistry({
        facade,
        log: new MemoryLogger(),
        rpcinterfaces: [{ name: 'supervisor', factory: 'supervisor.rpcinterface:make_main_rpcinterface', params: { retries: '1' } }],
      }),
    { message: 'Could not make supervisor rpc interface' },
  );
});

test('every supervisor.* method answers SHUTDOWN_STATE while restarting, except sendRemoteCommEvent', async () => {
  const { facade, fault, registry, call } = setup();
  facade.state = SupervisorState.RESTARTING;
  const sample: Record<string, XmlRpcValue> = { string: 'cat', int: 0, boolean: true, array: [], struct: {} };
  for (const name of registry.listMethods().filter((m) => m.startsWith('supervisor.'))) {
    const [, ...types] = registry.signature(name);
    const args = types.map((t) => (name.includes('signal') && t === 'string' && types.length === types.indexOf(t) + 1 ? 'HUP' : sample[t]));
    if (name === 'supervisor.sendRemoteCommEvent') {
      assert.equal(await call(name, ...args), true);
      continue;
    }
    assert.equal(await fault(name, ...args), '6 SHUTDOWN_STATE', name);
  }
});
