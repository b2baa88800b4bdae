// env_file= for [supervisord] and programs: format, precedence against environment=, errors naming file and line.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hasDist, waitFor } from '../daemon/harness.js';
import { cleanUp, newDir, newTracker, readLines, startOurs, waitLog } from './helpers.js';

const tracker = newTracker();
after(() => cleanUp(tracker));
const skip = hasDist ? false : 'not built (npx tsc -p tsconfig.json)';

/** run /usr/bin/env as a one-shot program and return its environment */
async function childEnv(dir: string, programExtra: string, supervisordExtra: string,
  daemonEnv: Record<string, string> = {}): Promise<Map<string, string>> {
  const out = path.join(dir, 'env.out');
  const d = startOurs(tracker, dir, `[program:show]\ncommand=/usr/bin/env\nstartsecs=0\nautorestart=false
stdout_logfile=${out}\n${programExtra}\n`, supervisordExtra, daemonEnv);
  await waitLog(d, /exited: show/);
  d.signal('SIGTERM');
  assert.equal(await d.waitForExit(), 0);
  return new Map(readLines(out).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

test('precedence: daemon env < [supervisord] env_file < [supervisord] environment < program env_file < program environment', { skip }, async () => {
  const dir = newDir(tracker);
  writeFileSync(path.join(dir, 'global.env'), 'A=global_file\nB=global_file\nC=global_file\nD=global_file\n');
  writeFileSync(path.join(dir, 'prog.env'), 'C=prog_file\nD=prog_file\nE=prog_file\n');
  const env = await childEnv(dir, 'env_file=prog.env\nenvironment=D="prog_env"',
    'env_file=global.env\nenvironment=B="global_env",C="global_env"', { A: 'daemon', Z: 'daemon' });
  assert.deepEqual(['A', 'B', 'C', 'D', 'E', 'Z'].map((k) => env.get(k)),
    ['global_file', 'global_env', 'prog_file', 'prog_env', 'prog_file', 'daemon']);
  assert.equal(env.get('SUPERVISOR_PROCESS_NAME'), 'show');
});

test('.env syntax: export, quotes, escapes, comments, no expansion; later files override earlier ones', { skip }, async () => {
  const dir = newDir(tracker);
  mkdirSync(path.join(dir, 'conf.d'));
  writeFileSync(path.join(dir, 'conf.d', 'base.env'), [
    '# a comment',
    '',
    'export EXPORTED=yes',
    'SPACED = around equals ',
    "SINGLE='$HOME \\n stays'",
    'DOUBLE="tab\\there\\nnewline \\"q\\""',
    'PLAIN=value # trailing comment',
    'HASH=a#b',
    'DOLLAR=$HOME',
    'PERCENT=100%',
    'OVERRIDDEN=base',
    '',
  ].join('\n'));
  writeFileSync(path.join(dir, 'conf.d', 'override.env'), 'OVERRIDDEN=override\n');
  const out = path.join(dir, 'env.out');
  // printf %s keeps the newline inside DOUBLE visible as two lines in the output file
  const d = startOurs(tracker, dir, `[program:show]
command=/bin/sh -c 'for v in EXPORTED SPACED SINGLE DOUBLE PLAIN HASH DOLLAR PERCENT OVERRIDDEN; do eval "printf \\"%%s=[%%s]\\\\n\\" \\$v \\"\\$$v\\""; done'
startsecs=0
autorestart=false
stdout_logfile=${out}
env_file=conf.d/base.env
  conf.d/override.env
`);
  await waitLog(d, /exited: show/);
  d.signal('SIGTERM');
  await d.waitForExit();
  const text = readLines(out).join('\n');
  assert.equal(text, [
    'EXPORTED=[yes]',
    'SPACED=[around equals]',
    'SINGLE=[$HOME \\n stays]',
    'DOUBLE=[tab\there',
    'newline "q"]',
    'PLAIN=[value]',
    'HASH=[a#b]',
    'DOLLAR=[$HOME]',
    'PERCENT=[100%]',
    'OVERRIDDEN=[override]',
  ].join('\n'));
});

test('.env values are not visible to %(ENV_X)s expansions', { skip }, async () => {
  const dir = newDir(tracker);
  writeFileSync(path.join(dir, 'g.env'), 'FROM_FILE=file\n');
  const env = await childEnv(dir, 'environment=COPY="%(ENV_FROM_FILE)s"', 'env_file=g.env', { FROM_FILE: 'daemon' });
  assert.equal(env.get('COPY'), 'daemon');
  assert.equal(env.get('FROM_FILE'), 'file');
});

const malformed: Array<[string, string, RegExp]> = [
  ['no equals sign', 'GOOD=1\nJUSTAWORD\n', /bad\.env, line 2:/],
  ['a bad name', 'GOOD=1\n\n1BAD=x\n', /bad\.env, line 3:/],
  ['an unclosed quote', 'Q="never closed\n', /bad\.env, line 1:/],
];

for (const where of ['supervisord', 'program'] as const) {
  for (const [what, content, line] of malformed) {
    test(`malformed .env for [${where}] (${what}): exit 2 naming the .env file and line`, { skip }, async () => {
      const dir = newDir(tracker);
      const envFile = path.join(dir, 'bad.env');
      writeFileSync(envFile, content);
      const d = where === 'supervisord'
        ? startOurs(tracker, dir, '[program:p]\ncommand=/bin/sleep 1000\n', 'env_file=bad.env')
        : startOurs(tracker, dir, '[program:p]\ncommand=/bin/sleep 1000\nenv_file=bad.env\n');
      assert.equal(await d.waitForExit(), 2, d.output);
      assert.match(d.output, /^Error: /m);
      assert.ok(d.output.includes(envFile), `names ${envFile}: ${d.output}`);
      assert.match(d.output, line);
    });
  }
}

test('a missing env_file is a configuration error naming it', { skip }, async () => {
  const dir = newDir(tracker);
  const d = startOurs(tracker, dir, '[program:p]\ncommand=/bin/sleep 1000\nenv_file=nowhere.env\n');
  assert.equal(await d.waitForExit(), 2);
  await waitFor('message', () => d.output.includes(path.join(dir, 'nowhere.env')) && d.output);
  assert.match(d.output, /supervisord\.conf/);
});

test('a program env_file may use %(process_num)d: one file per process', { skip }, async () => {
  const dir = newDir(tracker);
  for (const n of [0, 1]) writeFileSync(path.join(dir, `p${n}.env`), `SHARD=shard-${n}\n`);
  const d = startOurs(tracker, dir, `[program:shard]
command=/bin/sh -c 'echo "%(process_num)d $SHARD" >> ${dir}/shards'
process_name=%(program_name)s_%(process_num)d
numprocs=2
env_file=p%(process_num)d.env
startsecs=0
autorestart=false
`, 'exit_when_all_exited=true');
  assert.equal(await d.waitForExit(), 0, d.output);
  assert.deepEqual(readLines(path.join(dir, 'shards')).sort(), ['0 shard-0', '1 shard-1']);
});

test('a .env with CRLF line endings (edited on Windows) gives the same values', { skip }, async () => {
  const dir = newDir(tracker);
  writeFileSync(path.join(dir, 'crlf.env'), 'PLAIN=1\r\nQUOTED="two"\r\nSINGLE=\'three\'\r\n');
  const env = await childEnv(dir, '', 'env_file=crlf.env');
  assert.deepEqual(['PLAIN', 'QUOTED', 'SINGLE'].map((k) => env.get(k)), ['1', 'two', 'three']);
});
