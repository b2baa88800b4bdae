// Conformance without a daemon: usage errors. Exit code, stdout and stderr (program name blanked) must
// match the real supervisorctl.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HAVE_REAL, runBoth, normalise, prepareComparisons } from './harness.js';
import { assertSame } from './assert-same.js';

const skip = !HAVE_REAL && 'no /usr/bin/supervisorctl';

describe('usage errors match the real supervisorctl', { skip, concurrency: 4 }, () => {
  let dir: string;
  before(async () => {
    await prepareComparisons();
    dir = mkdtempSync(join(tmpdir(), 'ctl-usage-'));
    writeFileSync(join(dir, 'nosection.conf'), '[supervisord]\n');
    writeFileSync(join(dir, 'here.conf'), '[supervisorctl]\nserverurl=unix://%(here)s/nothere.sock\n');
    writeFileSync(join(dir, 'relative.conf'), '[supervisorctl]\nserverurl=unix://rel/x.sock\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cases: Array<(d: string) => string[]> = [
    () => ['-x'],
    () => ['--foo'],
    () => ['-s'],
    () => ['-s', 'foo', 'status'],
    () => ['-s', 'http://127.0.0.1:1', '-s', 'http://127.0.0.1:2', 'status'],
    () => ['-c'],
    () => ['-c', '/nonexistent/supervisord.conf', 'status'],
    () => ['--h'],
    () => ['--interactive=1'],
    () => ['-i', '-i', 'help'],
    () => ['-ix'],
    (d) => ['-c', join(d, 'nosection.conf'), 'status'],
    (d) => ['-c', join(d, 'here.conf'), 'status'],
    (d) => ['-c', join(d, 'relative.conf'), 'pid'],
    () => ['-s', 'localhost:9001', 'status'],
    () => ['-s', 'localhost:9001', 'help'],
    () => ['--serv=unix:///nonexistent.sock', 'status'],
    () => ['--', '-x'],
    () => ['-s', 'unix:///nonexistent.sock', 'status', '-x'],
  ];
  for (const make of cases) {
    it(JSON.stringify(make('<dir>')), async () => {
      const both = await runBoth(make(dir), { cwd: dir });
      await assertSame(both, make(dir).join(' '));
      // we add where a config problem is; Supervisor's text is otherwise the same
      const ourStderr = normalise(both.ours.stderr).replace(/ \(file: '[^']*'\)/, '');
      assert.equal(ourStderr, normalise(both.real.stderr), 'stderr differs');
    });
  }

  it('-h prints usage on stdout and exits 0 like the real one', async () => {
    const both = await runBoth(['-h']);
    assert.equal(both.real.code, 0);
    assert.equal(both.ours.code, 0);
    for (const option of ['-c/--configuration', '-s/--serverurl', '-u/--username', '-p/--password', '-i/--interactive']) {
      assert.match(both.ours.stdout, new RegExp(option));
    }
  });
});

