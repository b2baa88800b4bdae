// Runs the real Python supervisorctl and ours against the same real supervisord and compares what they
// print. Only pids, uptimes, dates and source locations are normalised.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import net from 'node:net';
import {
  existsSync,
  mkdtempSync,
  mkdirSync,
  writeFileSync,
  readFileSync,
  renameSync,
  rmSync,
  cpSync,
  readdirSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REAL_SUPERVISORD = '/usr/bin/supervisord';
export const REAL_SUPERVISORCTL = '/usr/bin/supervisorctl';
export const HAVE_REAL = existsSync(REAL_SUPERVISORD) && existsSync(REAL_SUPERVISORCTL);

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
// A private build shared by the test files of one `node --test` run (keyed by the runner's pid): dist/ is
// shared with everyone building at the same time, and a half-written dist/ must not fail our comparisons.
// Under the repo so node_modules resolves; .tmp/ is git-ignored.
const BUILD = join(ROOT, '.tmp', `ctl-build-${process.ppid}`);
export const OUR_SUPERVISORCTL = join(BUILD, 'bin', 'supervisorctl.js');
export const OUR_SUPERVISORD = join(BUILD, 'bin', 'supervisord.js');

/** Newest modification time of any file under `dir` (0 if none). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** dist/ built after the last source change (as scripts/test.js leaves it): no need to build again. */
function sharedDistIsFresh(): boolean {
  const entry = join(ROOT, 'dist', 'cli', 'supervisorctl.js');
  return existsSync(entry) && statSync(entry).mtimeMs >= newestMtime(join(ROOT, 'src'));
}

let built = false;

/** Builds left behind by earlier test runs (their runner is gone). */
function removeStaleBuilds(): void {
  const parent = join(ROOT, '.tmp');
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    const pid = Number(/^ctl-build-(\d+)(-help\.json)?$/.exec(name)?.[1]);
    if (!pid || pid === process.ppid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(join(parent, name), { recursive: true, force: true });
    }
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * bin/*.js import ../dist/, so compile into BUILD/dist next to a copy of bin/. The first test file of a
 * run builds (it wins the mkdir); the others wait for its `done` marker.
 */
export function ensureBuilt(): void {
  if (built) return;
  const done = join(BUILD, 'done');
  if (!existsSync(done)) {
    removeStaleBuilds();
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    let builder = false;
    try {
      mkdirSync(BUILD);
      builder = true;
    } catch {
      // another test file of this run is building
    }
    if (builder) {
      if (sharedDistIsFresh()) {
        // a snapshot of the fresh dist/ (as scripts/test.js leaves it): fast, and immune to later rebuilds
        cpSync(join(ROOT, 'dist'), join(BUILD, 'dist'), { recursive: true });
      } else {
        // other folders may be mid-edit and fail to type-check; tsc still emits every file
        const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
        spawnSync(tsc, ['-p', 'tsconfig.json', '--outDir', join(BUILD, 'dist')], { cwd: ROOT, stdio: 'ignore' });
      }
      if (!existsSync(join(BUILD, 'dist', 'cli', 'supervisorctl.js'))) {
        rmSync(BUILD, { recursive: true, force: true });
        throw new Error(`build produced no ${BUILD}/dist/cli/supervisorctl.js`);
      }
      cpSync(join(ROOT, 'bin'), join(BUILD, 'bin'), { recursive: true });
      writeFileSync(done, '');
    } else {
      const deadline = Date.now() + 300_000;
      while (!existsSync(done)) {
        if (Date.now() > deadline || !existsSync(BUILD)) throw new Error(`no build appeared in ${BUILD}`);
        sleepSync(200);
      }
    }
  }
  built = true;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

export interface RunOptions {
  input?: string;
  cwd?: string;
  timeoutMs?: number;
}

function run(command: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd ?? tmpdir(),
      env: { ...process.env, LANG: 'C.UTF-8', PYTHONIOENCODING: 'utf-8' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} timed out`));
    }, opts.timeoutMs ?? 60000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
    child.stdin.end(opts.input ?? '');
  });
}

export function runReal(args: readonly string[], opts?: RunOptions): Promise<RunResult> {
  return run(REAL_SUPERVISORCTL, args, opts);
}

export function runOurs(args: readonly string[], opts?: RunOptions): Promise<RunResult> {
  ensureBuilt();
  return run(process.execPath, [OUR_SUPERVISORCTL, ...args], opts);
}

/** Blanks out what legitimately differs between two runs. */
export function normalise(text: string): string {
  return text
    .replace(/pid \d+, uptime \d+ days?, \d+:\d\d:\d\d/g, 'pid N, uptime T')
    .replace(/pid \d+, uptime \d+:\d\d:\d\d/g, 'pid N, uptime T')
    .replace(/^\d+$/gm, 'N')
    .replace(/: file: .* line: \d+$/gm, ': file: F line: L')
    .replace(/\w{3} \w{3} [ \d]\d \d\d:\d\d (AM|PM)/g, 'DATE')
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}/g, 'TIMESTAMP')
    .replace(/\/usr\/bin\/supervisorctl|\S*\/bin\/supervisorctl\.js/g, 'PROG');
}

export interface Comparison {
  real: RunResult;
  ours: RunResult;
}

/**
 * Runs the real supervisorctl, then `reset` (with the real one, to restore the daemon's state), then ours,
 * then `reset` again so the next case starts from the same state.
 */
export async function runBoth(args: readonly string[], opts: RunOptions & { reset?: string[][] } = {}): Promise<Comparison> {
  const real = await runReal(args, opts);
  for (const r of opts.reset ?? []) await runReal(r);
  const ours = await runOurs(args, opts);
  for (const r of opts.reset ?? []) await runReal(r);
  return { real, ours };
}

export interface Program {
  name: string;
  lines: string[];
}

/** Daemons this test process started and has not stopped yet. */
const liveDaemons = new Set<number>();
let reaperInstalled = false;

/**
 * The runner kills a test file that overruns its time (no after hooks then): take our daemons along, so a
 * timeout does not leave supervisord instances behind.
 */
function installDaemonReaper(): void {
  if (reaperInstalled) return;
  reaperInstalled = true;
  const killAll = () => {
    for (const pid of liveDaemons) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  process.on('exit', killAll);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(1);
    });
  }
}

export interface RealDaemon {
  dir: string;
  conf: string;
  socket: string;
  pid: number;
  /** writes a new config (for reread/update tests) */
  rewrite(programs: Program[]): void;
  stop(): Promise<void>;
}

export function configText(dir: string, programs: Program[], extra = ''): string {
  const socket = join(dir, 'supervisor.sock');
  const head = [
    '[unix_http_server]',
    `file=${socket}`,
    '',
    '[supervisord]',
    `logfile=${join(dir, 'supervisord.log')}`,
    `pidfile=${join(dir, 'supervisord.pid')}`,
    `childlogdir=${dir}`,
    'loglevel=debug',
    '',
    '[rpcinterface:supervisor]',
    'supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface',
    '',
    '[supervisorctl]',
    `serverurl=unix://${socket}`,
    '',
  ];
  const body = programs.flatMap((p) => [`[${p.name}]`, ...p.lines, '']);
  return [...head, extra, ...body].join('\n');
}

export const STANDARD_PROGRAMS: Program[] = [
  { name: 'program:sleeper', lines: ['command=sleep 1000', 'startsecs=1'] },
  { name: 'program:failer', lines: ['command=sh -c "exit 1"', 'startsecs=1', 'startretries=0'] },
  { name: 'program:manual', lines: ['command=sleep 1000', 'autostart=false'] },
  {
    name: 'program:grp',
    lines: ['command=sleep 1000', 'numprocs=2', 'process_name=%(program_name)s_%(process_num)d', 'startsecs=1'],
  },
  {
    name: 'program:talker',
    lines: ['command=sh -c "echo out-line; echo err-line >&2; exec sleep 1000"', 'startsecs=1'],
  },
];

export async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts `/usr/bin/supervisord -n` on a temp config and waits until no process is still starting. */
export function startRealDaemon(programs: Program[] = STANDARD_PROGRAMS, extra = ''): Promise<RealDaemon> {
  return startDaemon('real', programs, extra);
}


/**
 * Starts the real supervisord or ours (`node bin/supervisord.js -n`) and waits until it settled.
 * `settle: false` returns as soon as the socket answers.
 */
export async function startDaemon(
  which: 'real' | 'ours',
  programs: Program[] = STANDARD_PROGRAMS,
  extra = '',
  settle = true,
): Promise<RealDaemon> {
  const dir = mkdtempSync(join(tmpdir(), 'ctl-conf-'));
  const conf = join(dir, 'supervisord.conf');
  const socket = join(dir, 'supervisor.sock');
  writeFileSync(conf, configText(dir, programs, extra));
  if (which === 'ours') ensureBuilt();
  const [command, args] =
    which === 'real' ? [REAL_SUPERVISORD, ['-n', '-c', conf]] : [process.execPath, [OUR_SUPERVISORD, '-n', '-c', conf]];
  const child = spawn(command, args, { stdio: 'ignore', cwd: dir });
  const pid = child.pid as number;
  installDaemonReaper();
  liveDaemons.add(pid);
  const exited = new Promise<void>((resolve) =>
    child.on('exit', () => {
      liveDaemons.delete(pid);
      resolve();
    }),
  );
  const daemon: RealDaemon = {
    dir,
    conf,
    socket,
    pid,
    rewrite(next) {
      writeFileSync(conf, configText(dir, next, extra));
    },
    async stop() {
      try {
        execFileSync(REAL_SUPERVISORCTL, ['-c', conf, 'shutdown'], { stdio: 'ignore', timeout: 10000 });
      } catch {
        // fall through to the kill below
      }
      const timer = setTimeout(() => {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 10000);
      await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitFor('supervisord to settle', async () => {
      if (!existsSync(socket)) return null;
      const r = await runReal(['-c', conf, 'status']);
      if (r.code === 4 || r.code === 7) return null;
      if (!settle) return true;
      if (/STARTING|BACKOFF/.test(r.stdout)) return null;
      return programs.length > 0 && r.stdout.trim() === '' ? null : true;
    }, 60000);
  } catch (err) {
    await daemon.stop();
    throw err;
  }
  return daemon;
}

let realHelpLines: Set<string> | null = null;

/** Runs `work` over `items`, at most `limit` at a time (a busy machine chokes on 20 Python starts at once). */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Every line any real `help <topic>` prints, to blank help blocks out of comparisons. Collected once per
 * test run (cached next to the build), since every test file needs it.
 */
async function collectRealHelpLines(): Promise<Set<string>> {
  if (realHelpLines) return realHelpLines;
  ensureBuilt();
  const cache = join(ROOT, '.tmp', `ctl-build-${process.ppid}-help.json`);
  mkdirSync(dirname(cache), { recursive: true });
  if (existsSync(cache)) {
    realHelpLines = new Set(JSON.parse(readFileSync(cache, 'utf8')) as string[]);
    return realHelpLines;
  }
  const { DEFAULT_COMMAND_HELP } = await import('../../../src/ctl/help-texts.js');
  const topics = [...Object.keys(DEFAULT_COMMAND_HELP), 'help'];
  const outputs = await mapLimited(topics, 3, (topic) =>
    runReal(['-s', 'unix:///nonexistent', 'help', topic], { timeoutMs: 90_000 }),
  );
  const lines = new Set<string>();
  for (const r of outputs) for (const line of r.stdout.split('\n')) if (line.trim() !== '') lines.add(line);
  writeFileSync(`${cache}.${process.pid}`, JSON.stringify([...lines]));
  renameSync(`${cache}.${process.pid}`, cache);
  realHelpLines = lines;
  return lines;
}

async function ourHelpLines(): Promise<Set<string>> {
  const texts = await import('../../../src/ctl/help-texts.js');
  const all = [...Object.values(texts.DEFAULT_COMMAND_HELP), ...Object.values(texts.EXTENSION_COMMAND_HELP), texts.HELP_HELP];
  return new Set(all.flat().flatMap((l) => l.split('\n')).filter((l) => l.trim() !== ''));
}

/** Our help texts are our own words: collapse each run of help lines into one "<HELP>" marker. */
function collapseHelp(text: string, helpLines: Set<string>): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (helpLines.has(line)) {
      if (out[out.length - 1] !== '<HELP>') out.push('<HELP>');
    } else {
      out.push(line);
    }
  }
  return out.join('\n');
}

/** Normalised stdout of both runs, help blocks collapsed; equal when the outputs conform. */
export async function comparableOutputs({ real, ours }: Comparison): Promise<{ real: string; ours: string }> {
  const texts = await import('../../../src/ctl/help-texts.js');
  // our extra block in `help` (the `wait` command) is the one intended difference
  const extensionBlock = texts.topicBlock(texts.EXTENSION_BLOCK_HEADER, Object.keys(texts.EXTENSION_COMMAND_HELP).sort());
  const withoutExtension = ours.stdout.split(extensionBlock.map((l) => `${l}\n`).join('')).join('');
  // shell transcripts: put what follows a prompt on its own line so help lines are recognised
  const unprompt = (text: string) => text.replace(/^(\w+> )(?=.)/gm, '$1\n');
  return {
    real: collapseHelp(unprompt(normalise(real.stdout)), await collectRealHelpLines()),
    ours: collapseHelp(unprompt(normalise(withoutExtension)), await ourHelpLines()),
  };
}

/** A loopback TCP port nothing listens on right now (bind to port 0, note it, close). */
export async function unusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** The slow one-time work (our build, the real help texts), for a `before` hook rather than the first test. */
export async function prepareComparisons(): Promise<void> {
  ensureBuilt();
  if (HAVE_REAL) await collectRealHelpLines();
}
