// Conformance: a TCP server that requires a user name and password.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HAVE_REAL, startRealDaemon, runBoth, unusedPort, type RealDaemon, prepareComparisons } from './harness.js';
import { assertSame } from './assert-same.js';

describe('authentication over TCP matches the real supervisorctl', { skip: !HAVE_REAL && 'no /usr/bin/supervisord' }, () => {
  let daemon: RealDaemon;
  let url: string;
  let withCreds: string;
  before(async () => {
    await prepareComparisons();
    const port = await unusedPort();
    url = `http://127.0.0.1:${port}`;
    daemon = await startRealDaemon(
      [{ name: 'program:sleeper', lines: ['command=sleep 1000', 'startsecs=0'] }],
      `[inet_http_server]\nport=127.0.0.1:${port}\nusername=user\npassword=s3cret\n`,
    );
    withCreds = join(daemon.dir, 'ctl-creds.conf');
    writeFileSync(withCreds, `[supervisorctl]\nserverurl=${url}\nusername=user\npassword=s3cret\nprompt=mine\n`);
  });
  after(async () => {
    await daemon?.stop();
  });

  const cases: Array<() => string[]> = [
    () => ['-s', url, 'status'],
    () => ['-s', url, 'avail'],
    () => ['-s', url, 'pid'],
    () => ['-s', url, '-u', 'user', 'status'],
    () => ['-s', url, '-u', 'user', '-p', 'wrong', 'status'],
    () => ['-s', url, '-u', 'user', '-p', 's3cret', 'status'],
    () => ['-s', url, '-u', 'user', '-p', 's3cret', 'tail', 'sleeper'],
    () => ['-c', withCreds, 'status'],
    () => ['-c', withCreds, 'version'],
    () => ['-c', withCreds, '-p', 'wrong', 'status'],
    () => ['-c', withCreds, '-u', 'other', 'pid'],
  ];
  cases.forEach((make, i) => {
    it(`case ${i + 1}: ${make.toString().replace(/^\(\) => /, '')}`, async () => {
      await assertSame(await runBoth(make()), make().join(' '));
    });
  });

  it('the shell asks for credentials after a 401 and retries', async () => {
    const both = await runBoth(['-s', url], { input: 'user\ns3cret\nversion\n' });
    await assertSame(both, 'interactive auth');
    assert.match(both.ours.stdout, /Username:/);
    assert.match(both.ours.stdout, /4\.2\.5/);
  });

  it('the shell uses the prompt from the config file', async () => {
    const both = await runBoth(['-c', withCreds], { input: 'pid sleeper\n' });
    await assertSame(both, 'prompt');
    assert.match(both.ours.stdout, /mine> /);
  });
});
