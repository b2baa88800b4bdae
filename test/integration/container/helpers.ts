// Shared pieces of the container tests: start our daemon (via the daemon harness), write small shell
// fixtures into the test's temp dir, read marker files, inspect processes through /proc.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup, DaemonUnderTest, pidAlive, tempDir, waitFor, writeConfig, type Flavor } from '../daemon/harness.js';

export interface Tracker {
  daemons: DaemonUnderTest[];
  dirs: string[];
  /** extra processes to end in the hook, with their start time so a recycled pid is left alone */
  pids: Array<{ pid: number; started: string }>;
}

export function newTracker(): Tracker {
  return { daemons: [], dirs: [], pids: [] };
}

function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** remember a process the hook must end if it is still the same process then */
export function track(t: Tracker, ...pids: number[]): void {
  for (const pid of pids) {
    const started = startTime(pid);
    if (started !== undefined) t.pids.push({ pid, started });
  }
}

/** after-hook body: end every daemon, then every extra pid, then remove the temp dirs */
export async function cleanUp(t: Tracker): Promise<void> {
  for (const d of t.daemons) await d.kill();
  for (const { pid, started } of t.pids) {
    if (startTime(pid) !== started) continue;
    try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  }
  for (const dir of t.dirs) cleanup(dir);
}

export function newDir(t: Tracker): string {
  const dir = tempDir('svts-ct-');
  t.dirs.push(dir);
  return dir;
}

/**
 * Our supervisord (or the real one) on a config in `dir`. `env` is added to the daemon's environment: the harness spawns
 * with process.env, so it is set for the synchronous spawn only.
 */
export function startOurs(t: Tracker, dir: string, body: string, supervisordExtra = '',
  env: Record<string, string> = {}, flavor: Flavor = 'ours'): DaemonUnderTest {
  const conf = writeConfig(dir, body, supervisordExtra);
  const saved = new Map(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const d = new DaemonUnderTest(flavor, dir, conf);
    t.daemons.push(d);
    return d;
  } finally {
    for (const [k, v] of saved) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
  }
}

/** an executable /bin/sh script in dir */
export function script(dir: string, name: string, body: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/**
 * A program that writes `<name> start` to the marker file, and `<name> got <SIG> <epoch-ms>` when it
 * receives `signal`; then it exits 0 (or keeps running when ignore is set).
 */
export function trapScript(dir: string, name: string, marker: string,
  { signal = 'TERM', ignore = false }: { signal?: string; ignore?: boolean } = {}): string {
  const onSignal = ignore ? '' : '; exit 0';
  return script(dir, `${name}.sh`, [
    `trap 'echo "${name} got ${signal} $(date +%s%3N)" >> ${marker}${onSignal}' ${signal}`,
    `echo "${name} start" >> ${marker}`,
    // short sleeps: sh runs a trap only between commands
    'while :; do sleep 0.05; done',
  ].join('\n'));
}

export function readLines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

/** epoch ms of `<name> got <SIG> <ms>` in the marker file, and which signal */
export function gotSignal(lines: string[], name: string): { signal: string; at: number } | undefined {
  const line = lines.find((l) => l.startsWith(`${name} got `));
  if (line === undefined) return undefined;
  const [, , signal, at] = line.split(' ');
  return { signal: signal!, at: Number(at) };
}

export function spawnedPid(log: string, name: string, nth = 1): number | undefined {
  const all = [...log.matchAll(new RegExp(`spawned: '${name}' with pid (\\d+)`, 'g'))];
  return all.length >= nth ? Number(all[nth - 1]![1]) : undefined;
}

export function childrenOf(pid: number): number[] {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return text ? text.split(/\s+/).map(Number) : [];
  } catch {
    return [];
  }
}

/** every live descendant of pid (children first) */
export function descendantsOf(pid: number): number[] {
  const out: number[] = [];
  for (const c of childrenOf(pid)) out.push(c, ...descendantsOf(c));
  return out;
}

export function readPidFile(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const n = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export { pidAlive };

/** like d.waitForLog, but a daemon that exits first fails at once, with its own output */
export async function waitLog(d: DaemonUnderTest, pattern: RegExp, timeoutMs = 10000): Promise<RegExpMatchArray> {
  return waitFor(`log ${pattern}`, () => {
    const m = d.log().match(pattern);
    if (m) return m;
    if (d.exitCode !== null || d.child.exitCode !== null) {
      throw new Error(`daemon exited (${d.child.exitCode}) before ${pattern}\noutput:\n${d.output}\nlog:\n${d.log()}`);
    }
    return undefined;
  }, timeoutMs);
}
