// Integration: `supervisorctl wait` end to end, against the real supervisord and ours.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HAVE_REAL, startDaemon, runOurs, type RealDaemon, type Program } from '../../conformance/ctl/harness.js';

const PROGRAMS: Program[] = [
  { name: 'program:slow', lines: ['command=sleep 1000', 'startsecs=2'] },
  { name: 'program:failer', lines: ['command=sh -c "sleep 0.2; exit 1"', 'startsecs=2', 'startretries=1'] },
  { name: 'program:manual', lines: ['command=sleep 1000', 'autostart=false'] },
  { name: 'program:pool', lines: ['command=sleep 1000', 'numprocs=2', 'process_name=%(program_name)s_%(process_num)d', 'startsecs=1'] },
];

const daemons: RealDaemon[] = [];
after(async () => {
  for (const d of daemons) await d.stop();
});

for (const which of ['real', 'ours'] as const) {
  const skip = which === 'real' && !HAVE_REAL ? 'no /usr/bin/supervisord' : false;
  describe(`wait against ${which} supervisord`, { skip }, () => {
    it('returns 0 once slow and the pool are RUNNING, 1 on FATAL, 1 on timeout', async () => {
      const daemon = await startDaemon(which, PROGRAMS, '', false);
      daemons.push(daemon);
      const started = Date.now();
      const ok = await runOurs(['-c', daemon.conf, 'wait', '--timeout', '20', 'slow', 'pool:*']);
      assert.equal(ok.stdout, '');
      assert.equal(ok.code, 0);
      const status = await runOurs(['-c', daemon.conf, 'status', 'slow', 'pool:*']);
      assert.equal(status.code, 0, status.stdout);
      assert.ok(Date.now() - started < 20000);

      const fatal = await runOurs(['-c', daemon.conf, 'wait', '--timeout', '20', 'failer']);
      assert.equal(fatal.stdout, 'failer: ERROR (FATAL)\n');
      assert.equal(fatal.code, 1);

      const timeout = await runOurs(['-c', daemon.conf, 'wait', '--timeout=0.5', 'manual', 'slow']);
      assert.equal(timeout.code, 1);
      assert.match(timeout.stdout, /^Error: timed out after 0\.5 seconds; not RUNNING:\nmanual +STOPPED/);
      assert.doesNotMatch(timeout.stdout, /^slow/m);
    });
  });
}

describe('wait before supervisord is up', () => {
  it('reports the missing socket once the timeout passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctl-wait-'));
    try {
      const socket = join(dir, 'never.sock');
      assert.ok(!existsSync(socket));
      const r = await runOurs(['-s', `unix://${socket}`, 'wait', '--timeout', '0.5', 'all']);
      assert.equal(r.stdout, `unix://${socket} no such file\n`);
      assert.equal(r.code, 7);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
