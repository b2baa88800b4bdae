// Conformance without a daemon: every server command against a unix socket that does not exist.
import { describe, it, before } from 'node:test';
import { HAVE_REAL, runBoth, prepareComparisons } from './harness.js';
import { assertSame } from './assert-same.js';
import { SERVER_COMMANDS } from './server-commands.js';

describe('a missing socket is reported like the real supervisorctl', { skip: !HAVE_REAL && 'no /usr/bin/supervisorctl', concurrency: 4 }, () => {
  let url: string;
  before(async () => {
    await prepareComparisons();
    url = 'unix:///nonexistent/dir/x.sock';
  });
  for (const args of SERVER_COMMANDS) {
    it(args.join(' '), async () => {
      await assertSame(await runBoth(['-s', url, ...args]), args.join(' '));
    });
  }
});
