import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FcgiSocketError, FcgiSocketManager, FcgiSocketRegistry, parseFcgiSocketUrl,
} from '../../../src/process/fcgi-socket.js';
import type { FcgiSocketOptions, ProcessGroupConfig } from '../../../src/config/model.js';

// A FastCGI-ish child: accept() on fd 0 (blocking, as a real fcgi program does) and answer with its pid.
const CHILD = `
const net = require('node:net');
const server = net.createServer((c) => { c.end('pid:' + process.pid); });
server.listen({ fd: 0 });
`;

const opts = (socket: string, extra: Partial<FcgiSocketOptions> = {}): FcgiSocketOptions =>
  ({ socket, socketBacklog: null, socketOwner: null, socketMode: 0o700, ...extra });

function request(target: { path: string } | { port: number; host: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = createConnection(target);
    let data = '';
    sock.setEncoding('utf8');
    sock.on('data', (d) => { data += d; });
    sock.on('end', () => resolve(data));
    sock.on('error', reject);
    setTimeout(() => { sock.destroy(); reject(new Error('timeout')); }, 10_000).unref();
  });
}

function spawnChild(fd: number, children: ChildProcess[]): ChildProcess {
  const child = spawn(process.execPath, ['-e', CHILD], { stdio: [fd, 'inherit', 'inherit'] });
  children.push(child);
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

test('url parsing follows Supervisor', () => {
  assert.deepEqual(parseFcgiSocketUrl('tcp://LocalHost:9000'), { kind: 'tcp', host: 'localhost', port: 9000 });
  assert.deepEqual(parseFcgiSocketUrl('unix:///tmp/x.sock'), { kind: 'unix', path: '/tmp/x.sock' });
  assert.throws(() => parseFcgiSocketUrl('unix://rel.sock'), /Unix socket path rel.sock is not an absolute path/);
  assert.throws(() => parseFcgiSocketUrl('tcp://host'), /Bad socket format tcp:\/\/host/);
  assert.throws(() => parseFcgiSocketUrl('udp://h:1'), FcgiSocketError);
});

test('unix socket: mode applied, passed as fd 0, kept across a child restart', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fcgi-'));
  const path = join(dir, 'app.sock');
  writeFileSync(path, 'stale'); // a leftover file is replaced, as Supervisor does
  const children: ChildProcess[] = [];
  const manager = new FcgiSocketManager(opts(`unix://${path}`, { socketMode: 0o660 }));
  t.after(() => {
    for (const c of children) if (c.pid && c.exitCode === null) c.kill('SIGKILL');
    manager.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await manager.open();
  assert.equal(statSync(path).isSocket(), true);
  assert.equal(statSync(path).mode & 0o777, 0o660);

  const lease1 = manager.acquire();
  const first = spawnChild(lease1.fd, children);
  assert.equal(await request({ path }), `pid:${first.pid}`);
  assert.equal(manager.references, 1);

  first.kill('SIGTERM');
  await exited(first);
  lease1.release();
  lease1.release(); // idempotent
  assert.equal(manager.references, 0);
  assert.equal(manager.isOpen, true, 'kept open across the restart');

  // a client arriving while no child runs waits in the backlog instead of being refused
  const pending = request({ path });
  const lease2 = manager.acquire();
  assert.equal(lease2.fd, lease1.fd);
  const second = spawnChild(lease2.fd, children);
  assert.equal(await pending, `pid:${second.pid}`);
  second.kill('SIGTERM');
  await exited(second);
  lease2.release();
  assert.equal(manager.closeIfUnused(), true);
  assert.equal(manager.isOpen, false);
});

test('tcp socket: served by the child; closeIfUnused keeps it while referenced; re-created on acquire', async (t) => {
  const port = await freePort();
  const children: ChildProcess[] = [];
  const manager = new FcgiSocketManager(opts(`tcp://127.0.0.1:${port}`));
  t.after(() => {
    for (const c of children) if (c.pid && c.exitCode === null) c.kill('SIGKILL');
    manager.close();
  });
  await manager.open();
  const lease = manager.acquire();
  const child = spawnChild(lease.fd, children);
  assert.equal(await request({ host: '127.0.0.1', port }), `pid:${child.pid}`);
  assert.equal(manager.closeIfUnused(), false);
  child.kill('SIGTERM');
  await exited(child);
  lease.release();
  assert.equal(manager.closeIfUnused(), true);
  await assert.rejects(request({ host: '127.0.0.1', port }), /ECONNREFUSED/);
  const again = manager.acquire(); // synchronous re-creation after the first resolve
  const child2 = spawnChild(again.fd, children);
  assert.equal(await request({ host: '127.0.0.1', port }), `pid:${child2.pid}`);
  child2.kill('SIGTERM');
  await exited(child2);
  again.release();
});

test('bind failures name the url and the OS error like Python', async (t) => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  t.after(() => blocker.close());
  const port = (blocker.address() as { port: number }).port;
  const manager = new FcgiSocketManager(opts(`tcp://127.0.0.1:${port}`));
  await assert.rejects(manager.open(), (err: Error) => {
    assert.ok(err instanceof FcgiSocketError);
    assert.equal(err.message, `Could not create FastCGI socket tcp://127.0.0.1:${port}: [Errno 98] Address already in use`);
    return true;
  });
  assert.equal(manager.isOpen, false);

  const dir = mkdtempSync(join(tmpdir(), 'fcgi-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const missing = new FcgiSocketManager(opts(`unix://${dir}/no/such/dir.sock`));
  await assert.rejects(missing.open(),
    new RegExp(`^FcgiSocketError: Could not create FastCGI socket unix://${dir}/no/such/dir.sock: \\[Errno 2\\] No such file or directory$`));
});

test('registry: opens fcgi groups only, keeps an unchanged socket, replaces a changed one', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fcgi-'));
  const registry = new FcgiSocketRegistry();
  t.after(() => {
    registry.closeAll();
    rmSync(dir, { recursive: true, force: true });
  });
  const group = (name: string, socket?: string) => ({ name, fcgi: socket ? opts(socket) : undefined }) as ProcessGroupConfig;
  await registry.addGroup(group('plain'));
  assert.equal(registry.get('plain'), undefined);
  await registry.addGroup(group('web', `unix://${dir}/a.sock`));
  const first = registry.get('web')!;
  assert.equal(first.isOpen, true);
  await registry.addGroup(group('web', `unix://${dir}/a.sock`));
  assert.equal(registry.get('web'), first, 'unchanged url: same socket');
  await registry.addGroup(group('web', `unix://${dir}/b.sock`));
  assert.notEqual(registry.get('web'), first);
  assert.equal(first.isOpen, false);
  await assert.rejects(registry.addGroup(group('bad', `unix://${dir}/none/x.sock`)), FcgiSocketError);
  assert.equal(registry.get('bad'), undefined);
  registry.removeGroup('web');
  assert.equal(registry.get('web'), undefined);
});
