// Suite builders shared by the conformance files. Each file stays small: the project's test runner
// gives a whole file 120 s, and the machine may be busy.
import { describe, it, before, after } from 'node:test';
import {
  HAVE_REAL,
  startRealDaemon,
  runBoth,
  prepareComparisons,
  STANDARD_PROGRAMS,
  type RealDaemon,
  type Program,
} from './harness.js';
import { assertSame } from './assert-same.js';

/** Programs for the read-only suites: the standard set plus a name longer than the 30-char column. */
export const READ_ONLY_PROGRAMS: Program[] = [
  ...STANDARD_PROGRAMS,
  { name: 'program:a_rather_long_program_name_for_the_columns', lines: ['command=sleep 1000', 'autostart=false'] },
];

/** The config file as rewritten by the config tests: talker gone, manual changed, newprog and zeta new. */
export const CHANGED_PROGRAMS: Program[] = [
  ...STANDARD_PROGRAMS.filter((p) => p.name !== 'program:talker' && p.name !== 'program:manual'),
  { name: 'program:manual', lines: ['command=sleep 999', 'autostart=false'] },
  { name: 'program:newprog', lines: ['command=sleep 1000', 'autostart=false', 'priority=5'] },
  { name: 'program:zeta', lines: ['command=sleep 1000', 'autostart=false'] },
];

/**
 * Registers before/after hooks that start a real supervisord (after the one-time test preparation) and
 * stop it; returns a getter for the running daemon.
 */
export function useRealDaemon(programs: Program[] = STANDARD_PROGRAMS, setup?: (d: RealDaemon) => void): () => RealDaemon {
  let daemon: RealDaemon | undefined;
  before(async () => {
    await prepareComparisons();
    daemon = await startRealDaemon(programs);
    setup?.(daemon);
  });
  after(async () => {
    await daemon?.stop();
  });
  return () => {
    if (!daemon) throw new Error('the daemon did not start');
    return daemon;
  };
}

/** Commands that do not change the daemon's state, run concurrently against one real supervisord. */
export function readOnlySuite(title: string, cases: string[][]): void {
  describe(title, { skip: !HAVE_REAL && 'no /usr/bin/supervisord', concurrency: 4 }, () => {
    const daemon = useRealDaemon(READ_ONLY_PROGRAMS);
    for (const args of cases) {
      it(JSON.stringify(args), async () => {
        await assertSame(await runBoth(['-c', daemon().conf, ...args]), args.join(' '));
      });
    }
  });
}

export interface MutatingCase {
  args: string[];
  /** real-supervisorctl commands that restore the state after each client ran */
  reset?: string[][];
  /** compare output lines as a set (results of `all` come in completion order) */
  unordered?: boolean;
}

/** Commands that change process state, run one after the other against one real supervisord. */
export function mutatingSuite(title: string, cases: MutatingCase[]): void {
  describe(title, { skip: !HAVE_REAL && 'no /usr/bin/supervisord' }, () => {
    const daemon = useRealDaemon();
    for (const { args, reset, unordered } of cases) {
      it(JSON.stringify(args), async () => {
        const conf = daemon().conf;
        const both = await runBoth(['-c', conf, ...args], {
          reset: reset?.map((r) => ['-c', conf, ...r]),
        });
        await assertSame(both, args.join(' '), { unordered });
      });
    }
  });
}
