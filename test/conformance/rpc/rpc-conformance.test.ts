// The same XML-RPC requests against the real Supervisor 4.2.5 and against ours (on the fake facade
// with an equivalent process table); the response bodies must be byte-identical.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startControlServers, type ControlServers } from '../../../src/rpc/server.js';
import { parseMethodResponse, serializeMethodCall } from '../../../src/rpc/xmlrpc-codec.js';
import type { XmlRpcValue } from '../../../src/rpc/xmlrpc-values.js';
import { MemoryLogger, standardFacade } from '../../unit/rpc/fake-facade.js';
import { post, rawRequest, tempDir, unixServer, until } from '../../integration/rpc/helpers.js';

const SUPERVISORD = '/usr/bin/supervisord';
const available = existsSync(SUPERVISORD);

const CONFIG = (dir: string) => `
[supervisord]
logfile=${dir}/supervisord.log
pidfile=${dir}/supervisord.pid
childlogdir=${dir}
nodaemon=true
identifier=supervisor

[unix_http_server]
file=${dir}/real.sock

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[program:cat]
command=/bin/sleep 1000
priority=10
startsecs=0

[program:sleeper]
command=/bin/sleep 1000
autostart=false
priority=20

[program:a]
command=/bin/sleep 1000
autostart=false
priority=2

[program:b]
command=/bin/sleep 1000
autostart=false
priority=1

[group:web]
programs=a,b
priority=5
`;

let dir = '';
let cleanup = () => {};
let real: ChildProcess | null = null;
let ours: ControlServers | null = null;
const realSock = () => join(dir, 'real.sock');
const ourSock = () => join(dir, 'ours.sock');

async function call(sock: string, method: string, params: XmlRpcValue[] = []): Promise<string> {
  const res = await rawRequest(sock, post(serializeMethodCall(method, params)));
  assert.equal(res.status, 200, `${method} on ${sock}: HTTP ${res.status}`);
  return res.body;
}

before(async () => {
  if (!available) return;
  ({ dir, cleanup } = tempDir('rpc-conf-'));
  writeFileSync(join(dir, 'supervisord.conf'), CONFIG(dir));
  real = spawn(SUPERVISORD, ['-c', join(dir, 'supervisord.conf')], { stdio: 'ignore' });
  await until(() => existsSync(realSock()), 'the real supervisord socket', 10_000);
  // wait until cat is RUNNING in the real one, like in the fake
  for (const deadline = Date.now() + 10_000; ; ) {
    const info = parseMethodResponse(await call(realSock(), 'supervisor.getProcessInfo', ['cat']));
    if (info.kind === 'value' && (info.value as Record<string, XmlRpcValue>).statename === 'RUNNING') break;
    if (Date.now() > deadline) throw new Error('cat never reached RUNNING under the real supervisord');
    await new Promise((r) => setTimeout(r, 50));
  }
  const facade = standardFacade();
  // the real one has created cat's AUTO log; give ours an existing file too
  facade.process('cat').stdoutLogPath = join(dir, 'cat-stdout.log');
  writeFileSync(join(dir, 'cat-stdout.log'), '');
  ours = await startControlServers({
    servers: [unixServer(ourSock())],
    facade,
    log: new MemoryLogger(),
    mainLogPath: () => null,
    web: null,
  });
});

after(async () => {
  await ours?.close();
  if (real && real.exitCode === null) {
    try {
      await call(realSock(), 'supervisor.shutdown');
      await until(() => real!.exitCode !== null, 'the real supervisord to exit', 10_000);
    } catch {
      real.kill('SIGKILL');
    }
  }
  const pidFile = dir ? join(dir, 'supervisord.pid') : '';
  if (pidFile && existsSync(pidFile) && real?.exitCode === null) process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
  cleanup();
});

async function same(method: string, params: XmlRpcValue[] = []): Promise<void> {
  const [theirs, mine] = await Promise.all([call(realSock(), method, params), call(ourSock(), method, params)]);
  assert.equal(mine, theirs, `${method}(${JSON.stringify(params)})`);
}

test('listMethods and every methodSignature match', async (t) => {
  if (!available) return t.skip('no real supervisord');
  await same('system.listMethods');
  const names = parseMethodResponse(await call(realSock(), 'system.listMethods'));
  assert.equal(names.kind, 'value');
  for (const name of names.value as string[]) await same('system.methodSignature', [name]);
  await same('system.methodSignature', ['nope']);
  await same('system.methodHelp', ['nope']);
});

test('plain values match', async (t) => {
  if (!available) return t.skip('no real supervisord');
  for (const m of ['supervisor.getAPIVersion', 'supervisor.getVersion', 'supervisor.getSupervisorVersion',
    'supervisor.getIdentification', 'supervisor.getState']) {
    await same(m);
  }
});

const BAD_CALLS: Array<[string, XmlRpcValue[]]> = [
  ['supervisor.getState', [1]],
  ['supervisor.foo', []],
  ['supervisor._update', ['x']],
  ['a.b.c', []],
  ['nons.x', []],
  ['supervisor', []],
  ['system.methodHelp', []],
  ['supervisor.startProcess', ['nope']],
  ['supervisor.startProcess', ['cat']],
  ['supervisor.startProcess', ['cat', true, 1]],
  ['supervisor.getProcessInfo', ['web:']],
  ['supervisor.getProcessInfo', ['web:*']],
  ['supervisor.getProcessInfo', ['web']],
  ['supervisor.getProcessInfo', ['nope:x']],
  ['supervisor.readProcessStdoutLog', ['cat', -1, 5]],
  ['supervisor.readProcessStdoutLog', ['cat', 0, -5]],
  ['supervisor.signalProcess', ['cat', 'FOO']],
  ['supervisor.signalProcess', ['cat', 'SIGFOO']],
  ['supervisor.signalProcess', ['cat', '999']],
  ['supervisor.signalProcess', ['sleeper', 'HUP']],
  ['supervisor.signalProcess', ['nope', 'HUP']],
  ['supervisor.signalProcessGroup', ['nope', 'HUP']],
  ['supervisor.signalAllProcesses', ['FOO']],
  ['supervisor.stopProcess', ['sleeper']],
  ['supervisor.stopProcessGroup', ['nope']],
  ['supervisor.startProcessGroup', ['nope']],
  ['supervisor.addProcessGroup', ['cat']],
  ['supervisor.addProcessGroup', ['zzz']],
  ['supervisor.removeProcessGroup', ['cat']],
  ['supervisor.removeProcessGroup', ['zzz']],
  ['supervisor.sendProcessStdin', ['sleeper', 'hi']],
  ['supervisor.sendProcessStdin', ['cat', 5]],
  ['supervisor.clearProcessLogs', ['nope']],
  ['supervisor.tailProcessStdoutLog', ['nope', 0, 1]],
  ['supervisor.stopProcessGroup', ['sleeper']],
  ['system.multicall', [[
    { methodName: 'system.multicall', params: [] },
    { params: [] },
    { methodName: 'supervisor.getPID', params: [1] },
    { methodName: 'supervisor.getAPIVersion', params: [] },
    { methodName: 'supervisor.getAPIVersion' },
    { methodName: 'supervisor.nope' },
    { methodName: 'supervisor.getProcessInfo', params: ['nope'] },
  ]]],
  ['system.multicall', [[]]],
];

for (const [method, params] of BAD_CALLS) {
  test(`same response for ${method}(${JSON.stringify(params)})`, async (t) => {
    if (!available) return t.skip('no real supervisord');
    await same(method, params);
  });
}

test('same HTTP status for malformed requests', async (t) => {
  if (!available) return t.skip('no real supervisord');
  const requests = [
    'GET /RPC2 HTTP/1.1\r\nHost: x\r\n\r\n',
    post('<methodCall><methodName>x'),
    post('<methodCall><params/></methodCall>'),
    post('<methodCall><methodName></methodName></methodCall>'),
    'GET /logtail/nope HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET /logtail/cat/bogus HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET /ok.html HTTP/1.1\r\nHost: x\r\n\r\n',
    post(serializeMethodCall('supervisor.getAPIVersion', [])).replace('HTTP/1.1', 'HTTP/1.0'),
    'PUT /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n',
    'POST /logtail/cat HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n',
    'GET /RPC2/extra HTTP/1.1\r\nHost: x\r\n\r\n',
  ];
  for (const request of requests) {
    const [theirs, mine] = await Promise.all([rawRequest(realSock(), request), rawRequest(ourSock(), request)]);
    assert.equal(mine.status, theirs.status, request.split('\r\n')[0] + ' ' + request.slice(-60));
  }
});
