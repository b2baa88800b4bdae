// The contract between spawn.ts and the exec helper process (kept apart so importing it never runs the helper).

/** Everything the helper needs, passed as JSON in its environment. */
export interface ExecHelperSpec {
  filename: string;
  argv: string[];
  env: Record<string, string>;
  directory: string | null;
  umask: number | null;
  /** set when the privileges must change */
  privileges: { uid: number; gid: number; groups: number[] } | null;
  /** a failure decided by the parent: printed (after `supervisor: `) before giving up */
  failure: string | null;
  /** signal the kernel sends us when supervisord dies; null for none */
  pdeathsig: number | null;
  /** supervisord's pid, to catch a parent that died before PR_SET_PDEATHSIG took effect */
  parentPid: number;
}

/**
 * The helper's environment variable holding the JSON spec. Not an argument: the program's environment may
 * hold secrets, and any local user can read a command line, while /proc/<pid>/environ is private.
 */
export const SPEC_ENV_VAR = 'SUPERVISOR_TS_EXEC_SPEC';
