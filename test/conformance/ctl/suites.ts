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

/** Commands that do not change the daemon's state, run concurrently against one real supervisord. */
export function readOnlySuite(title: string, cases: string[][]): void {
  describe(title, { skip: !HAVE_REAL && 'no /usr/bin/supervisord', concurrency: 4 }, () => {
    let daemon: RealDaemon;
    before(async () => {
      await prepareComparisons();
      daemon = await startRealDaemon(READ_ONLY_PROGRAMS);
    });
    after(async () => {
      await daemon?.stop();
    });
    for (const args of cases) {
      it(JSON.stringify(args), async () => {
        await assertSame(await runBoth(['-c', daemon.conf, ...args]), args.join(' '));
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
    let daemon: RealDaemon;
    before(async () => {
      await prepareComparisons();
      daemon = await startRealDaemon();
    });
    after(async () => {
      await daemon?.stop();
    });
    for (const { args, reset, unordered } of cases) {
      it(JSON.stringify(args), async () => {
        const both = await runBoth(['-c', daemon.conf, ...args], {
          reset: reset?.map((r) => ['-c', daemon.conf, ...r]),
        });
        await assertSame(both, args.join(' '), { unordered });
      });
    }
  });
}
