// Readers of /proc for the figures the daemons do not report themselves: children, CPU, wake-ups, memory.
import { readFileSync, readdirSync } from 'node:fs';

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function taskIds(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
}

/** The single-letter state from /proc/<pid>/stat, or null when the pid does not exist. */
export function processState(pid: number): string | null {
  const stat = readOrNull(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // the command name is in parentheses and may itself contain spaces or parentheses
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
}

/** A pid that exists and is not a zombie (a zombie has run its course; only its parent's wait is missing). */
export function isRunning(pid: number): boolean {
  const state = processState(pid);
  return state !== null && state !== 'Z' && state !== 'X';
}

/** Direct children of every thread of `pid`. */
export function childrenOf(pid: number): number[] {
  const found = new Set<number>();
  for (const tid of taskIds(pid)) {
    const text = readOrNull(`/proc/${pid}/task/${tid}/children`);
    if (!text) continue;
    for (const word of text.split(' ')) {
      const child = Number(word);
      if (child > 0) found.add(child);
    }
  }
  return [...found];
}

/** Every descendant of `pid` (bounded, in case of a pid-reuse cycle). */
export function descendantsOf(pid: number, limit = 20000): number[] {
  const result: number[] = [];
  const queue = [pid];
  while (queue.length > 0 && result.length < limit) {
    const next = queue.shift() as number;
    for (const child of childrenOf(next)) {
      result.push(child);
      queue.push(child);
    }
  }
  return result;
}

function statFields(pid: number): string[] | null {
  const stat = readOrNull(`/proc/${pid}/stat`);
  if (stat === null) return null;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** `pid (argv joined by spaces)` for reports; just the pid once the process is gone. */
export function describePid(pid: number): string {
  const cmdline = readOrNull(`/proc/${pid}/cmdline`);
  const argv = cmdline ? cmdline.split('\0').filter(Boolean).join(' ') : '';
  return argv ? `${pid} (${argv.slice(0, 120)})` : String(pid);
}

/** Start time of a process in clock ticks since boot: with the pid, it names one process (pids get reused). */
export function startTime(pid: number): number | null {
  const fields = statFields(pid);
  return fields ? Number(fields[19]) : null;
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK)

/** utime+stime of the whole process (exited threads included), in milliseconds, from /proc/<pid>/stat. */
export function cpuMsFromStat(pid: number): number {
  const fields = statFields(pid);
  if (!fields) return Number.NaN;
  // fields[0] is the state (field 3); utime and stime are fields 14 and 15
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Nanosecond-precise CPU time of the live threads, from /proc/<pid>/task/<tid>/schedstat. */
export function cpuNsFromSchedstat(pid: number): number {
  let total = 0;
  let seen = false;
  for (const tid of taskIds(pid)) {
    const text = readOrNull(`/proc/${pid}/task/${tid}/schedstat`);
    if (!text) continue;
    total += Number(text.split(' ')[0]);
    seen = true;
  }
  return seen ? total : Number.NaN;
}

function statusField(text: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

/** Voluntary context switches summed over threads: each one is a sleep that ended, i.e. a wake-up. */
export function voluntarySwitches(pid: number): number {
  let total = 0;
  for (const tid of taskIds(pid)) {
    const text = readOrNull(`/proc/${pid}/task/${tid}/status`);
    if (text) total += statusField(text, 'voluntary_ctxt_switches');
  }
  return total;
}

export function rssKiB(pid: number): number {
  const text = readOrNull(`/proc/${pid}/status`);
  return text ? statusField(text, 'VmRSS') : Number.NaN;
}
