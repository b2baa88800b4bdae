// start / stop / restart / signal / clear: one RPC per name (or per group / all), one output line per
// affected process, exit status from the result faults.
import { RpcFaultError } from '../../rpc/client.js';
import type { XmlRpcValue } from '../../rpc/xmlrpc-values.js';
import type { Controller } from '../controller.js';
import { ExitStatus, Fault } from '../codes.js';
import { makeNamespec, splitNamespec, asArray, type ProcessResult } from '../namespec.js';
import { printHelp } from './help.js';

export function words(arg: string): string[] {
  return arg.split(/\s+/).filter((w) => w !== '');
}

class ValueError extends Error {
  override name = 'ValueError';
}

function unknownResult(result: ProcessResult): never {
  throw new ValueError(`Unknown result code ${result.status} for ${makeNamespec(result.group, result.name)}`);
}

function errorLine(result: ProcessResult, text: string): string {
  return `${makeNamespec(result.group, result.name)}: ERROR (${text})`;
}

export function startResultLine(result: ProcessResult): string {
  switch (result.status) {
    case Fault.BAD_NAME: return errorLine(result, 'no such process');
    case Fault.NO_FILE: return errorLine(result, 'no such file');
    case Fault.NOT_EXECUTABLE: return errorLine(result, 'file is not executable');
    case Fault.ALREADY_STARTED: return errorLine(result, 'already started');
    case Fault.SPAWN_ERROR: return errorLine(result, 'spawn error');
    case Fault.ABNORMAL_TERMINATION: return errorLine(result, 'abnormal termination');
    case Fault.SUCCESS: return `${makeNamespec(result.group, result.name)}: started`;
    default: return unknownResult(result);
  }
}

export function signalResultLine(result: ProcessResult, success = 'signalled'): string {
  switch (result.status) {
    case Fault.BAD_NAME: return errorLine(result, 'no such process');
    case Fault.BAD_SIGNAL: return errorLine(result, 'bad signal name');
    case Fault.NOT_RUNNING: return errorLine(result, 'not running');
    case Fault.SUCCESS: return `${makeNamespec(result.group, result.name)}: ${success}`;
    case Fault.FAILED: return result.description;
    default: return unknownResult(result);
  }
}

const stopResultLine = (result: ProcessResult): string => signalResultLine(result, 'stopped');

export function clearResultLine(result: ProcessResult): string {
  switch (result.status) {
    case Fault.BAD_NAME: return errorLine(result, 'no such process');
    case Fault.FAILED: return errorLine(result, 'failed');
    case Fault.SUCCESS: return `${makeNamespec(result.group, result.name)}: cleared`;
    default: return unknownResult(result);
  }
}

/** A fault raised for a single process, turned into the same shape as a result-array entry. */
function faultAsResult(err: RpcFaultError, group: string, process: string): ProcessResult {
  return { status: err.faultCode, name: process, group, description: err.faultString };
}

/** How one command talks to the server and phrases results. */
interface Action {
  allMethod: string;
  groupMethod: string;
  processMethod: string;
  /** extra RPC params after the name (e.g. the signal) */
  extra: XmlRpcValue[];
  format(result: ProcessResult): string;
  successWord: string;
  /** fault ignored for the exit status (already started / not running) */
  ignoredFault?: number;
  /** exit status for an unknown group */
  unknownGroupExit: number;
}

function printResults(ctl: Controller, action: Action, results: ProcessResult[]): void {
  for (const result of results) {
    ctl.output(action.format(result));
    ctl.setExitStatusFromFault(result.status, action.ignoredFault);
  }
}

async function applyToNames(ctl: Controller, names: string[], action: Action): Promise<void> {
  if (names.includes('all')) {
    printResults(ctl, action, asArray<ProcessResult>(await ctl.call(action.allMethod, ...action.extra), action.allMethod));
    return;
  }
  for (const name of names) {
    const [group, process] = splitNamespec(name);
    if (process === null) {
      try {
        const results = await ctl.call(action.groupMethod, group, ...action.extra);
        printResults(ctl, action, asArray<ProcessResult>(results, action.groupMethod));
      } catch (err) {
        if (err instanceof RpcFaultError && err.faultCode === Fault.BAD_NAME) {
          ctl.output(`${group}: ERROR (no such group)`);
          ctl.exitstatus = action.unknownGroupExit;
          continue;
        }
        ctl.exitstatus = ExitStatus.GENERIC;
        throw err;
      }
      continue;
    }
    try {
      await ctl.call(action.processMethod, name, ...action.extra);
    } catch (err) {
      if (!(err instanceof RpcFaultError)) throw err;
      ctl.output(action.format(faultAsResult(err, group, process)));
      ctl.setExitStatusFromFault(err.faultCode, action.ignoredFault);
      continue;
    }
    ctl.output(`${makeNamespec(group, process)}: ${action.successWord}`);
  }
}

function requireNames(ctl: Controller, names: string[], message: string, exit: number, topic: string): boolean {
  if (names.length > 0) return true;
  ctl.output(message);
  ctl.exitstatus = exit;
  printHelp(ctl, topic);
  return false;
}

const START: Action = {
  allMethod: 'supervisor.startAllProcesses',
  groupMethod: 'supervisor.startProcessGroup',
  processMethod: 'supervisor.startProcess',
  extra: [],
  format: startResultLine,
  successWord: 'started',
  ignoredFault: Fault.ALREADY_STARTED,
  unknownGroupExit: ExitStatus.INVALID_ARGS,
};

const STOP: Action = {
  allMethod: 'supervisor.stopAllProcesses',
  groupMethod: 'supervisor.stopProcessGroup',
  processMethod: 'supervisor.stopProcess',
  extra: [],
  format: stopResultLine,
  successWord: 'stopped',
  ignoredFault: Fault.NOT_RUNNING,
  unknownGroupExit: ExitStatus.GENERIC,
};

/** start/stop: upcheck, insist on names (Supervisor's exit code for a missing name differs), apply. */
async function startOrStop(ctl: Controller, arg: string, command: 'start' | 'stop', action: Action): Promise<void> {
  if (!(await ctl.upcheck())) return;
  const names = words(arg);
  const exit = command === 'start' ? ExitStatus.INVALID_ARGS : ExitStatus.GENERIC;
  if (!requireNames(ctl, names, `Error: ${command} requires a process name`, exit, command)) return;
  await applyToNames(ctl, names, action);
}

export const doStart = (ctl: Controller, arg: string): Promise<void> => startOrStop(ctl, arg, 'start', START);
export const doStop = (ctl: Controller, arg: string): Promise<void> => startOrStop(ctl, arg, 'stop', STOP);

export async function doRestart(ctl: Controller, arg: string): Promise<void> {
  if (!(await ctl.upcheck())) return;
  if (!requireNames(ctl, words(arg), 'Error: restart requires a process name', ExitStatus.GENERIC, 'restart')) return;
  await doStop(ctl, arg);
  await doStart(ctl, arg);
}

export async function doSignal(ctl: Controller, arg: string): Promise<void> {
  if (!(await ctl.upcheck())) return;
  const args = words(arg);
  if (args.length < 2) {
    ctl.output('Error: signal requires a signal name and a process name');
    printHelp(ctl, 'signal');
    ctl.exitstatus = ExitStatus.GENERIC;
    return;
  }
  const [signal, ...names] = args;
  await applyToNames(ctl, names, {
    allMethod: 'supervisor.signalAllProcesses',
    groupMethod: 'supervisor.signalProcessGroup',
    processMethod: 'supervisor.signalProcess',
    extra: [signal],
    format: (r) => signalResultLine(r),
    successWord: 'signalled',
    unknownGroupExit: ExitStatus.GENERIC,
  });
}

export async function doClear(ctl: Controller, arg: string): Promise<void> {
  if (!(await ctl.upcheck())) return;
  const names = words(arg);
  if (!requireNames(ctl, names, 'Error: clear requires a process name', ExitStatus.GENERIC, 'clear')) return;
  if (names.includes('all')) {
    const results = asArray<ProcessResult>(await ctl.call('supervisor.clearAllProcessLogs'), 'clearAllProcessLogs');
    for (const result of results) {
      ctl.output(clearResultLine(result));
      ctl.setExitStatusFromFault(result.status);
    }
    return;
  }
  for (const name of names) {
    const [group, process] = splitNamespec(name);
    try {
      await ctl.call('supervisor.clearProcessLogs', name);
    } catch (err) {
      if (!(err instanceof RpcFaultError)) throw err;
      // Python formats "g:" here with a None process name; keep the group-only text readable
      ctl.output(clearResultLine(faultAsResult(err, group, process ?? 'None')));
      ctl.setExitStatusFromFault(err.faultCode);
      continue;
    }
    ctl.output(`${makeNamespec(group, process ?? 'None')}: cleared`);
  }
}
