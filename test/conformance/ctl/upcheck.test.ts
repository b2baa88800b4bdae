// Conformance: servers that answer getVersion wrongly (other API version, no supervisor namespace,
// another fault): the upcheck's messages and exit codes.
import { describe, it, before, after } from 'node:test';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HAVE_REAL, runBoth, prepareComparisons } from './harness.js';
import { assertSame } from './assert-same.js';

const skip = !HAVE_REAL && 'no /usr/bin/supervisorctl';

/** A fake supervisord on a unix socket answering getVersion with `answer` (an XML-RPC response body). */
function fakeServer(socket: string, answer: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(answer) });
      res.end(answer);
    });
  });
  server.keepAliveTimeout = 0;
  return new Promise((resolve) => server.listen(socket, () => resolve(server)));
}

const valueResponse = (v: string) =>
  `<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><string>${v}</string></value>\n</param>\n</params>\n</methodResponse>\n`;
const faultResponse = (code: number, text: string) =>
  `<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n<value><int>${code}</int></value>\n</member>\n<member>\n<name>faultString</name>\n<value><string>${text}</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n`;

describe('the upcheck matches the real supervisorctl', { skip }, () => {
  let dir: string;
  const servers: http.Server[] = [];
  before(async () => {
    await prepareComparisons();
    dir = mkdtempSync(join(tmpdir(), 'ctl-upcheck-'));
  });
  after(async () => {
    for (const s of servers) await new Promise((r) => s.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const answers: Array<[string, string]> = [
    ['wrong API version', valueResponse('2.0')],
    ['no supervisor namespace', faultResponse(1, 'UNKNOWN_METHOD')],
    ['other fault', faultResponse(30, 'FAILED: something odd')],
  ];
  answers.forEach(([label, answer], i) => {
    for (const args of [['status'], ['version'], ['stop', 'x'], ['tail', 'x']]) {
      it(`${label}: ${args.join(' ')}`, async () => {
        const socket = join(dir, `fake${i}.sock`);
        if (!servers[i]) servers[i] = await fakeServer(socket, answer);
        await assertSame(await runBoth(['-s', `unix://${socket}`, ...args]), `${label} ${args.join(' ')}`);
      });
    }
  });
});
