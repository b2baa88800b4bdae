// What a child's exit means for its process, as Supervisor's Subprocess.finish() decides it: the new
// exitstatus and spawnerr, and the log line (`stopped:` / `exited:`) with its level. Pure.
import { describeExit } from '../process/wait-status.js';
import type { ChildExit } from './ports.js';

export const TOO_QUICKLY = 'Exited too quickly (process log may have details)';

export interface ExitReport {
  /** the child died before startsecs (STARTING -> BACKOFF) */
  tooQuickly: boolean;
  exitstatus: number | null;
  /** null = leave spawnerr as it is */
  spawnerr: string | null;
  level: 'info' | 'warn';
  line: string;
}

export interface ExitContext {
  name: string;
  stopping: boolean;
  starting: boolean;
  /** seconds the child was up */
  uptime: number;
  startsecs: number;
  exitcodes: readonly number[];
}

export function reportExit(exit: ChildExit, ctx: ExitContext): ExitReport {
  const { exitstatus, description } = describeExit(exit.code, exit.signal);
  const expected = ctx.exitcodes.includes(exitstatus);
  if (ctx.stopping) {
    return { tooQuickly: false, exitstatus, spawnerr: null, level: expected ? 'info' : 'warn',
      line: `stopped: ${ctx.name} (${description})` };
  }
  // a negative uptime means the clock went back: like Supervisor, assume it did not exit too quickly
  if (ctx.starting && ctx.uptime >= 0 && ctx.uptime < ctx.startsecs) {
    return { tooQuickly: true, exitstatus: null, spawnerr: TOO_QUICKLY, level: 'warn',
      line: `exited: ${ctx.name} (${description}; not expected)` };
  }
  return {
    tooQuickly: false,
    exitstatus,
    spawnerr: expected ? null : `Bad exit code ${exitstatus}`,
    level: expected ? 'info' : 'warn',
    line: `exited: ${ctx.name} (${description}; ${expected ? 'expected' : 'not expected'})`,
  };
}
