// Conformance: reread / avail / update errors after the config file changed (nothing applied).
import { describe, it } from 'node:test';
import { HAVE_REAL, runBoth, STANDARD_PROGRAMS } from './harness.js';
import { assertSame } from './assert-same.js';
import { CHANGED_PROGRAMS, useRealDaemon } from './suites.js';


describe('reread, avail and config errors match the real supervisorctl', { skip: !HAVE_REAL && 'no /usr/bin/supervisord' }, () => {
  const current = useRealDaemon(STANDARD_PROGRAMS, (d) => d.rewrite(CHANGED_PROGRAMS));
  const ctl = (...args: string[]) => ['-c', current().conf, ...args];

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
    current().rewrite([...CHANGED_PROGRAMS, { name: 'program:broken', lines: ['numprocs=2'] }]);
    await assertSame(await runBoth(ctl('reread')), 'reread broken');
    await assertSame(await runBoth(ctl('update')), 'update broken');
    current().rewrite(CHANGED_PROGRAMS);
  });
});
