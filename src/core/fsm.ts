// The process state machine as ONE table: every (state, input) pair is a move, an explicit ignore, or
// illegal. Pure: no clock, no I/O. The runtime (subprocess.ts) feeds inputs and carries out the effects.
import { ProcessState, processStateName } from './states.js';

/** What can happen to a process. Timer inputs may arrive late (a stale timer), hence the ignores. */
export type FsmInput =
  /** start request: RPC start, autostart, autorestart or the backoff respawn */
  | { type: 'start' }
  /** the child was forked/exec'd and has a pid */
  | { type: 'spawned' }
  /** spawning failed before a child existed (exec check, pipes, fork) */
  | { type: 'spawnFailed' }
  /** the startsecs deadline passed while the child stayed up */
  | { type: 'startsecsElapsed' }
  /** the child was reaped; tooQuickly = it died before startsecs */
  | { type: 'exited'; tooQuickly: boolean }
  /** the backoff delay passed */
  | { type: 'backoffElapsed' }
  /** administrative stop (stopProcess, stop of a group) */
  | { type: 'stop' }
  /** stopwaitsecs passed while STOPPING: escalate to SIGKILL */
  | { type: 'killTimeout' }
  /** kill() failed with an error other than ESRCH */
  | { type: 'killFailed' }
  /** supervisord is shutting down or restarting (Supervisor's stop_all) */
  | { type: 'shutdown' };

export type FsmInputType = FsmInput['type'];

/** Side effects the runtime must perform, in order, after moving. */
export type FsmEffect =
  | 'spawn' // reset per-run fields, then try to spawn
  | 'armStartTimer' // startsecs deadline
  | 'armBackoffTimer' // backoff counter was incremented: respawn after `backoff` seconds
  | 'resetBackoff'
  | 'signalStop' // send stopsignal (group if stopasgroup), arm the stopwaitsecs timer
  | 'signalKill' // send SIGKILL (group if killasgroup), re-arm the stopwaitsecs timer
  | 'clearTimers'
  | 'autorestart'; // consider EXITED -> STARTING

export interface FsmContext {
  processName: string;
  /** backoff counter (Supervisor's `backoff`) */
  backoff: number;
  startretries: number;
}

export type FsmStep =
  /** `path` is the list of states entered, in order (may be empty: stay, with effects) */
  | { kind: 'move'; path: ProcessState[]; effects: FsmEffect[]; backoff: number }
  | { kind: 'ignore'; reason: string }
  | { kind: 'illegal'; message: string };

type Rule = (ctx: FsmContext, input: FsmInput, state: ProcessState) => FsmStep;
type Row = Record<FsmInputType, Rule>;

const move = (path: ProcessState[], effects: FsmEffect[] = []): Rule => (ctx) => ({
  kind: 'move', path, effects, backoff: ctx.backoff,
});
const ignore = (reason: string): Rule => () => ({ kind: 'ignore', reason });
const illegal: Rule = (ctx, input, state) => ({
  kind: 'illegal',
  message: `process '${ctx.processName}': input '${input.type}' is illegal in state ${processStateName(state)}`,
});

/** Entering BACKOFF bumps the counter; past startretries the process gives up at once (BACKOFF -> FATAL). */
const enterBackoff: Rule = (ctx) => {
  const backoff = ctx.backoff + 1;
  if (backoff > ctx.startretries) {
    return { kind: 'move', path: [ProcessState.BACKOFF, ProcessState.FATAL], effects: ['clearTimers'], backoff: 0 };
  }
  return { kind: 'move', path: [ProcessState.BACKOFF], effects: ['clearTimers', 'armBackoffTimer'], backoff };
};

const startFromStopped = move([ProcessState.STARTING], ['clearTimers', 'spawn']);
const exitWhileRunning = move([ProcessState.EXITED], ['clearTimers', 'resetBackoff', 'autorestart']);
const reapedWhenNotRunning: Rule = (ctx, _input, state) => ({
  kind: 'illegal',
  message: `process '${ctx.processName}': reaped while in state ${processStateName(state)}, but no child was running`,
});
const staleTimer = ignore('stale timer');

const NOT_RUNNING_ROW: Row = {
  start: startFromStopped,
  spawned: illegal,
  spawnFailed: illegal,
  startsecsElapsed: staleTimer,
  exited: reapedWhenNotRunning,
  backoffElapsed: staleTimer,
  stop: illegal,
  killTimeout: staleTimer,
  killFailed: illegal,
  shutdown: ignore('already stopped'),
};

/** THE table. Rows are states, columns are inputs. */
export const TRANSITIONS: Record<ProcessState, Row> = {
  // STOPPED, EXITED and FATAL behave alike: nothing runs, only a start request moves them
  [ProcessState.STOPPED]: NOT_RUNNING_ROW,
  [ProcessState.STARTING]: {
    start: illegal,
    spawned: move([], ['armStartTimer']),
    spawnFailed: enterBackoff,
    startsecsElapsed: move([ProcessState.RUNNING], ['clearTimers', 'resetBackoff']),
    exited: (ctx, input, state) => {
      if (input.type === 'exited' && input.tooQuickly) return enterBackoff(ctx, input, state);
      // stayed up long enough but the startsecs timer has not fired yet: pass through RUNNING like Supervisor
      return { kind: 'move', path: [ProcessState.RUNNING, ProcessState.EXITED],
        effects: ['clearTimers', 'resetBackoff', 'autorestart'], backoff: 0 };
    },
    backoffElapsed: staleTimer,
    stop: move([ProcessState.STOPPING], ['clearTimers', 'signalStop']),
    killTimeout: staleTimer,
    killFailed: move([ProcessState.UNKNOWN], ['clearTimers']),
    shutdown: move([ProcessState.STOPPING], ['clearTimers', 'signalStop']),
  },
  [ProcessState.RUNNING]: {
    start: illegal,
    spawned: illegal,
    spawnFailed: illegal,
    startsecsElapsed: staleTimer,
    exited: exitWhileRunning,
    backoffElapsed: staleTimer,
    stop: move([ProcessState.STOPPING], ['clearTimers', 'signalStop']),
    killTimeout: staleTimer,
    killFailed: move([ProcessState.UNKNOWN], ['clearTimers']),
    shutdown: move([ProcessState.STOPPING], ['clearTimers', 'signalStop']),
  },
  [ProcessState.BACKOFF]: {
    start: startFromStopped,
    spawned: illegal,
    spawnFailed: illegal,
    startsecsElapsed: staleTimer,
    exited: reapedWhenNotRunning,
    backoffElapsed: (ctx, input, state) => ctx.backoff <= ctx.startretries
      ? startFromStopped(ctx, input, state)
      : { kind: 'ignore', reason: 'retries exhausted' },
    // no signal is sent: nothing runs (Supervisor logs this at debug)
    stop: move([ProcessState.STOPPED], ['clearTimers']),
    killTimeout: staleTimer,
    killFailed: illegal,
    // Supervisor's give_up(): the counter is reset on the way to FATAL
    shutdown: () => ({ kind: 'move', path: [ProcessState.FATAL], effects: ['clearTimers'], backoff: 0 }),
  },
  [ProcessState.STOPPING]: {
    start: illegal,
    spawned: illegal,
    spawnFailed: illegal,
    startsecsElapsed: staleTimer,
    exited: move([ProcessState.STOPPED], ['clearTimers']),
    backoffElapsed: staleTimer,
    stop: ignore('already stopping'),
    killTimeout: move([], ['signalKill']),
    killFailed: move([ProcessState.UNKNOWN], ['clearTimers']),
    shutdown: ignore('already stopping'),
  },
  [ProcessState.EXITED]: NOT_RUNNING_ROW,
  [ProcessState.FATAL]: NOT_RUNNING_ROW,
  [ProcessState.UNKNOWN]: {
    // Supervisor refuses to spawn from UNKNOWN (its spawn() asserts the state)
    start: illegal,
    spawned: illegal,
    spawnFailed: illegal,
    startsecsElapsed: staleTimer,
    // the child we lost track of is finally gone: report it, never restart it on our own
    exited: move([ProcessState.EXITED], ['clearTimers', 'resetBackoff']),
    backoffElapsed: staleTimer,
    stop: illegal,
    killTimeout: staleTimer,
    killFailed: ignore('already unknown'),
    shutdown: ignore('state unknown'),
  },
};

export const ALL_STATES: readonly ProcessState[] = [
  ProcessState.STOPPED, ProcessState.STARTING, ProcessState.RUNNING, ProcessState.BACKOFF,
  ProcessState.STOPPING, ProcessState.EXITED, ProcessState.FATAL, ProcessState.UNKNOWN,
];
export const ALL_INPUT_TYPES: readonly FsmInputType[] = [
  'start', 'spawned', 'spawnFailed', 'startsecsElapsed', 'exited', 'backoffElapsed', 'stop', 'killTimeout',
  'killFailed', 'shutdown',
];

/** Look up the step for (state, input). */
export function nextStep(state: ProcessState, input: FsmInput, ctx: FsmContext): FsmStep {
  return TRANSITIONS[state][input.type](ctx, input, state);
}

/** Supervisor's EXITED -> STARTING rule: autorestart=true always, unexpected only for codes outside exitcodes. */
export function shouldAutorestart(autorestart: 'false' | 'unexpected' | 'true', exitstatus: number | null,
  exitcodes: readonly number[]): boolean {
  if (autorestart === 'true') return true;
  if (autorestart === 'false') return false;
  return exitstatus === null || !exitcodes.includes(exitstatus);
}
