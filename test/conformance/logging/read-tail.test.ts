// readLog/tail offset rules, strip_ansi and the AUTO cleanup pattern compared with Supervisor's own
// functions (supervisor.options.readFile / tailFile, dispatchers.stripEscapes, clear_autochildlogdir's regex).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { readLog, tailLog, LogReadError } from '../../../src/logging/log-read.js';
import { stripAnsi } from '../../../src/logging/ansi.js';
import { autoLogPattern } from '../../../src/logging/auto-log.js';
import { removeDir, tempDir } from '../../unit/logging/helpers.js';

const PY = '/usr/bin/python3';
const hasSupervisor = fs.existsSync('/usr/bin/supervisord') && spawnSync(PY, ['-c', 'import supervisor']).status === 0;

const d = tempDir();
after(() => removeDir(d));

function python(code: string, input: unknown): unknown {
  const r = spawnSync(PY, ['-c', code], { input: JSON.stringify(input), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

const offsets = [-30, -12, -5, -1, 0, 1, 5, 11, 12, 13, 40];
const lengths = [-1, 0, 1, 5, 12, 13, 100];

test('readLog matches supervisor.options.readFile', async (t) => {
  if (!hasSupervisor) return t.skip('real Supervisor not installed');
  for (const size of [0, 12]) {
    const file = path.join(d, `r${size}.log`);
    fs.writeFileSync(file, 'abcdefghijkl'.slice(0, size));
    const expected = python(
      `import json,sys
from supervisor.options import readFile
out=[]
f,offs,lens=json.load(sys.stdin)
for o in offs:
  for l in lens:
    try: out.append(readFile(f,o,l).decode('latin-1'))
    except ValueError as e: out.append('!'+e.args[0])
print(json.dumps(out))`,
      [file, offsets, lengths],
    ) as string[];
    let i = 0;
    for (const o of offsets) {
      for (const l of lengths) {
        let got: string;
        try {
          got = (await readLog(file, o, l)).toString('latin1');
        } catch (e) {
          got = `!${(e as LogReadError).fault}`;
        }
        assert.equal(got, expected[i++], `size ${size} readFile(${o}, ${l})`);
      }
    }
  }
});

test('tailLog matches supervisor.options.tailFile', async (t) => {
  if (!hasSupervisor) return t.skip('real Supervisor not installed');
  for (const size of [0, 1, 12]) {
    const file = path.join(d, `t${size}.log`);
    fs.writeFileSync(file, 'abcdefghijkl'.slice(0, size));
    const tailOffsets = offsets.filter((o) => o >= 0);
    const tailLengths = lengths.filter((l) => l >= 0);
    const expected = python(
      `import json,sys
from supervisor.options import tailFile
f,offs,lens=json.load(sys.stdin)
print(json.dumps([tailFile(f,o,l) for o in offs for l in lens]))`,
      [file, tailOffsets, tailLengths],
    ) as Array<[string, number, boolean]>;
    let i = 0;
    for (const o of tailOffsets) {
      for (const l of tailLengths) {
        const r = await tailLog(file, o, l);
        assert.deepEqual([r.data.toString('latin1'), r.offset, r.overflow], expected[i++], `size ${size} tail(${o}, ${l})`);
      }
    }
  }
});

test('stripAnsi matches stripEscapes on generated inputs', (t) => {
  if (!hasSupervisor) return t.skip('real Supervisor not installed');
  const alphabet = ['\x1b', '[', 'm', 'K', 'x', '1', ';', 'H', 'z', '\n'];
  const inputs: string[] = [];
  let seed = 12345;
  for (let n = 0; n < 400; n++) {
    let s = '';
    const len = n % 17;
    for (let k = 0; k < len; k++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      s += alphabet[seed % alphabet.length];
    }
    inputs.push(s);
  }
  const expected = python(
    `import json,sys
from supervisor.dispatchers import stripEscapes
print(json.dumps([stripEscapes(s.encode('latin-1')).decode('latin-1') for s in json.load(sys.stdin)]))`,
    inputs,
  ) as string[];
  inputs.forEach((s, i) => assert.equal(stripAnsi(Buffer.from(s, 'latin1')).toString('latin1'), expected[i], JSON.stringify(s)));
});

test('AUTO cleanup pattern matches what clear_autochildlogdir deletes', (t) => {
  if (!hasSupervisor) return t.skip('real Supervisor not installed');
  const names = [
    'web-stdout---supervisor-abcd1234.log',
    'web-stderr---supervisor-abcd1234.log.1',
    'web-stderr---supervisor-abcd1234.log.10',
    'web_00-stdout---supervisor-x_y.log',
    'web-stdout---other-abcd1234.log',
    'web-stdout--supervisor-abcd1234.log',
    '---supervisor-a.log',
    'x---supervisor-.log',
    'x---supervisor-a.logfile',
    'plain.log',
  ];
  const expected = python(
    `import json,sys,re
fnre = re.compile(r'.+?---%s-\\S+\\.log\\.{0,1}\\d{0,4}' % 'supervisor')
print(json.dumps([bool(fnre.match(n)) for n in json.load(sys.stdin)]))`,
    names,
  ) as boolean[];
  const pattern = autoLogPattern('supervisor');
  names.forEach((n, i) => assert.equal(pattern.test(n), expected[i], n));
});
