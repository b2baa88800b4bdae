import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ProcessState } from '../../../src/core/states.js';
import {
  EVENT_TYPE_NAMES, isEventType, isSubtypeOf, ProcessCommunicationEvent, ProcessGroupEvent, ProcessLogEvent,
  ProcessStateEvent, RemoteCommunicationEvent, SupervisorStateChangeEvent, TickEvent,
} from '../../../src/events/types.js';
import { pyBytesRepr as pythonBytesRepr } from '../../../src/python/repr.js';
import type { SupervisorEvent } from '../../../src/events/api.js';

const PY = '/usr/bin/python3';
const proc = { processName: 'cat', groupName: 'grp', pid: 4242 };

function state(from: ProcessState, to: ProcessState, extra: { tries?: number; pid?: number; expected?: boolean } = {}) {
  return new ProcessStateEvent({
    processName: 'cat', groupName: 'grp', fromState: from, toState: to,
    tries: extra.tries ?? 0, pid: extra.pid ?? 4242, expected: extra.expected ?? true,
  });
}

// Byte data covering: valid UTF-8 with BOM and non-ASCII, invalid UTF-8 (a split 2-byte char), quotes, escapes.
const samples: Record<string, number[]> = {
  ascii: [...Buffer.from('hello\nworld\n')],
  utf8: [...Buffer.from('\ufeffh\u00e9llo \u{1f600}\n')],
  split: [0x61, 0xc3],
  quotes: [...Buffer.from("it's \"q\" \\ \t\r\n"), 0x00, 0x7f, 0x80, 0xff],
  single: [...Buffer.from("it's"), 0xff],
  surrogate: [0xed, 0xa0, 0x80],
};

// The same events in TypeScript, keyed like the Python script's output.
function ours(): Record<string, SupervisorEvent> {
  const out: Record<string, SupervisorEvent> = {
    starting: state(ProcessState.BACKOFF, ProcessState.STARTING, { tries: 2 }),
    running: state(ProcessState.STARTING, ProcessState.RUNNING),
    backoff: state(ProcessState.STARTING, ProcessState.BACKOFF, { tries: 3 }),
    stopping: state(ProcessState.RUNNING, ProcessState.STOPPING),
    stopped: state(ProcessState.BACKOFF, ProcessState.STOPPED, { pid: 0 }),
    exited_ok: state(ProcessState.RUNNING, ProcessState.EXITED, { expected: true }),
    exited_bad: state(ProcessState.RUNNING, ProcessState.EXITED, { expected: false }),
    fatal: state(ProcessState.BACKOFF, ProcessState.FATAL),
    unknown: state(ProcessState.RUNNING, ProcessState.UNKNOWN),
    remote: new RemoteCommunicationEvent('t', 'd\u00e9ta\n'),
    running_sv: new SupervisorStateChangeEvent('RUNNING'),
    added: new ProcessGroupEvent('ADDED', 'grp'),
    removed: new ProcessGroupEvent('REMOVED', 'grp'),
    tick: new TickEvent(60, 1700000040),
  };
  for (const [k, bytes] of Object.entries(samples)) {
    out[`log_${k}`] = new ProcessLogEvent('stderr', proc, Buffer.from(bytes));
    out[`comm_${k}`] = new ProcessCommunicationEvent('stdout', proc, Buffer.from(bytes));
  }
  return out;
}

const PY_SCRIPT = String.raw`
import json, sys
from supervisor import events
from supervisor.states import ProcessStates as S
samples = json.loads(sys.argv[1])
class Cfg: name = 'cat'
class GCfg: name = 'grp'
class Grp: config = GCfg()
class P:
    config = Cfg(); group = Grp(); pid = 4242; backoff = 0
def st(cls, frm, pid=4242, backoff=0, expected=True):
    p = P(); p.pid = pid; p.backoff = backoff
    return cls(p, frm, expected)
out = {
  'starting': st(events.ProcessStateStartingEvent, S.BACKOFF, backoff=2),
  'running': st(events.ProcessStateRunningEvent, S.STARTING),
  'backoff': st(events.ProcessStateBackoffEvent, S.STARTING, backoff=3),
  'stopping': st(events.ProcessStateStoppingEvent, S.RUNNING),
  'stopped': st(events.ProcessStateStoppedEvent, S.BACKOFF, pid=0),
  'exited_ok': st(events.ProcessStateExitedEvent, S.RUNNING, expected=True),
  'exited_bad': st(events.ProcessStateExitedEvent, S.RUNNING, expected=False),
  'fatal': st(events.ProcessStateFatalEvent, S.BACKOFF),
  'unknown': st(events.ProcessStateUnknownEvent, S.RUNNING),
  'remote': events.RemoteCommunicationEvent('t', 'd\u00e9ta\n'),
  'running_sv': events.SupervisorRunningEvent(),
  'added': events.ProcessGroupAddedEvent('grp'),
  'removed': events.ProcessGroupRemovedEvent('grp'),
  'tick': events.Tick60Event(1700000040, None),
}
for k, b in samples.items():
    out['log_' + k] = events.ProcessLogStderrEvent(P(), 4242, bytes(b))
    out['comm_' + k] = events.ProcessCommunicationStdoutEvent(P(), 4242, bytes(b))
res = {k: [events.getEventNameByType(type(v)), v.payload()] for k, v in out.items()}
sys.stdout.buffer.write(json.dumps(res).encode())
`;

test('payloads are byte-identical to supervisor/events.py', (t) => {
  const probe = existsSync(PY) ? spawnSync(PY, ['-c', 'import supervisor.events']) : null;
  if (!probe || probe.status !== 0) return t.skip('no /usr/bin/python3 with the supervisor module');
  const r = spawnSync(PY, ['-c', PY_SCRIPT, JSON.stringify(samples)], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const expected = JSON.parse(r.stdout) as Record<string, [string, string]>;
  const actual = ours();
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort());
  for (const [key, [name, payload]] of Object.entries(expected)) {
    assert.equal(actual[key]!.name, name, `${key} name`);
    assert.equal(actual[key]!.payload(), payload, `${key} payload`);
  }
});

test('state payloads (no trailing newline, fields per target state)', () => {
  assert.equal(state(ProcessState.STARTING, ProcessState.RUNNING, { pid: 7 }).payload(),
    'processname:cat groupname:grp from_state:STARTING pid:7');
  assert.equal(state(ProcessState.BACKOFF, ProcessState.FATAL).payload(),
    'processname:cat groupname:grp from_state:BACKOFF');
  assert.equal(state(ProcessState.RUNNING, ProcessState.EXITED, { expected: false, pid: 9 }).payload(),
    'processname:cat groupname:grp from_state:RUNNING expected:0 pid:9');
  assert.equal(state(ProcessState.STOPPED, ProcessState.STARTING, { tries: 0 }).name, 'PROCESS_STATE_STARTING');
});

test('undecodable output is rendered like Python repr', () => {
  assert.equal(pythonBytesRepr(Buffer.from([0x61, 0xc3])), "b'a\\xc3'");
  assert.equal(pythonBytesRepr(Buffer.from("it's")), 'b"it\'s"');
  assert.equal(pythonBytesRepr(Buffer.from('\'"')), "b'\\'\"'");
  const ev = new ProcessLogEvent('stdout', proc, Buffer.from([0xff, 0x0a]));
  assert.equal(ev.payload(), "processname:cat groupname:grp pid:4242 channel:stdout\nUndecodable: b'\\xff\\n'");
});

test('families: isSubtypeOf follows the events.py class tree', () => {
  assert.equal(EVENT_TYPE_NAMES.length, 27);
  for (const name of EVENT_TYPE_NAMES) assert.ok(isSubtypeOf(name, 'EVENT'), name);
  assert.ok(isSubtypeOf('PROCESS_STATE_RUNNING', 'PROCESS_STATE'));
  assert.ok(isSubtypeOf('PROCESS_STATE_RUNNING', 'PROCESS_STATE_RUNNING'));
  assert.ok(!isSubtypeOf('PROCESS_STATE_RUNNING', 'PROCESS_STATE_EXITED'));
  assert.ok(!isSubtypeOf('PROCESS_STATE', 'PROCESS_STATE_RUNNING'));
  assert.ok(isSubtypeOf('TICK_5', 'TICK'));
  assert.ok(!isSubtypeOf('TICK_5', 'PROCESS_LOG'));
  assert.ok(isSubtypeOf('PROCESS_LOG_STDERR', 'PROCESS_LOG'));
  assert.ok(isSubtypeOf('PROCESS_COMMUNICATION_STDOUT', 'PROCESS_COMMUNICATION'));
  assert.ok(isSubtypeOf('SUPERVISOR_STATE_CHANGE_STOPPING', 'SUPERVISOR_STATE_CHANGE'));
  assert.ok(isSubtypeOf('PROCESS_GROUP_REMOVED', 'PROCESS_GROUP'));
  assert.ok(!isSubtypeOf('REMOTE_COMMUNICATION', 'PROCESS_COMMUNICATION'));
  assert.ok(!isSubtypeOf('NOPE', 'EVENT'));
  assert.ok(isEventType('TICK_3600'));
  assert.ok(!isEventType('tick_5'));
  assert.ok(!isEventType('TICK_10'));
});

test('the type list matches EventTypes in events.py', (t) => {
  const probe = existsSync(PY) ? spawnSync(PY, ['-c', 'import supervisor.events']) : null;
  if (!probe || probe.status !== 0) return t.skip('no /usr/bin/python3 with the supervisor module');
  const r = spawnSync(PY, ['-c', `
import json
from supervisor import events
names = [k for k, v in vars(events.EventTypes).items() if isinstance(v, type)]
tree = {a: [b for b in names if issubclass(getattr(events.EventTypes, a), getattr(events.EventTypes, b))] for a in names}
print(json.dumps(tree))`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const tree = JSON.parse(r.stdout) as Record<string, string[]>;
  assert.deepEqual(Object.keys(tree), [...EVENT_TYPE_NAMES]);
  for (const [name, families] of Object.entries(tree)) {
    for (const family of EVENT_TYPE_NAMES) {
      assert.equal(isSubtypeOf(name, family), families.includes(family), `${name} < ${family}`);
    }
  }
});
