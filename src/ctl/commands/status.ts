// status and pid.
import { RpcFaultError } from '../../rpc/client.js';
import { ProcessState, STOPPED_STATES } from '../../core/states.js';
import type { Controller } from '../controller.js';
import { ExitStatus, Fault, StatusExitStatus } from '../codes.js';
import { makeNamespec, splitNamespec, asArray, asStruct, padRight, type ProcessInfo } from '../namespec.js';
import { words } from './process-control.js';

/** The status table: name column max(30, longest)+3 wide, state column 10, then the description. */
export function formatStatusLines(infos: readonly ProcessInfo[]): string[] {
  const namespecs = infos.map((info) => makeNamespec(info.group, info.name));
  const width = Math.max(30, ...namespecs.map((n) => [...n].length)) + 3;
  return infos.map((info, i) => padRight(namespecs[i], width) + padRight(info.statename, 10) + info.description);
}

export async function getAllProcessInfo(ctl: Controller): Promise<ProcessInfo[]> {
  return asArray<ProcessInfo>(await ctl.call('supervisor.getAllProcessInfo'), 'getAllProcessInfo');
}

export async function doStatus(ctl: Controller, arg: string): Promise<void> {
  if (!(await ctl.upcheck())) {
    // status reports its own "unknown" code whatever made the upcheck fail
    ctl.exitstatus = StatusExitStatus.UNKNOWN;
    return;
  }
  const all = await getAllProcessInfo(ctl);
  const names = words(arg);
  let matching: ProcessInfo[] = all;
  if (names.length > 0 && !names.includes('all')) {
    matching = [];
    for (const name of names) {
      const [group, process] = splitNamespec(name);
      const found = all.filter((info) => info.group === group && (process === null || info.name === process));
      matching.push(...found);
      if (found.length === 0) {
        ctl.output(process === null ? `${group}: ERROR (no such group)` : `${name}: ERROR (no such process)`);
        ctl.exitstatus = StatusExitStatus.UNKNOWN;
      }
    }
  }
  for (const line of formatStatusLines(matching)) ctl.output(line);
  if (matching.some((info) => STOPPED_STATES.has(info.state as ProcessState))) {
    ctl.exitstatus = StatusExitStatus.NOT_RUNNING;
  }
}

export async function doPid(ctl: Controller, arg: string): Promise<void> {
  if (!(await ctl.upcheck())) return;
  const names = words(arg);
  if (names.length === 0) {
    ctl.output(String(await ctl.call('supervisor.getPID')));
    return;
  }
  if (names.includes('all')) {
    for (const info of await getAllProcessInfo(ctl)) ctl.output(String(info.pid));
    return;
  }
  for (const name of names) {
    let info: ProcessInfo;
    try {
      info = asStruct<ProcessInfo>(await ctl.call('supervisor.getProcessInfo', name), 'getProcessInfo');
    } catch (err) {
      ctl.exitstatus = ExitStatus.GENERIC;
      if (err instanceof RpcFaultError && err.faultCode === Fault.BAD_NAME) {
        ctl.output(`No such process ${name}`);
        continue;
      }
      throw err;
    }
    ctl.output(String(info.pid));
    if (info.pid === 0) ctl.exitstatus = ExitStatus.NOT_RUNNING;
  }
}
