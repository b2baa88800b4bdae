// Unit tests: controller behaviour that needs a server — wait, auth retry, prompts, tail -f, fg.
import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { Controller } from '../../../src/ctl/controller.js';
import { commandTable } from '../../../src/ctl/commands/index.js';
import { parseWaitArgs } from '../../../src/ctl/commands/wait.js';
import type { CtlOptions } from '../../../src/ctl/options.js';
import { startFake, RecordingIO, Fault, info, type FakeSupervisord } from './fake-supervisord.js';

function options(url: string, extra: Partial<CtlOptions> = {}): CtlOptions {
  return { configFile: null, serverurl: url, username: null, password: null, prompt: 'supervisor', historyFile: null, interactive: false, args: [], ...extra };
}

let fake: FakeSupervisord | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe('wait', () => {
  it('parses its arguments', () => {
    assert.deepEqual(parseWaitArgs('--timeout 2.5 a g:*'), { timeoutSeconds: 2.5, names: ['a', 'g:*'] });
    assert.deepEqual(parseWaitArgs('--timeout=3 all'), { timeoutSeconds: 3, names: ['all'] });
    assert.equal(parseWaitArgs('--timeout x a'), 'Error: bad timeout value x');
    assert.equal(parseWaitArgs('--timeout'), 'Error: --timeout requires a number of seconds');
    assert.equal(parseWaitArgs('-q a'), 'Error: bad argument -q');
    assert.equal(parseWaitArgs(''), 'Error: wait requires a process name');
  });

  it('returns 0 once every named process is RUNNING', async () => {
    let polls = 0;
    fake = await startFake({
      'supervisor.getAllProcessInfo': () => {
        polls++;
        return [info('web', 'web', polls < 3 ? 'STARTING' : 'RUNNING'), info('g', 'g_0', 'RUNNING'), info('other', 'other', 'STOPPED')];
      },
    });
    const io = new RecordingIO();
    const ctl = new Controller(options(fake.url), io, commandTable);
    await ctl.onecmd('wait --timeout 10 web g:*');
    assert.equal(ctl.exitstatus, 0);
    assert.equal(io.out, '');
    assert.ok(polls >= 3);
  });

  it('exits 1 naming what is not RUNNING when the timeout passes', async () => {
    fake = await startFake({ 'supervisor.getAllProcessInfo': () => [info('a', 'a', 'RUNNING'), info('b', 'b', 'BACKOFF')] });
    const io = new RecordingIO();
    const ctl = new Controller(options(fake.url), io, commandTable);
    const started = Date.now();
    await ctl.onecmd('wait --timeout 0.3 all');
    assert.ok(Date.now() - started >= 300);
    assert.equal(ctl.exitstatus, 1);
    assert.match(io.out, /timed out after 0\.3 seconds/);
    assert.match(io.out, /^b {32}BACKOFF/m);
    assert.doesNotMatch(io.out, /^a /m);
  });

  it('exits 1 as soon as one goes FATAL, and for unknown names', async () => {
    fake = await startFake({ 'supervisor.getAllProcessInfo': () => [info('a', 'a', 'FATAL'), info('b', 'b', 'STARTING')] });
    const io = new RecordingIO();
    const ctl = new Controller(options(fake.url), io, commandTable);
    await ctl.onecmd('wait a b');
    assert.equal(ctl.exitstatus, 1);
    assert.equal(io.out, 'a: ERROR (FATAL)\n');
    const io2 = new RecordingIO();
    const ctl2 = new Controller(options(fake.url), io2, commandTable);
    await ctl2.onecmd('wait nosuch x:');
    assert.equal(ctl2.exitstatus, 1);
    assert.equal(io2.out, 'nosuch: ERROR (no such process)\nx: ERROR (no such group)\n');
  });

  it('keeps waiting while the server is not up, then reports it like the upcheck', async () => {
    const io = new RecordingIO();
    const ctl = new Controller(options('unix:///nonexistent/ctl-wait.sock'), io, commandTable);
    await ctl.onecmd('wait --timeout 0.2 a');
    assert.equal(io.out, 'unix:///nonexistent/ctl-wait.sock no such file\n');
    assert.equal(ctl.exitstatus, 7);
  });
});

describe('authentication', () => {
  it('non-interactive 401: message, then Supervisor reruns the command and reports the error', async () => {
    const sock = join(mkdtempSync(join(tmpdir(), 'ctl-401-')), 's.sock');
    let posts = 0;
    const server = http.createServer((req, res) => {
      posts++;
      req.resume();
      res.writeHead(401, 'Unauthorized', { 'Content-Length': '0' });
      res.end();
    });
    await new Promise<void>((r) => server.listen(sock, () => r()));
    try {
      const io = new RecordingIO();
      const ctl = new Controller(options(`unix://${sock}`), io, commandTable);
      await ctl.onecmd('status');
      assert.equal(ctl.exitstatus, 1);
      const lines = io.out.split('\n');
      assert.equal(lines[0], 'Server requires authentication');
      assert.match(lines[1], /^error: <class 'xmlrpc\.client\.ProtocolError'>, <ProtocolError for 127\.0\.0\.1\/RPC2: 401 Unauthorized>: file: .* line: \d+$/);
      assert.equal(posts, 2, 'the command runs twice, as in Supervisor');

      const shellIO = new RecordingIO(['bob', 'pw']);
      const shellCtl = new Controller(options(`unix://${sock}`, { interactive: true }), shellIO, commandTable);
      await shellCtl.onecmd('version');
      assert.deepEqual(shellIO.prompts.slice(0, 2), ['Username:', 'Password:']);
      assert.equal(shellCtl.options.username, 'bob');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      rmSync(dirname(sock), { recursive: true, force: true });
    }
  });
});

describe('prompts and streams', () => {
  it('shutdown asks in the shell and does nothing without a yes', async () => {
    fake = await startFake({ 'supervisor.shutdown': () => true });
    const io = new RecordingIO(['n', 'yes']);
    const ctl = new Controller(options(fake.url, { interactive: true }), io, commandTable);
    await ctl.onecmd('shutdown');
    assert.equal(io.out, '');
    assert.ok(!fake.calls.includes('supervisor.shutdown'));
    await ctl.onecmd('shutdown');
    assert.equal(io.out, 'Shut down\n');
    assert.deepEqual(io.prompts, ['Really shut the remote supervisord process down y/N? ', 'Really shut the remote supervisord process down y/N? ']);
  });

  it('tail -f streams until ^C, then prints an empty line', async () => {
    fake = await startFake({});
    fake.logtailChunks = ['hello ', 'world\n'];
    const io = new RecordingIO();
    const ctl = new Controller(options(fake.url), io, commandTable);
    const running = ctl.onecmd('tail -f web stderr');
    const deadline = Date.now() + 5000;
    while (!io.out.includes('world') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    io.interrupt();
    await running;
    assert.equal(io.out, '==> Press Ctrl-C to exit <==\nhello world\n\n');
    assert.ok(fake.calls.includes('GET /logtail/web/stderr'));
    assert.equal(ctl.exitstatus, 0);
  });

  it('fg forwards typed lines to stdin and stops when the process dies', async () => {
    let alive = true;
    const sent: string[] = [];
    fake = await startFake({
      'supervisor.getProcessInfo': () => info('cat', 'cat', alive ? 'RUNNING' : 'EXITED'),
      'supervisor.sendProcessStdin': (p) => {
        sent.push(String(p[1]));
        alive = sent.length < 2;
        return true;
      },
    });
    const io = new RecordingIO(['one', 'two', 'three']);
    const ctl = new Controller(options(fake.url), io, commandTable);
    await ctl.onecmd('fg cat');
    assert.deepEqual(sent, ['one\n', 'two\n']);
    assert.equal(io.out, '==> Press Ctrl-C to exit <==\nProcess got killed\nExiting foreground\n');
  });

  it('open switches servers and keeps the exit status', async () => {
    fake = await startFake({ 'supervisor.getAllProcessInfo': () => [info('a', 'a', 'STOPPED')] });
    const io = new RecordingIO();
    const ctl = new Controller(options('unix:///nonexistent.sock'), io, commandTable);
    await ctl.onecmd(`open ${fake.url}`);
    assert.equal(ctl.options.serverurl, fake.url);
    assert.match(io.out, /^a {32}STOPPED {3}$/m);
    assert.equal(ctl.exitstatus, 0);
  });
});
