// Process names on the wire ("namespecs"): `name`, `group:process`, `group:` and `group:*`.
import type { GroupHandle, ProcessHandle, SupervisorFacade } from '../core/facade.js';
import { Faults, RpcFault } from './faults.js';

/** [group, process]; process is null for a whole-group spec (`g:` or `g:*`). */
export function splitNamespec(namespec: string): [string, string | null] {
  const colon = namespec.indexOf(':');
  if (colon < 0) return [namespec, namespec];
  const group = namespec.slice(0, colon);
  const process = namespec.slice(colon + 1);
  return [group, process === '' || process === '*' ? null : process];
}

/** The short name Supervisor shows: `p` when the group has the process' name, else `g:p`. */
export function makeNamespec(groupName: string, processName: string): string {
  return groupName === processName ? processName : `${groupName}:${processName}`;
}

export interface Located {
  group: GroupHandle;
  process: ProcessHandle | null;
}

/** Supervisor's _getGroupAndProcess: BAD_NAME (with the spec as given) for anything unknown. */
export function locate(facade: SupervisorFacade, namespec: string): Located {
  const [groupName, processName] = splitNamespec(namespec);
  const group = facade.getGroup(groupName);
  if (!group) throw new RpcFault(Faults.BAD_NAME, namespec);
  if (processName === null) return { group, process: null };
  const process = group.processes.get(processName);
  if (!process) throw new RpcFault(Faults.BAD_NAME, namespec);
  return { group, process };
}

/** Like locate, but a whole-group spec is also BAD_NAME (for process-only methods). */
export function locateProcess(facade: SupervisorFacade, namespec: string): { group: GroupHandle; process: ProcessHandle } {
  const { group, process } = locate(facade, namespec);
  if (!process) throw new RpcFault(Faults.BAD_NAME, namespec);
  return { group, process };
}

export type Member = { group: GroupHandle; process: ProcessHandle };

/** A group's processes by priority; the sort is stable, so ties keep config order (as Python's). */
export function groupMembers(group: GroupHandle): Member[] {
  return [...group.processes.values()]
    .sort((a, b) => a.config.priority - b.config.priority)
    .map((process) => ({ group, process }));
}

/** Every process by group priority then process priority: the start/stop order. */
export function membersByPriority(facade: SupervisorFacade): Member[] {
  return facade.groups().flatMap(groupMembers);
}

/** Every process sorted by group name then process name: the getAllProcessInfo order. */
export function membersLexically(facade: SupervisorFacade): Member[] {
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...facade.groups()]
    .sort((a, b) => byName(a.name, b.name))
    .flatMap((group) =>
      [...group.processes.values()]
        .sort((a, b) => byName(a.config.name, b.config.name))
        .map((process) => ({ group, process })),
    );
}
