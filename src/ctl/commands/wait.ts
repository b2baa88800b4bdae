// `wait` (supervisor-ts extension, for container entrypoints and health scripts): block until the named
// processes are RUNNING. It is a client-side loop over getAllProcessInfo, so it works against any
// supervisord speaking API 3.0, including the Python one.
import { RpcConnectionError } from '../../rpc/client.js';
import { ProcessState } from '../../core/states.js';
import type { Controller } from '../controller.js';
import { ExitStatus } from '../codes.js';
import { makeNamespec, splitNamespec, type ProcessInfo } from '../namespec.js';
import { printHelp } from './help.js';
import { words } from './process-control.js';
import { getAllProcessInfo, formatStatusLines } from './status.js';

const POLL_INTERVAL_MS = 100;

export interface WaitRequest {
  /** null = no limit */
  timeoutSeconds: number | null;
  names: string[];
}

/** Parses `[--timeout SECONDS | --timeout=SECONDS] name...`; returns an error text for bad input. */
export function parseWaitArgs(arg: string): WaitRequest | string {
  const args = words(arg);
  let timeoutSeconds: number | null = null;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    let value: string | undefined;
    if (word === '--timeout') {
      value = args[++i];
      if (value === undefined) return 'Error: --timeout requires a number of seconds';
    } else if (word.startsWith('--timeout=')) {
      value = word.slice('--timeout='.length);
    } else if (word.startsWith('-')) {
      return `Error: bad argument ${word}`;
    } else {
      names.push(word);
      continue;
    }
    const seconds = Number(value);
    if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) return `Error: bad timeout value ${value}`;
    timeoutSeconds = seconds;
  }
  if (names.length === 0) return 'Error: wait requires a process name';
  return { timeoutSeconds, names };
}

type Selection = { infos: ProcessInfo[]; unknown: string[] };

/** The processes the names refer to (same matching as `status`), and the names that match nothing. */
export function selectProcesses(all: readonly ProcessInfo[], names: readonly string[]): Selection {
  if (names.includes('all')) return { infos: [...all], unknown: [] };
  const infos: ProcessInfo[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const [group, process] = splitNamespec(name);
    const found = all.filter((i) => i.group === group && (process === null || i.name === process));
    if (found.length === 0) unknown.push(process === null ? `${group}: ERROR (no such group)` : `${name}: ERROR (no such process)`);
    for (const info of found) if (!infos.includes(info)) infos.push(info);
  }
  return { infos, unknown };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function doWait(ctl: Controller, arg: string): Promise<void> {
  const request = parseWaitArgs(arg);
  if (typeof request === 'string') {
    ctl.output(request);
    ctl.exitstatus = ExitStatus.INVALID_ARGS;
    printHelp(ctl, 'wait');
    return;
  }
  const deadline = request.timeoutSeconds === null ? Infinity : Date.now() + request.timeoutSeconds * 1000;
  let interrupted = false;
  const stopListening = ctl.io.onInterrupt(() => {
    interrupted = true;
  });
  try {
    await pollUntilRunning(ctl, request, deadline, () => interrupted);
  } finally {
    stopListening();
  }
}

async function pollUntilRunning(
  ctl: Controller,
  request: WaitRequest,
  deadline: number,
  isInterrupted: () => boolean,
): Promise<void> {
  for (;;) {
    const all = await fetchUnlessUnreachable(ctl);
    if (all !== null) {
      const { infos, unknown } = selectProcesses(all, request.names);
      if (unknown.length > 0) {
        for (const line of unknown) ctl.output(line);
        ctl.exitstatus = ExitStatus.GENERIC;
        return;
      }
      const fatal = infos.filter((i) => i.state === ProcessState.FATAL);
      if (fatal.length > 0) {
        for (const info of fatal) ctl.output(`${makeNamespec(info.group, info.name)}: ERROR (FATAL)`);
        ctl.exitstatus = ExitStatus.GENERIC;
        return;
      }
      const waiting = infos.filter((i) => i.state !== ProcessState.RUNNING);
      if (waiting.length === 0) return;
      if (Date.now() >= deadline) {
        ctl.output(`Error: timed out after ${request.timeoutSeconds} seconds; not RUNNING:`);
        for (const line of formatStatusLines(waiting)) ctl.output(line);
        ctl.exitstatus = ExitStatus.GENERIC;
        return;
      }
    } else if (Date.now() >= deadline) {
      // report the unreachable server exactly like every other command does
      if (!(await ctl.upcheck())) return;
    }
    if (isInterrupted()) {
      ctl.output('');
      ctl.exitstatus = ExitStatus.GENERIC;
      return;
    }
    await sleep(POLL_INTERVAL_MS);
    ctl.resetConnection();
  }
}

/** getAllProcessInfo, or null while supervisord is not (yet) listening — a container may still be starting it. */
async function fetchUnlessUnreachable(ctl: Controller): Promise<ProcessInfo[] | null> {
  try {
    return await getAllProcessInfo(ctl);
  } catch (err) {
    if (err instanceof RpcConnectionError && (err.code === 'ECONNREFUSED' || err.code === 'ENOENT')) return null;
    throw err;
  }
}
