// Conformance: reread / avail / update errors after the config file changed (nothing applied).
import { describe, it, before, after } from 'node:test';
import { HAVE_REAL, startRealDaemon, runBoth, type RealDaemon, prepareComparisons } from './harness.js';
import { assertSame } from './assert-same.js';
import { CHANGED_PROGRAMS } from './suites.js';


describe('reread, avail and config errors match the real supervisorctl', { skip: !HAVE_REAL && 'no /usr/bin/supervisord' }, () => {
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

  it('reread of a broken config reports CANT_REREAD', async () => {
    daemon.rewrite([...CHANGED_PROGRAMS, { name: 'program:broken', lines: ['numprocs=2'] }]);
    await assertSame(await runBoth(ctl('reread')), 'reread broken');
    await assertSame(await runBoth(ctl('update')), 'update broken');
    daemon.rewrite(CHANGED_PROGRAMS);
  });
});
