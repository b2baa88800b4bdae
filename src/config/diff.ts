// diffGroups(): what `reread`/`update` see as added, changed and removed, with Supervisor's config equality
// (every process option compared, with the [supervisord] environment it inherits; an AUTO log path on either side
// matches anything).
import { isDeepStrictEqual } from 'node:util';
import type { ChannelConfig, ProcessConfig, ProcessGroupConfig } from './model.js';
import { AUTO } from './model.js';
import { daemonEnvironmentOf } from './daemon-environment.js';

export interface GroupDiff {
  added: ProcessGroupConfig[];
  /** the pending (new) configs of groups whose definition changed */
  changed: ProcessGroupConfig[];
  removed: ProcessGroupConfig[];
}

function channelsEqual(a: ChannelConfig, b: ChannelConfig): boolean {
  const { logfile: la, ...restA } = a;
  const { logfile: lb, ...restB } = b;
  if (la !== AUTO && lb !== AUTO && la !== lb) return false;
  return isDeepStrictEqual(restA, restB);
}

/** What Supervisor's ProcessConfig.__eq__ compares: everything but the fields it does not keep (user text, numbering). */
function comparable(p: ProcessConfig): Omit<ProcessConfig, 'stdout' | 'stderr' | 'user' | 'programName' | 'processNum' | 'numprocs'> {
  const { stdout: _o, stderr: _e, user: _u, programName: _p, processNum: _n, numprocs: _c, ...rest } = p;
  return rest;
}

export function processConfigsEqual(a: ProcessConfig, b: ProcessConfig): boolean {
  return (
    channelsEqual(a.stdout, b.stdout) &&
    channelsEqual(a.stderr, b.stderr) &&
    isDeepStrictEqual(comparable(a), comparable(b)) &&
    isDeepStrictEqual(daemonEnvironmentOf(a), daemonEnvironmentOf(b))
  );
}

export function groupConfigsEqual(a: ProcessGroupConfig, b: ProcessGroupConfig): boolean {
  if (a.name !== b.name || a.kind !== b.kind || a.priority !== b.priority) return false;
  if (a.processes.length !== b.processes.length) return false;
  if (!a.processes.every((p, i) => processConfigsEqual(p, b.processes[i]!))) return false;
  if (a.listener || b.listener) {
    if (!a.listener || !b.listener) return false;
    const sameEvents = isDeepStrictEqual([...a.listener.events].sort(), [...b.listener.events].sort());
    if (!sameEvents || a.listener.bufferSize !== b.listener.bufferSize) return false;
    if (a.listener.resultHandler !== b.listener.resultHandler) return false;
  }
  // Supervisor compares fcgi sockets by URL only
  if ((a.fcgi?.socket ?? null) !== (b.fcgi?.socket ?? null)) return false;
  return true;
}

/** Supervisor's diff_to_active(): `changed` holds the pending configs; source locations are not compared. */
export function diffGroups(active: ProcessGroupConfig[], pending: ProcessGroupConfig[]): GroupDiff {
  const activeByName = new Map(active.map((g) => [g.name, g]));
  const pendingByName = new Map(pending.map((g) => [g.name, g]));
  return {
    added: pending.filter((g) => !activeByName.has(g.name)),
    changed: pending.filter((g) => {
      const current = activeByName.get(g.name);
      return current !== undefined && !groupConfigsEqual(g, current);
    }),
    removed: active.filter((g) => !pendingByName.has(g.name)),
  };
}
