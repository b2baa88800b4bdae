// critical=true (container extension): when such a process is gone for good, supervisord exits with its code.
import { describeExit as describeWait } from '../process/wait-status.js';
import { ProcessState } from './states.js';
import { describeExit, type Subprocess } from './subprocess.js';
import { TOO_QUICKLY } from './exit-report.js';

/** the shell's code for "command not found", used when the program never ran at all */
const NEVER_RAN_EXIT_CODE = 127;
const FATAL_AFTER_CLEAN_EXIT_CODE = 1;

/** Called after an input settled: EXITED means autorestart declined; FATAL means retries ran out. */
export function willNotRestart(proc: Subprocess): boolean {
  return proc.state === ProcessState.FATAL || proc.state === ProcessState.EXITED;
}

export function criticalExitCode(proc: Subprocess): number {
  const neverRan = proc.state === ProcessState.FATAL && proc.spawnerr !== TOO_QUICKLY;
  if (neverRan || !proc.lastExit) return NEVER_RAN_EXIT_CODE;
  const { exitstatus, signo } = describeWait(proc.lastExit.code, proc.lastExit.signal);
  if (signo !== null) return 128 + signo;
  // FATAL is a failure even when the last (too quick) run exited 0: never report success for it
  if (proc.state === ProcessState.FATAL && exitstatus === 0) return FATAL_AFTER_CLEAN_EXIT_CODE;
  return exitstatus;
}

export function describeCriticalEnd(proc: Subprocess): string {
  if (proc.state === ProcessState.FATAL) {
    return `critical process '${proc.name}' entered FATAL state (${proc.spawnerr ?? 'too many start retries'})`;
  }
  const how = proc.lastExit ? describeExit(proc.lastExit) : 'unknown';
  return `critical process '${proc.name}' exited (${how}) and will not be restarted`;
}
