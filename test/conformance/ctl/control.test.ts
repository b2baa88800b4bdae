// Conformance: commands that change process state. The real supervisorctl runs first, the daemon's
// state is put back with the real one, then ours runs, so both see the same starting state.
import { describe, it, before, after } from 'node:test';
import { HAVE_REAL, startRealDaemon, runBoth, type RealDaemon, prepareComparisons } from './harness.js';
import { assertSame } from './assert-same.js';

describe('supervisorctl process control matches the real one', { skip: !HAVE_REAL && 'no /usr/bin/supervisord' }, () => {
  let daemon: RealDaemon;
  before(async () => {
    await prepareComparisons();
    daemon = await startRealDaemon();
  });
  after(async () => {
    await daemon?.stop();
  });

  const cases: Array<{ args: string[]; reset?: string[][]; unordered?: boolean }> = [
    { args: ['stop', 'sleeper'], reset: [['start', 'sleeper']] },
    { args: ['stop', 'manual'] },
    { args: ['stop', 'nosuch'] },
    { args: ['stop', 'nosuch:'] },
    { args: ['stop', 'grp:*'], reset: [['start', 'grp:*']], unordered: true },
    { args: ['stop', 'grp:grp_0', 'sleeper'], reset: [['start', 'grp:grp_0', 'sleeper']] },
    { args: ['start', 'manual'], reset: [['stop', 'manual']] },
    { args: ['start', 'sleeper'] },
    { args: ['start', 'nosuch'] },
    { args: ['start', 'nosuch:'] },
    { args: ['start', 'nosuch:*', 'manual'], reset: [['stop', 'manual']] },
    { args: ['start', 'grp:*'] },
    { args: ['start', 'failer'] },
    { args: ['restart', 'sleeper'] },
    { args: ['restart', 'nosuch'] },
    { args: ['restart', 'manual'], reset: [['stop', 'manual']] },
    { args: ['signal', 'CONT', 'sleeper'] },
    { args: ['signal', 'CONT', 'grp:*'] },
    { args: ['signal', 'CONT', 'manual'] },
    { args: ['signal', 'BOGUS', 'sleeper'] },
    { args: ['signal', 'CONT', 'nosuch:'] },
    { args: ['signal', 'CONT', 'nosuch'] },
    { args: ['clear', 'talker'] },
    { args: ['clear', 'nosuch'] },
    { args: ['clear', 'grp:'] },
    { args: ['clear', 'all'], unordered: true },
    { args: ['stop', 'all'], reset: [['start', 'sleeper', 'grp:*', 'talker']], unordered: true },
    { args: ['start', 'all'], reset: [['stop', 'manual']], unordered: true },
  ];
  for (const { args, reset, unordered } of cases) {
    it(`${JSON.stringify(args)}`, async () => {
      const both = await runBoth(['-c', daemon.conf, ...args], {
        reset: reset?.map((r) => ['-c', daemon.conf, ...r]),
      });
      await assertSame(both, args.join(' '), { unordered });
    });
  }
});
