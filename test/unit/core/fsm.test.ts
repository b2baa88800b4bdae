import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_INPUT_TYPES, ALL_STATES, nextStep, shouldAutorestart, type FsmInput, type FsmInputType } from '../../../src/core/fsm.js';
import { ProcessState as S } from '../../../src/core/states.js';

const ctx = { processName: 'web', backoff: 0, startretries: 3 };
const input = (type: FsmInputType): FsmInput => (type === 'exited' ? { type, tooQuickly: false } : { type }) as FsmInput;

// Expected outcome for every (state, input): 'I' = ignore, 'X' = illegal, or the path of entered states.
type Want = 'I' | 'X' | S[];
const E: S[] = [];
const EXPECTED: Record<S, Record<FsmInputType, Want>> = {
  [S.STOPPED]: { start: [S.STARTING], spawned: 'X', spawnFailed: 'X', startsecsElapsed: 'I', exited: 'X',
    backoffElapsed: 'I', stop: 'X', killTimeout: 'I', killFailed: 'X', shutdown: 'I' },
  [S.STARTING]: { start: 'X', spawned: E, spawnFailed: [S.BACKOFF], startsecsElapsed: [S.RUNNING],
    exited: [S.RUNNING, S.EXITED], backoffElapsed: 'I', stop: [S.STOPPING], killTimeout: 'I', killFailed: [S.UNKNOWN],
    shutdown: [S.STOPPING] },
  [S.RUNNING]: { start: 'X', spawned: 'X', spawnFailed: 'X', startsecsElapsed: 'I', exited: [S.EXITED],
    backoffElapsed: 'I', stop: [S.STOPPING], killTimeout: 'I', killFailed: [S.UNKNOWN], shutdown: [S.STOPPING] },
  [S.BACKOFF]: { start: [S.STARTING], spawned: 'X', spawnFailed: 'X', startsecsElapsed: 'I', exited: 'X',
    backoffElapsed: [S.STARTING], stop: [S.STOPPED], killTimeout: 'I', killFailed: 'X', shutdown: [S.FATAL] },
  [S.STOPPING]: { start: 'X', spawned: 'X', spawnFailed: 'X', startsecsElapsed: 'I', exited: [S.STOPPED],
    backoffElapsed: 'I', stop: 'I', killTimeout: E, killFailed: [S.UNKNOWN], shutdown: 'I' },
  [S.EXITED]: { start: [S.STARTING], spawned: 'X', spawnFailed: 'X', startsecsElapsed: 'I', exited: 'X',
    backoffElapsed: 'I', stop: 'X', killTimeout: 'I', killFailed: 'X', shutdown: 'I' },
  [S.FATAL]: { start: [S.STARTING], spawned: 'X', spawnFailed: 'X', startsecsElapsed: 'I', exited: 'X',
    backoffElapsed: 'I', stop: 'X', killTimeout: 'I', killFailed: 'X', shutdown: 'I' },
  [S.UNKNOWN]: { start: 'X', spawned: 'X', spawnFailed: 'X', startsecsElapsed: 'I', exited: [S.EXITED],
    backoffElapsed: 'I', stop: 'X', killTimeout: 'I', killFailed: 'I', shutdown: 'I' },
};

test('every (state, input) pair has the expected outcome', () => {
  let pairs = 0;
  for (const state of ALL_STATES) {
    for (const type of ALL_INPUT_TYPES) {
      const want = EXPECTED[state][type];
      const step = nextStep(state, input(type), ctx);
      const where = `${S[state]} x ${type}`;
      if (want === 'I') assert.equal(step.kind, 'ignore', where);
      else if (want === 'X') {
        assert.equal(step.kind, 'illegal', where);
        assert.ok(step.kind === 'illegal' && step.message.includes("'web'") && step.message.includes(S[state]), where);
      } else {
        assert.equal(step.kind, 'move', where);
        assert.deepEqual(step.kind === 'move' && step.path, want, where);
      }
      pairs++;
    }
  }
  assert.equal(pairs, 8 * 10);
});

test('illegal messages name process, state and input', () => {
  const step = nextStep(S.RUNNING, { type: 'start' }, ctx);
  assert.equal(step.kind, 'illegal');
  assert.match(step.kind === 'illegal' ? step.message : '', /'web'.*'start'.*RUNNING/);
});

test('entering BACKOFF counts tries and arms the backoff timer', () => {
  const step = nextStep(S.STARTING, { type: 'exited', tooQuickly: true }, { ...ctx, backoff: 1 });
  assert.equal(step.kind, 'move');
  if (step.kind !== 'move') return;
  assert.deepEqual(step.path, [S.BACKOFF]);
  assert.equal(step.backoff, 2);
  assert.ok(step.effects.includes('armBackoffTimer'));
});

test('BACKOFF past startretries goes straight on to FATAL', () => {
  const step = nextStep(S.STARTING, { type: 'spawnFailed' }, { ...ctx, backoff: 3 });
  assert.equal(step.kind, 'move');
  if (step.kind !== 'move') return;
  assert.deepEqual(step.path, [S.BACKOFF, S.FATAL]);
  assert.equal(step.backoff, 0);
  assert.ok(!step.effects.includes('armBackoffTimer'));
});

test('startretries=0 gives up after the first failure', () => {
  const step = nextStep(S.STARTING, { type: 'spawnFailed' }, { ...ctx, startretries: 0 });
  assert.deepEqual(step.kind === 'move' && step.path, [S.BACKOFF, S.FATAL]);
});

test('backoff respawn is ignored once retries are exhausted', () => {
  assert.equal(nextStep(S.BACKOFF, { type: 'backoffElapsed' }, { ...ctx, backoff: 4 }).kind, 'ignore');
  assert.equal(nextStep(S.BACKOFF, { type: 'backoffElapsed' }, { ...ctx, backoff: 3 }).kind, 'move');
});

test('RUNNING resets the backoff counter; exit asks for an autorestart decision', () => {
  const run = nextStep(S.STARTING, { type: 'startsecsElapsed' }, { ...ctx, backoff: 2 });
  assert.ok(run.kind === 'move' && run.effects.includes('resetBackoff'));
  const exit = nextStep(S.RUNNING, { type: 'exited', tooQuickly: false }, ctx);
  assert.ok(exit.kind === 'move' && exit.effects.includes('autorestart'));
  const unknownExit = nextStep(S.UNKNOWN, { type: 'exited', tooQuickly: false }, ctx);
  assert.ok(unknownExit.kind === 'move' && !unknownExit.effects.includes('autorestart'));
});

test('stop escalation: stop sends stopsignal, kill timeout sends SIGKILL and stays', () => {
  const stop = nextStep(S.RUNNING, { type: 'stop' }, ctx);
  assert.ok(stop.kind === 'move' && stop.effects.includes('signalStop'));
  const kill = nextStep(S.STOPPING, { type: 'killTimeout' }, ctx);
  assert.ok(kill.kind === 'move' && kill.path.length === 0 && kill.effects.includes('signalKill'));
});

test('shouldAutorestart follows autorestart and exitcodes', () => {
  assert.equal(shouldAutorestart('true', 0, [0]), true);
  assert.equal(shouldAutorestart('false', 1, [0]), false);
  assert.equal(shouldAutorestart('unexpected', 0, [0]), false);
  assert.equal(shouldAutorestart('unexpected', 1, [0]), true);
  assert.equal(shouldAutorestart('unexpected', -1, [0, 2]), true);
  assert.equal(shouldAutorestart('unexpected', 2, [0, 2]), false);
});
