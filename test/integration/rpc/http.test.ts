import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, linkSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { startControlServers, type ControlServers } from '../../../src/rpc/server.js';
import { ADDRESS_IN_USE_MESSAGE } from '../../../src/rpc/listen.js';
import { serializeMethodCall, parseMethodResponse } from '../../../src/rpc/xmlrpc-codec.js';
import { MemoryLogger, standardFacade, type FakeFacade } from '../../unit/rpc/fake-facade.js';
import { post, rawRequest, tempDir, unixServer, until } from './helpers.js';

const PY = '/usr/bin/python3';

async function withServers(
  run: (ctx: { sock: string; dir: string; facade: FakeFacade; log: MemoryLogger; servers: ControlServers }) => Promise<void>,
  auth: { username: string; password: string } | null = null,
): Promise<void> {
  const { dir, cleanup } = tempDir('rpc-http-');
  const sock = join(dir, 'supervisor.sock');
  const facade = standardFacade();
  const log = new MemoryLogger();
  const servers = await startControlServers({
    servers: [unixServer(sock, auth)],
    facade,
    log,
    mainLogPath: () => facade.mainLogPath,
    web: null,
  });
  try {
    await run({ sock, dir, facade, log, servers });
  } finally {
    await servers.close();
    cleanup();
  }
}

test('XML-RPC over the unix socket, with Supervisor log lines', async () => {
  await withServers(async ({ sock, log }) => {
    const res = await rawRequest(sock, post(serializeMethodCall('supervisor.getAPIVersion', [])));
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'text/xml');
    assert.equal(res.headers.server, 'Medusa/1.12');
    assert.deepEqual(parseMethodResponse(res.body), { kind: 'value', value: '3.0' });
    const fault = await rawRequest(sock, post(serializeMethodCall('supervisor.nope', [])));
    assert.equal(fault.status, 200);
    assert.deepEqual(parseMethodResponse(fault.body), { kind: 'fault', faultCode: 1, faultString: 'UNKNOWN_METHOD' });
    assert.ok(log.lines.includes("INFO RPC interface 'supervisor' initialized"));
    assert.ok(log.lines.includes("CRIT Server 'unix_http_server' running without any HTTP authentication checking"));
    assert.equal(statSync(sock).mode & 0o777, 0o700);
  });
});

test('HTTP errors: 400 for GET /RPC2 and bad XML, 411 without Content-Length, 413 when too big', async () => {
  await withServers(async ({ sock, log }) => {
    assert.equal((await rawRequest(sock, 'GET /RPC2 HTTP/1.1\r\nHost: x\r\n\r\n')).status, 400);
    const bad = await rawRequest(sock, post('<methodCall><methodName>x'));
    assert.equal(bad.status, 400);
    assert.match(bad.body, /Error code 400\./);
    assert.match(log.lines.join('\n'), /ERRO XML-RPC request data .* is invalid: unmarshallable/);
    assert.equal((await rawRequest(sock, post('<methodCall><params/></methodCall>'))).status, 400);
    const doctype = '<!DOCTYPE x [<!ENTITY a "aaaa">]><methodCall><methodName>&a;</methodName></methodCall>';
    assert.equal((await rawRequest(sock, post(doctype))).status, 400);
    const chunked = 'POST /RPC2 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n';
    assert.equal((await rawRequest(sock, chunked)).status, 411);
    const huge = 'POST /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Length: 20000000\r\n\r\n';
    assert.equal((await rawRequest(sock, huge)).status, 413);
    const notUtf8 = Buffer.concat([Buffer.from('<methodCall><methodName>a'), Buffer.from([0xff]), Buffer.from('</methodName></methodCall>')]);
    const head = `POST /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Length: ${notUtf8.length}\r\n\r\n`;
    assert.equal((await rawRequest(sock, Buffer.concat([Buffer.from(head), notUtf8]))).status, 400);
    assert.equal((await rawRequest(sock, 'GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n')).status, 404);
    assert.equal((await rawRequest(sock, 'DELETE /nothing HTTP/1.1\r\nHost: x\r\n\r\n')).status, 400);
    const noHost = await rawRequest(sock, 'GET /ok.html HTTP/1.1\r\n\r\n');
    assert.equal(noHost.status, 200, 'no Host header is fine, as with Medusa');
    const ok = await rawRequest(sock, 'GET /ok.html?x=1 HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.equal(ok.status, 200);
    assert.equal(ok.body, 'OK');
  });
});

function basic(user: string, pass: string): string {
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}

for (const [label, stored] of [
  ['plain', 'secret'],
  ['{SHA}', `{SHA}${createHash('sha1').update('secret').digest('hex')}`],
] as const) {
  test(`basic auth with a ${label} password guards every path`, async () => {
    await withServers(
      async ({ sock, log }) => {
        const call = serializeMethodCall('supervisor.getPID', []);
        const denied = await rawRequest(sock, post(call));
        assert.equal(denied.status, 401);
        assert.equal(denied.headers['www-authenticate'], 'Basic realm="default"');
        assert.equal((await rawRequest(sock, post(call, { Authorization: basic('user', 'wrong') }))).status, 401);
        assert.equal((await rawRequest(sock, post(call, { Authorization: 'Digest abc' }))).status, 401);
        const allowed = await rawRequest(sock, post(call, { Authorization: basic('user', 'secret') }));
        assert.equal(allowed.status, 200);
        assert.deepEqual(parseMethodResponse(allowed.body), { kind: 'value', value: 4242 });
        assert.equal((await rawRequest(sock, 'GET /ok.html HTTP/1.1\r\nHost: x\r\n\r\n')).status, 401);
        assert.equal((await rawRequest(sock, 'GET /logtail/cat HTTP/1.1\r\nHost: x\r\n\r\n')).status, 401);
        assert.ok(!log.lines.some((l) => l.includes('without any HTTP authentication')));
      },
      { username: 'user', password: stored },
    );
  });
}

test('logtail streams the last 1024 bytes then appended data; 404 for unknown names', async () => {
  await withServers(async ({ sock, dir, facade }) => {
    const cat = facade.process('cat');
    cat.stdoutLogPath = join(dir, 'cat.log');
    writeFileSync(cat.stdoutLogPath, `${'x'.repeat(2000)}END\n`);
    assert.equal((await rawRequest(sock, 'GET /logtail/nope HTTP/1.1\r\nHost: x\r\n\r\n')).status, 404);
    assert.equal((await rawRequest(sock, 'GET /logtail/cat/stderr HTTP/1.1\r\nHost: x\r\n\r\n')).status, 404);
    assert.equal((await rawRequest(sock, 'GET /mainlogtail HTTP/1.1\r\nHost: x\r\n\r\n')).status, 404);

    let received = '';
    let headers: http.IncomingHttpHeaders = {};
    const req = http.get({ socketPath: sock, path: '/logtail/cat', headers: { Host: '' } }, (res) => {
      headers = res.headers;
      res.setEncoding('utf8');
      res.on('data', (d: string) => (received += d));
    });
    req.on('error', () => {});
    try {
      await until(() => received.includes('END\n'), 'the initial tail');
      assert.equal(received.length, 1024);
      assert.equal(headers['transfer-encoding'], 'chunked');
      assert.equal(headers['x-accel-buffering'], 'no');
      assert.equal(headers['content-type'], 'text/plain;charset=utf-8');
      appendFileSync(cat.stdoutLogPath, 'more output\n');
      await until(() => received.endsWith('more output\n'), 'appended output');
    } finally {
      req.destroy();
    }
  });
});

test('a Python xmlrpc client reuses its connection after idling longer than Node keep-alive defaults', async (t) => {
  if (!existsSync(PY)) return t.skip('no /usr/bin/python3');
  await withServers(async ({ sock }) => {
    const script = `
import socket, sys, time, http.client, xmlrpc.client as x
class Conn(http.client.HTTPConnection):
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(sys.argv[1])
class Transport(x.Transport):
    def make_connection(self, host):
        if self._connection and host == self._connection[0]:
            return self._connection[1]
        self._connection = host, Conn('localhost')
        return self._connection[1]
p = x.ServerProxy('http://localhost', transport=Transport())
print(p.supervisor.getAPIVersion())
conn = p._ServerProxy__transport._connection[1]
first = conn.sock
time.sleep(6.5)
print(p.supervisor.getState()['statename'])
print('same' if conn.sock is first else 'reconnected')
`;
    const out = await new Promise<string>((resolve, reject) =>
      execFile(PY, ['-c', script, sock], { timeout: 20_000 }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    assert.deepEqual(out.trim().split('\n'), ['3.0', 'RUNNING', 'same']);
  });
});

test('a live socket is never stolen; a stale one is replaced; close() removes ours', async () => {
  const { dir, cleanup } = tempDir('rpc-bind-');
  const sock = join(dir, 's.sock');
  const facade = standardFacade();
  const opts = { servers: [unixServer(sock)], facade, log: new MemoryLogger(), mainLogPath: () => null, web: null };
  try {
    const first = await startControlServers(opts);
    await assert.rejects(startControlServers(opts), (err: Error) => err.message === ADDRESS_IN_USE_MESSAGE);
    assert.ok(existsSync(sock), 'the loser must not unlink the winner');
    await first.close();
    assert.equal(existsSync(sock), false);

    // a socket file nobody listens on: Node unlinks its own path on close, a hard link survives
    const stale = net.createServer();
    await new Promise<void>((r) => stale.listen(join(dir, 'orig.sock'), r));
    linkSync(join(dir, 'orig.sock'), sock);
    await new Promise((r) => stale.close(r));
    const second = await startControlServers(opts);
    const res = await rawRequest(sock, post(serializeMethodCall('supervisor.getPID', [])));
    assert.equal(res.status, 200);
    await second.close();
  } finally {
    cleanup();
  }
});

test('inet server: port in use gives Supervisor\'s message', async () => {
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const port = (blocker.address() as net.AddressInfo).port;
  try {
    const facade = standardFacade();
    await assert.rejects(
      startControlServers({
        servers: [{ kind: 'inet', section: 'inet_http_server', host: '127.0.0.1', port, username: null, password: null }],
        facade,
        log: new MemoryLogger(),
        mainLogPath: () => null,
        web: null,
      }),
      (err: Error) => err.message === ADDRESS_IN_USE_MESSAGE,
    );
  } finally {
    await new Promise((r) => blocker.close(r));
  }
});

test('inet server answers XML-RPC on 127.0.0.1', async () => {
  const facade = standardFacade();
  const servers = await startControlServers({
    servers: [{ kind: 'inet', section: 'inet_http_server', host: '127.0.0.1', port: 0, username: null, password: null }],
    facade,
    log: new MemoryLogger(),
    mainLogPath: () => null,
    web: null,
  });
  try {
    const port = (servers.servers[0].server.address() as net.AddressInfo).port;
    const res = await rawRequest({ host: '127.0.0.1', port }, post(serializeMethodCall('supervisor.getIdentification', [])));
    assert.deepEqual(parseMethodResponse(res.body), { kind: 'value', value: 'supervisor' });
  } finally {
    await servers.close();
  }
});

test('the web UI is mounted by default and extra routes sit behind auth', async () => {
  const { dir, cleanup } = tempDir('rpc-web-');
  const sock = join(dir, 'w.sock');
  const facade = standardFacade();
  const servers = await startControlServers({
    servers: [unixServer(sock, { username: 'u', password: 'p' })],
    facade,
    log: new MemoryLogger(),
    mainLogPath: () => null,
    extraRoutes: [{ prefix: '/metrics', handle: (_req, res) => void res.end('metrics here') }],
  });
  try {
    const auth = `Authorization: ${basic('u', 'p')}\r\n`;
    const page = await rawRequest(sock, `GET /index.html HTTP/1.1\r\nHost: x\r\n${auth}\r\n`);
    assert.equal(page.status, 200);
    assert.match(page.body, /web:a/);
    assert.equal((await rawRequest(sock, 'GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n')).status, 401);
    const metrics = await rawRequest(sock, `GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${auth}\r\n`);
    assert.match(metrics.body, /metrics here/);
  } finally {
    await servers.close();
    cleanup();
  }
});

test('bind errors: socket path too long, missing directory', async () => {
  const facade = standardFacade();
  const start = (file: string) =>
    startControlServers({ servers: [unixServer(file)], facade, log: new MemoryLogger(), mainLogPath: () => null, web: null });
  await assert.rejects(start(`/tmp/${'x'.repeat(110)}.sock`), {
    message: 'Cannot open an HTTP server: socket.error reported AF_UNIX path too long',
  });
  await assert.rejects(start('/nonexistent-dir-for-test/s.sock'), {
    message: 'Cannot open an HTTP server: socket.error reported errno.ENOENT (2)',
  });
});

test('close() lets in-flight answers finish, drops idle connections and log tails', async () => {
  const { dir, cleanup } = tempDir('rpc-close-');
  const sock = join(dir, 'c.sock');
  const facade = standardFacade();
  const cat = facade.process('cat');
  cat.stdoutLogPath = join(dir, 'cat.log');
  writeFileSync(cat.stdoutLogPath, 'x\n');
  cat.stopsOnItsOwn = false;
  const servers = await startControlServers({ servers: [unixServer(sock)], facade, log: new MemoryLogger(), mainLogPath: () => null, web: null });
  try {
    // an idle keep-alive connection
    const idle = net.connect(sock);
    await new Promise((r) => idle.once('connect', r));
    idle.write(post(serializeMethodCall('supervisor.getPID', [])));
    await new Promise((r) => idle.once('data', r));
    // a log tail
    const tail = http.get({ socketPath: sock, path: '/logtail/cat' });
    tail.on('error', () => {});
    await new Promise((r) => tail.once('response', r));
    // a deferred call
    const answer = rawRequest(sock, post(serializeMethodCall('supervisor.stopProcess', ['cat'])), 10_000);
    await until(() => cat.state === 40, 'cat to be stopping');

    const started = Date.now();
    let closed = false;
    const closing = servers.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(closed, false, 'close waits for the in-flight answer');
    cat.setState(0);
    const res = await answer;
    assert.equal(res.status, 200);
    assert.deepEqual(parseMethodResponse(res.body), { kind: 'value', value: true });
    await closing;
    assert.ok(Date.now() - started < 2000, 'close did not wait for the grace period');
    idle.destroy();
    tail.destroy();
  } finally {
    await servers.close();
    cleanup();
  }
});

test('socket chmod and chown are applied (chown needs root)', async (t) => {
  if (process.getuid?.() !== 0) return t.skip('not root');
  const { dir, cleanup } = tempDir('rpc-chown-');
  const sock = join(dir, 'o.sock');
  const servers = await startControlServers({
    servers: [{ ...unixServer(sock), chmod: 0o770, chown: { uid: 65534, gid: 65534 } }],
    facade: standardFacade(),
    log: new MemoryLogger(),
    mainLogPath: () => null,
    web: null,
  });
  try {
    const st = statSync(sock);
    assert.equal(st.mode & 0o777, 0o770);
    assert.equal(st.uid, 65534);
    assert.equal(st.gid, 65534);
  } finally {
    await servers.close();
    cleanup();
  }
});

test('mainlogtail streams the main log without the proxy header', async () => {
  await withServers(async ({ sock, dir, facade }) => {
    facade.mainLogPath = join(dir, 'main.log');
    writeFileSync(facade.mainLogPath, 'started\n');
    let received = '';
    let headers: http.IncomingHttpHeaders = {};
    const req = http.get({ socketPath: sock, path: '/mainlogtail' }, (res) => {
      headers = res.headers;
      res.setEncoding('utf8');
      res.on('data', (d: string) => (received += d));
    });
    req.on('error', () => {});
    try {
      await until(() => received === 'started\n', 'the main log');
      assert.equal(headers['x-accel-buffering'], undefined);
      assert.match(headers['last-modified'] ?? '', /GMT$/);
      appendFileSync(facade.mainLogPath, 'next\n');
      await until(() => received.endsWith('next\n'), 'appended main log');
    } finally {
      req.destroy();
    }
  });
});

test('inet: a host name binds its IPv4 address, like AF_INET', async () => {
  const servers = await startControlServers({
    servers: [{ kind: 'inet', section: 'inet_http_server', host: 'localhost', port: 0, username: null, password: null }],
    facade: standardFacade(),
    log: new MemoryLogger(),
    mainLogPath: () => null,
    web: null,
  });
  try {
    const address = servers.servers[0].server.address() as net.AddressInfo;
    assert.equal(address.family, 'IPv4');
    assert.equal(address.address, '127.0.0.1');
  } finally {
    await servers.close();
  }
});
