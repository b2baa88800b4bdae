// Supervisor's minfds/minprocs: raise the soft limit (and the hard one when allowed, i.e. as root) at
// startup; if that is impossible supervisord must refuse to start with an explanation.
import { getrlimit, RLIMIT_NOFILE, RLIMIT_NPROC, setrlimit, type RLimit } from './ffi.js';

export interface LimitAccess {
  get(resource: number): RLimit;
  set(resource: number, limit: RLimit): void;
}

const realLimits: LimitAccess = { get: getrlimit, set: setrlimit };

/** Startup cannot go on: the message is for `Error: <message>` and exit 2. */
export class RlimitError extends Error {}

interface LimitRule {
  resource: number;
  name: string;
  setting: 'minfds' | 'minprocs';
  what: string;
}

const RULES: LimitRule[] = [
  { resource: RLIMIT_NOFILE, name: 'RLIMIT_NOFILE', setting: 'minfds', what: 'file descriptors' },
  { resource: RLIMIT_NPROC, name: 'RLIMIT_NPROC', setting: 'minprocs', what: 'processes' },
];

function explain(rule: LimitRule, minimum: number, hard: number | null): string {
  const allowed = hard === null ? 'unlimited' : String(hard);
  return `supervisord needs at least ${minimum} ${rule.what} (the "${rule.setting}" setting, from the command line ` +
    `or the config file), but this environment allows only ${allowed} (hard limit).  Raise the limit of the ` +
    `environment (ulimit, container or service settings) or lower ${rule.setting} in the config file so that ` +
    `supervisord can start.`;
}

/**
 * Apply minfds/minprocs. Returns the info lines to log (`Increased RLIMIT_NOFILE limit to N`);
 * throws RlimitError when a limit cannot be raised far enough.
 */
export function applyMinimumLimits(minimums: { minfds: number; minprocs: number }, access: LimitAccess = realLimits): string[] {
  const infos: string[] = [];
  for (const rule of RULES) {
    const minimum = minimums[rule.setting];
    const { soft, hard } = access.get(rule.resource);
    if (soft === null || soft >= minimum) continue;
    // lifting the hard limit only works as root; otherwise setrlimit fails and we explain
    const newHard = hard !== null && hard < minimum ? minimum : hard;
    try {
      access.set(rule.resource, { soft: minimum, hard: newHard });
    } catch {
      throw new RlimitError(explain(rule, minimum, hard));
    }
    infos.push(`Increased ${rule.name} limit to ${minimum}`);
  }
  return infos;
}
