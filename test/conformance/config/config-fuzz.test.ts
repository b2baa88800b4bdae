// Whole random configurations (valid and not) read by Supervisor and by us: same result, or the same first error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { HAVE_SUPERVISOR, ourDump, removeTree, supervisorDumps, withoutLocation, writeTree, type Dump } from './parity-helpers.js';

/** Option pools: mostly valid values with a few bad ones, so that some configs fail and some do not. */
const PROGRAM_OPTIONS: Record<string, string[]> = {
  command: ['/bin/true', '/bin/echo %(program_name)s', '/bin/echo %(process_num)d', '!/bin/echo %(nope)s', '!x 100%'],
  numprocs: ['1', '2', '0', '!two'],
  process_name: ['%(program_name)s_%(process_num)d', '%(program_name)s', '!a b'],
  priority: ['1', '999', '-5', '!high'],
  autostart: ['true', 'false', '!maybe'],
  autorestart: ['unexpected', 'true', '!never'],
  startsecs: ['0', '10', '!1.5'],
  stopsignal: ['TERM', 'kill', 'SIGUSR2', '!NOPE', '!99'],
  exitcodes: ['0', '0,2', '!300', ''],
  stopasgroup: ['true', 'false'],
  killasgroup: ['true', 'false'],
  redirect_stderr: ['true', 'false'],
  stdout_logfile: ['AUTO', 'NONE', '%(here)s/%(program_name)s.log', '!/nonexistent/x.log', 'syslog'],
  stderr_logfile: ['AUTO', 'off', '%(here)s/err.log'],
  stdout_logfile_maxbytes: ['0', '1MB', '10 kb', '!1M'],
  environment: ['A=1', 'A="x y",B=2', '!A=', 'K=%(process_num)d'],
  umask: ['022', '!8'],
  user: ['root', '0', '!nosuchuser'],
  serverurl: ['AUTO', 'http://x:1'],
};
const LISTENER_OPTIONS: Record<string, string[]> = {
  events: ['TICK_5', 'PROCESS_STATE,tick_60', '!BOGUS', '!'],
  buffer_size: ['10', '!0', '!x'],
  redirect_stderr: ['false', 'true'],
};

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function pick<T>(rand: () => number, items: T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** A value for an option: a bad one (marked `!` in the pools) only now and then. */
function value(rand: () => number, values: string[]): string {
  const bad = values.filter((v) => v.startsWith('!')).map((v) => v.slice(1));
  const good = values.filter((v) => !v.startsWith('!'));
  return bad.length > 0 && rand() < 0.08 ? pick(rand, bad) : pick(rand, good);
}

function section(rand: () => number, header: string, pools: Record<string, string[]>, always: Record<string, string>): string {
  const lines = [header, ...Object.entries(always).map(([k, v]) => `${k}=${v}`)];
  for (const [key, values] of Object.entries(pools)) {
    if (rand() < 0.35) lines.push(`${key}=${value(rand, values)}`);
  }
  return lines.join('\n') + '\n';
}

function randomConfig(rand: () => number): string {
  let text = '[supervisord]\nlogfile=%(here)s/sd.log\npidfile=%(here)s/sd.pid\n';
  const programs = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < programs; i++) text += section(rand, `[program:p${i}]`, PROGRAM_OPTIONS, { command: '/bin/true' });
  if (rand() < 0.3) text += section(rand, '[eventlistener:l]', { ...PROGRAM_OPTIONS, ...LISTENER_OPTIONS }, { command: '/bin/cat', events: 'TICK_5' });
  if (rand() < 0.3) text += `[group:g]\nprograms=${pick(rand, ['p0', 'p0,p1', 'zz'])}\n`;
  return text;
}

const CASES = 150;
const dirs: string[] = [];
let theirs: Dump[] = [];

before(() => {
  if (!HAVE_SUPERVISOR) return;
  const rand = random(11);
  for (let i = 0; i < CASES; i++) dirs.push(writeTree({ 'supervisord.conf': randomConfig(rand) }, 'cfg-fuzz-'));
  theirs = supervisorDumps('server', dirs.map((d) => path.join(d, 'supervisord.conf')));
});

after(() => dirs.forEach(removeTree));

test('random configurations: same reading or same error as Supervisor', (t) => {
  if (!HAVE_SUPERVISOR) return t.skip('Supervisor 4.2.5 is not installed');
  let failures = 0;
  dirs.forEach((dir, i) => {
    const file = path.join(dir, 'supervisord.conf');
    const ours = ourDump('server', file, dir);
    const expected = theirs[i]!;
    if (expected.error !== undefined) {
      failures++;
      assert.equal(withoutLocation(ours.error ?? '(accepted)'), withoutLocation(expected.error), `config ${i}`);
    } else {
      assert.deepEqual(ours, expected, `config ${i}`);
    }
  });
  // the pools are meant to produce both outcomes
  assert.ok(failures > 10 && failures < CASES - 10, `${failures} of ${CASES} rejected`);
});
