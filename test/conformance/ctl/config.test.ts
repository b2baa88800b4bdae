// Conformance: add / remove / update after the config file changed.
import { describe, it } from 'node:test';
import { HAVE_REAL, runBoth, runReal, runOurs, STANDARD_PROGRAMS } from './harness.js';
import { assertSame } from './assert-same.js';
import { CHANGED_PROGRAMS, useRealDaemon } from './suites.js';


describe('add, remove and update match the real supervisorctl', { skip: !HAVE_REAL && 'no /usr/bin/supervisord' }, () => {
  const current = useRealDaemon(STANDARD_PROGRAMS, (d) => d.rewrite(CHANGED_PROGRAMS));
  const ctl = (...args: string[]) => ['-c', current().conf, ...args];

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
      current().rewrite(STANDARD_PROGRAMS);
      await runReal(ctl('update'));
      current().rewrite(CHANGED_PROGRAMS);
    };
    await restore();
    const real = await runReal(ctl('update', 'all'));
    await restore();
    const ours = await runOurs(ctl('update', 'all'));
    await assertSame({ real, ours }, 'update all');
    await assertSame(await runBoth(ctl('update')), 'update with nothing to do');
    await assertSame(await runBoth(ctl('reread')), 'reread with nothing to do');
  });
});
