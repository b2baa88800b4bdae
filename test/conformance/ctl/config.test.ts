// Conformance: reread / update / add / remove / avail after the config file changed.
import { describe, it, before, after } from 'node:test';
import { HAVE_REAL, startRealDaemon, runBoth, runReal, runOurs, STANDARD_PROGRAMS, type RealDaemon, type Program, prepareComparisons } from './harness.js';
import { assertSame } from './assert-same.js';

const CHANGED_PROGRAMS: Program[] = [
  ...STANDARD_PROGRAMS.filter((p) => p.name !== 'program:talker' && p.name !== 'program:manual'),
  { name: 'program:manual', lines: ['command=sleep 999', 'autostart=false'] },
  { name: 'program:newprog', lines: ['command=sleep 1000', 'autostart=false', 'priority=5'] },
  { name: 'program:zeta', lines: ['command=sleep 1000', 'autostart=false'] },
];

describe('supervisorctl config commands match the real one', { skip: !HAVE_REAL && 'no /usr/bin/supervisord' }, () => {
  let daemon: RealDaemon;
  const ctl = (...args: string[]) => ['-c', daemon.conf, ...args];
  before(async () => {
    await prepareComparisons();
    daemon = await startRealDaemon();
    daemon.rewrite(CHANGED_PROGRAMS);
  });
  after(async () => {
    await daemon?.stop();
  });

  it('reread lists available / changed / disappeared groups', async () => {
    await assertSame(await runBoth(ctl('reread')), 'reread');
  });
  it('avail shows the pending config', async () => {
    await assertSame(await runBoth(ctl('avail')), 'avail');
  });
  it('update with an unknown group name', async () => {
    await assertSame(await runBoth(ctl('update', 'nosuch')), 'update nosuch');
  });
  it('add a new group, then add it again', async () => {
    await assertSame(await runBoth(ctl('add', 'newprog'), { reset: [ctl('remove', 'newprog')] }), 'add newprog');
    await runReal(ctl('add', 'newprog'));
    await assertSame(await runBoth(ctl('add', 'newprog')), 'add newprog again');
    await assertSame(await runBoth(ctl('add', 'newprog', 'nosuch', 'zeta'), { reset: [ctl('remove', 'zeta')] }), 'add several');
  });
  it('remove a stopped group, a running one, an unknown one', async () => {
    await assertSame(await runBoth(ctl('remove', 'newprog'), { reset: [ctl('add', 'newprog')] }), 'remove newprog');
    await assertSame(await runBoth(ctl('remove', 'sleeper')), 'remove running');
    await assertSame(await runBoth(ctl('remove', 'nosuch', 'newprog'), { reset: [ctl('add', 'newprog')] }), 'remove several');
  });
  it('update one group, then everything', async () => {
    await assertSame(await runBoth(ctl('update', 'zeta'), { reset: [ctl('remove', 'zeta')] }), 'update zeta');
    await assertSame(await runBoth(ctl('update', 'zeta', 'nosuch'), { reset: [ctl('remove', 'zeta')] }), 'update several');
  });
  it('update all applies removals, changes and additions', async () => {
    // the daemon as started: old config applied, then the new config written but not applied
    const restore = async () => {
      daemon.rewrite(STANDARD_PROGRAMS);
      await runReal(ctl('update'));
      daemon.rewrite(CHANGED_PROGRAMS);
    };
    await restore();
    const real = await runReal(ctl('update', 'all'));
    await restore();
    const ours = await runOurs(ctl('update', 'all'));
    await assertSame({ real, ours }, 'update all');
    await assertSame(await runBoth(ctl('update')), 'update with nothing to do');
    await assertSame(await runBoth(ctl('reread')), 'reread with nothing to do');
  });
  it('reread of a broken config reports CANT_REREAD', async () => {
    daemon.rewrite([...CHANGED_PROGRAMS, { name: 'program:broken', lines: ['numprocs=2'] }]);
    await assertSame(await runBoth(ctl('reread')), 'reread broken');
    await assertSame(await runBoth(ctl('update')), 'update broken');
    daemon.rewrite(CHANGED_PROGRAMS);
  });
});
