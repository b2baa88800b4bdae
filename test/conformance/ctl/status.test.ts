// Conformance: read-only commands against a real supervisord, real supervisorctl vs ours.
import { describe, it, before, after } from 'node:test';
import { HAVE_REAL, startRealDaemon, runBoth, STANDARD_PROGRAMS, type RealDaemon, prepareComparisons } from './harness.js';
import { assertSame } from './assert-same.js';

describe('supervisorctl read-only commands match the real one', { skip: !HAVE_REAL && 'no /usr/bin/supervisord', concurrency: 4 }, () => {
  let daemon: RealDaemon;
  before(async () => {
    await prepareComparisons();
    // one name longer than the default 30-character column widens it
    daemon = await startRealDaemon([
      ...STANDARD_PROGRAMS,
      { name: 'program:a_rather_long_program_name_for_the_columns', lines: ['command=sleep 1000', 'autostart=false'] },
    ]);
  });
  after(async () => {
    await daemon?.stop();
  });

  const cases: string[][] = [
    ['status'],
    ['status', 'all'],
    ['status', 'sleeper'],
    ['status', 'grp:*'],
    ['status', 'grp:'],
    ['status', 'grp:grp_1'],
    ['status', 'nosuch'],
    ['status', 'nosuch:'],
    ['status', 'nosuch:x'],
    ['status', 'grp:nosuch'],
    ['status', 'nosuch', 'sleeper'],
    ['status', 'nosuch', 'manual'],
    ['status', 'manual'],
    ['status', 'failer'],
    ['status', 'sleeper', 'grp:*'],
    ['pid'],
    ['pid', 'all'],
    ['pid', 'sleeper'],
    ['pid', 'manual'],
    ['pid', 'nosuch'],
    ['pid', 'manual', 'nosuch'],
    ['pid', 'nosuch', 'manual'],
    ['pid', 'grp:'],
    ['avail'],
    ['avail', 'x'],
    ['version'],
    ['version', 'x'],
    ['reread'],
    ['reread', 'x'],
    ['update'],
    ['help', 'help'],
    ['help', 'tail'],
    ['help', 'EOF'],
    ['help', 'nosuch'],
    ['nosuchcommand'],
    ['nosuchcommand', 'with', 'args'],
    ['  status  '],
    ['?', 'nosuch'],
    ['!ls'],
    [''],
    ['EOF'],
    ['quit'],
    ['exit'],
    ['tail', 'talker'],
    ['tail', 'talker', 'stderr'],
    ['tail', '-5', 'talker'],
    ['tail', '-0', 'talker'],
    ['tail', '-4', 'talker', 'STDERR'],
    ['tail', 'talker', 'bogus'],
    ['tail', '-x', 'talker'],
    ['tail', '-f'],
    ['tail'],
    ['tail', 'a', 'b', 'c', 'd'],
    ['tail', 'nosuch'],
    ['tail', 'grp:'],
    ['maintail', 'x'],
    ['maintail', '-x'],
    ['maintail', 'a', 'b'],
    ['fg'],
    ['fg', 'a', 'b'],
    ['fg', 'nosuch'],
    ['fg', 'manual'],
    ['signal'],
    ['signal', 'HUP'],
    ['start'],
    ['stop'],
    ['restart'],
    ['clear'],
    ['add'],
    ['remove'],
    ['add', 'nosuch'],
    ['remove', 'nosuch'],
    ['add', 'sleeper'],
    ['remove', 'sleeper'],
    ['shutdown', 'now'],
    ['reload', 'now'],
    ['open', 'ftp://x'],
  ];
  for (const args of cases) {
    it(`${JSON.stringify(args)}`, async (t) => {
      const both = await runBoth(['-c', daemon.conf, ...args]);
      await assertSame(both, args.join(' '));
      t.diagnostic(`exit ${both.ours.code}`);
    });
  }
});
