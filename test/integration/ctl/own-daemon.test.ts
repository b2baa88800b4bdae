// Integration: our supervisorctl against OUR supervisord, checked against what the real supervisorctl
// prints for the same daemon (so both halves of supervisor-ts agree with Supervisor's client).
import { describe, it, before, after } from 'node:test';
import { HAVE_REAL, startDaemon, runBoth, STANDARD_PROGRAMS, type RealDaemon, prepareComparisons } from '../../conformance/ctl/harness.js';
import { assertSame } from '../../conformance/ctl/assert-same.js';

describe('supervisorctl against our supervisord', { skip: !HAVE_REAL && 'no /usr/bin/supervisorctl to compare with' }, () => {
  let daemon: RealDaemon;
  before(async () => {
    await prepareComparisons();
    daemon = await startDaemon('ours', STANDARD_PROGRAMS);
  });
  after(async () => {
    await daemon?.stop();
  });

  const cases: Array<{ args: string[]; reset?: string[][]; unordered?: boolean }> = [
    { args: ['status'] },
    { args: ['status', 'nosuch', 'grp:'] },
    { args: ['pid', 'manual'] },
    { args: ['avail'] },
    { args: ['version'] },
    { args: ['reread'] },
    { args: ['update'] },
    { args: ['tail', 'talker'] },
    { args: ['tail', '-5', 'talker', 'stderr'] },
    { args: ['tail', 'nosuch'] },
    { args: ['stop', 'manual'] },
    { args: ['stop', 'sleeper'], reset: [['start', 'sleeper']] },
    { args: ['start', 'sleeper'] },
    { args: ['start', 'manual'], reset: [['stop', 'manual']] },
    { args: ['start', 'nosuch:'] },
    { args: ['start', 'failer'] },
    { args: ['restart', 'grp:*'], unordered: true },
    { args: ['signal', 'BOGUS', 'sleeper'] },
    { args: ['signal', 'CONT', 'manual'] },
    { args: ['clear', 'grp:'] },
    { args: ['add', 'nosuch'] },
    { args: ['remove', 'sleeper'] },
    { args: ['fg', 'manual'] },
    { args: ['maintail', '-x'] },
  ];
  for (const { args, reset, unordered } of cases) {
    it(JSON.stringify(args), async () => {
      const both = await runBoth(['-c', daemon.conf, ...args], { reset: reset?.map((r) => ['-c', daemon.conf, ...r]) });
      await assertSame(both, args.join(' '), { unordered });
    });
  }
});
