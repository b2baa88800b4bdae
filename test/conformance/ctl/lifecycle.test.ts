// Conformance: reload and shutdown, which end or restart the daemon, so each client gets its own.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { HAVE_REAL, startRealDaemon, runReal, runOurs, waitFor, type RealDaemon, type Program } from './harness.js';
import { assertSame } from './assert-same.js';

const PROGRAMS: Program[] = [{ name: 'program:sleeper', lines: ['command=sleep 1000', 'startsecs=0'] }];

describe('reload and shutdown match the real supervisorctl', { skip: !HAVE_REAL && 'no /usr/bin/supervisord' }, () => {
  const daemons: RealDaemon[] = [];
  after(async () => {
    for (const d of daemons) await d.stop();
  });

  it('reload restarts the daemon; shutdown stops it; a second shutdown finds no socket', async () => {
    const forReal = await startRealDaemon(PROGRAMS);
    const forOurs = await startRealDaemon(PROGRAMS);
    daemons.push(forReal, forOurs);
    const settled = (d: RealDaemon) =>
      waitFor(
        'the daemon back after reload',
        async () => {
          // a request that lands while supervisord re-creates its socket may never be answered: retry
          const r = await runReal(['-c', d.conf, 'status'], { timeoutMs: 5000 }).catch(() => null);
          return r && r.code === 0 && /RUNNING/.test(r.stdout) ? true : null;
        },
        60000,
      );

    for (const args of [['reload'], ['shutdown'], ['shutdown']]) {
      const real = await runReal(['-c', forReal.conf, ...args]);
      const ours = await runOurs(['-c', forOurs.conf, ...args]);
      const label = args.join(' ');
      const ourText = ours.stdout.replace(forOurs.socket, 'SOCKET');
      const realText = real.stdout.replace(forReal.socket, 'SOCKET');
      await assertSame({ real: { ...real, stdout: realText }, ours: { ...ours, stdout: ourText } }, label);
      if (args[0] === 'reload') {
        assert.equal(ours.stdout, 'Restarted supervisord\n');
        await settled(forReal);
        await settled(forOurs);
      }
      if (args[0] === 'shutdown') {
        for (const d of [forReal, forOurs]) {
          await waitFor('the socket to go away', async () => {
            const r = await runReal(['-c', d.conf, 'pid'], { timeoutMs: 5000 }).catch(() => null);
            return r?.code === 7 ? true : null;
          });
        }
      }
    }
  });
});
