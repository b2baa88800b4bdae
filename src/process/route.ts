// Which way a child is started: plain child_process.spawn when it behaves exactly like Supervisor's
// fork/exec, else the exec helper (a node process that drops privileges, chdirs, sets PR_SET_PDEATHSIG and
// execve()s, reporting failures with Supervisor's texts). The helper costs a node startup, so only when needed.
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import type { PrivilegePlan } from './privileges.js';
import type { SpawnRequest } from './spawn.js';

/**
 * PR_SET_PDEATHSIG costs the exec helper, so only when it can matter: as PID 1 of a pid namespace,
 * supervisord's death makes the kernel SIGKILL every process of the namespace anyway (pid_namespaces(7)).
 */
export function wantsParentDeathSignal(request: SpawnRequest): boolean {
  return Boolean(request.pdeathsig) && process.pid !== 1;
}

/** Why the exec helper is needed for this request, or null when plain spawn gives Supervisor's behaviour. */
export function helperReason(request: SpawnRequest, plan: PrivilegePlan): string | null {
  if (request.forceHelper) return 'forced';
  if (wantsParentDeathSignal(request)) return 'pdeathsig';
  if (plan.kind !== 'keep') return 'user';
  if (request.umask !== null && umaskLoosens(request.umask)) return 'umask';
  if (request.directory !== null && !isEnterableDirectory(request.directory)) return 'directory';
  // libc's execvp would run such a file with /bin/sh; Supervisor's execve fails with ENOEXEC
  if (!looksExecutable(request.filename)) return 'format';
  return null;
}

const EXECUTABLE_MAGIC = [Buffer.from('#!'), Buffer.from([0x7f, 0x45, 0x4c, 0x46])];

function looksExecutable(filename: string): boolean {
  const head = Buffer.alloc(4);
  let fd: number | null = null;
  try {
    fd = openSync(filename, 'r');
    const n = readSync(fd, head, 0, 4, 0);
    return EXECUTABLE_MAGIC.some((magic) => n >= magic.length && head.subarray(0, magic.length).equals(magic));
  } catch {
    // unreadable (e.g. mode 0111): let exec decide, as plain spawn would
    return true;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * The plain path sets supervisord's own umask around the (synchronous) spawn; files libuv's thread pool
 * creates meanwhile get it too. Harmless when it only adds bits; a looser mask goes through the helper.
 */
function umaskLoosens(requested: number): boolean {
  const current = process.umask(requested);
  process.umask(current);
  return (current & ~requested) !== 0;
}

function isEnterableDirectory(dir: string): boolean {
  try {
    if (!statSync(dir).isDirectory()) return false;
    accessSync(dir, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
