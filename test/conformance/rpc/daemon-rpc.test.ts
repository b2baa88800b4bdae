// Our whole daemon (src/cli/supervisord.ts) and the real supervisord run the same programs; their
// XML-RPC answers must agree once pids, times and random log-file suffixes are masked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseMethodResponse, serializeMethodCall } from '../../../src/rpc/xmlrpc-codec.js';
import type { XmlRpcValue } from '../../../src/rpc/xmlrpc-values.js';
import { post, rawRequest, tempDir, until } from '../../integration/rpc/helpers.js';

const SUPERVISORD = '/usr/bin/supervisord';
const available = existsSync(SUPERVISORD);
const REPO = resolve(import.meta.dirname, '../../..');

const config = (dir: string) => `
[supervisord]
logfile=${dir}/supervisord.log
pidfile=${dir}/supervisord.pid
childlogdir=${dir}
nodaemon=true
identifier=conformance

[unix_http_server]
file=${dir}/rpc.sock

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[program:echo]
command=/bin/sh -c "echo hello; exec /bin/sleep 1000"
startsecs=0
priority=5

[program:idle]
command=/bin/sleep 1000
autostart=false
stdout_logfile=NONE
directory=/tmp

[program:missing]
command=/nonexistent/program --flag
autostart=false

[program:notexec]
command=/etc
autostart=false

[program:quitter]
command=/bin/sh -c "exit 3"
autostart=false
startretries=0
; far from Supervisor's 1 s loop tick, so the quick exit is never mistaken for RUNNING under load
startsecs=5

[program:pool]
command=/bin/sleep 1000
process_name=%(program_name)s_%(process_num)d
numprocs=2
startsecs=0
redirect_stderr=true
`;

interface Daemon {
  dir: string;
  child: ChildProcess;
}

const daemons: Record<'real' | 'ours', Daemon | null> = { real: null, ours: null };
let cleanup = () => {};

async function call(d: Daemon, method: string, params: XmlRpcValue[] = []): Promise<XmlRpcValue> {
  const res = await rawRequest(join(d.dir, 'rpc.sock'), post(serializeMethodCall(method, params)));
  assert.equal(res.status, 200, `${method}: HTTP ${res.status}`);
  const parsed = parseMethodResponse(res.body);
  return parsed.kind === 'value' ? parsed.value : { fault: parsed.faultCode, text: parsed.faultString };
}

async function startDaemon(dir: string, argv: string[]): Promise<Daemon> {
  mkdirSync(dir);
  writeFileSync(join(dir, 'supervisord.conf'), config(dir));
  const stderr = openSync(join(dir, 'stderr.txt'), 'w');
  const child = spawn(argv[0], [...argv.slice(1), '-c', join(dir, 'supervisord.conf')], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', stderr],
  });
  closeSync(stderr);
  const d = { dir, child };
  try {
    await until(() => existsSync(join(dir, 'rpc.sock')) || child.exitCode !== null, `${argv.join(' ')} to open its socket`, 30_000);
    if (child.exitCode !== null) throw new Error(`${argv.join(' ')} exited with ${child.exitCode}`);
  } catch (err) {
    throw new Error(`${(err as Error).message}; its stderr: ${readFileSync(join(dir, 'stderr.txt'), 'utf8').slice(-2000)}`);
  }
  for (const deadline = Date.now() + 10_000; ; ) {
    const all = (await call(d, 'supervisor.getAllProcessInfo')) as Array<Record<string, XmlRpcValue>>;
    if (all.filter((p) => p.statename === 'RUNNING').length === 3) break;
    if (Date.now() > deadline) throw new Error(`${argv[0]}: autostarted programs never all reached RUNNING`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return d;
}

async function stopDaemon(d: Daemon | null): Promise<void> {
  if (!d || d.child.exitCode !== null || d.child.pid === undefined) return;
  try {
    await call(d, 'supervisor.shutdown');
    await until(() => d.child.exitCode !== null, 'the daemon to exit', 15_000);
  } catch {
    process.kill(d.child.pid, 'SIGKILL');
  }
}

before(async () => {
  if (!available) return;
  const t = tempDir('rpc-daemons-');
  cleanup = t.cleanup;
  [daemons.real, daemons.ours] = await Promise.all([
    startDaemon(join(t.dir, 'real'), [SUPERVISORD]),
    startDaemon(join(t.dir, 'ours'), [process.execPath, '--import', 'tsx', 'src/cli/supervisord.ts']),
  ]);
});

after(async () => {
  await Promise.all([stopDaemon(daemons.real), stopDaemon(daemons.ours)]);
  if (!process.env.KEEP_RPC_DAEMON_LOGS) cleanup();
});

/** Replaces what legitimately differs between two runs: directories, pids, times, AUTO suffixes. */
function mask(value: XmlRpcValue, dir: string): XmlRpcValue {
  const json = JSON.stringify(value)
    .split(dir)
    .join('<dir>')
    .replace(/---conformance-[A-Za-z0-9_]+\.log/g, '---conformance-XXX.log')
    .replace(/pid \d+, uptime \d+:\d\d:\d\d/g, 'pid N, uptime T')
    .replace(/"[A-Z][a-z]{2} \d\d \d\d:\d\d [AP]M"/g, '"<stop time>"')
    .replace(/"(pid|start|now|stop)":\d+/g, '"$1":0');
  return JSON.parse(json) as XmlRpcValue;
}

/** Group results of processes that finish together come in either order, even under Supervisor. */
function byName(value: XmlRpcValue): XmlRpcValue {
  if (!Array.isArray(value)) return value;
  return [...value].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

async function agree(method: string, params: XmlRpcValue[] = [], opts: { unordered?: boolean } = {}): Promise<void> {
  const real = daemons.real as Daemon;
  const ours = daemons.ours as Daemon;
  const [theirs, mine] = await Promise.all([call(real, method, params), call(ours, method, params)]);
  const norm = (v: XmlRpcValue, dir: string) => (opts.unordered ? byName(mask(v, dir)) : mask(v, dir));
  assert.deepEqual(norm(mine, ours.dir), norm(theirs, real.dir), `${method}(${JSON.stringify(params)})`);
}

test('process and config information agree with the real supervisord', async (t) => {
  if (!available) return t.skip('no real supervisord');
  await agree('supervisor.getState');
  await agree('supervisor.getIdentification');
  await agree('supervisor.getAllProcessInfo');
  await agree('supervisor.getProcessInfo', ['pool:pool_1']);
  await agree('supervisor.getAllConfigInfo');
});

test('logs and faults agree with the real supervisord', async (t) => {
  if (!available) return t.skip('no real supervisord');
  await agree('supervisor.readProcessStdoutLog', ['echo', 0, 0]);
  await agree('supervisor.tailProcessStdoutLog', ['echo', 0, 3]);
  await agree('supervisor.readProcessStdoutLog', ['idle', 0, 0]);
  await agree('supervisor.tailProcessStderrLog', ['pool:pool_0', 0, 10]);
  await agree('supervisor.startProcess', ['echo']);
  await agree('supervisor.stopProcess', ['idle']);
  await agree('supervisor.getProcessInfo', ['pool']);
});

test('start failures agree with the real supervisord', async (t) => {
  if (!available) return t.skip('no real supervisord');
  await agree('supervisor.startProcess', ['missing']);
  await agree('supervisor.startProcess', ['notexec']);
  await agree('supervisor.getProcessInfo', ['missing']);
  await agree('supervisor.startProcess', ['quitter']);
  await agree('supervisor.getProcessInfo', ['quitter']);
  await agree('supervisor.startProcess', ['quitter', false]);
});

test('stop and start a group agree with the real supervisord', async (t) => {
  if (!available) return t.skip('no real supervisord');
  await agree('supervisor.stopProcessGroup', ['pool'], { unordered: true });
  await agree('supervisor.getProcessInfo', ['pool:pool_0']);
  await agree('supervisor.startProcess', ['pool:*'], { unordered: true });
  await agree('supervisor.signalProcessGroup', ['pool', 'CONT']);
  await agree('system.multicall', [[
    { methodName: 'supervisor.stopProcess', params: ['echo'] },
    { methodName: 'supervisor.startProcess', params: ['echo'] },
    { methodName: 'supervisor.getProcessInfo', params: ['echo'] },
  ]]);
});

const CHANGED_TAIL = `
[program:fresh]
command=/bin/sleep 1000
autostart=false
`;

test('reread / add / remove agree with the real supervisord', async (t) => {
  if (!available) return t.skip('no real supervisord');
  for (const d of [daemons.real as Daemon, daemons.ours as Daemon]) {
    // drop [program:idle], change echo's command, add [program:fresh]
    const text = config(d.dir)
      .replace(/\[program:idle\][^[]*/, '')
      .replace('echo hello; exec /bin/sleep 1000', 'echo bonjour; exec /bin/sleep 1000');
    writeFileSync(join(d.dir, 'supervisord.conf'), text + CHANGED_TAIL);
  }
  await agree('supervisor.reloadConfig');
  await agree('supervisor.getAllConfigInfo');
  await agree('supervisor.removeProcessGroup', ['echo']);
  await agree('supervisor.removeProcessGroup', ['idle']);
  await agree('supervisor.addProcessGroup', ['fresh']);
  await agree('supervisor.addProcessGroup', ['fresh']);
  await agree('supervisor.addProcessGroup', ['nope']);
  await agree('supervisor.getAllConfigInfo');
  await agree('supervisor.getAllProcessInfo');
});
