// Conformance: the interactive shell fed through a pipe (tail -f is in follow.test.ts).
import { describe, it } from 'node:test';
import { HAVE_REAL, runBoth, STANDARD_PROGRAMS } from './harness.js';
import { assertSame } from './assert-same.js';
import { useRealDaemon } from './suites.js';

describe('the shell matches the real supervisorctl', { skip: !HAVE_REAL && 'no /usr/bin/supervisord' }, () => {
  const current = useRealDaemon(STANDARD_PROGRAMS);

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
      await assertSame(await runBoth(['-c', current().conf], { input }), `shell ${JSON.stringify(input)}`);
    });
  }

  it('-i with an action runs it once and asks before shutdown', async () => {
    await assertSame(await runBoth(['-c', current().conf, '-i', 'shutdown'], { input: 'n\n' }), '-i shutdown');
    await assertSame(await runBoth(['-c', current().conf, '-i', 'status', 'sleeper']), '-i status');
  });
});
