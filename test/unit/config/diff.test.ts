import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { diffGroups, loadConfig, type LoadedConfig } from '../../../src/config/index.js';
import { HEAD, removeTree, tempTree } from './helpers.js';

function load(body: string): LoadedConfig {
  const dir = tempTree({ 'supervisord.conf': `${HEAD}${body}` });
  try {
    return loadConfig({ configFile: path.join(dir, 'supervisord.conf') });
  } finally {
    removeTree(dir);
  }
}

const names = (gs: { name: string }[]): string[] => gs.map((g) => g.name);

test('added, changed (new config returned) and removed groups', () => {
  const before = load('[program:same]\ncommand=/bin/true\n[program:gone]\ncommand=/bin/true\n[program:edit]\ncommand=/bin/true\n');
  const after = load('[program:same]\ncommand=/bin/true\n[program:new]\ncommand=/bin/true\n[program:edit]\ncommand=/bin/false\n');
  const d = diffGroups(before.groups, after.groups);
  assert.deepEqual(names(d.added), ['new']);
  assert.deepEqual(names(d.removed), ['gone']);
  assert.deepEqual(names(d.changed), ['edit']);
  assert.equal(d.changed[0]!.processes[0]!.command, '/bin/false');
});

test('every process option counts, priority and numprocs too', () => {
  const base = load('[program:x]\ncommand=/bin/true\n');
  for (const extra of ['startsecs=5', 'priority=1', 'environment=A=1', 'stdout_logfile_maxbytes=1KB', 'critical=true', 'numprocs=2\nprocess_name=%(process_num)s']) {
    const changed = load(`[program:x]\ncommand=/bin/true\n${extra}\n`);
    assert.deepEqual(names(diffGroups(base.groups, changed.groups).changed), ['x'], extra);
  }
  assert.deepEqual(diffGroups(base.groups, load('[program:x]\ncommand=/bin/true\n').groups).changed, []);
});

test('an AUTO log path equals any path', () => {
  const auto = load('[program:x]\ncommand=/bin/true\n');
  const named = load('[program:x]\ncommand=/bin/true\nstdout_logfile=/tmp/x.log\n');
  const other = load('[program:x]\ncommand=/bin/true\nstdout_logfile=/tmp/y.log\n');
  assert.deepEqual(diffGroups(auto.groups, named.groups).changed, []);
  assert.deepEqual(names(diffGroups(named.groups, other.groups).changed), ['x']);
});

test('listener events and fcgi sockets are compared', () => {
  const a = load('[eventlistener:l]\ncommand=/bin/cat\nevents=TICK_5,TICK_60\n');
  const b = load('[eventlistener:l]\ncommand=/bin/cat\nevents=TICK_60,TICK_5\n');
  const c = load('[eventlistener:l]\ncommand=/bin/cat\nevents=TICK_5\n');
  assert.deepEqual(diffGroups(a.groups, b.groups).changed, []);
  assert.deepEqual(names(diffGroups(a.groups, c.groups).changed), ['l']);
  const f1 = load('[fcgi-program:f]\ncommand=/bin/cat\nsocket=tcp://localhost:9001\n');
  const f2 = load('[fcgi-program:f]\ncommand=/bin/cat\nsocket=tcp://localhost:9002\n');
  assert.deepEqual(names(diffGroups(f1.groups, f2.groups).changed), ['f']);
});

test('like Supervisor, the user is compared by uid and process numbering is not compared', () => {
  const byName = load('[program:x]\ncommand=/bin/true\nuser=root\n');
  const byUid = load('[program:x]\ncommand=/bin/true\nuser=0\nnumprocs_start=4\n');
  assert.deepEqual(diffGroups(byName.groups, byUid.groups).changed, []);
});
