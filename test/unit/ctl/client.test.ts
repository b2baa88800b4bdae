// Unit tests: the XML-RPC client against a small fake server (unix socket and TCP).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RpcClient,
  RpcFaultError,
  RpcProtocolError,
  RpcConnectionError,
  UnknownProtocolError,
  openLogStream,
  parseServerUrl,
} from '../../../src/rpc/client.js';
import { serializeMethodResponse, serializeFault, parseMethodCall } from '../../../src/rpc/xmlrpc-codec.js';

interface Seen {
  method: string;
  auth: string | undefined;
  socket: net.Socket;
}

describe('RpcClient', () => {
  let dir: string;
  let server: http.Server;
  let socketPath: string;
  const seen: Seen[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ctl-client-'));
    socketPath = join(dir, 'rpc.sock');
    server = http.createServer((req, res) => {
      if (req.method === 'GET') {
        if (req.url === '/logtail/denied/stdout') {
          res.writeHead(401);
          res.end();
          return;
        }
        res.writeHead(200, { 'Transfer-Encoding': 'chunked' });
        res.write('first ');
        setTimeout(() => res.end('second'), 20);
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const { methodName, params } = parseMethodCall(Buffer.concat(chunks).toString('utf8'));
        seen.push({ method: methodName, auth: req.headers.authorization, socket: req.socket });
        let body: string;
        if (methodName === 'secret' && req.headers.authorization !== `Basic ${Buffer.from('u:p').toString('base64')}`) {
          res.writeHead(401, 'Unauthorized');
          res.end();
          return;
        }
        if (methodName === 'fail') body = serializeFault(10, 'BAD_NAME: foo');
        else body = serializeMethodResponse(params.length ? params : 'ok');
        res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
      });
    });
    server.keepAliveTimeout = 0;
    await new Promise<void>((r) => server.listen(socketPath, () => r()));
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const client = (username: string | null = null, password: string | null = null) =>
    new RpcClient({ serverurl: `unix://${socketPath}`, username, password });

  it('calls over a unix socket, reusing one connection', async () => {
    const c = client();
    try {
      assert.equal(await c.call('a.b'), 'ok');
      assert.deepEqual(await c.call('a.echo', 1, 'x', [true]), [1, 'x', [true]]);
      const last = seen.slice(-2);
      assert.equal(last[0].socket, last[1].socket, 'second call should reuse the keep-alive connection');
      assert.equal(last[0].auth, undefined);
    } finally {
      c.close();
    }
  });

  it('turns faults into RpcFaultError', async () => {
    const c = client();
    try {
      await assert.rejects(c.call('fail'), (err: unknown) => {
        assert.ok(err instanceof RpcFaultError);
        assert.equal(err.faultCode, 10);
        assert.equal(err.faultString, 'BAD_NAME: foo');
        assert.equal(err.message, "<Fault 10: 'BAD_NAME: foo'>");
        return true;
      });
    } finally {
      c.close();
    }
  });

  it('sends Basic auth only with both user and password; 401 becomes RpcProtocolError', async () => {
    const onlyUser = client('u', null);
    const both = client('u', 'p');
    try {
      await assert.rejects(onlyUser.call('secret'), (err: unknown) => {
        assert.ok(err instanceof RpcProtocolError);
        assert.equal(err.status, 401);
        assert.equal(err.message, '<ProtocolError for 127.0.0.1/RPC2: 401 Unauthorized>');
        return true;
      });
      assert.equal(await both.call('secret'), 'ok');
    } finally {
      onlyUser.close();
      both.close();
    }
  });

  it('maps missing sockets and refused ports to errno codes', async () => {
    const missing = new RpcClient({ serverurl: `unix://${join(dir, 'nope.sock')}`, username: null, password: null });
    await assert.rejects(missing.call('x'), (err: unknown) => err instanceof RpcConnectionError && err.code === 'ENOENT');
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const refused = new RpcClient({ serverurl: `http://127.0.0.1:${port}`, username: null, password: null });
    await assert.rejects(refused.call('x'), (err: unknown) => err instanceof RpcConnectionError && err.code === 'ECONNREFUSED');
  });

  it('rejects URLs that are neither http:// nor unix://', () => {
    assert.throws(() => parseServerUrl('localhost:9001'), UnknownProtocolError);
    assert.deepEqual(parseServerUrl('http://example:81'), { kind: 'inet', host: 'example', port: 81 });
    assert.deepEqual(parseServerUrl('http://example'), { kind: 'inet', host: 'example', port: 80 });
  });

  it('streams a log tail until the server ends it, and reports non-200 answers', async () => {
    const got: string[] = [];
    const errors: string[] = [];
    const sinks = { onData: (b: Buffer) => got.push(b.toString()), onError: (m: string) => errors.push(m) };
    const options = { serverurl: `unix://${socketPath}`, username: null, password: null };
    await openLogStream(options, '/logtail/p/stdout', sinks).done;
    assert.equal(got.join(''), 'first second');
    await openLogStream(options, '/logtail/denied/stdout', sinks).done;
    assert.deepEqual(errors, [`unix://${socketPath}/logtail/denied/stdout Cannot read, status code 401`]);
  });
});
