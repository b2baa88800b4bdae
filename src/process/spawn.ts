// Start a child the way Supervisor's Subprocess.spawn does: its own process group (pid == pgid), real pipes
// for stdio, the given environment, directory, umask and user. Plain child_process.spawn is used when it gives
// the same result; otherwise the exec helper (exec-helper.ts) runs in the child's place and execs the program.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { ErrnoError, FfiUnavailableError } from '../os/ffi.js';
import { closeInheritedFdsOnExec } from '../os/fds.js';
import { checkExecutableFile } from './exec-check.js';
import { SPEC_ENV_VAR, type ExecHelperSpec } from './exec-helper-spec.js';
import { helperCommand } from './helper-location.js';
import { closeChildEnds, closeParentEnds, openChildPipes, parentStreams, type ChildPipes, type LazyStdin, type PipeReader } from './child-pipes.js';
import { planPrivileges, type PrivilegePlan } from './privileges.js';
import { helperReason, wantsParentDeathSignal } from './route.js';
import { describeExit, type ExitDescription } from './wait-status.js';

export interface SpawnRequest {
  /** process name, for error messages */
  processName: string;
  /** resolved executable and full argv (argv[0] included), from getExecArgs */
  filename: string;
  argv: string[];
  /** complete child environment (see buildChildEnv) */
  env: Record<string, string>;
  directory: string | null;
  umask: number | null;
  /** uid from `user=`, null when not set */
  uid: number | null;
  redirectStderr: boolean;
  /** fcgi-program: the listening socket's fd becomes the child's stdin */
  stdinFd?: number | null;
  /** signal the child gets when supervisord dies (PR_SET_PDEATHSIG); costs the exec helper; ignored as PID 1 */
  pdeathsig?: number | null;
  /** go through the exec helper even when plain spawn would do */
  forceHelper?: boolean;
}

export interface ChildExit extends ExitDescription {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnedChild {
  readonly pid: number;
  readonly stdin: LazyStdin | null;
  readonly stdout: PipeReader;
  /** null when stderr is redirected into stdout */
  readonly stderr: PipeReader | null;
  /** true when the exec helper started it */
  readonly viaHelper: boolean;
  /** Called once when the child has exited (Node's 'exit' event, not 'close'); immediately if it already has. */
  onExit(callback: (exit: ChildExit) => void): void;
}

export type SpawnFailure = 'EMFILE' | 'EAGAIN' | 'EXEC' | 'UNKNOWN';

/** Spawn failed before a child existed: the core records `message` as spawnerr and goes to BACKOFF. */
export class SpawnError extends Error {
  constructor(message: string, readonly reason: SpawnFailure) {
    super(message);
  }
}

const liveChildren = new Set<number>();

/** True for a pid this module spawned that has not been reported exited yet (the reaper must leave it alone). */
export function isSpawnedChild(pid: number): boolean {
  return liveChildren.has(pid);
}


export function spawnChild(request: SpawnRequest): SpawnedChild {
  const plan = planPrivileges(request.uid, process.getuid?.() ?? 0);
  const useHelper = helperReason(request, plan) !== null;
  const started = attemptSpawn(request, plan, useHelper);
  if (started) return started;
  // plain spawn failed after our checks passed (a shebang naming a missing interpreter, a race...):
  // the helper reproduces Supervisor exactly, a started child that prints why exec failed and exits 127
  if (!useHelper && !fdsExhausted()) {
    const retried = attemptSpawn(request, plan, true);
    if (retried) return retried;
  }
  throw classifyFailedSpawn(request);
}

/** One spawn attempt; null when node could not start the child (its reason only arrives later). */
function attemptSpawn(request: SpawnRequest, plan: PrivilegePlan, useHelper: boolean): SpawnedChild | null {
  let pipes: ChildPipes;
  try {
    pipes = openChildPipes({ redirectStderr: request.redirectStderr, stdinFd: request.stdinFd ?? null });
  } catch (err) {
    throw pipeError(request.processName, err);
  }
  let child: ChildProcess;
  try {
    closeInheritedFdsOnExec();
    child = useHelper ? launchHelper(request, plan, pipes) : launchDirect(request, pipes);
  } catch (err) {
    closeChildEnds(pipes);
    closeParentEnds(pipes);
    throw new SpawnError(`unknown error during fork for '${request.processName}': ${String(err)}`, 'UNKNOWN');
  }
  closeChildEnds(pipes);
  // a failed spawn reports its error event on the next tick; the caller decides synchronously instead
  child.on('error', () => undefined);
  if (child.pid === undefined) {
    closeParentEnds(pipes);
    return null;
  }
  return wrapChild(child, child.pid, pipes, useHelper);
}

function launchDirect(request: SpawnRequest, pipes: ChildPipes): ChildProcess {
  // spawn is synchronous (fork+exec), so a umask set around it reaches only this child
  const previousUmask = request.umask === null ? null : process.umask(request.umask);
  try {
    return spawn(request.filename, request.argv.slice(1), {
      argv0: request.argv[0],
      cwd: request.directory ?? undefined,
      env: request.env,
      detached: true, // setsid(): own process group, like Supervisor's setpgrp()
      stdio: pipes.childFds,
    });
  } finally {
    if (previousUmask !== null) process.umask(previousUmask);
  }
}

function launchHelper(request: SpawnRequest, plan: PrivilegePlan, pipes: ChildPipes): ChildProcess {
  const spec: ExecHelperSpec = {
    filename: request.filename,
    argv: request.argv,
    env: request.env,
    directory: request.directory,
    umask: request.umask,
    privileges: plan.kind === 'switch' ? { uid: plan.uid, gid: plan.gid, groups: plan.groups } : null,
    failure: plan.kind === 'fail' ? plan.message : null,
    pdeathsig: wantsParentDeathSignal(request) ? (request.pdeathsig as number) : null,
    parentPid: process.pid,
  };
  const [node, ...args] = helperCommand();
  // supervisord's NODE_OPTIONS (an --inspect port, preloads) are not for the helper; the program gets spec.env
  const { NODE_OPTIONS: _ignored, ...helperEnv } = process.env;
  return spawn(node, args, {
    detached: true,
    stdio: pipes.childFds,
    env: { ...helperEnv, [SPEC_ENV_VAR]: JSON.stringify(spec) },
  });
}

function wrapChild(child: ChildProcess, pid: number, pipes: ChildPipes, viaHelper: boolean): SpawnedChild {
  liveChildren.add(pid);
  const streams = parentStreams(pipes);
  let exit: ChildExit | null = null;
  const waiting: Array<(exit: ChildExit) => void> = [];
  child.once('exit', (code, signal) => {
    liveChildren.delete(pid);
    exit = { code, signal, ...describeExit(code, signal) };
    for (const callback of waiting.splice(0)) callback(exit);
  });
  return {
    pid,
    ...streams,
    viaHelper,
    onExit(callback) {
      if (exit) {
        const done = exit;
        queueMicrotask(() => callback(done));
      } else {
        waiting.push(callback);
      }
    },
  };
}



function pipeError(processName: string, err: unknown): SpawnError {
  const code = err instanceof ErrnoError ? err.code
    : err instanceof FfiUnavailableError ? err.message
    : (err as NodeJS.ErrnoException).code ?? String(err);
  if (code === 'EMFILE') return new SpawnError(`too many open files to spawn '${processName}'`, 'EMFILE');
  return new SpawnError(`unknown error making dispatchers for '${processName}': ${code}`, 'UNKNOWN');
}

function fdsExhausted(): boolean {
  try {
    closeSync(openSync('/dev/null', 'r'));
    return false;
  } catch {
    return true;
  }
}

/** Node only tells asynchronously why spawn failed; find the likely cause now, with Supervisor's wording. */
function classifyFailedSpawn(request: SpawnRequest): SpawnError {
  if (fdsExhausted()) return new SpawnError(`too many open files to spawn '${request.processName}'`, 'EMFILE');
  const recheck = checkExecutableFile(request.filename);
  if (recheck) return new SpawnError(recheck.message, 'EXEC');
  return new SpawnError(`Too many processes in process table to spawn '${request.processName}'`, 'EAGAIN');
}
