// Runs one event scenario under a supervisord (the real one or ours) with a Python listener built on
// supervisor.childutils that records every event it receives, and returns the records.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PY = '/usr/bin/python3';
export const REAL_SUPERVISORD = '/usr/bin/supervisord';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const OUR_SUPERVISORD = join(ROOT, 'bin', 'supervisord.js');

/** One event as the listener saw it. */
export interface RecordedEvent {
  eventname: string;
  serial: number;
  poolserial: number;
  pool: string;
  server: string;
  /** header len equals the length of the payload the listener read */
  lenMatches: boolean;
  payload: string;
}

// Records each event as one JSON line; answers OK, or FAIL once for events whose payload contains
// "type:reject-once", or dies without answering once for "type:crash-once" (to exercise re-delivery).
const LISTENER = String.raw`
import json, os, sys
from supervisor import childutils
out = open(sys.argv[1], 'a')
rejected = set()
while True:
    headers, payload = childutils.listener.wait(sys.stdin, sys.stdout)
    rec = dict(headers)
    rec['lenMatches'] = int(headers['len']) == len(payload)
    rec['payload'] = payload
    out.write(json.dumps(rec) + '\n')
    out.flush()
    crashed = sys.argv[1] + '.crashed'
    if 'type:crash-once' in payload and not os.path.exists(crashed):
        open(crashed, 'w').close()
        os._exit(3)
    if 'type:reject-once' in payload and headers['serial'] not in rejected:
        rejected.add(headers['serial'])
        childutils.listener.fail(sys.stdout)
    else:
        childutils.listener.ok(sys.stdout)
`;

export function pythonSupervisorAvailable(): boolean {
  if (!existsSync(PY)) return false;
  return spawnSync(PY, ['-c', 'import supervisor.childutils']).status === 0;
}

/** Our daemon is built (dist/) and runs (not the skeleton that prints "not implemented yet"). */
export function ourDaemonAvailable(): boolean {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'supervisord.js'))) return false;
  const r = spawnSync(process.execPath, [OUR_SUPERVISORD, '--help'], { encoding: 'utf8', timeout: 20_000 });
  return r.status === 0 && r.stdout.includes('Usage');
}

export interface Scenario {
  /** extra config sections (the listener section is added by the harness) */
  programs: string;
  /** the listener's events= line */
  events: string;
  /** the pool's buffer_size (default 100) */
  bufferSize?: number;
  /** the listener's startsecs (default 0); events are only sent once it is RUNNING */
  listenerStartsecs?: number;
  /** done when this returns true for the records and main log so far */
  until(records: RecordedEvent[], log: string): boolean;
  /** a Python listener to use instead of the recording one (argv[1] is the record file) */
  listenerScript?: string;
  /** called once, as soon as the listener has recorded its first event */
  during?(ctx: { socket: string; dir: string }): Promise<void> | void;
  timeoutMs?: number;
}

export interface DaemonRun {
  records: RecordedEvent[];
  /** the daemon's main log */
  log: string;
}

export async function runScenario(daemon: 'real' | 'ours', scenario: Scenario): Promise<DaemonRun> {
  const dir = mkdtempSync(join(tmpdir(), `ev-${daemon}-`));
  const socket = join(dir, 'sv.sock');
  const recordFile = join(dir, 'records.jsonl');
  writeFileSync(join(dir, 'listener.py'), scenario.listenerScript ?? LISTENER);
  writeFileSync(recordFile, '');
  const conf = join(dir, 'supervisord.conf');
  writeFileSync(conf, `[unix_http_server]
file=${socket}

[supervisord]
nodaemon=true
logfile=${join(dir, 'supervisord.log')}
pidfile=${join(dir, 'supervisord.pid')}
childlogdir=${dir}
loglevel=debug
identifier=evtest

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://${socket}

[eventlistener:rec]
command=${PY} ${join(dir, 'listener.py')} ${recordFile}
events=${scenario.events}
buffer_size=${scenario.bufferSize ?? 100}
startsecs=${scenario.listenerStartsecs ?? 0}
stdout_logfile=${join(dir, 'rec.stdout')}
stderr_logfile=${join(dir, 'rec.stderr')}

${scenario.programs.replaceAll('%(here)s', dir)}
`);
  const [cmd, args] = daemon === 'real'
    ? [REAL_SUPERVISORD, ['-n', '-c', conf]]
    : [process.execPath, [OUR_SUPERVISORD, '-n', '-c', conf]];
  const child: ChildProcess = spawn(cmd, args, { stdio: 'ignore', cwd: dir });
  const read = (): RecordedEvent[] => readFileSync(recordFile, 'utf8').split('\n').filter(Boolean)
    .map((l) => {
      const r = JSON.parse(l) as Record<string, string | boolean>;
      return {
        eventname: String(r.eventname), serial: Number(r.serial), poolserial: Number(r.poolserial),
        pool: String(r.pool), server: String(r.server), lenMatches: r.lenMatches === true, payload: String(r.payload),
      };
    });
  try {
    const deadline = Date.now() + (scenario.timeoutMs ?? 20_000);
    let ranDuring = false;
    for (;;) {
      const records = read();
      if (!ranDuring && records.length > 0 && scenario.during) {
        ranDuring = true;
        await scenario.during({ socket, dir });
        continue;
      }
      const log = readLog(dir);
      if (scenario.until(records, log)) return { records, log };
      if (child.exitCode !== null) throw new Error(`${daemon} supervisord exited early (${child.exitCode})\n${readLog(dir)}`);
      if (Date.now() > deadline) {
        throw new Error(`timed out; records so far:\n${records.map((r) => r.eventname).join('\n')}\n${readLog(dir)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

function readLog(dir: string): string {
  const file = join(dir, 'supervisord.log');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(timer);
}

/** supervisorctl against a socket (the real client works with both daemons). */
export function ctl(socket: string, ...args: string[]): string {
  const r = spawnSync('/usr/bin/supervisorctl', ['-s', `unix://${socket}`, ...args], { encoding: 'utf8', timeout: 20_000 });
  return `${r.stdout}${r.stderr}`;
}
