import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderStatusPage } from '../../../src/web/status-page.js';
import { renderTailPage } from '../../../src/web/tail-page.js';
import { handleWebRequest } from '../../../src/web/routes.js';

test('status page: failures are marked as errors, successes are not', () => {
  for (const failure of ['ERROR: Process a: spawn error', 'No such process named x', 'unexpected rpc fault [99] W']) {
    assert.match(renderStatusPage([], failure), /<div class="status_msg error" id="statusmessage">/, failure);
  }
  assert.match(renderStatusPage([], 'Process a stopped'), /<div class="status_msg" id="statusmessage">/);
});

test('tail page: Supervisor title, escaped heading, refresh link, way back', () => {
  const html = renderTailPage('g:<x>', 'line', 2048);
  assert.match(html, /<title>Supervisor tail of process g:&lt;x&gt;<\/title>/);
  assert.match(html, /<h1>Tail of g:&lt;x&gt;<\/h1>/);
  assert.match(html, /href="tail\.html\?processname=g%3A%3Cx%3E&amp;limit=2048"/);
  assert.match(html, /href="index\.html"/);
  const nameless = renderTailPage(null, 'No process name found', 1024);
  assert.doesNotMatch(nameless, /tail\.html\?/);
});

test('tail page: a limit that is not all digits reads 1024 bytes, like Supervisor', async (t) => {
  const offsets: unknown[] = [];
  const rpc = async (_method: string, params: unknown[]) => {
    offsets.push(params[1]);
    return 'x';
  };
  const server = createServer((req, res) => void handleWebRequest(req, res, rpc));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  const port = (server.address() as AddressInfo).port;
  for (const limit of ['5000abc', '-5000', '5000', '10']) {
    await (await fetch(`http://127.0.0.1:${port}/tail.html?processname=a&limit=${limit}`)).text();
  }
  assert.deepEqual(offsets, [-1024, -1024, -5000, -1024]);
});
