// avail, reread, update, add, remove: the commands that work on the configuration (no upcheck, as in
// Supervisor).
import { RpcFaultError } from '../../rpc/client.js';
import type { Controller } from '../controller.js';
import { ExitStatus, Fault } from '../codes.js';
import { makeNamespec, asArray, padRight, type ConfigInfo, type ProcessResult } from '../namespec.js';
import { printHelp } from './help.js';
import { words } from './process-control.js';
import { getAllProcessInfo } from './status.js';

/** For commands that take no arguments: prints the complaint and help, returns false. */
export function rejectArguments(ctl: Controller, command: string, arg: string): boolean {
  if (!arg) return true;
  ctl.output(`Error: ${command} accepts no arguments`);
  ctl.exitstatus = ExitStatus.GENERIC;
  printHelp(ctl, command);
  return false;
}

export function formatAvailLine(info: ConfigInfo): string {
  return [
    padRight(makeNamespec(info.group, info.name), 32),
    padRight(info.inuse ? 'in use' : 'avail', 9),
    padRight(info.autostart ? 'auto' : 'manual', 9),
    `${info.group_prio}:${info.process_prio}`,
  ].join(' ');
}

/** Runs an RPC that fails with SHUTDOWN_STATE while supervisord is going down; prints `shutdownText` then. */
async function callUnlessShuttingDown(
  ctl: Controller,
  shutdownText: string,
  method: string,
  handle?: (err: RpcFaultError) => boolean,
): Promise<unknown> {
  try {
    return await ctl.call(method);
  } catch (err) {
    if (!(err instanceof RpcFaultError)) throw err;
    ctl.exitstatus = ExitStatus.GENERIC;
    if (err.faultCode === Fault.SHUTDOWN_STATE) {
      ctl.output(shutdownText);
      return undefined;
    }
    if (handle?.(err)) return undefined;
    throw err;
  }
}

export async function doAvail(ctl: Controller, arg: string): Promise<void> {
  if (!rejectArguments(ctl, 'avail', arg)) return;
  const infos = await callUnlessShuttingDown(ctl, 'ERROR: supervisor shutting down', 'supervisor.getAllConfigInfo');
  if (infos === undefined) return;
  for (const info of asArray<ConfigInfo>(infos as never, 'getAllConfigInfo')) ctl.output(formatAvailLine(info));
}

type Changes = [string[], string[], string[]];

function changesOf(result: unknown): Changes {
  const outer = asArray<Changes>(result as never, 'reloadConfig');
  return outer[0];
}

export function formatChanges([added, changed, removed]: Changes): string[] {
  const kind = new Map<string, string>();
  for (const n of added) kind.set(n, 'available');
  for (const n of changed) kind.set(n, 'changed');
  for (const n of removed) kind.set(n, 'disappeared');
  if (kind.size === 0) return ['No config updates to processes'];
  return [...kind.keys()].sort(compareCodePoints).map((n) => `${n}: ${kind.get(n)}`);
}

/** Python's default string order (by code point), not locale order. */
function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function doReread(ctl: Controller, arg: string): Promise<void> {
  if (!rejectArguments(ctl, 'reread', arg)) return;
  const result = await callUnlessShuttingDown(ctl, 'ERROR: supervisor shutting down', 'supervisor.reloadConfig', (err) => {
    if (err.faultCode !== Fault.CANT_REREAD) return false;
    ctl.output(`ERROR: ${err.faultString}`);
    return true;
  });
  if (result === undefined) return;
  for (const line of formatChanges(changesOf(result))) ctl.output(line);
}

export async function doAdd(ctl: Controller, arg: string): Promise<void> {
  for (const name of words(arg)) {
    try {
      await ctl.call('supervisor.addProcessGroup', name);
    } catch (err) {
      if (!(err instanceof RpcFaultError)) throw err;
      if (err.faultCode === Fault.SHUTDOWN_STATE) {
        ctl.output('ERROR: shutting down');
        ctl.exitstatus = ExitStatus.GENERIC;
      } else if (err.faultCode === Fault.ALREADY_ADDED) {
        ctl.output('ERROR: process group already active');
      } else if (err.faultCode === Fault.BAD_NAME) {
        ctl.output(`ERROR: no such process/group: ${name}`);
        ctl.exitstatus = ExitStatus.GENERIC;
      } else {
        ctl.exitstatus = ExitStatus.GENERIC;
        throw err;
      }
      continue;
    }
    ctl.output(`${name}: added process group`);
  }
}

export async function doRemove(ctl: Controller, arg: string): Promise<void> {
  for (const name of words(arg)) {
    try {
      await ctl.call('supervisor.removeProcessGroup', name);
    } catch (err) {
      if (!(err instanceof RpcFaultError)) throw err;
      ctl.exitstatus = ExitStatus.GENERIC;
      if (err.faultCode === Fault.STILL_RUNNING) ctl.output(`ERROR: process/group still running: ${name}`);
      else if (err.faultCode === Fault.BAD_NAME) ctl.output(`ERROR: no such process/group: ${name}`);
      else throw err;
      continue;
    }
    ctl.output(`${name}: removed process group`);
  }
}

export async function doUpdate(ctl: Controller, arg: string): Promise<void> {
  const result = await callUnlessShuttingDown(ctl, 'ERROR: already shutting down', 'supervisor.reloadConfig');
  if (result === undefined) return;
  const [added, changed, removed] = changesOf(result);
  let wanted = new Set(words(arg));
  if (wanted.has('all')) wanted = new Set();

  if (wanted.size > 0) {
    const known = new Set((await getAllProcessInfo(ctl)).map((info) => info.group));
    for (const g of added) known.add(g);
    for (const g of wanted) {
      if (known.has(g)) continue;
      ctl.output(`ERROR: no such group: ${g}`);
      ctl.exitstatus = ExitStatus.GENERIC;
    }
  }
  const selected = (g: string): boolean => wanted.size === 0 || wanted.has(g);

  for (const g of removed.filter(selected)) {
    const results = asArray<ProcessResult>(await ctl.call('supervisor.stopProcessGroup', g), 'stopProcessGroup');
    ctl.output(`${g}: stopped`);
    if (results.some((r) => r.status === Fault.FAILED)) {
      ctl.output(`${g}: has problems; not removing`);
      ctl.exitstatus = ExitStatus.GENERIC;
      continue;
    }
    await ctl.call('supervisor.removeProcessGroup', g);
    ctl.output(`${g}: removed process group`);
  }
  for (const g of changed.filter(selected)) {
    await ctl.call('supervisor.stopProcessGroup', g);
    ctl.output(`${g}: stopped`);
    await ctl.call('supervisor.removeProcessGroup', g);
    await ctl.call('supervisor.addProcessGroup', g);
    ctl.output(`${g}: updated process group`);
  }
  for (const g of added.filter(selected)) {
    await ctl.call('supervisor.addProcessGroup', g);
    ctl.output(`${g}: added process group`);
  }
}
