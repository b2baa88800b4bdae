// Conformance: the interactive shell fed through a pipe (tail -f is in follow.test.ts).
import { describe, it, before, after } from 'node:test';
import { HAVE_REAL, startRealDaemon, runBoth, type RealDaemon, prepareComparisons } from './harness.js';
import { assertSame } from './assert-same.js';

describe('the shell matches the real supervisorctl', { skip: !HAVE_REAL && 'no /usr/bin/supervisord' }, () => {
  let daemon: RealDaemon;
  before(async () => {
    await prepareComparisons();
    daemon = await startRealDaemon();
  });
  after(async () => {
    await daemon?.stop();
  });

  const scripts = [
    'status sleeper\npid manual\nhelp help\nbogus command\n\nversion\n',
    'quit\nstatus\n',
    'exit\n',
    'stop manual\nstart nosuch\n?\n',
    'shutdown\nno\nreload\n\nstatus grp:*\n',
    'avail\nreread\nmaintail -x\ntail talker stderr\n',
  ];
  for (const input of scripts) {
    it(`shell: ${JSON.stringify(input)}`, async () => {
      await assertSame(await runBoth(['-c', daemon.conf], { input }), `shell ${JSON.stringify(input)}`);
    });
  }

  it('-i with an action runs it once and asks before shutdown', async () => {
    await assertSame(await runBoth(['-c', daemon.conf, '-i', 'shutdown'], { input: 'n\n' }), '-i shutdown');
    await assertSame(await runBoth(['-c', daemon.conf, '-i', 'status', 'sleeper']), '-i status');
  });
});
