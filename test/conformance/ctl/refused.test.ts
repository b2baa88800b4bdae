// Conformance without a daemon: every server command against a TCP port nobody listens on.
import { describe, it, before } from 'node:test';
import { HAVE_REAL, runBoth, prepareComparisons, unusedPort } from './harness.js';
import { assertSame } from './assert-same.js';
import { SERVER_COMMANDS } from './server-commands.js';

describe('a refused connection is reported like the real supervisorctl', { skip: !HAVE_REAL && 'no /usr/bin/supervisorctl', concurrency: 4 }, () => {
  let url: string;
  before(async () => {
    await prepareComparisons();
    url = `http://127.0.0.1:${await unusedPort()}`;
  });
  for (const args of SERVER_COMMANDS) {
    it(args.join(' '), async () => {
      await assertSame(await runBoth(['-s', url, ...args]), args.join(' '));
    });
  }
});
