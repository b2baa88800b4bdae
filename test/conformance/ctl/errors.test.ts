// Conformance without a live supervisord: usage errors, refused connections, missing sockets, servers
// that speak the wrong API. Exit codes and stdout must match the real supervisorctl (stderr too, for
// usage errors, with the program name blanked).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HAVE_REAL, runBoth, normalise, unusedPort, prepareComparisons } from './harness.js';
import { assertSame } from './assert-same.js';

const skip = !HAVE_REAL && 'no /usr/bin/supervisorctl';

const SERVER_COMMANDS = [
  ['status'], ['status', 'x'], ['start', 'x'], ['stop', 'x'], ['restart', 'x'], ['signal', 'HUP', 'x'], ['pid'],
  ['tail', 'x'], ['maintail'], ['clear', 'x'], ['version'], ['fg', 'x'], ['avail'], ['reread'], ['update'],
  ['add', 'x'], ['remove', 'x'], ['shutdown'], ['reload'], ['open', 'http://127.0.0.1:1'],
];

describe('usage errors match the real supervisorctl', { skip, concurrency: 4 }, () => {
  let dir: string;
  before(() => {
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

describe('unreachable servers are reported like the real supervisorctl', { skip, concurrency: 4 }, () => {
  let refusedUrl: string;
  before(async () => {
    await prepareComparisons();
    refusedUrl = `http://127.0.0.1:${await unusedPort()}`;
  });
  for (const args of SERVER_COMMANDS) {
    it(`refused: ${args.join(' ')}`, async () => {
      await assertSame(await runBoth(['-s', refusedUrl, ...args]), `refused ${args.join(' ')}`);
    });
    it(`missing socket: ${args.join(' ')}`, async () => {
      await assertSame(await runBoth(['-s', 'unix:///nonexistent/dir/x.sock', ...args]), `missing ${args.join(' ')}`);
    });
  }
});

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
  before(() => {
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
