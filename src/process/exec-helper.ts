// The exec helper: a short-lived node process, spawned in the child's place, that does what Node's spawn
// cannot before exec'ing the program: Supervisor's privilege drop (setgroups to the user's groups, setgid,
// setuid), chdir *after* that, umask, PR_SET_PDEATHSIG. Failures print Supervisor's texts on fd 2 and exit 127.
import { writeSync } from 'node:fs';
import { clearCloseOnExec, errnoName, execve, ffiAvailable, ErrnoError, resetSignalsForExec, setParentDeathSignal } from '../os/ffi.js';
import { closeInheritedFdsOnExec } from '../os/fds.js';
import { knownSignals } from '../python/signals.js';
import { SPEC_ENV_VAR, type ExecHelperSpec } from './exec-helper-spec.js';

const NOT_SPAWNED = 'supervisor: child process was not spawned\n';

function say(text: string): void {
  writeSync(2, `supervisor: ${text}\n`);
}

function errorCode(err: unknown): string {
  if (err instanceof ErrnoError) return err.code;
  const code = (err as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? code : String(err);
}

function dropPrivileges(spec: ExecHelperSpec): string | null {
  const p = spec.privileges;
  if (!p) return null;
  try {
    process.setgroups!(p.groups);
  } catch {
    return 'Could not set groups of effective user';
  }
  try {
    process.setgid!(p.gid);
  } catch {
    return 'Could not set group id of effective user';
  }
  try {
    process.setuid!(p.uid);
  } catch (err) {
    return errorCode(err);
  }
  return null;
}

/** Runs the steps in Supervisor's child order; returns only on failure (after printing why). */
function runSteps(spec: ExecHelperSpec): void {
  if (spec.failure) return say(spec.failure);
  // load libc bindings while still root: the target user may not be able to read node_modules
  if (!ffiAvailable()) return say(`couldn't exec ${spec.argv[0]}: native bindings (koffi) unavailable`);
  const privilegeError = dropPrivileges(spec);
  if (privilegeError) return say(`couldn't setuid to ${spec.privileges?.uid}: ${privilegeError}`);
  if (spec.pdeathsig !== null) {
    // after setuid: a credential change clears the parent-death signal
    setParentDeathSignal(spec.pdeathsig);
    if (process.ppid !== spec.parentPid) process.kill(process.pid, spec.pdeathsig);
  }
  if (spec.directory !== null) {
    try {
      process.chdir(spec.directory);
    } catch (err) {
      return say(`couldn't chdir to ${spec.directory}: ${errorCode(err)}`);
    }
  }
  if (spec.umask !== null) process.umask(spec.umask);
  try {
    // node ignores SIGPIPE/SIGXFSZ; ignored dispositions survive exec, so restore defaults first
    resetSignalsForExec(knownSignals().filter((n) => n < 32));
    for (const fd of [0, 1, 2]) clearCloseOnExec(fd);
    // Supervisor closes fds 3..minfds-1: nothing of this helper's own node runtime may reach the program
    closeInheritedFdsOnExec();
    execve(spec.filename, spec.argv, spec.env);
  } catch (err) {
    const code = err instanceof ErrnoError ? errnoName(err.errno) : errorCode(err);
    say(`couldn't exec ${spec.argv[0]}: ${code}`);
  }
}

export function runExecHelper(specJson: string): never {
  try {
    runSteps(JSON.parse(specJson) as ExecHelperSpec);
  } catch (err) {
    say(`couldn't exec: ${String(err)}`);
  }
  writeSync(2, NOT_SPAWNED);
  process.exit(127);
}

const specJson = process.env[SPEC_ENV_VAR];
if (specJson !== undefined) runExecHelper(specJson);
