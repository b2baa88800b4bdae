// reread/update decisions: our diffGroups() and Supervisor's diff_to_active() agree on pairs of configs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffGroups, loadConfig } from '../../../src/config/index.js';
import { HAVE_SUPERVISOR, removeTree, writeTree } from './parity-helpers.js';

const DUMPER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dump-supervisor-config.py');
const HEAD = '[supervisord]\nlogfile=%(here)s/sd.log\npidfile=%(here)s/sd.pid\n';
const BASE = `[program:a]\ncommand=/bin/true\n[program:b]\ncommand=/bin/true\nstdout_logfile=AUTO\n[group:g]\nprograms=c\n[program:c]\ncommand=/bin/cat\n[eventlistener:l]\ncommand=/bin/cat\nevents=TICK_5\n[fcgi-program:f]\ncommand=/bin/cat\nsocket=tcp://localhost:9333\n`;

/** Variants of BASE, each compared against BASE. */
const VARIANTS: Record<string, string> = {
  identical: BASE,
  'command changed': BASE.replace('[program:a]\ncommand=/bin/true', '[program:a]\ncommand=/bin/false'),
  'AUTO vs a path': BASE.replace('stdout_logfile=AUTO', 'stdout_logfile=/tmp/b.log'),
  'group member option': BASE.replace('command=/bin/cat\n[eventlistener', 'command=/bin/cat\nstartsecs=3\n[eventlistener'),
  'group priority': BASE.replace('programs=c', 'programs=c\npriority=5'),
  'listener events': BASE.replace('events=TICK_5', 'events=TICK_5,TICK_60'),
  'fcgi socket': BASE.replace('9333', '9334'),
  'added and removed': BASE.replace('[program:a]', '[program:a2]'),
  'user by name vs uid': BASE.replace('[program:a]\ncommand=/bin/true', '[program:a]\ncommand=/bin/true\nuser=0'),
  'supervisord environment': BASE.replace('[program:a]', '[supervisord]\nenvironment=X=1\n[program:a]'),
};

test('diffGroups agrees with Supervisor on added, changed and removed groups', (t) => {
  if (!HAVE_SUPERVISOR) return t.skip('Supervisor 4.2.5 is not installed');
  const files: Record<string, string> = { 'base.conf': HEAD + BASE };
  Object.entries(VARIANTS).forEach(([, body], i) => (files[`v${i}.conf`] = HEAD + body));
  const dir = writeTree(files);
  try {
    const base = path.join(dir, 'base.conf');
    const variants = Object.keys(VARIANTS).map((_, i) => path.join(dir, `v${i}.conf`));
    const theirs = JSON.parse(
      execFileSync('/usr/bin/python3', [DUMPER, 'diff', ...variants.flatMap((v) => [base, v])], { cwd: dir, encoding: 'utf8' }),
    ) as { added: string[]; changed: string[]; removed: string[] }[];
    const active = loadConfig({ configFile: base }).groups;
    Object.keys(VARIANTS).forEach((name, i) => {
      const d = diffGroups(active, loadConfig({ configFile: variants[i]! }).groups);
      const ours = { added: d.added.map((g) => g.name), changed: d.changed.map((g) => g.name), removed: d.removed.map((g) => g.name) };
      assert.deepEqual(ours, theirs[i], name);
    });
  } finally {
    removeTree(dir);
  }
});
