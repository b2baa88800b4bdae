// console=true: child output on supervisord's own stdout/stderr (docker logs), as prefixed or JSON lines,
// with partial lines, long lines, tee to a rotating file, and the main log echo in JSON.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DaemonUnderTest } from '../daemon/harness.js';
import { hasDist, waitFor } from '../daemon/harness.js';
import { cleanUp, newDir, newTracker, script, spawnedPid, startOurs, waitLog } from './helpers.js';

const tracker = newTracker();
after(() => cleanUp(tracker));
const skip = hasDist ? false : 'not built (npx tsc -p tsconfig.json)';

/** the daemon's stdout and stderr, kept apart */
function streams(d: DaemonUnderTest): { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  d.child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
  d.child.stderr!.on('data', (b: Buffer) => { err += b.toString(); });
  return { out: () => out, err: () => err };
}

const lines = (text: string): string[] => text.split('\n').filter(Boolean);
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

interface JsonLine { time: string; program: string; process: string; pid: number; stream: string; message: string }

function jsonLines(text: string): Array<Record<string, unknown>> {
  return lines(text).map((l) => {
    try {
      return JSON.parse(l) as Record<string, unknown>;
    } catch {
      throw new Error(`not a JSON line: ${JSON.stringify(l)}`);
    }
  });
}

async function stop(d: DaemonUnderTest): Promise<void> {
  d.signal('SIGTERM');
  assert.equal(await d.waitForExit(), 0);
}

test('console_format=prefix with console_timestamps: `time name | line` on the matching stream', { skip }, async () => {
  const dir = newDir(tracker);
  const talk = script(dir, 'talk.sh', "echo hello\necho oops >&2\nprintf 'ab'; sleep 0.1; printf 'cd\\n'\nexec sleep 1000");
  const d = startOurs(tracker, dir, `[program:talk]\ncommand=${talk}\nstartsecs=0\n`,
    'console=true\nconsole_format=prefix\nconsole_timestamps=true');
  const s = streams(d);
  await waitFor('lines', () => /talk \| abcd/.test(s.out()) && /talk \| oops/.test(s.err()), 10000);
  const mine = (text: string): string[] => lines(text).filter((l) => l.includes(' talk | '));
  const out = mine(s.out());
  assert.equal(out.length, 2, s.out());
  for (const l of [...out, ...mine(s.err())]) assert.match(l.split(' ')[0]!, RFC3339, l);
  assert.deepEqual(out.map((l) => l.slice(l.indexOf(' ') + 1)), ['talk | hello', 'talk | abcd']);
  assert.deepEqual(mine(s.err()).map((l) => l.slice(l.indexOf(' ') + 1)), ['talk | oops']);
  await stop(d);
});

test('a line written in two parts 0.3 s apart is one console line', { skip }, async () => {
  const dir = newDir(tracker);
  const talk = script(dir, 'talk.sh', "printf 'ab'; sleep 0.3; printf 'cd\\n'\nexec sleep 1000");
  const d = startOurs(tracker, dir, `[program:talk]\ncommand=${talk}\nstartsecs=0\n`, 'console=true\nconsole_format=prefix');
  const s = streams(d);
  await waitFor('cd', () => /cd/.test(s.out()), 10000);
  assert.deepEqual(lines(s.out()).filter((l) => l.startsWith('talk | ')), ['talk | abcd']);
  await stop(d);
});

test('a trailing partial line is flushed after a short delay, while the program still runs', { skip }, async () => {
  const dir = newDir(tracker);
  const d = startOurs(tracker, dir, `[program:prompt]\ncommand=/bin/sh -c "printf 'no newline here'; exec sleep 1000"\nstartsecs=0\n`,
    'console=true\nconsole_format=prefix');
  const s = streams(d);
  await waitFor('partial line', () => s.out().includes('prompt | no newline here\n'), 3000);
  const pid = await waitFor('spawned line', () => spawnedPid(d.log(), 'prompt'));
  assert.ok(existsSync(`/proc/${pid}`), 'program still running');
  await stop(d);
});

test('a line longer than the cap is emitted in prefixed pieces that join to the original', { skip }, async () => {
  const dir = newDir(tracker);
  const long = 'x'.repeat(40000);
  const d = startOurs(tracker, dir,
    `[program:long]\ncommand=/bin/sh -c "head -c 40000 /dev/zero | tr '\\\\0' x; echo; echo short; exec sleep 1000"\nstartsecs=0\n`,
    'console=true\nconsole_format=prefix');
  const s = streams(d);
  await waitFor('short', () => s.out().includes('long | short\n'), 10000);
  const pieces = lines(s.out()).filter((l) => l.startsWith('long | x'));
  assert.ok(pieces.length >= 2, `split into ${pieces.length}`);
  assert.equal(pieces.map((l) => l.slice('long | '.length)).join(''), long);
  await stop(d);
});

test('console_format=json: {time, program, process, pid, stream, message}; the main log echo is JSON too', { skip }, async () => {
  const dir = newDir(tracker);
  const d = startOurs(tracker, dir, `[program:api]
command=/bin/sh -c 'echo "say \\"hi\\""; echo warn >&2; exec sleep 1000'
process_name=%(program_name)s_%(process_num)d
numprocs=1
startsecs=0
`, 'console=true\nconsole_format=json');
  const s = streams(d);
  await waitFor('json lines', () => /"message":"warn"/.test(s.err()) && /say/.test(s.out()), 10000);
  await waitLog(d, /success: api_0/);
  const pid = spawnedPid(d.log(), 'api_0')!;
  const out = jsonLines(s.out()); // every stdout line parses: the main log echo follows the format
  const child = out.filter((o) => o.program === 'api') as unknown as JsonLine[];
  assert.equal(child.length, 1);
  const line = child[0]!;
  assert.deepEqual(Object.keys(line).sort(), ['message', 'pid', 'process', 'program', 'stream', 'time']);
  assert.deepEqual({ ...line, time: '' }, { time: '', program: 'api', process: 'api_0', pid, stream: 'stdout', message: 'say "hi"' });
  assert.match(line.time, RFC3339);
  const err = jsonLines(s.err()).filter((o) => o.program === 'api');
  assert.deepEqual(err.map((o) => [o.stream, o.message, o.pid]), [['stderr', 'warn', pid]]);
  const main = out.filter((o) => o.program === undefined);
  assert.ok(main.some((o) => typeof o.message === 'string' && /spawned: 'api_0'/.test(o.message)), s.out());
  for (const o of main) {
    assert.match(String(o.time), RFC3339);
    assert.equal(typeof o.level, 'string');
  }
  // the main log file keeps Supervisor's text format (tools that parse it keep working)
  assert.match(d.log(), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO /m);
  await stop(d);
});

test('tee: the log file (with rotation) gets the raw bytes while the console gets every line', { skip }, async () => {
  const dir = newDir(tracker);
  const logFile = path.join(dir, 'count.log');
  const count = script(dir, 'count.sh', 'i=0; while [ $i -lt 200 ]; do echo "line number $i of the counter"; i=$((i+1)); done\nexec sleep 1000');
  const d = startOurs(tracker, dir, `[program:count]\ncommand=${count}\nstartsecs=0\nconsole=true\nconsole_format=prefix
stdout_logfile=${logFile}\nstdout_logfile_maxbytes=2KB\nstdout_logfile_backups=10\n`);
  const s = streams(d);
  await waitFor('last line', () => s.out().includes('count | line number 199 of the counter\n'), 10000);
  const consoleLines = lines(s.out()).filter((l) => l.startsWith('count | ')).map((l) => l.slice('count | '.length));
  const expected = Array.from({ length: 200 }, (_, i) => `line number ${i} of the counter`);
  assert.deepEqual(consoleLines, expected);
  // the file is written on its own schedule: wait until it holds everything
  const fileText = (): string => {
    let text = '';
    for (let n = 10; n >= 1; n--) if (existsSync(`${logFile}.${n}`)) text += readFileSync(`${logFile}.${n}`, 'utf8');
    return text + (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  };
  const want = expected.map((l) => `${l}\n`).join('');
  // rotation runs after the write that crossed maxbytes, so '.1' can be missing for a moment mid-rename: poll for both
  const settled = (): boolean => existsSync(`${logFile}.1`) && fileText() === want;
  await waitFor('log file complete and rotated', settled, 5000).catch(() => {
    assert.equal(fileText(), want);
    assert.ok(existsSync(`${logFile}.1`), 'rotated');
  });
  await stop(d);
});

test('per-program settings override [supervisord]: raw format here, console=false there', { skip }, async () => {
  const dir = newDir(tracker);
  const d = startOurs(tracker, dir, `[program:loud]\ncommand=/bin/sh -c 'echo loud-line; exec sleep 1000'\nstartsecs=0
console_format=raw\n
[program:plain]\ncommand=/bin/sh -c 'echo plain-line; exec sleep 1000'\nstartsecs=0\nconsole_timestamps=false\n
[program:quiet]\ncommand=/bin/sh -c 'echo quiet-line; exec sleep 1000'\nstartsecs=0\nconsole=false\n`,
  'console=true\nconsole_format=prefix\nconsole_timestamps=true');
  const s = streams(d);
  await waitFor('loud and plain', () => s.out().includes('loud-line\n') && s.out().includes('plain-line\n'), 10000);
  await waitLog(d, /success: quiet/);
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(lines(s.out()).includes('loud-line'), 'raw: exactly as written');
  assert.ok(lines(s.out()).includes('plain | plain-line'), 'prefix inherited, timestamps turned off');
  assert.ok(!s.out().includes('quiet-line'));
  await stop(d);
});

test('a partial last line is written when the program exits', { skip }, async () => {
  const dir = newDir(tracker);
  const d = startOurs(tracker, dir, `[program:bye]\ncommand=/bin/sh -c "echo first; printf 'last words'"\nstartsecs=0\nautorestart=false\n`,
    'console=true\nconsole_format=json\nexit_when_all_exited=true');
  const s = streams(d);
  assert.equal(await d.waitForExit(), 0);
  const messages = jsonLines(s.out()).filter((o) => o.program === 'bye').map((o) => o.message);
  assert.deepEqual(messages, ['first', 'last words']);
});
