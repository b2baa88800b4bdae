// The same childutils-based listener under the real supervisord and under ours must see the same
// events: names, order, serials, payloads (pids and times masked), and the same pool log lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import {
  ourDaemonAvailable, PY, pythonSupervisorAvailable, REAL_SUPERVISORD, runScenario, type RecordedEvent, type Scenario,
} from './harness.js';

type Daemon = 'real' | 'ours';

function skipReason(daemon: Daemon): string | null {
  if (!existsSync(REAL_SUPERVISORD)) return 'no /usr/bin/supervisord';
  if (!pythonSupervisorAvailable()) return 'no /usr/bin/python3 with the supervisor module';
  if (daemon === 'ours' && !ourDaemonAvailable()) return 'our supervisord is not built/runnable (npm run build)';
  return null;
}

/** pids and timestamps differ between runs */
function normalize(records: RecordedEvent[]): string[] {
  return records.map((r) => `${r.eventname} serial:${r.serial} poolserial:${r.poolserial} ${r.payload}`
    .replace(/pid:\d+/g, 'pid:N').replace(/when:\d+/g, 'when:N'));
}

function sendRemote(socket: string, type: string, data: string): void {
  const r = spawnSync(PY, ['-c', `
import sys
from supervisor import childutils
rpc = childutils.getRPCInterface({'SUPERVISOR_SERVER_URL': 'unix://' + sys.argv[1]})
rpc.supervisor.sendRemoteCommEvent(sys.argv[2], sys.argv[3])`, socket, type, data], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

const SCENARIOS: Record<string, Scenario> = {
  states: {
    events: 'PROCESS_STATE,PROCESS_GROUP,SUPERVISOR_STATE_CHANGE',
    programs: `[program:quick]
command=/bin/sh -c "sleep 1; exit 3"
startsecs=0
autorestart=false
`,
    until: (rs) => rs.some((r) => r.eventname === 'PROCESS_STATE_EXITED' && r.payload.includes('processname:quick')),
  },
  // the listener FAILs the first delivery of a `reject-once` event: it must come back with the same serials
  reject: {
    events: 'REMOTE_COMMUNICATION,PROCESS_GROUP',
    programs: '',
    during: ({ socket }) => sendRemote(socket, 'reject-once', 'caf\u00e9 \u{1f600}'),
    until: (rs) => rs.filter((r) => r.payload.startsWith('type:reject-once')).length >= 2,
  },
  // the listener dies while BUSY: after its restart it gets the same event again
  crash: {
    events: 'REMOTE_COMMUNICATION,PROCESS_GROUP',
    programs: '',
    during: ({ socket }) => sendRemote(socket, 'crash-once', 'x'),
    until: (rs) => rs.filter((r) => r.payload.startsWith('type:crash-once')).length >= 2,
  },
  output: {
    events: 'PROCESS_LOG,PROCESS_COMMUNICATION',
    programs: `[program:talker]
command=${PY} -c "import sys,time; time.sleep(1.5); sys.stdout.write('h\\u00e9llo <!--XSUPERVISOR:BEGIN-->captured<!--XSUPERVISOR:END-->'); sys.stdout.flush(); time.sleep(60)"
startsecs=0
stdout_events_enabled=true
stdout_capture_maxbytes=1MB
stdout_logfile=%(here)s/talker.log
`,
    until: (rs) => rs.some((r) => r.eventname === 'PROCESS_COMMUNICATION_STDOUT'),
  },
  // events pile up while the listener is STARTING (startsecs=2): the oldest are discarded
  overflow: {
    events: 'PROCESS_STATE,PROCESS_GROUP,SUPERVISOR_STATE_CHANGE',
    bufferSize: 3,
    listenerStartsecs: 2,
    programs: `[program:quick]
command=/bin/true
startsecs=0
autorestart=false
`,
    until: (rs) => rs.some((r) => r.eventname === 'PROCESS_STATE_RUNNING' && r.payload.includes('processname:rec')),
  },
  ticks: {
    events: 'TICK_5',
    programs: '',
    until: (rs) => rs.length >= 2,
    timeoutMs: 30_000,
  },
  // a listener that answers READY with junk is UNKNOWN for good
  violation: {
    events: 'PROCESS_STATE',
    programs: '',
    listenerScript: 'import sys, time\nsys.stdout.write("NOT READY\\n"); sys.stdout.flush(); time.sleep(60)\n',
    until: (_rs, log) => log.includes('UNKNOWN state'),
  },
};

const recorded = new Map<string, { events: string[]; poolLog: string[] }>();

/** the main-log lines the pool writes at warn/error level */
function poolLogLines(log: string): string[] {
  return log.split('\n').filter((l) => /event buffer overflowed|event was rejected|UNKNOWN state|bad result line/.test(l))
    .map((l) => l.replace(/^\S+ \S+ /, ''));
}

for (const daemon of ['real', 'ours'] as const) {
  test(`${daemon}: state, group and supervisor events in order`, async (t) => {
    const skip = skipReason(daemon);
    if (skip) return t.skip(skip);
    const run = await runScenario(daemon, SCENARIOS.states!);
    assert.ok(run.records.every((r) => r.lenMatches && r.pool === 'rec' && r.server === 'evtest'));
    const names = run.records.map((r) => r.eventname);
    assert.deepEqual(names.slice(0, 3), ['PROCESS_GROUP_ADDED', 'PROCESS_GROUP_ADDED', 'SUPERVISOR_STATE_CHANGE_RUNNING']);
    assert.deepEqual(run.records.map((r) => r.serial), run.records.map((_, i) => i));
    recorded.set(`${daemon}:states`, { events: normalize(run.records), poolLog: poolLogLines(run.log) });
  });

  test(`${daemon}: a rejected event is re-delivered with the same serials; len counts code points`, async (t) => {
    const skip = skipReason(daemon);
    if (skip) return t.skip(skip);
    const run = await runScenario(daemon, SCENARIOS.reject!);
    const remote = run.records.filter((r) => r.eventname === 'REMOTE_COMMUNICATION');
    assert.equal(remote.length, 2);
    assert.equal(remote[0]!.serial, remote[1]!.serial);
    assert.equal(remote[0]!.poolserial, remote[1]!.poolserial);
    assert.equal(remote[0]!.payload, 'type:reject-once\ncaf\u00e9 \u{1f600}');
    assert.ok(run.records.every((r) => r.lenMatches));
    assert.ok(run.log.includes('WARN rec: event was rejected'), run.log);
    recorded.set(`${daemon}:reject`, { events: normalize(run.records), poolLog: poolLogLines(run.log) });
  });

  test(`${daemon}: the event of a listener that died while BUSY is re-delivered to its successor`, async (t) => {
    const skip = skipReason(daemon);
    if (skip) return t.skip(skip);
    const run = await runScenario(daemon, SCENARIOS.crash!);
    const crash = run.records.filter((r) => r.payload.startsWith('type:crash-once'));
    assert.equal(crash.length, 2);
    assert.equal(crash[0]!.serial, crash[1]!.serial);
    assert.match(run.log, /exited: rec \(exit status 3; not expected\)/);
    recorded.set(`${daemon}:crash`, { events: normalize(run.records), poolLog: poolLogLines(run.log) });
  });

  test(`${daemon}: PROCESS_LOG and PROCESS_COMMUNICATION payloads`, async (t) => {
    const skip = skipReason(daemon);
    if (skip) return t.skip(skip);
    const run = await runScenario(daemon, SCENARIOS.output!);
    const comm = run.records.find((r) => r.eventname === 'PROCESS_COMMUNICATION_STDOUT')!;
    assert.match(comm.payload, /^processname:talker groupname:talker pid:\d+\ncaptured$/);
    const logs = run.records.filter((r) => r.eventname === 'PROCESS_LOG_STDOUT');
    assert.ok(logs.length >= 1);
    assert.match(logs[0]!.payload, /^processname:talker groupname:talker pid:\d+ channel:stdout\nh\u00e9llo /);
    assert.ok(run.records.every((r) => r.lenMatches));
    recorded.set(`${daemon}:output`, { events: normalize(run.records), poolLog: poolLogLines(run.log) });
  });

  test(`${daemon}: buffer overflow discards the oldest events with an error`, async (t) => {
    const skip = skipReason(daemon);
    if (skip) return t.skip(skip);
    const run = await runScenario(daemon, SCENARIOS.overflow!);
    const lines = poolLogLines(run.log);
    assert.ok(lines.length >= 1, run.log);
    assert.match(lines[0]!, /^ERRO pool rec event buffer overflowed, discarding event 0$/);
    assert.ok(run.records[0]!.serial > 0);
    recorded.set(`${daemon}:overflow`, { events: normalize(run.records), poolLog: lines });
  });
}

for (const daemon of ['real', 'ours'] as const) {
  test(`${daemon}: TICK_5 arrives on 5 s boundaries`, async (t) => {
    const skip = skipReason(daemon);
    if (skip) return t.skip(skip);
    const run = await runScenario(daemon, SCENARIOS.ticks!);
    const whens = run.records.map((r) => Number(/^when:(\d+)$/.exec(r.payload)![1]));
    assert.ok(whens.every((w) => w % 5 === 0), whens.join());
    assert.equal(whens[1]! - whens[0]!, 5);
    recorded.set(`${daemon}:ticks`, { events: normalize(run.records), poolLog: poolLogLines(run.log) });
  });

  test(`${daemon}: a protocol violation puts the listener in UNKNOWN`, async (t) => {
    const skip = skipReason(daemon);
    if (skip) return t.skip(skip);
    const run = await runScenario(daemon, SCENARIOS.violation!);
    assert.equal(run.records.length, 0);
    const lines = poolLogLines(run.log);
    assert.deepEqual(lines, ['WARN rec: has entered the UNKNOWN state and will no longer receive events, this usually '
      + 'indicates the process violated the eventlistener protocol']);
    recorded.set(`${daemon}:violation`, { events: [], poolLog: lines });
  });
}

test('ours and the real supervisord recorded the same events and pool log lines', (t) => {
  const keys = Object.keys(SCENARIOS).filter((k) => recorded.has(`real:${k}`) && recorded.has(`ours:${k}`));
  if (keys.length === 0) return t.skip('needs both daemons');
  for (const k of keys) assert.deepEqual(recorded.get(`ours:${k}`), recorded.get(`real:${k}`), k);
});
